#include "serve/http_server.h"

#include <httplib.h>

#include <filesystem>

namespace chancery::serve {
namespace {

// A JSON error answer after which the connection is closed, since the body
// the client may still be sending is never read.
void Refuse(httplib::Response& response, int status, const std::string& message) {
  response.status = status;
  response.set_header("Connection", "close");
  response.set_content(nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       "application/json; charset=utf-8");
}

bool IsBodyMethod(const std::string& method) { return method == "POST" || method == "PUT" || method == "DELETE"; }

}  // namespace

HttpServer::HttpServer(const Api& api, ServerOptions options)
    : api_(api), options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {}

HttpServer::~HttpServer() = default;

void HttpServer::Stop() { server_->stop(); }

void HttpServer::Answer(const httplib::Request& request, const std::string& body,
                        httplib::Response& response) const {
  ApiRequest api_request;
  api_request.method = request.method;
  api_request.path = request.path;
  for (const auto& [name, value] : request.params) api_request.params.emplace(name, value);  // first wins
  api_request.body = body;
  api_request.authorization = request.get_header_value("Authorization");
  ApiResponse api_response = api_.Handle(api_request);
  response.status = api_response.status;
  response.set_header("Cache-Control", "no-store");
  // Invalid UTF-8 from a client is replaced, never allowed to abort the dump.
  response.set_content(api_response.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                       "application/json; charset=utf-8");
}

bool HttpServer::Run(const std::function<void(int port)>& on_listening) {
  httplib::Server& server = *server_;
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(options_.max_body_bytes);
  server.set_read_timeout(options_.read_timeout_seconds, 0);
  server.set_write_timeout(10, 0);
  server.set_keep_alive_timeout(options_.read_timeout_seconds);
  server.set_keep_alive_max_count(1000);
  const std::size_t threads = options_.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});

  // Requests that may carry a body read it here, through a content reader,
  // rather than letting the library buffer it: a declared length over the
  // limit is refused before a byte is read, and a chunked body is cut off
  // (and refused) the moment it passes the limit, so no client makes the
  // server hold or drain more than max_body_bytes.
  auto handle_with_body = [this](const httplib::Request& request, httplib::Response& response,
                                 const httplib::ContentReader& content_reader) {
    const std::string too_large = "request body over " + std::to_string(options_.max_body_bytes) + " bytes";
    const std::string declared = request.get_header_value("Content-Length");
    if (!declared.empty()) {
      if (declared.find_first_not_of("0123456789") != std::string::npos || declared.size() > 18)
        return Refuse(response, 400, "bad Content-Length");
      if (std::stoull(declared) > options_.max_body_bytes)
        return Refuse(response, 413, too_large);
    }
    std::string body;
    bool too_big = false;
    content_reader([&](const char* data, std::size_t length) {
      if (body.size() + length > options_.max_body_bytes) {
        too_big = true;
        return false;
      }
      body.append(data, length);
      return true;
    });
    if (too_big) return Refuse(response, 413, too_large);
    Answer(request, body, response);
  };
  auto handle = [this](const httplib::Request& request, httplib::Response& response) {
    Answer(request, "", response);
  };
  // Only POST, PUT and DELETE under /api/ read their body, through the limit
  // above; the library would read any other request's body (a GET's, a POST
  // to a page) unbounded, so such bodies are refused before anything is read.
  server.set_pre_routing_handler([](const httplib::Request& request, httplib::Response& response) {
    if (IsBodyMethod(request.method) && request.path.rfind("/api/", 0) == 0)
      return httplib::Server::HandlerResponse::Unhandled;
    const std::string length = request.get_header_value("Content-Length");
    if ((length.empty() || length == "0") && !request.has_header("Transfer-Encoding"))
      return httplib::Server::HandlerResponse::Unhandled;
    Refuse(response, 400, request.method + " " + request.path.substr(0, 200) + " takes no request body");
    return httplib::Server::HandlerResponse::Handled;
  });
  server.Get(R"(/api/.*)", handle);
  server.Post(R"(/api/.*)", handle_with_body);
  server.Put(R"(/api/.*)", handle_with_body);
  server.Delete(R"(/api/.*)", handle_with_body);

  if (!options_.web_dir.empty()) {
    if (!std::filesystem::is_directory(options_.web_dir)) {
      error_ = options_.web_dir + ": web folder not found";
      return false;
    }
    server.set_mount_point("/", options_.web_dir);
    server.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
    server.set_file_extension_and_mimetype_mapping("json", "application/json");
  }
  server.set_error_handler([](const httplib::Request& request, httplib::Response& response) {
    if (!response.body.empty()) return;
    nlohmann::json body{{"error", response.status == 404 ? "not found: " + request.path.substr(0, 200)
                                                         : "HTTP " + std::to_string(response.status)}};
    response.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                         "application/json; charset=utf-8");
  });

  int port = options_.port;
  if (port == 0) {
    port = server.bind_to_any_port(options_.host);
    if (port < 0) {
      error_ = "cannot bind " + options_.host + " to a free port";
      return false;
    }
  } else if (!server.bind_to_port(options_.host, port)) {
    error_ = "cannot bind " + options_.host + ":" + std::to_string(port) + " (in use, or not an address here?)";
    return false;
  }
  if (on_listening) on_listening(port);
  return server.listen_after_bind();
}

}  // namespace chancery::serve
