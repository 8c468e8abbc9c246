// The JSON API over the seed articles, ingested for real: what a reader of the
// VOA story asks the page, answered without a network.
#include "serve/api.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "input/story_reader.h"
#include "pipeline/ingest.h"

namespace chancery::serve {
namespace {

const std::filesystem::path kData = CHANCERY_DATA_DIR;
const std::filesystem::path kSeeds = kData.parent_path() / "samples" / "seeds.jsonl";
constexpr const char* kToken = "test-token-0123456789";

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    db_ = new std::filesystem::path(std::filesystem::temp_directory_path() /
                                    ("chancery-api-test-" + std::to_string(::getpid()) + ".db"));
    std::filesystem::remove(*db_);
    PipelineOptions options;
    options.data_dir = kData;
    pipeline_ = new Pipeline(options);
    auto store = store::Store::Open(db_->string());
    input::StoryReader reader({kSeeds.string()}, input::ReadOptions{});
    Ingester ingester(*pipeline_, *store);
    while (auto story = reader.Next()) ingester.Ingest(*story);
    ASSERT_EQ(ingester.counts().inserted, 3);
  }
  static void TearDownTestSuite() {
    delete pipeline_;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_->string() + suffix);
    delete db_;
  }

  Api MakeApi(std::string token = "") {
    std::string db = db_->string();
    const Pipeline& pipeline = *pipeline_;
    return Api([db] { return store::Store::Open(db); }, RelationRules::Load(kData / "relations" / "relations.tsv"),
               Countries::Load(Countries::kDefaultFile, kData / "actors" / "states.tsv"), std::move(token), [&pipeline](store::Store& store, const std::string& body) {
                 std::istringstream stream(body);
                 input::StoryReader reader({"-"}, input::ReadOptions{}, stream);
                 Ingester ingester(pipeline, store);
                 while (auto story = reader.Next()) ingester.Ingest(*story);
                 if (ingester.counts().stories == 0) throw std::invalid_argument("no story in the body");
                 return Json{{"inserted", ingester.counts().inserted}, {"skipped", ingester.counts().skipped}};
               });
  }

  static ApiResponse Get(const Api& api, const std::string& path, std::map<std::string, std::string> params = {}) {
    ApiRequest request;
    request.path = path;
    request.params = std::move(params);
    return api.Handle(request);
  }

  static Pipeline* pipeline_;
  static std::filesystem::path* db_;
};
Pipeline* ApiTest::pipeline_ = nullptr;
std::filesystem::path* ApiTest::db_ = nullptr;

TEST_F(ApiTest, AfghanistansRelationsShowTheFourStatesThatAccreditedTalibanDiplomats) {
  Api api = MakeApi();
  ApiResponse response = Get(api, "/api/relations", {{"actor", "AFG"}});
  ASSERT_EQ(response.status, 200) << response.body.dump();
  EXPECT_EQ(response.body["name"], "Afghanistan");
  std::set<std::string> accredited, not_recognized;
  for (const Json& relation : response.body["relations"]) {
    if (relation["b"] != "AFG") continue;
    if (relation["kind"] == "accreditation" && relation["value"] == "accredited" && relation["status"] == "confirmed")
      accredited.insert(relation["a"].get<std::string>());
    if (relation["kind"] == "recognition" && relation["value"] == "not recognized")
      not_recognized.insert(relation["a"].get<std::string>());
  }
  EXPECT_EQ(accredited, (std::set<std::string>{"CHN", "PAK", "RUS", "TKM"}));
  for (const char* state : {"CHN", "PAK", "RUS", "TKM"}) EXPECT_TRUE(not_recognized.count(state)) << state;
  EXPECT_FALSE(accredited.count("QAT")) << "Qatar was only asked whether it had";
  for (const Json& relation : response.body["relations"])
    if (relation["a"] == "RUS") {
      EXPECT_EQ(relation["a_name"], "Russia") << "the dictionary's name, not ISO's";
    }
}

TEST_F(ApiTest, ARelationsEventsOpenOnTheSentenceWithActorAndVerbOffsets) {
  Api api = MakeApi();
  ApiResponse relations = Get(api, "/api/relations", {{"actor", "afg"}});
  const Json* russia = nullptr;
  for (const Json& relation : relations.body["relations"])
    if (relation["a"] == "RUS" && relation["kind"] == "accreditation") russia = &relation;
  ASSERT_NE(russia, nullptr);
  ASSERT_FALSE((*russia)["events"].empty());
  // Russia's accreditation rests on several sentences; one names Russia itself.
  ApiResponse event;
  std::string sentence;
  auto slice = [&](const Json& part) {
    return sentence.substr(part["begin"].get<std::size_t>(), part["end"].get<std::size_t>() - part["begin"].get<std::size_t>());
  };
  for (const Json& id : (*russia)["events"]) {
    event = Get(api, "/api/events/" + std::to_string(id.get<std::int64_t>()));
    ASSERT_EQ(event.status, 200);
    sentence = event.body["sentence"];
    if (slice(event.body["source"]) == "Russia") break;
  }
  EXPECT_EQ(slice(event.body["source"]), "Russia");
  EXPECT_EQ(slice(event.body["verb"]).substr(0, 8), "accredit");
  EXPECT_EQ(event.body["verb"]["text"], slice(event.body["verb"]));
  EXPECT_EQ(event.body["code"], "054");
  EXPECT_EQ(event.body["story_source"].get<std::string>().empty(), false);
}

TEST_F(ApiTest, EventsFilterByCountryCodeAndModeAndPage) {
  Api api = MakeApi();
  ApiResponse all = Get(api, "/api/events", {{"actor", "AFG"}, {"limit", "5"}});
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(all.body["events"].size(), 5u);
  EXPECT_GT(all.body["total"].get<int>(), 20);
  ApiResponse next = Get(api, "/api/events", {{"actor", "AFG"}, {"limit", "5"}, {"offset", "5"}});
  EXPECT_NE(next.body["events"][0]["id"], all.body["events"][0]["id"]);
  ApiResponse recognition = Get(api, "/api/events", {{"source", "RUS"}, {"target", "AFG"}, {"code", "054"}, {"mode", "fact"}});
  ASSERT_EQ(recognition.status, 200);
  ASSERT_FALSE(recognition.body["events"].empty());
  for (const Json& event : recognition.body["events"]) {
    EXPECT_EQ(event["source"]["country"], "RUS");
    EXPECT_EQ(event["target"]["country"], "AFG");
    EXPECT_EQ(event["mode"], "");
  }
  ApiResponse words = Get(api, "/api/events", {{"q", "Turkmenistan accredited"}});
  ASSERT_EQ(words.status, 200);
  EXPECT_FALSE(words.body["events"].empty());
}

TEST_F(ApiTest, BadParametersAre400AndNameTheParameter) {
  Api api = MakeApi();
  for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{
           {"limit", "-1"}, {"limit", "5000"}, {"offset", "x"}, {"from", "April"}, {"mode", "maybe"},
           {"code", "05'; DROP TABLE events"}, {"actor", "AFG OR 1=1"}}) {
    ApiResponse response = Get(api, "/api/events", {{name, value}});
    EXPECT_EQ(response.status, 400) << name << "=" << value;
    EXPECT_NE(response.body["error"].get<std::string>().find(name), std::string::npos) << response.body.dump();
  }
  EXPECT_EQ(Get(api, "/api/relations").status, 400);
  EXPECT_EQ(Get(api, "/api/dyads", {{"a", "AFG"}, {"b", "PAK"}, {"by", "century"}}).status, 400);
}

// Every filter of every endpoint, fed SQL: each answer is 400 (not a code or
// date) or 200 with nothing matched, never 500, and the store is unchanged.
// The store binds every value as a parameter; this checks it from outside.
TEST_F(ApiTest, SqlInjectionThroughEveryFilterIsDataNotSql) {
  Api api = MakeApi();
  const Json before = Get(api, "/api/stats").body;
  const std::vector<std::string> attacks = {
      "' OR '1'='1",          "AFG' OR 1=1 --",        "\"; DROP TABLE events; --", "') UNION SELECT * FROM stories --",
      "1; DELETE FROM stories", "%",                    "_",                           "AFG%",
      "\\",                   std::string("AFG\0' OR 1=1", 12),        "$1",                          "?",
      "' || (SELECT sqlite_version()) || '",           "AFG/*", "*/ OR 1=1", "\xff\xfe",  std::string(5000, '\'')};
  const std::vector<std::pair<std::string, std::vector<std::string>>> endpoints = {
      {"/api/events", {"actor", "source", "target", "code", "from", "to", "story", "mode", "q", "limit", "offset"}},
      {"/api/actors", {"q", "limit"}},
      {"/api/dyads", {"a", "b", "by"}},
      {"/api/network", {"actor", "level", "limit"}},
      {"/api/relations", {"actor"}},
      {"/api/search", {"q", "limit"}},
  };
  int answered = 0;
  for (const auto& [path, names] : endpoints) {
    for (const std::string& name : names) {
      for (const std::string& attack : attacks) {
        std::map<std::string, std::string> params{{name, attack}};
        if (path == "/api/dyads") params.insert({{"a", "AFG"}, {"b", "PAK"}});  // both needed; attack wins its slot
        if (path == "/api/relations" && name != "actor") params["actor"] = "AFG";
        ApiResponse response = Get(api, path, params);
        ASSERT_TRUE(response.status == 200 || response.status == 400)
            << path << " " << name << "=" << attack << " -> " << response.status << " " << response.body.dump();
        ++answered;
        if (response.status != 200 || name == "q" || name == "limit" || name == "offset") continue;
        // A filter that is not a code matches nothing: it was never read as SQL.
        if (path == "/api/events") EXPECT_EQ(response.body["total"], 0) << name << "=" << attack;
      }
    }
  }
  EXPECT_GT(answered, 300);
  EXPECT_EQ(Get(api, "/api/stats").body, before);
}

TEST_F(ApiTest, UnknownPathsAndIdsAre404) {
  Api api = MakeApi();
  EXPECT_EQ(Get(api, "/api/nothing").status, 404);
  EXPECT_EQ(Get(api, "/api/events/999999").status, 404);
  EXPECT_EQ(Get(api, "/api/events/abc").status, 404);
  EXPECT_EQ(Get(api, "/api/actors/ZZZZZ").status, 404);
}

TEST_F(ApiTest, HostileSearchWordsAreWordsNotSyntax) {
  Api api = MakeApi();
  for (const char* words : {"\"", "embass*", "AND OR NOT", "a:b", "(", "NEAR(", "'; --", "\xc3\xa9t\xc3\xa9"}) {
    ApiResponse response = Get(api, "/api/search", {{"q", words}});
    EXPECT_EQ(response.status, 200) << words << ": " << response.body.dump();
  }
  ApiResponse embassy = Get(api, "/api/search", {{"q", "embassy"}});
  ASSERT_FALSE(embassy.body.empty());
  EXPECT_NE(embassy.body[0]["snippet"].get<std::string>().find('['), std::string::npos);
}

TEST_F(ApiTest, DyadsActorsNetworkAndCountriesAnswerWhatThePageDraws) {
  Api api = MakeApi();
  ApiResponse dyad = Get(api, "/api/dyads", {{"a", "AFG"}, {"b", "PAK"}, {"by", "month"}});
  ASSERT_EQ(dyad.status, 200);
  ASSERT_FALSE(dyad.body["points"].empty());
  EXPECT_EQ(dyad.body["points"][0]["period"].get<std::string>().size(), 7u);  // "2022-02"
  ApiResponse network = Get(api, "/api/network", {{"actor", "AFG"}});
  ASSERT_EQ(network.status, 200);
  std::set<std::string> nodes;
  for (const Json& node : network.body["nodes"]) nodes.insert(node["id"].get<std::string>());
  EXPECT_TRUE(nodes.count("AFG") && nodes.count("RUS") && nodes.count("PAK"));
  EXPECT_FALSE(nodes.count("IGO")) << "organisations keep their own code";
  ApiResponse countries = Get(api, "/api/countries");
  ASSERT_EQ(countries.status, 200);
  EXPECT_GT(countries.body.size(), 240u);
  for (const Json& country : countries.body)
    if (country["code"] == "AFG") {
      EXPECT_EQ(country["numeric"], "004");
      EXPECT_GT(country["events"].get<int>(), 10);
    }
  ApiResponse profile = Get(api, "/api/actors/AFGGOV");
  ASSERT_EQ(profile.status, 200);
  EXPECT_FALSE(profile.body["partners"].empty());
  ApiResponse actors = Get(api, "/api/actors", {{"q", "Taliban"}});
  ASSERT_EQ(actors.status, 200);
  EXPECT_FALSE(actors.body.empty());
}

TEST_F(ApiTest, IngestNeedsTheTokenAndIsIdempotent) {
  std::string body;
  {
    std::ifstream seeds(kSeeds);
    std::getline(seeds, body);  // the first seed story, already stored
  }
  ApiRequest request;
  request.method = "POST";
  request.path = "/api/ingest";
  request.body = body;
  EXPECT_EQ(MakeApi().Handle(request).status, 403) << "read-only without a token";
  Api api = MakeApi(kToken);
  request.authorization = "Bearer wrong-token-0123456789";
  EXPECT_EQ(api.Handle(request).status, 401);
  request.authorization = std::string("Bearer ") + kToken;
  ApiResponse response = api.Handle(request);
  ASSERT_EQ(response.status, 200) << response.body.dump();
  EXPECT_EQ(response.body["skipped"], 1);
  EXPECT_EQ(response.body["inserted"], 0);
  request.body = "{\"id\": \"broken\", \"text\": ";
  EXPECT_EQ(api.Handle(request).status, 400);
  EXPECT_EQ(Get(api, "/api/stats").body["stories"], 3);
}

}  // namespace
}  // namespace chancery::serve

namespace chancery::serve {
namespace {

// Last in the file: it adds a story to the shared database.
TEST_F(ApiTest, CachedRelationsFollowANewIngest) {
  Api api = MakeApi(kToken);
  ApiResponse before = Get(api, "/api/relations", {{"actor", "HRV"}});
  ASSERT_EQ(before.status, 200);
  EXPECT_TRUE(before.body["relations"].empty());
  ApiRequest request;
  request.method = "POST";
  request.path = "/api/ingest";
  request.authorization = std::string("Bearer ") + kToken;
  request.body = R"({"id": "cache-1", "date": "2023-01-05", "text": "Serbia expelled two Croatian diplomats on Monday."})";
  ASSERT_EQ(api.Handle(request).status, 200);
  ApiResponse after = Get(api, "/api/relations", {{"actor", "HRV"}});
  ASSERT_EQ(after.body["relations"].size(), 1u) << after.body.dump();
  EXPECT_EQ(after.body["relations"][0]["kind"], "expulsion");
  EXPECT_EQ(after.body["relations"][0]["a"], "SRB");
}

}  // namespace
}  // namespace chancery::serve
