// The HTTP server moves bytes between sockets and Api: JSON for /api/*,
// files for the page, and clear refusals for everything else.
#include "serve/http_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

namespace chancery::serve {
namespace {

const std::filesystem::path kData = CHANCERY_DATA_DIR;

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
    ServerOptions options;
    options.port = 0;
    options.web_dir = (dir_ / "web").string();
    options.max_body_bytes = 1024;
    server_ = std::make_unique<HttpServer>(*api_, options);
    std::promise<int> bound;
    thread_ = std::thread([this, &bound] {
      bool ok = server_->Run([&bound](int port) { bound.set_value(port); });
      if (!ok) bound.set_value(-1);
    });
    port_ = bound.get_future().get();
    ASSERT_GT(port_, 0) << server_->error();
  }
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

}  // namespace
}  // namespace chancery::serve
