// HttpServer: cpp-httplib around Api — /api/* answered by Api::Handle, every
// other path a static file of the web folder (the page and its npm packages).
//
// Contract:
// - Run() binds host:port (port 0 picks a free one), calls on_listening with
//   the bound port, then serves until Stop() (thread-safe) is called.
//   Returns false, with the reason in error(), when it cannot bind.
// - Binds loopback unless told otherwise; TCP_NODELAY on; request bodies over
//   max_body_bytes are refused (413) before they are read, chunked ones as soon
//   as they pass it; GET and other body-less methods sent with a body get 400
//   unread; request lines and
//   headers over 8 KB are refused (414/431 or a closed connection); a client
//   silent for read_timeout_seconds is disconnected. Paths outside the web
//   folder, however encoded, are never served.
// - API responses are JSON, never cached; static files get their MIME type.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

#include "serve/api.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace chancery::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web_dir;                     // served at /; empty = API only
  std::size_t max_body_bytes = 64u << 20;  // for POST /api/ingest
  std::size_t threads = 8;
  // A client that sends nothing for this long (mid-request, or idle between
  // keep-alive requests) is disconnected, freeing its worker thread.
  int read_timeout_seconds = 10;
};

class HttpServer {
 public:
  HttpServer(const Api& api, ServerOptions options);
  ~HttpServer();

  bool Run(const std::function<void(int port)>& on_listening);
  void Stop();
  const std::string& error() const { return error_; }

 private:
  // Api::Handle on the request with `body`, written into `response`.
  void Answer(const httplib::Request& request, const std::string& body, httplib::Response& response) const;

  const Api& api_;
  ServerOptions options_;
  std::unique_ptr<httplib::Server> server_;
  std::string error_;
};

}  // namespace chancery::serve
