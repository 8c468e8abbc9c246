#include "serve/http_server.h"

#include <httplib.h>

#include <filesystem>

namespace chancery::serve {

HttpServer::HttpServer(const Api& api, ServerOptions options)
    : api_(api), options_(std::move(options)), server_(std::make_unique<httplib::Server>()) {}

HttpServer::~HttpServer() = default;

void HttpServer::Stop() { server_->stop(); }

bool HttpServer::Run(const std::function<void(int port)>& on_listening) {
  httplib::Server& server = *server_;
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(options_.max_body_bytes);
  server.set_read_timeout(10, 0);
  server.set_write_timeout(10, 0);
  server.set_keep_alive_max_count(1000);
  const std::size_t threads = options_.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_default_headers({{"X-Content-Type-Options", "nosniff"}, {"Referrer-Policy", "no-referrer"}});

  auto handle = [this](const httplib::Request& request, httplib::Response& response) {
    ApiRequest api_request;
    api_request.method = request.method;
    api_request.path = request.path;
    for (const auto& [name, value] : request.params) api_request.params.emplace(name, value);  // first wins
    api_request.body = request.body;
    api_request.authorization = request.get_header_value("Authorization");
    ApiResponse api_response = api_.Handle(api_request);
    response.status = api_response.status;
    response.set_header("Cache-Control", "no-store");
    // Invalid UTF-8 from a client is replaced, never allowed to abort the dump.
    response.set_content(api_response.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                         "application/json; charset=utf-8");
  };
  server.Get(R"(/api/.*)", handle);
  server.Post(R"(/api/.*)", handle);
  server.Put(R"(/api/.*)", handle);
  server.Delete(R"(/api/.*)", handle);

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
