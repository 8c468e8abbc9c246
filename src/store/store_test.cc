// Store specification. One parameterised suite runs against SQLite (always, a
// temporary file) and PostgreSQL (when CHANCERY_PG_URL names a server, e.g.
// under scripts/pg-test; each case gets its own schema). The same expected
// values for both backends are the "identical results" contract.
#include "store/store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "store/sql_common.h"

namespace chancery::store {
namespace {

namespace fs = std::filesystem;

// A fresh directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "chancery-store-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// A story with its sentences (split at ". ") and events built by naming words.
struct Doc {
  Story story;
  std::vector<Sentence> sentences;
  std::vector<Event> events;

  Doc(std::string id, std::string date, std::string text) {
    story.id = std::move(id);
    story.date = std::move(date);
    story.source = "VOA";
    story.url = "https://example.org/" + story.id;
    story.title = "Title of " + story.id;
    story.text = std::move(text);
    std::uint32_t begin = 0;
    for (std::size_t i = 0; i <= story.text.size(); ++i) {
      if (i == story.text.size() || (story.text[i] == ' ' && story.text[i - 1] == '.')) {
        Sentence s;
        s.index = static_cast<std::uint32_t>(sentences.size());
        s.begin = begin;
        s.end = static_cast<std::uint32_t>(i);
        sentences.push_back(s);
        begin = static_cast<std::uint32_t>(i + 1);
      }
    }
  }

  ActorRef Actor(std::uint32_t sentence, const std::string& words, std::string code,
                 std::string country, std::string agent, std::string name) const {
    ActorRef a;
    a.text = words;
    a.begin = static_cast<std::uint32_t>(story.text.find(words, sentences[sentence].begin));
    a.end = a.begin + static_cast<std::uint32_t>(words.size());
    a.code = std::move(code);
    a.country = std::move(country);
    a.agent = std::move(agent);
    a.name = std::move(name);
    return a;
  }

  Event& Add(std::uint32_t sentence, ActorRef source, const std::string& verb, ActorRef target,
             std::string code, double goldstein, int quad, std::string date) {
    Event e;
    e.story_id = story.id;
    e.story_date = story.date;
    e.sentence_index = sentence;
    e.sentence_begin = sentences[sentence].begin;
    e.sentence_end = sentences[sentence].end;
    e.verb_begin = static_cast<std::uint32_t>(story.text.find(verb, e.sentence_begin));
    e.verb_end = e.verb_begin + static_cast<std::uint32_t>(verb.size());
    e.source = std::move(source);
    e.target = std::move(target);
    e.code = std::move(code);
    e.label = "label " + e.code;
    e.goldstein = goldstein;
    e.quad_class = quad;
    e.plover_type = quad <= 2 ? "COOPERATE" : "ACCUSE";
    e.date = std::move(date);
    e.date_granularity = e.date.size() == 10 ? "day" : "month";
    e.confidence = 0.85;
    e.pattern = "* " + verb + " +";
    events.push_back(e);
    return events.back();
  }

  PutResult Put(Store& store) const { return store.PutStory(story, sentences, events); }
};

// Two stories, five events (ordered by date: E5, E2, E1, E3, E4):
//   E1 RUS -> AFGGOV 054 (2022-04-09)      E2 PAKGOV -> AFGGOV 111 (2022-04-08)
//   E3 CHN -> AFG 033 hypothetical (2022-04-09)
//   E4 AFGMIL -> PAKMIL 190 (2022-05-02)   E5 PAKGOV -> AFGGOV 1661 ("2022-04", said by Reuters)
Doc Voa() {
  Doc d("voa-1", "2022-04-09",
        "Russia accredited Taliban-appointed diplomats. Pakistan criticized the Taliban "
        "government on Friday. China may send aid to Afghanistan.");
  d.Add(0, d.Actor(0, "Russia", "RUS", "RUS", "", "Russia"), "accredited",
        d.Actor(0, "Taliban-appointed diplomats", "AFGGOV", "AFG", "GOV", "Taliban"), "054", 6.0,
        1, "2022-04-09");
  Event& e2 = d.Add(1, d.Actor(1, "Pakistan", "PAKGOV", "PAK", "GOV", "Pakistan government"),
                    "criticized", d.Actor(1, "Taliban government", "AFGGOV", "AFG", "GOV", "Taliban"),
                    "111", -2.0, 3, "2022-04-08");
  e2.date_granularity = "day";
  e2.date_text = "on Friday";
  Event& e3 = d.Add(2, d.Actor(2, "China", "CHN", "CHN", "", "China"), "send",
                    d.Actor(2, "Afghanistan", "AFG", "AFG", "", "Afghanistan"), "033", 5.2, 1,
                    "2022-04-09");
  e3.mode = "hypothetical";
  return d;
}

Doc Afp() {
  Doc d("afp-2", "2022-05-02",
        "Afghan forces clashed with Pakistani troops. Pakistan expelled the Afghan envoy last "
        "month, Reuters said.");
  d.Add(0, d.Actor(0, "Afghan forces", "AFGMIL", "AFG", "MIL", "Afghanistan military"), "clashed",
        d.Actor(0, "Pakistani troops", "PAKMIL", "PAK", "MIL", "Pakistan military"), "190", -10.0,
        4, "2022-05-02");
  Event& e5 = d.Add(1, d.Actor(1, "Pakistan", "PAKGOV", "PAK", "GOV", "Pakistan government"),
                    "expelled", d.Actor(1, "Afghan envoy", "AFGGOV", "AFG", "GOV", "Taliban"),
                    "1661", -5.0, 4, "2022-04");
  e5.date_text = "last month";
  e5.attributed_to = "Reuters";
  e5.attributed_code = "";
  e5.plover_mode = "expel";
  return d;
}

enum class Backend { kSqlite, kPostgres };
void PrintTo(Backend b, std::ostream* os) { *os << (b == Backend::kSqlite ? "sqlite" : "postgresql"); }

class StoreSpec : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kSqlite) {
      url_ = (dir_.path() / "events.db").string();
    } else {
      const char* pg = std::getenv("CHANCERY_PG_URL");
      if (!pg || !*pg) {
        GTEST_SKIP() << "CHANCERY_PG_URL is not set; run under scripts/pg-test for PostgreSQL";
      }
      // Each case in a schema of its own, so cases neither see nor clean up
      // each other's rows and ids start at 1 as in a fresh SQLite file.
      std::mt19937_64 rng(std::random_device{}());
      schema_ = "t" + std::to_string(getpid()) + "_" + std::to_string(rng() % 1000000000);
      pg_url_ = pg;
      pqxx::connection c(pg_url_);
      pqxx::nontransaction tx(c);
      tx.exec("CREATE SCHEMA " + schema_);
      url_ = pg_url_ + (pg_url_.find('?') == std::string::npos ? "?" : "&") +
             "options=-c%20search_path%3D" + schema_;
    }
    store_ = Store::Open(url_);
  }

  void TearDown() override {
    store_.reset();
    if (!schema_.empty()) {
      pqxx::connection c(pg_url_);
      pqxx::nontransaction tx(c);
      tx.exec("DROP SCHEMA " + schema_ + " CASCADE");
      if (!second_schema_.empty()) tx.exec("DROP SCHEMA " + second_schema_ + " CASCADE");
    }
  }

  // An empty second store of the same backend (another file, or another
  // schema), removed with the first.
  std::unique_ptr<Store> OpenSecondStore() {
    if (GetParam() == Backend::kSqlite) return Store::Open((dir_.path() / "second.db").string());
    second_schema_ = schema_ + "_second";
    {
      pqxx::connection c(pg_url_);
      pqxx::nontransaction tx(c);
      tx.exec("CREATE SCHEMA " + second_schema_);
    }
    return Store::Open(pg_url_ + (pg_url_.find('?') == std::string::npos ? "?" : "&") +
                       "options=-c%20search_path%3D" + second_schema_);
  }

  // Codes of the events a filter selects, in result order.
  std::vector<std::string> Codes(EventFilter f) {
    std::vector<std::string> out;
    for (const StoredEvent& e : store_->Events(f).events) out.push_back(e.event.code);
    return out;
  }

  void PutBoth() {
    ASSERT_EQ(Voa().Put(*store_), PutResult::kInserted);
    ASSERT_EQ(Afp().Put(*store_), PutResult::kInserted);
  }

  TempDir dir_;
  std::string url_, pg_url_, schema_, second_schema_;
  std::unique_ptr<Store> store_;
};

void ExpectSameActor(const ActorRef& got, const ActorRef& want) {
  EXPECT_EQ(got.text, want.text);
  EXPECT_EQ(got.begin, want.begin);
  EXPECT_EQ(got.end, want.end);
  EXPECT_EQ(got.code, want.code);
  EXPECT_EQ(got.country, want.country);
  EXPECT_EQ(got.agent, want.agent);
  EXPECT_EQ(got.name, want.name);
}

void ExpectSameEvent(const Event& got, const Event& want) {
  EXPECT_EQ(got.story_id, want.story_id);
  EXPECT_EQ(got.story_date, want.story_date);
  EXPECT_EQ(got.sentence_index, want.sentence_index);
  EXPECT_EQ(got.sentence_begin, want.sentence_begin);
  EXPECT_EQ(got.sentence_end, want.sentence_end);
  EXPECT_EQ(got.verb_begin, want.verb_begin);
  EXPECT_EQ(got.verb_end, want.verb_end);
  ExpectSameActor(got.source, want.source);
  ExpectSameActor(got.target, want.target);
  EXPECT_EQ(got.code, want.code);
  EXPECT_EQ(got.label, want.label);
  EXPECT_EQ(got.goldstein, want.goldstein);
  EXPECT_EQ(got.quad_class, want.quad_class);
  EXPECT_EQ(got.plover_type, want.plover_type);
  EXPECT_EQ(got.plover_mode, want.plover_mode);
  EXPECT_EQ(got.negated, want.negated);
  EXPECT_EQ(got.mode, want.mode);
  EXPECT_EQ(got.date, want.date);
  EXPECT_EQ(got.date_granularity, want.date_granularity);
  EXPECT_EQ(got.date_text, want.date_text);
  EXPECT_EQ(got.attributed_to, want.attributed_to);
  EXPECT_EQ(got.attributed_code, want.attributed_code);
  EXPECT_EQ(got.confidence, want.confidence);
  EXPECT_EQ(got.pattern, want.pattern);
}

TEST_P(StoreSpec, StoredEventsReadBackFieldForField) {
  Doc d = Voa();
  d.events[1].negated = true;
  d.events[1].mode = "negated";
  d.events[1].goldstein = -2.3000000000000003;  // doubles survive exactly
  d.events[1].confidence = 1.0 / 3.0;
  ASSERT_EQ(d.Put(*store_), PutResult::kInserted);
  EXPECT_EQ(store_->CountStories(), 1);
  EXPECT_EQ(store_->CountEvents(), 3);

  EventFilter all;
  all.story_id = d.story.id;
  EventPage page = store_->Events(all);
  ASSERT_EQ(page.total, 3);
  ASSERT_EQ(page.events.size(), 3u);
  // Ordered by date: E2 (04-08), then E1 and E3 (04-09) by sentence.
  const Event* want[] = {&d.events[1], &d.events[0], &d.events[2]};
  for (std::size_t i = 0; i < 3; ++i) {
    const StoredEvent& got = page.events[i];
    SCOPED_TRACE(got.event.code);
    ExpectSameEvent(got.event, *want[i]);
    const Sentence& s = d.sentences[want[i]->sentence_index];
    EXPECT_EQ(got.sentence, d.story.text.substr(s.begin, s.end - s.begin));
    EXPECT_EQ(got.sentence.substr(got.event.source.begin - got.event.sentence_begin,
                                  got.event.source.end - got.event.source.begin),
              got.event.source.text);
    EXPECT_EQ(got.story_title, d.story.title);
    EXPECT_EQ(got.story_url, d.story.url);
    EXPECT_EQ(got.story_source, d.story.source);

    std::optional<StoredEvent> by_id = store_->EventById(got.id);
    ASSERT_TRUE(by_id.has_value());
    EXPECT_EQ(by_id->id, got.id);
    ExpectSameEvent(by_id->event, got.event);
    EXPECT_EQ(by_id->sentence, got.sentence);
  }
  EXPECT_FALSE(store_->EventById(999999).has_value());

  std::vector<StoryInfo> stories = store_->Stories(10, 0);
  ASSERT_EQ(stories.size(), 1u);
  EXPECT_EQ(stories[0].id, "voa-1");
  EXPECT_EQ(stories[0].date, "2022-04-09");
  EXPECT_EQ(stories[0].source, "VOA");
  EXPECT_EQ(stories[0].url, d.story.url);
  EXPECT_EQ(stories[0].title, d.story.title);
  EXPECT_EQ(stories[0].hash, StoryHash(d.story));
  EXPECT_EQ(stories[0].sentences, 3);
  EXPECT_EQ(stories[0].events, 3);
}

TEST_P(StoreSpec, PuttingTheSameStoryAgainIsSkippedAndChangesNothing) {
  Doc d = Voa();
  EXPECT_FALSE(store_->HasStoryHash(StoryHash(d.story)));
  ASSERT_EQ(d.Put(*store_), PutResult::kInserted);
  EXPECT_TRUE(store_->HasStoryHash(StoryHash(d.story)));
  std::vector<std::int64_t> ids;
  for (const StoredEvent& e : store_->Events({}).events) ids.push_back(e.id);

  EXPECT_EQ(d.Put(*store_), PutResult::kSkipped);
  EXPECT_EQ(store_->CountStories(), 1);
  EXPECT_EQ(store_->CountEvents(), 3);
  std::vector<std::int64_t> again;
  for (const StoredEvent& e : store_->Events({}).events) again.push_back(e.id);
  EXPECT_EQ(again, ids);
}

TEST_P(StoreSpec, ChangedTextUnderTheSameIdReplacesTheStory) {
  Doc d = Voa();
  ASSERT_EQ(d.Put(*store_), PutResult::kInserted);
  std::vector<std::int64_t> old_ids;
  for (const StoredEvent& e : store_->Events({}).events) old_ids.push_back(e.id);
  std::string old_hash = StoryHash(d.story);

  Doc changed = Voa();
  changed.story.text += " Iran said nothing.";
  changed.sentences.push_back({3, static_cast<std::uint32_t>(d.story.text.size() + 1),
                               static_cast<std::uint32_t>(changed.story.text.size()), {}});
  changed.events.pop_back();
  EXPECT_EQ(changed.Put(*store_), PutResult::kReplaced);
  EXPECT_EQ(store_->CountStories(), 1);
  EXPECT_EQ(store_->CountEvents(), 2);
  EXPECT_FALSE(store_->HasStoryHash(old_hash));
  for (std::int64_t id : old_ids) EXPECT_FALSE(store_->EventById(id).has_value()) << id;
  // The old sentences left the full-text index with the old rows.
  EventFilter china;
  china.text = "China";
  EXPECT_EQ(store_->Events(china).total, 0);
  EXPECT_EQ(store_->SearchSentences("Iran", 10).size(), 1u);
  EXPECT_EQ(store_->Stories(10, 0).at(0).events, 2);
}

TEST_P(StoreSpec, GetStoryReturnsTheStoryAsItWasPut) {
  Doc d = Voa();
  // Events in an order that is neither by date nor by sentence: GetStory keeps
  // the order they were put in.
  std::swap(d.events[0], d.events[2]);
  d.events[1].goldstein = -2.3000000000000003;  // doubles survive exactly
  d.events[1].confidence = 1.0 / 3.0;
  ASSERT_EQ(d.Put(*store_), PutResult::kInserted);

  std::optional<StoredStory> got = store_->GetStory("voa-1");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->story.id, d.story.id);
  EXPECT_EQ(got->story.date, d.story.date);
  EXPECT_EQ(got->story.source, d.story.source);
  EXPECT_EQ(got->story.url, d.story.url);
  EXPECT_EQ(got->story.title, d.story.title);
  EXPECT_EQ(got->story.text, d.story.text);
  EXPECT_EQ(StoryHash(got->story), StoryHash(d.story));
  ASSERT_EQ(got->sentences.size(), d.sentences.size());
  for (std::size_t i = 0; i < d.sentences.size(); ++i) {
    EXPECT_EQ(got->sentences[i].index, d.sentences[i].index);
    EXPECT_EQ(got->sentences[i].begin, d.sentences[i].begin);
    EXPECT_EQ(got->sentences[i].end, d.sentences[i].end);
  }
  ASSERT_EQ(got->events.size(), d.events.size());
  for (std::size_t i = 0; i < d.events.size(); ++i) {
    SCOPED_TRACE(d.events[i].code);
    ExpectSameEvent(got->events[i], d.events[i]);
  }

  EXPECT_FALSE(store_->GetStory("no-such-story").has_value());
}

TEST_P(StoreSpec, GetStoryAfterAReplaceReturnsOnlyTheNewVersion) {
  ASSERT_EQ(Voa().Put(*store_), PutResult::kInserted);
  Doc changed = Voa();
  changed.story.title = "A new title";
  changed.events.pop_back();
  ASSERT_EQ(changed.Put(*store_), PutResult::kReplaced);
  std::optional<StoredStory> got = store_->GetStory("voa-1");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->story.title, "A new title");
  EXPECT_EQ(got->events.size(), 2u);
  EXPECT_EQ(got->sentences.size(), 3u);
}

// What `chancery merge` relies on: every story read back and put into another
// store gives that store the same stories, sentences and events.
TEST_P(StoreSpec, AStoryReadBackAndPutIntoASecondStoreIsTheSameStory) {
  PutBoth();
  std::unique_ptr<Store> second = OpenSecondStore();
  for (const StoryInfo& info : store_->Stories(1000, 0)) {
    std::optional<StoredStory> s = store_->GetStory(info.id);
    ASSERT_TRUE(s.has_value()) << info.id;
    EXPECT_EQ(second->PutStory(s->story, s->sentences, s->events), PutResult::kInserted);
    // Same hash, so putting it again changes nothing: merging is idempotent.
    EXPECT_EQ(second->PutStory(s->story, s->sentences, s->events), PutResult::kSkipped);
    EXPECT_TRUE(second->HasStoryHash(info.hash));
  }

  std::vector<StoryInfo> want_stories = store_->Stories(1000, 0), got_stories = second->Stories(1000, 0);
  ASSERT_EQ(got_stories.size(), want_stories.size());
  for (std::size_t i = 0; i < want_stories.size(); ++i) {
    EXPECT_EQ(got_stories[i].id, want_stories[i].id);
    EXPECT_EQ(got_stories[i].hash, want_stories[i].hash);
    EXPECT_EQ(got_stories[i].sentences, want_stories[i].sentences);
    EXPECT_EQ(got_stories[i].events, want_stories[i].events);
  }
  EventPage want = store_->Events({}), got = second->Events({});
  ASSERT_EQ(got.total, want.total);
  ASSERT_EQ(got.events.size(), want.events.size());
  for (std::size_t i = 0; i < want.events.size(); ++i) {
    SCOPED_TRACE(want.events[i].event.code);
    ExpectSameEvent(got.events[i].event, want.events[i].event);
    EXPECT_EQ(got.events[i].sentence, want.events[i].sentence);
    EXPECT_EQ(got.events[i].story_title, want.events[i].story_title);
    EXPECT_EQ(got.events[i].story_url, want.events[i].story_url);
    EXPECT_EQ(got.events[i].story_source, want.events[i].story_source);
  }
  // The sentences reached the full-text index and the parties index too.
  EXPECT_EQ(second->SearchSentences("Taliban", 10).size(), store_->SearchSentences("Taliban", 10).size());
  EventFilter pak;
  pak.actor = "PAK";
  EXPECT_EQ(second->Events(pak).total, 3);
}

TEST_P(StoreSpec, ActorFiltersMatchACodeOrACountry) {
  PutBoth();
  EventFilter f;
  f.actor = "AFG";
  EXPECT_EQ(store_->Events(f).total, 5);
  f.actor = "PAK";
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"1661", "111", "190"}));
  f.actor = "PAKGOV";
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"1661", "111"}));
  f.actor = "pakgov";  // codes are upper case whatever the caller typed
  EXPECT_EQ(store_->Events(f).total, 2);

  EventFilter s;
  s.source = "PAK";
  EXPECT_EQ(Codes(s), (std::vector<std::string>{"1661", "111"}));
  EventFilter t;
  t.target = "AFG";
  EXPECT_EQ(Codes(t), (std::vector<std::string>{"1661", "111", "054", "033"}));
  t.target = "AFGGOV";
  EXPECT_EQ(Codes(t), (std::vector<std::string>{"1661", "111", "054"}));
  t.source = "RUS";
  EXPECT_EQ(Codes(t), (std::vector<std::string>{"054"}));
}

TEST_P(StoreSpec, CodeFilterIsAPrefix) {
  PutBoth();
  EventFilter f;
  f.code = "05";
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"054"}));
  f.code = "1";
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"1661", "111", "190"}));
  f.code = "166";
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"1661"}));
  f.code = "1661";
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"1661"}));
  f.code = "16610";
  EXPECT_TRUE(Codes(f).empty());
}

TEST_P(StoreSpec, DateFiltersAreInclusivePrefixes) {
  PutBoth();
  EventFilter day;
  day.date_from = "2022-04-09";
  day.date_to = "2022-04-09";
  EXPECT_EQ(Codes(day), (std::vector<std::string>{"054", "033"}));
  EventFilter april;
  april.date_to = "2022-04";  // the whole month, and the month-only date
  EXPECT_EQ(Codes(april), (std::vector<std::string>{"1661", "111", "054", "033"}));
  april.date_from = "2022-04";
  EXPECT_EQ(store_->Events(april).total, 4);
  EventFilter may;
  may.date_from = "2022-05";
  EXPECT_EQ(Codes(may), (std::vector<std::string>{"190"}));
  EventFilter year;
  year.date_from = "2022";
  year.date_to = "2022";
  EXPECT_EQ(store_->Events(year).total, 5);
  year.date_to = "2021";
  EXPECT_EQ(store_->Events(year).total, 0);
}

TEST_P(StoreSpec, ModeFactMeansNarratedOnly) {
  PutBoth();
  EventFilter f;
  f.mode = "fact";
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"1661", "111", "054", "190"}));
  f.mode = "hypothetical";
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"033"}));
  f.mode = "future";
  EXPECT_TRUE(Codes(f).empty());
  EventFilter story;
  story.story_id = "afp-2";
  EXPECT_EQ(Codes(story), (std::vector<std::string>{"1661", "190"}));
}

TEST_P(StoreSpec, TextFilterSearchesTheSentenceWords) {
  PutBoth();
  EventFilter f;
  f.text = "taliban";
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"111", "054"}));
  f.text = "Pakistan EXPELLED";  // every word, any case
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"1661"}));
  f.text = "Pakistan kabul";
  EXPECT_TRUE(Codes(f).empty());
  f.text = "pakistan";
  f.source = "PAK";
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"1661", "111"}));
}

TEST_P(StoreSpec, PagingKeepsTheTotalAndTheOrder) {
  PutBoth();
  EventFilter f;
  EXPECT_EQ(Codes(f), (std::vector<std::string>{"1661", "111", "054", "033", "190"}));
  f.limit = 2;
  EventPage first = store_->Events(f);
  EXPECT_EQ(first.total, 5);
  ASSERT_EQ(first.events.size(), 2u);
  EXPECT_EQ(first.events[1].event.code, "111");
  f.offset = 4;
  EventPage last = store_->Events(f);
  EXPECT_EQ(last.total, 5);
  ASSERT_EQ(last.events.size(), 1u);
  EXPECT_EQ(last.events[0].event.code, "190");
  f.offset = 10;
  EXPECT_TRUE(store_->Events(f).events.empty());
  f.offset = 0;
  f.limit = 0;
  EXPECT_EQ(store_->Events(f).total, 5);
  EXPECT_TRUE(store_->Events(f).events.empty());
  f.limit = 100000;  // capped, not refused
  EXPECT_EQ(store_->Events(f).events.size(), 5u);
}

TEST_P(StoreSpec, ActorsAreListedMostEventsFirst) {
  PutBoth();
  std::vector<ActorSummary> all = store_->Actors("", 50);
  std::vector<std::string> codes;
  for (const ActorSummary& a : all) codes.push_back(a.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"AFGGOV", "PAKGOV", "AFG", "AFGMIL", "CHN", "PAKMIL",
                                             "RUS"}));
  const ActorSummary& taliban = all[0];
  EXPECT_EQ(taliban.name, "Taliban");
  EXPECT_EQ(taliban.country, "AFG");
  EXPECT_EQ(taliban.agent, "GOV");
  EXPECT_EQ(taliban.as_source, 0);
  EXPECT_EQ(taliban.as_target, 3);
  EXPECT_EQ(taliban.first_date, "2022-04");
  EXPECT_EQ(taliban.last_date, "2022-04-09");
  EXPECT_EQ(all[1].as_source, 2);

  std::vector<ActorSummary> pak = store_->Actors("pak", 50);  // code prefix, any case
  ASSERT_EQ(pak.size(), 2u);
  EXPECT_EQ(pak[0].code, "PAKGOV");
  EXPECT_EQ(pak[1].code, "PAKMIL");
  std::vector<ActorSummary> named = store_->Actors("TALI", 50);  // name substring
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0].code, "AFGGOV");
  EXPECT_EQ(store_->Actors("", 2).size(), 2u);
}

TEST_P(StoreSpec, ProfileOfACountryCoversAllItsActors) {
  PutBoth();
  std::optional<ActorProfile> p = store_->Profile("AFG");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->actor.code, "AFG");
  EXPECT_EQ(p->actor.name, "Afghanistan");
  EXPECT_EQ(p->actor.as_source, 1);
  EXPECT_EQ(p->actor.as_target, 4);
  EXPECT_EQ(p->actor.first_date, "2022-04");
  EXPECT_EQ(p->actor.last_date, "2022-05-02");
  ASSERT_EQ(p->roots_as_source.size(), 1u);
  EXPECT_EQ(p->roots_as_source[0].key, "19");
  ASSERT_EQ(p->roots_as_target.size(), 4u);
  EXPECT_EQ(p->roots_as_target[0].key, "03");  // ties by key
  std::vector<std::string> partners;
  for (const CountByKey& c : p->partners) partners.push_back(c.key + "=" + std::to_string(c.events));
  EXPECT_EQ(partners, (std::vector<std::string>{"PAKGOV=2", "CHN=1", "PAKMIL=1", "RUS=1"}));
  EXPECT_EQ(p->partners[0].label, "Pakistan government");
  ASSERT_EQ(p->timeline.size(), 2u);
  EXPECT_EQ(p->timeline[0].period, "2022-04");
  EXPECT_EQ(p->timeline[0].events, 4);
  EXPECT_EQ(p->timeline[1].period, "2022-05");

  std::optional<ActorProfile> gov = store_->Profile("PAKGOV");
  ASSERT_TRUE(gov.has_value());
  EXPECT_EQ(gov->actor.name, "Pakistan government");
  EXPECT_EQ(gov->actor.as_source, 2);
  EXPECT_FALSE(store_->Profile("XYZ").has_value());
}

TEST_P(StoreSpec, DyadTimelineGroupsByDayWeekAndMonth) {
  PutBoth();
  auto periods = [&](const std::string& by) {
    std::vector<std::string> out;
    for (const TimelinePoint& p : store_->DyadTimeline("PAK", "AFG", by)) {
      out.push_back(p.period + "=" + std::to_string(p.events));
    }
    return out;
  };
  // A month-only date cannot be placed in a day or week: it keeps its month.
  EXPECT_EQ(periods("day"),
            (std::vector<std::string>{"2022-04=1", "2022-04-08=1", "2022-05-02=1"}));
  EXPECT_EQ(periods("week"), (std::vector<std::string>{"2022-04=1", "2022-W14=1", "2022-W18=1"}));
  EXPECT_EQ(periods("month"), (std::vector<std::string>{"2022-04=2", "2022-05=1"}));

  std::vector<TimelinePoint> month = store_->DyadTimeline("AFG", "PAK", "month");
  ASSERT_EQ(month.size(), 2u);
  EXPECT_DOUBLE_EQ(month[0].mean_goldstein, -3.5);
  EXPECT_EQ(month[0].verbal_conflict, 1);
  EXPECT_EQ(month[0].material_conflict, 1);
  EXPECT_EQ(month[0].verbal_cooperation, 0);
  EXPECT_EQ(month[1].material_conflict, 1);
  EXPECT_TRUE(store_->DyadTimeline("RUS", "CHN", "day").empty());
  EXPECT_EQ(store_->DyadTimeline("RUS", "AFGGOV", "day").size(), 1u);
}

TEST(IsoWeek, WeeksBelongToTheYearOfTheirThursday) {
  EXPECT_EQ(internal::IsoWeek("2022-04-09"), "2022-W14");
  EXPECT_EQ(internal::IsoWeek("2022-04-04"), "2022-W14");
  EXPECT_EQ(internal::IsoWeek("2022-04-11"), "2022-W15");
  EXPECT_EQ(internal::IsoWeek("2021-01-03"), "2020-W53");
  EXPECT_EQ(internal::IsoWeek("2024-12-30"), "2025-W01");
  EXPECT_EQ(internal::IsoWeek("2026-12-31"), "2026-W53");
  EXPECT_EQ(internal::IsoWeek("2022-04"), "");
}

TEST_P(StoreSpec, DyadsByActorAndByCountry) {
  PutBoth();
  auto pairs = [&](const std::string& actor, bool by_country) {
    std::vector<std::string> out;
    for (const DyadSummary& d : store_->Dyads(actor, by_country, 100)) {
      out.push_back(d.source + ">" + d.target + "=" + std::to_string(d.events));
    }
    return out;
  };
  EXPECT_EQ(pairs("", false), (std::vector<std::string>{"PAKGOV>AFGGOV=2", "AFGMIL>PAKMIL=1",
                                                        "CHN>AFG=1", "RUS>AFGGOV=1"}));
  EXPECT_EQ(pairs("", true), (std::vector<std::string>{"PAK>AFG=2", "AFG>PAK=1", "CHN>AFG=1",
                                                       "RUS>AFG=1"}));
  EXPECT_EQ(pairs("PAK", true), (std::vector<std::string>{"PAK>AFG=2", "AFG>PAK=1"}));
  EXPECT_EQ(pairs("RUS", false), (std::vector<std::string>{"RUS>AFGGOV=1"}));

  std::vector<DyadSummary> top = store_->Dyads("", false, 1);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0].source_name, "Pakistan government");
  EXPECT_EQ(top[0].target_name, "Taliban");
  EXPECT_DOUBLE_EQ(top[0].mean_goldstein, -3.5);
  EXPECT_EQ(top[0].cooperation, 0);
  EXPECT_EQ(top[0].conflict, 2);
  EXPECT_EQ(top[0].last_date, "2022-04-08");
  // A country group is named by the country's own entry when one was coded.
  std::vector<DyadSummary> china = store_->Dyads("CHN", true, 10);
  ASSERT_EQ(china.size(), 1u);
  EXPECT_EQ(china[0].target_name, "Afghanistan");
  EXPECT_EQ(china[0].cooperation, 1);
}

TEST_P(StoreSpec, SearchSentencesMarksTheMatches) {
  PutBoth();
  // Whole words, no stemming: "Pakistani" is not "pakistan".
  std::vector<SentenceHit> hits = store_->SearchSentences("pakistan", 10);
  ASSERT_EQ(hits.size(), 2u);
  // Newest story first, then by sentence.
  EXPECT_EQ(hits[0].story_id, "afp-2");
  EXPECT_EQ(hits[0].sentence_index, 1u);
  EXPECT_EQ(hits[0].text, "Pakistan expelled the Afghan envoy last month, Reuters said.");
  EXPECT_EQ(hits[0].snippet, "[Pakistan] expelled the Afghan envoy last month, Reuters said.");
  EXPECT_EQ(hits[0].events, 1);
  EXPECT_EQ(hits[1].story_id, "voa-1");
  EXPECT_EQ(hits[1].sentence_index, 1u);
  EXPECT_EQ(hits[1].snippet, "[Pakistan] criticized the Taliban government on Friday.");
  EXPECT_EQ(store_->SearchSentences("Pakistani", 10).size(), 1u);

  std::vector<SentenceHit> two = store_->SearchSentences("taliban government", 10);
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(two[0].snippet, "Pakistan criticized the [Taliban] [government] on Friday.");
  EXPECT_EQ(store_->SearchSentences("pakistan", 1).size(), 1u);
  EXPECT_TRUE(store_->SearchSentences("Moscow", 10).empty());
}

TEST_P(StoreSpec, HostileStringsNeitherThrowNorInject) {
  Doc d("quote's \"id\"", "2022-04-09",
        "O'Brien said \"AND\" NEAR(x y) * -- ' ; DROP TABLE events; Кабул 日本 🙂 café.");
  d.story.title = "Title ' \" \\ %_";
  d.Add(0, d.Actor(0, "O'Brien", "USA'", "US'", "", "O'Brien"), "said",
        d.Actor(0, "Кабул", "AFG", "AFG", "", "Кабул"), "010", 0.0, 1, "2022-04-09");
  ASSERT_EQ(d.Put(*store_), PutResult::kInserted);
  EXPECT_EQ(d.Put(*store_), PutResult::kSkipped);

  const std::vector<std::string> hostile = {
      "AND \"", "*", "\"unterminated", "NEAR(", "a OR b", "'; DROP TABLE events; --", "%", "_",
      "O'Brien", "Кабул", "日本 🙂", "café", "-x", "^", "col:word", "\\", "(", ")", "{a b}", ""};
  for (const std::string& h : hostile) {
    SCOPED_TRACE(h);
    EventFilter f;
    f.text = h;
    EXPECT_NO_THROW(store_->Events(f));
    f = {};
    f.actor = h;
    f.code = h;
    f.date_from = h;
    f.date_to = h;
    f.mode = h;
    f.story_id = h;
    EXPECT_NO_THROW(store_->Events(f));
    EXPECT_NO_THROW(store_->SearchSentences(h, 10));
    EXPECT_NO_THROW(store_->Actors(h, 10));
    EXPECT_NO_THROW(store_->Profile(h));
    EXPECT_NO_THROW(store_->Dyads(h, true, 10));
    EXPECT_NO_THROW(store_->DyadTimeline(h, h, "week"));
  }
  EXPECT_EQ(store_->CountEvents(), 1);
  EventFilter f;
  f.text = "O'Brien";
  EXPECT_EQ(store_->Events(f).total, 1);
  f.text = "Кабул";
  EXPECT_EQ(store_->Events(f).total, 1);
  f = {};
  f.story_id = d.story.id;
  EventPage page = store_->Events(f);
  ASSERT_EQ(page.events.size(), 1u);
  ExpectSameEvent(page.events[0].event, d.events[0]);
  EXPECT_EQ(page.events[0].story_title, d.story.title);
  EXPECT_EQ(store_->Actors("o'b", 10).size(), 1u);
}

TEST_P(StoreSpec, ReopeningKeepsEverythingAndIdsStable) {
  PutBoth();
  std::int64_t id = store_->Events({}).events.at(2).id;
  store_.reset();
  store_ = Store::Open(url_);  // schema creation is idempotent
  EXPECT_EQ(store_->CountStories(), 2);
  EXPECT_EQ(store_->CountEvents(), 5);
  ASSERT_TRUE(store_->EventById(id).has_value());
  EXPECT_EQ(store_->EventById(id)->event.code, "054");
}

std::string BackendName(const ::testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "sqlite" : "postgresql";
}
INSTANTIATE_TEST_SUITE_P(SQLite, StoreSpec, ::testing::Values(Backend::kSqlite), BackendName);
INSTANTIATE_TEST_SUITE_P(Postgres, StoreSpec, ::testing::Values(Backend::kPostgres), BackendName);

TEST(StoreOpen, ADirectoryIsRefusedByName) {
  TempDir dir;
  try {
    Store::Open(dir.path().string());
    FAIL() << "opened a directory";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(dir.path().string()), std::string::npos) << e.what();
  }
}

TEST(StoreOpen, AnUnwritablePathIsRefusedByName) {
  TempDir dir;
  std::string path = (dir.path() / "no" / "such" / "dir" / "events.db").string();
  try {
    Store::Open(path);
    FAIL() << "opened " << path;
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
}

TEST(StoreOpen, AnUnreachableServerIsRefusedByNameWithoutPassword) {
  try {
    Store::Open("postgresql://user:secret@127.0.0.1:1/nothing?connect_timeout=2");
    FAIL() << "connected to port 1";
  } catch (const StoreError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("postgresql://user@127.0.0.1:1/nothing"), std::string::npos) << what;
    EXPECT_EQ(what.find("secret"), std::string::npos) << what;
  }
}

TEST(StoreOpen, TheSqliteFileUsesWal) {
  TempDir dir;
  std::string path = (dir.path() / "events.db").string();
  EXPECT_EQ(Store::Open(path)->Describe(), "sqlite:" + path);
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "wal");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

// Story i of a generated corpus: 3 sentences, 1..5 events.
Doc Generated(int i) {
  std::string n = std::to_string(i);
  Doc d("gen-" + n, "2022-04-" + std::string(i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1),
        "Russia met Pakistan " + n + ". China met Iran " + n + ". Turkey met India " + n + ".");
  for (int k = 0; k <= i % 5; ++k) {
    std::uint32_t s = static_cast<std::uint32_t>(k % 3);
    d.Add(s, d.Actor(s, "met", "RUS", "RUS", "", "Russia"), "met",
          d.Actor(s, n, "PAK", "PAK", "", "Pakistan"), "040", 1.0, 1, d.story.date);
  }
  return d;
}

std::string IntegrityCheck(const std::string& path) {
  sqlite3* db = nullptr;
  std::string result = "cannot open";
  if (sqlite3_open(path.c_str(), &db) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      result = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return result;
}

TEST(SqliteCrash, SigkillLosesNoCommittedStoryAndLeavesNoPartialOne) {
  constexpr int kStories = 2000;
  TempDir dir;
  const std::string path = (dir.path() / "events.db").string();
  std::vector<Doc> docs;
  for (int i = 0; i < kStories; ++i) docs.push_back(Generated(i));

  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // The writer: its own connection, opened after the fork.
    try {
      std::unique_ptr<Store> store = Store::Open(path);
      for (const Doc& d : docs) d.Put(*store);
    } catch (...) {
      _exit(2);
    }
    _exit(0);
  }

  // Wait (from a connection of our own) until the writer has committed some.
  std::int64_t seen = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (seen < 200 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    if (!fs::exists(path)) continue;
    try {
      seen = Store::Open(path)->CountStories();
    } catch (const StoreError&) {
      // The writer may still be creating the schema.
    }
  }
  kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_GE(seen, 200) << "the writer committed nothing in time";
  if (!WIFSIGNALED(status)) {
    std::cerr << "note: the writer finished before it was killed\n";
  }

  EXPECT_EQ(IntegrityCheck(path), "ok");
  std::unique_ptr<Store> store = Store::Open(path);
  std::int64_t stored = store->CountStories();
  EXPECT_GE(stored, seen);  // nothing committed was lost
  std::int64_t expected_events = 0;
  std::vector<StoryInfo> infos;
  for (std::int64_t offset = 0;; offset += 1000) {
    std::vector<StoryInfo> page = store->Stories(1000, offset);
    if (page.empty()) break;
    infos.insert(infos.end(), page.begin(), page.end());
  }
  ASSERT_EQ(static_cast<std::int64_t>(infos.size()), stored);
  for (const StoryInfo& info : infos) {
    int i = std::stoi(info.id.substr(4));
    const Doc& d = docs[static_cast<std::size_t>(i)];
    EventFilter f;
    f.story_id = info.id;
    f.limit = 0;
    ASSERT_EQ(store->Events(f).total, static_cast<std::int64_t>(d.events.size())) << info.id;
    ASSERT_EQ(info.events, static_cast<std::int64_t>(d.events.size())) << info.id;
    ASSERT_EQ(info.sentences, 3) << info.id;
    expected_events += static_cast<std::int64_t>(d.events.size());
  }
  EXPECT_EQ(store->CountEvents(), expected_events);

  // Ingesting everything again completes the set: the missing are inserted,
  // the stored skipped.
  std::int64_t inserted = 0, skipped = 0;
  for (const Doc& d : docs) {
    PutResult r = d.Put(*store);
    if (r == PutResult::kInserted) ++inserted;
    if (r == PutResult::kSkipped) ++skipped;
  }
  EXPECT_EQ(skipped, stored);
  EXPECT_EQ(inserted, kStories - stored);
  EXPECT_EQ(store->CountStories(), kStories);
  EXPECT_EQ(IntegrityCheck(path), "ok");
}

}  // namespace
}  // namespace chancery::store
