// What the SQLite and PostgreSQL stores share, so that both give identical
// results: the column list, the filter SQL, the word extraction for full-text
// queries, and the aggregations (actors, profiles, timelines, dyads), which are
// done here in C++ over plain rows rather than in each dialect's SQL.
//
// Contract: EventWhere() builds the WHERE clause over `events e` joined with
// `sentences s`; the dialect supplies placeholders and the full-text clause.
// Aggregations order ties by key (or code), never by container order.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace chancery::store::internal {

struct Param {
  enum Kind { kText, kInt, kReal } kind = kText;
  std::int64_t i = 0;
  double d = 0.0;
  std::string s;
  static Param Int(std::int64_t v) { return {kInt, v, 0.0, {}}; }
  static Param Real(double v) { return {kReal, 0, v, {}}; }
  static Param Text(std::string v) { return {kText, 0, 0.0, std::move(v)}; }
  // The value as PostgreSQL text input (doubles with round-trip precision).
  std::string AsText() const;
};

// Collects parameters and hands back the dialect's placeholder for each.
class SqlParams {
 public:
  explicit SqlParams(bool numbered) : numbered_(numbered) {}
  std::string Add(Param p) {
    params_.push_back(std::move(p));
    if (!numbered_) return "?";
    std::string placeholder = "$";
    placeholder += std::to_string(params_.size());
    return placeholder;
  }
  const std::vector<Param>& params() const { return params_; }

 private:
  bool numbered_;
  std::vector<Param> params_;
};

// Columns of the event SELECT, in the order ReadEvent() expects them.
extern const char* const kEventColumns;
// FROM clause matching kEventColumns.
extern const char* const kEventFrom;
// The SELECTs behind GetStory(), each with one placeholder `p` for the story
// id: the story's fields (id, date, source, url, title, text), its sentences
// (idx, byte_begin, byte_end; by idx) and its events (kEventColumns, in id
// order, which is the order PutStory() inserted them).
std::string StoryRowSql(const std::string& p);
// The Story of a StoryRowSql() row; `Row` is either engine's row reader (Text(i)).
template <class Row>
void ReadStoryRow(const Row& row, Story& story) {
  story.id = row.Text(0);
  story.date = row.Text(1);
  story.source = row.Text(2);
  story.url = row.Text(3);
  story.title = row.Text(4);
  story.text = row.Text(5);
}
std::string StorySentencesSql(const std::string& p);
std::string StoryEventsSql(const std::string& p);
constexpr int kEventColumnCount = 42;

// Lower-cased words (letters/digits; every non-ASCII byte counts as a letter)
// of a user's full-text query. Only these reach the engines, each quoted, so
// no input can produce a query syntax error.
std::vector<std::string> QueryWords(const std::string& query);

// The boolean SQL over `e` (events) that an actor/country filter means for one
// side ("src" or "tgt").
std::string SideMatches(const char* side, const std::string& actor, SqlParams& params);

// WHERE clause (without the keyword; "1=1" when nothing filters). `text_clause`
// returns the dialect's condition that sentence `s` matches the words.
std::string EventWhere(const EventFilter& filter, SqlParams& params,
                       const std::function<std::string(const std::vector<std::string>&,
                                                       SqlParams&)>& text_clause);

std::int64_t ClampLimit(std::int64_t limit);

// One event row, reduced to what aggregations need.
struct LiteEvent {
  std::int64_t id = 0;
  std::string date;
  std::string src_code, src_country, src_agent, src_name;
  std::string tgt_code, tgt_country, tgt_agent, tgt_name;
  std::string code, root, label;
  double goldstein = 0.0;
  int quad_class = 0;
};
extern const char* const kLiteColumns;  // over `events e`
constexpr int kLiteColumnCount = 15;

// Row access shared by both backends' readers.
template <typename Row>
StoredEvent ReadEvent(const Row& r) {
  StoredEvent s;
  int i = 0;
  s.id = r.Int(i++);
  Event& e = s.event;
  e.story_id = r.Text(i++);
  e.story_date = r.Text(i++);
  e.sentence_index = static_cast<std::uint32_t>(r.Int(i++));
  e.sentence_begin = static_cast<std::uint32_t>(r.Int(i++));
  e.sentence_end = static_cast<std::uint32_t>(r.Int(i++));
  e.verb_begin = static_cast<std::uint32_t>(r.Int(i++));
  e.verb_end = static_cast<std::uint32_t>(r.Int(i++));
  for (ActorRef* a : {&e.source, &e.target}) {
    a->text = r.Text(i++);
    a->begin = static_cast<std::uint32_t>(r.Int(i++));
    a->end = static_cast<std::uint32_t>(r.Int(i++));
    a->code = r.Text(i++);
    a->country = r.Text(i++);
    a->agent = r.Text(i++);
    a->name = r.Text(i++);
  }
  e.code = r.Text(i++);
  i++;  // root: derived from code
  e.label = r.Text(i++);
  e.goldstein = r.Real(i++);
  e.quad_class = static_cast<int>(r.Int(i++));
  e.plover_type = r.Text(i++);
  e.plover_mode = r.Text(i++);
  e.negated = r.Int(i++) != 0;
  e.mode = r.Text(i++);
  e.date = r.Text(i++);
  e.date_granularity = r.Text(i++);
  e.date_text = r.Text(i++);
  e.attributed_to = r.Text(i++);
  e.attributed_code = r.Text(i++);
  e.confidence = r.Real(i++);
  e.pattern = r.Text(i++);
  s.sentence = r.Text(i++);
  s.story_title = r.Text(i++);
  s.story_url = r.Text(i++);
  s.story_source = r.Text(i++);
  return s;
}

template <typename Row>
LiteEvent ReadLite(const Row& r) {
  LiteEvent l;
  int i = 0;
  l.id = r.Int(i++);
  l.date = r.Text(i++);
  l.src_code = r.Text(i++);
  l.src_country = r.Text(i++);
  l.src_agent = r.Text(i++);
  l.src_name = r.Text(i++);
  l.tgt_code = r.Text(i++);
  l.tgt_country = r.Text(i++);
  l.tgt_agent = r.Text(i++);
  l.tgt_name = r.Text(i++);
  l.code = r.Text(i++);
  l.root = r.Text(i++);
  l.label = r.Text(i++);
  l.goldstein = r.Real(i++);
  l.quad_class = static_cast<int>(r.Int(i++));
  return l;
}

// The values of one event row for INSERT, in the order of kEventInsertColumns
// (story_id first).
extern const char* const kEventInsertColumns;
constexpr int kEventInsertCount = 37;
std::vector<Param> EventInsertValues(const std::string& story_id, const std::string& story_date,
                                     const Event& e);

// "2022-W14" for a "YYYY-MM-DD..." date; empty when the date has no day.
std::string IsoWeek(const std::string& date);
// The period of `date` at "day", "week" or "month"; a date too coarse for the
// granularity is its own period ("2022-03" stays "2022-03" by day and week).
std::string Period(const std::string& date, const std::string& granularity);

// Aggregations over rows ordered by id (the caller's SELECT orders by e.id).
std::vector<ActorSummary> AggregateActors(const std::vector<LiteEvent>& rows,
                                          const std::string& query, std::int64_t limit);
std::optional<ActorProfile> AggregateProfile(const std::vector<LiteEvent>& rows,
                                             const std::string& actor);
std::vector<TimelinePoint> AggregateTimeline(const std::vector<LiteEvent>& rows,
                                             const std::string& granularity);
std::vector<DyadSummary> AggregateDyads(const std::vector<LiteEvent>& rows, bool by_country,
                                        std::int64_t limit);

bool ActorMatches(const std::string& code, const std::string& country, const std::string& actor);

// Column definitions of the events table after its id, for either dialect.
// event_parties: one row per (event, party) for every distinct code and
// country on either side, keyed so "events of AFG, in date order" is an index
// range read — no sort, no OR over four columns. `rowid_clause` is " WITHOUT
// ROWID" for SQLite, "" for PostgreSQL.
std::string PartiesDdl(const std::string& text_type, const std::string& int_type,
                       const std::string& rowid_clause);
// Fills event_parties for the events of one story (`p` is the placeholder for
// the story id, used four times) or, with an empty `p`, for all events.
std::string PartiesFillSql(const std::string& p);

std::string EventColumnsDdl(const std::string& text_type, const std::string& int_type,
                            const std::string& real_type);

// The queries both backends answer with the same SQL; a backend supplies how
// to run a statement and its full-text condition.
class SqlStore : public Store {
 public:
  EventPage Events(const EventFilter& filter) override;
  std::string DataVersion() override;
  std::optional<StoredEvent> EventById(std::int64_t id) override;
  std::vector<ActorSummary> Actors(const std::string& query, std::int64_t limit) override;
  std::optional<ActorProfile> Profile(const std::string& actor) override;
  std::vector<TimelinePoint> DyadTimeline(const std::string& a, const std::string& b,
                                          const std::string& granularity) override;
  std::vector<DyadSummary> Dyads(const std::string& actor, bool by_country,
                                 std::int64_t limit) override;

 protected:
  virtual bool NumberedParams() const = 0;
  virtual std::string TextClause(const std::vector<std::string>& words, SqlParams& params) = 0;
  virtual std::vector<StoredEvent> QueryEvents(const std::string& sql,
                                               const std::vector<Param>& params) = 0;
  virtual std::vector<LiteEvent> QueryLite(const std::string& sql,
                                           const std::vector<Param>& params) = 0;
  virtual std::int64_t QueryCount(const std::string& sql, const std::vector<Param>& params) = 0;

 private:
  std::vector<LiteEvent> Lite(const std::string& where, const SqlParams& params);
};

}  // namespace chancery::store::internal
