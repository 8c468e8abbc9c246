// The HTTP server moves bytes between sockets and Api: JSON for /api/*,
// files for the page, and clear refusals for everything else.
#include "serve/http_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <mutex>
#include <thread>

namespace chancery::serve {
namespace {

const std::filesystem::path kData = CHANCERY_DATA_DIR;
using namespace std::chrono_literals;

// A TCP connection to the server driven byte by byte, for what a well-behaved
// client library would never send.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = fd_ >= 0 && ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
  }
  bool connected() const { return connected_; }
  // False once the server has closed (or reset) the connection.
  bool Send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t n = ::send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return false;
      sent += static_cast<std::size_t>(n);
    }
    return true;
  }
  // What the server sends until it closes the connection or `wait` passes;
  // `closed` says which. With `headers_only`, it returns as soon as a whole
  // status line and headers have come.
  std::string Receive(std::chrono::milliseconds wait, bool* closed = nullptr, bool headers_only = false) {
    std::string answer;
    const auto deadline = std::chrono::steady_clock::now() + wait;
    if (closed) *closed = false;
    while (std::chrono::steady_clock::now() < deadline) {
      timeval tv{0, 100 * 1000};
      ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      char buffer[4096];
      ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n > 0) {
        answer.append(buffer, static_cast<std::size_t>(n));
        if (headers_only && answer.find("\r\n\r\n") != std::string::npos) break;
      } else if (n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)) {
        if (closed) *closed = true;
        break;
      }
    }
    return answer;
  }

 private:
  int fd_;
  bool connected_ = false;
};

// The status of a raw HTTP answer ("HTTP/1.1 404 Not Found" -> 404), 0 if none.
int StatusOf(const std::string& answer) {
  if (answer.rfind("HTTP/1.", 0) != 0 || answer.size() < 12) return 0;
  return std::atoi(answer.c_str() + 9);
}

class HttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("chancery-http-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_ / "web");
    std::ofstream(dir_ / "web" / "index.html") << "<!doctype html><title>chancery</title>";
    std::string db = (dir_ / "events.db").string();
    store::Store::Open(db);  // creates the schema
    api_ = std::make_unique<Api>([db] { return store::Store::Open(db); },
                                 RelationRules::Load(kData / "relations" / "relations.tsv"), Countries::Load());
    std::ofstream(dir_ / "secret.txt") << "TOPSECRET";
    ServerOptions options;
    options.port = 0;
    options.web_dir = (dir_ / "web").string();
    options.max_body_bytes = 1024;
    Tune(options);
    server_ = std::make_unique<HttpServer>(*api_, options);
    std::promise<int> bound;
    thread_ = std::thread([this, &bound] {
      bool ok = server_->Run([&bound](int port) { bound.set_value(port); });
      if (!ok) bound.set_value(-1);
    });
    port_ = bound.get_future().get();
    ASSERT_GT(port_, 0) << server_->error();
  }
  virtual void Tune(ServerOptions& options) {}
  void TearDown() override {
    server_->Stop();
    thread_.join();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Api> api_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(HttpServerTest, ApiPathsAnswerJsonThatIsNeverCached) {
  httplib::Client client("127.0.0.1", port_);
  auto response = client.Get("/api/stats");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->get_header_value("Content-Type").rfind("application/json", 0), 0u);
  EXPECT_EQ(response->get_header_value("Cache-Control"), "no-store");
  EXPECT_EQ(nlohmann::json::parse(response->body)["stories"], 0);
}

TEST_F(HttpServerTest, QueryParametersReachTheApiAndItsErrorsKeepTheirStatus) {
  httplib::Client client("127.0.0.1", port_);
  auto response = client.Get("/api/events?limit=abc");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_NE(nlohmann::json::parse(response->body)["error"].get<std::string>().find("limit"), std::string::npos);
  response = client.Get("/api/no-such-thing");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
}

TEST_F(HttpServerTest, ThePageIsServedAndPathsOutsideTheWebFolderAreNot) {
  httplib::Client client("127.0.0.1", port_);
  auto page = client.Get("/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("chancery"), std::string::npos);
  auto escape = client.Get("/../events.db");
  ASSERT_TRUE(escape);
  EXPECT_NE(escape->status, 200);
  auto missing = client.Get("/missing.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(HttpServerTest, IngestIsRefusedOnAReadOnlyServerAndBigBodiesAreRefusedUnread) {
  httplib::Client client("127.0.0.1", port_);
  auto response = client.Post("/api/ingest", "{\"id\":\"x\",\"text\":\"Russia met China.\"}", "application/x-ndjson");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 403);
  auto big = client.Post("/api/ingest", std::string(4096, 'x'), "application/x-ndjson");
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
}

TEST_F(HttpServerTest, PathsOutsideTheWebFolderAreRefusedHoweverEncoded) {
  for (const std::string target :
       {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt", "/..%2Fsecret.txt",
        "/%2e%2e%2fsecret.txt", "/./../secret.txt", "/web/../../secret.txt", "/..\\secret.txt",
        "/%2e%2e%5csecret.txt", "/....//secret.txt", "/%252e%252e/secret.txt", "/.%2e/secret.txt",
        "//../secret.txt", "/../events.db", "/../../../../../../etc/passwd", "/%00/../secret.txt",
        "/index.html/../../secret.txt", "/api/../secret.txt", "/api/../../secret.txt"}) {
    RawConnection connection(port_);
    ASSERT_TRUE(connection.connected());
    ASSERT_TRUE(connection.Send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    const std::string answer = connection.Receive(3s);
    EXPECT_NE(StatusOf(answer), 200) << target << " -> " << answer.substr(0, 200);
    EXPECT_EQ(answer.find("TOPSECRET"), std::string::npos) << target;
    EXPECT_EQ(answer.find("SQLite format"), std::string::npos) << target;
    EXPECT_EQ(answer.find("root:"), std::string::npos) << target;
  }
  httplib::Client client("127.0.0.1", port_);
  auto page = client.Get("/index.html");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
}

TEST_F(HttpServerTest, OversizedRequestLinesHeadersAndBodiesAreRefusedAndTheServerGoesOn) {
  struct Case {
    std::string name, request;
  };
  const std::vector<Case> cases = {
      {"100 KB request line", "GET /api/events?q=" + std::string(100000, 'a') + " HTTP/1.1\r\nHost: x\r\n\r\n"},
      {"100 KB header", "GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(100000, 'b') + "\r\n\r\n"},
      {"10 GB declared body", "POST /api/ingest HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n\r\n"},
      {"chunked body over the limit", "POST /api/ingest HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                          std::string("1000\r\n") + std::string(4096, 'c') + "\r\n0\r\n\r\n"},
      {"chunked GET body over the limit", "GET /api/stats HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                              std::string("1000\r\n") + std::string(4096, 'g') + "\r\n0\r\n\r\n"},
      {"GET body over the limit", "GET /api/stats HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\n\r\n" + std::string(4096, 'h')},
      {"chunked POST to the page", "POST /index.html HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                       std::string("1000\r\n") + std::string(4096, 'p') + "\r\n0\r\n\r\n"},
      {"negative length", "POST /api/ingest HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"},
      {"garbage", std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03", 11) + std::string(3000, '\xff') + "\r\n\r\n"},
  };
  for (const Case& c : cases) {
    RawConnection connection(port_);
    ASSERT_TRUE(connection.connected());
    connection.Send(c.request);  // the server may close before reading it all
    const auto start = std::chrono::steady_clock::now();
    const std::string answer = connection.Receive(5s, nullptr, /*headers_only=*/true);
    const int status = StatusOf(answer);
    EXPECT_TRUE(status == 0 || (status >= 400 && status < 500)) << c.name << " -> " << answer.substr(0, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - start, 4s) << c.name << ": refused only after a timeout";
  }
  httplib::Client client("127.0.0.1", port_);
  auto response = client.Get("/api/stats");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

TEST(HttpServerIngest, BodiesWithinTheLimitArriveWholeWhetherDeclaredOrChunked) {
  const std::string db = (std::filesystem::temp_directory_path() /
                          ("chancery-http-ingest-" + std::to_string(::getpid()) + ".db")).string();
  store::Store::Open(db);
  std::vector<std::string> received;
  std::mutex received_mutex;
  Api api([db] { return store::Store::Open(db); }, RelationRules::Load(kData / "relations" / "relations.tsv"),
          Countries::Load(), "secret-token", [&](store::Store&, const std::string& body) {
            std::lock_guard<std::mutex> lock(received_mutex);
            received.push_back(body);
            return Json{{"bytes", body.size()}};
          });
  ServerOptions options;
  options.port = 0;
  options.max_body_bytes = 1024;
  HttpServer server(api, options);
  std::promise<int> bound;
  std::thread thread([&] {
    if (!server.Run([&](int port) { bound.set_value(port); })) bound.set_value(-1);
  });
  const int port = bound.get_future().get();
  ASSERT_GT(port, 0);
  const std::string body(1000, 'x');
  for (bool chunked : {false, true}) {
    RawConnection connection(port);
    std::string request = "POST /api/ingest HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer secret-token\r\n";
    if (chunked)
      request += "Transfer-Encoding: chunked\r\n\r\n1f4\r\n" + body.substr(0, 500) + "\r\n1f4\r\n" + body.substr(500) +
                 "\r\n0\r\n\r\n";
    else
      request += "Content-Length: 1000\r\n\r\n" + body;
    ASSERT_TRUE(connection.Send(request));
    const std::string answer = connection.Receive(3s, nullptr, /*headers_only=*/true);
    EXPECT_EQ(StatusOf(answer), 200) << (chunked ? "chunked: " : "declared: ") << answer.substr(0, 200);
  }
  server.Stop();
  thread.join();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db + suffix);
  EXPECT_EQ(received, (std::vector<std::string>{body, body}));
}

// Two workers and a one-second read timeout, so stalled clients are quick to show.
class SlowClientTest : public HttpServerTest {
  void Tune(ServerOptions& options) override {
    options.threads = 2;
    options.read_timeout_seconds = 1;
  }
};

TEST_F(SlowClientTest, StalledClientsAreDisconnectedAndOthersAreStillServed) {
  // Six clients (three times the workers) send half a request and then nothing.
  std::vector<std::unique_ptr<RawConnection>> stalled;
  for (int i = 0; i < 6; ++i) {
    stalled.push_back(std::make_unique<RawConnection>(port_));
    ASSERT_TRUE(stalled.back()->connected());
    ASSERT_TRUE(stalled.back()->Send("GET /api/stats HTTP/1.1\r\nHost: x\r\nX-Slow: "));
  }
  // Meanwhile a normal client is answered, once the timeouts free the workers.
  const auto start = std::chrono::steady_clock::now();
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(10, 0);
  auto response = client.Get("/api/stats");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  // Each stalled client holds a worker for at most about two read timeouts
  // (the wait for the request, then for the rest of its line): 6 / 2 x 2 s.
  EXPECT_LT(std::chrono::steady_clock::now() - start, 9s);
  // And every stalled client has been (or is soon) disconnected.
  for (auto& connection : stalled) {
    bool closed = false;
    connection->Receive(5s, &closed);
    EXPECT_TRUE(closed);
  }
}

TEST_F(SlowClientTest, IdleKeepAliveConnectionsAreClosed) {
  RawConnection connection(port_);
  ASSERT_TRUE(connection.connected());
  ASSERT_TRUE(connection.Send("GET /api/stats HTTP/1.1\r\nHost: x\r\n\r\n"));
  bool closed = false;
  const std::string answer = connection.Receive(5s, &closed);
  EXPECT_EQ(StatusOf(answer), 200);
  EXPECT_TRUE(closed) << "an idle keep-alive connection was kept open";
}

}  // namespace
}  // namespace chancery::serve
