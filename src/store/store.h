// Store: where coded stories and events live, behind one interface for SQLite
// (default, one file) and PostgreSQL (`postgresql://...`).
//
// Contract:
// - Open(url) opens or creates the database and its schema (idempotent). A url
//   starting with "postgresql://" or "postgres://" selects PostgreSQL; anything
//   else is a SQLite file path (WAL journal, FTS5 index over sentence text).
//   Failure throws StoreError naming the database and the reason.
// - PutStory() stores one story, its sentences and its events in ONE
//   transaction: after a crash (even SIGKILL) a story is either wholly present
//   or absent. A story whose content hash is already stored is skipped
//   (kSkipped); a story id stored with a different hash is replaced
//   (kReplaced: old sentences and events deleted in the same transaction).
//   Ingesting the same input twice therefore changes nothing.
// - GetStory() returns a stored story as PutStory() took it: the Story fields
//   that make its hash (origin is not stored), its sentences (index and byte
//   range; tokens are not stored) and its events in the order they were put.
//   Putting that into another store therefore stores the same story, sentences
//   and events (under that store's own ids) with the same hash.
// - Queries never modify. Event ids are stable for the life of the stored
//   story. Results are ordered: events by (date, story, sentence, id).
// - Both backends return identical results for identical input (the store tests
//   run the same suite against each).
// - A Store is not thread-safe; open one per thread (SQLite handles concurrent
//   readers through WAL; PostgreSQL through its server).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "coding/event.h"
#include "text/story.h"

namespace chancery::store {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Hex SHA-256 of what makes a story itself: id, date, source, url, title, text.
std::string StoryHash(const Story& story);

// The key an actor is grouped under "by country": its state's code ("AFGGOV" ->
// "AFG"), but organisations and transnational groups keep their own code
// ("IGOEU", "IMGISK"), since "IGO" or "IMG" is not a party to anything.
inline std::string CountryKey(const std::string& code, const std::string& country) {
  if (country.size() == 3 && country != "IGO" && country != "NGO" && country != "IMG" &&
      country != "MNC" && country != "UNK")
    return country;
  return code.empty() ? country : code;
}

enum class PutResult { kInserted, kReplaced, kSkipped };

// One sentence of a stored story, as stored (text copied out of the story).
struct StoredSentence {
  std::uint32_t index = 0;
  std::uint32_t begin = 0, end = 0;  // byte offsets into the story text
  std::string text;
};

// A whole stored story, in the shape PutStory() takes it.
struct StoredStory {
  Story story;                      // origin empty, origin_line 0
  std::vector<Sentence> sentences;  // by index; tokens empty
  std::vector<Event> events;        // in the order they were put
};

struct StoryInfo {
  std::string id, date, source, url, title, hash;
  std::int64_t sentences = 0, events = 0;
};

// An event as stored: the coded event, its database id, and what a reader
// needs to see it in context.
struct StoredEvent {
  std::int64_t id = 0;
  Event event;                 // story_id, offsets, codes, mode, dates, ...
  std::string sentence;        // the sentence text; event offsets minus
                               // event.sentence_begin index into it
  std::string story_title, story_url, story_source;
};

// Filters are ANDed; empty fields do not filter.
struct EventFilter {
  // Actor filters match a full actor code ("AFGGOV") or a country code
  // ("AFG" matches every actor whose country is AFG).
  std::string actor;    // as source or target
  std::string source;
  std::string target;
  std::string code;     // CAMEO code prefix: "05" matches 050..057 and 0xx below
  std::string date_from, date_to;  // inclusive, compared to event.date prefixes ("2022-04")
  std::string story_id;
  std::string mode;     // "fact" = mode "" only; otherwise exact mode; empty = all
  std::string text;     // full-text query over the sentence (FTS5 / tsvector syntax subset: words)
  std::int64_t limit = 50;   // capped at 1000 by the store
  std::int64_t offset = 0;
};

struct EventPage {
  std::int64_t total = 0;  // matching events, ignoring limit/offset
  std::vector<StoredEvent> events;
};

struct ActorSummary {
  std::string code, name, country, agent;
  std::int64_t as_source = 0, as_target = 0;
  std::string first_date, last_date;
};

// "day" -> "2022-04-09", "week" -> ISO week "2022-W14", "month" -> "2022-04".
struct TimelinePoint {
  std::string period;
  std::int64_t events = 0;
  double mean_goldstein = 0.0;
  std::int64_t verbal_cooperation = 0, material_cooperation = 0;  // quad classes 1, 2
  std::int64_t verbal_conflict = 0, material_conflict = 0;        // quad classes 3, 4
};

// Events from one actor (or country) to another, directed.
struct DyadSummary {
  std::string source, target;            // actor codes, or country codes when grouped by country
  std::string source_name, target_name;  // canonical names as coded (first seen)
  std::int64_t events = 0;
  double mean_goldstein = 0.0;
  std::int64_t cooperation = 0, conflict = 0;  // quad classes 1-2, 3-4
  std::string last_date;
};

struct CountByKey {
  std::string key, label;
  std::int64_t events = 0;
};

struct ActorProfile {
  ActorSummary actor;
  std::vector<CountByKey> roots_as_source;   // CAMEO root -> events, most first
  std::vector<CountByKey> roots_as_target;
  std::vector<CountByKey> partners;          // counterpart actor code -> events, most first
  std::vector<TimelinePoint> timeline;       // by month
};

struct SentenceHit {
  std::string story_id;
  std::uint32_t sentence_index = 0;
  std::string text;
  std::string snippet;   // text with matches wrapped in [ and ]
  std::int64_t events = 0;
};

class Store {
 public:
  static std::unique_ptr<Store> Open(const std::string& url);
  virtual ~Store() = default;

  // What the url names, for messages ("sqlite:events.db", "postgresql://host/db").
  virtual std::string Describe() const = 0;

  virtual bool HasStoryHash(const std::string& hash) = 0;
  virtual PutResult PutStory(const Story& story, const std::vector<Sentence>& sentences,
                             const std::vector<Event>& events) = 0;

  // Ordered by (date, id); limit capped at 1000.
  virtual std::vector<StoryInfo> Stories(std::int64_t limit, std::int64_t offset) = 0;
  // The story stored under `id`, whole; nullopt when there is none.
  virtual std::optional<StoredStory> GetStory(const std::string& id) = 0;
  virtual std::int64_t CountStories() = 0;
  virtual std::int64_t CountEvents() = 0;
  // Changes whenever a story is inserted or replaced (event ids are never
  // reused), so readers may cache derived results under it.
  virtual std::string DataVersion() = 0;

  virtual EventPage Events(const EventFilter& filter) = 0;
  virtual std::optional<StoredEvent> EventById(std::int64_t id) = 0;

  // Actors seen in events; `query` matches code prefix or name substring
  // (case-insensitive); most events first.
  virtual std::vector<ActorSummary> Actors(const std::string& query, std::int64_t limit) = 0;
  virtual std::optional<ActorProfile> Profile(const std::string& actor) = 0;

  // Events between a and b (either direction; actor or country codes) grouped
  // by `granularity` ("day", "week", "month"), oldest first.
  virtual std::vector<TimelinePoint> DyadTimeline(const std::string& a, const std::string& b,
                                                  const std::string& granularity) = 0;

  // Directed pairs with events, most events first. `actor` (actor or country
  // code) keeps pairs where it is either side; empty keeps all. With
  // `by_country`, actors are grouped by CountryKey() ("AFGGOV" -> "AFG",
  // "IGOEU" stays "IGOEU").
  virtual std::vector<DyadSummary> Dyads(const std::string& actor, bool by_country,
                                         std::int64_t limit) = 0;

  virtual std::vector<SentenceHit> SearchSentences(const std::string& query,
                                                   std::int64_t limit) = 0;
};

}  // namespace chancery::store
