// PostgreSQL backend: the SQLite schema in PostgreSQL types, a generated
// tsvector ('simple' configuration: lower-cased words, no stemming, like
// FTS5's unicode61) with a GIN index for sentence search.
#include <pqxx/pqxx>

#include "store/backends.h"
#include "store/sql_common.h"

namespace chancery::store::internal {
namespace {

constexpr int kSchemaVersion = 2;  // 2: event_parties
// Serialises schema creation between processes opening a fresh database.
constexpr std::int64_t kSchemaLock = 0x6368616e63657279;  // "chancery"

struct PgRow {
  const pqxx::row& row;
  std::string Text(int i) const { return row[i].is_null() ? std::string() : row[i].c_str(); }
  std::int64_t Int(int i) const { return row[i].is_null() ? 0 : row[i].as<std::int64_t>(); }
  double Real(int i) const { return row[i].is_null() ? 0.0 : row[i].as<double>(); }
};

// Text columns compare bytewise ("C"), as SQLite's do, so ordering and
// equality are identical in both backends whatever the database's locale.
const char* const kText = "TEXT COLLATE \"C\"";

std::vector<std::string> AsText(const std::vector<Param>& params) {
  std::vector<std::string> out;
  out.reserve(params.size());
  for (const Param& p : params) out.push_back(p.AsText());
  return out;
}

// The url without a password, for messages.
std::string Redacted(const std::string& url) {
  std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  std::size_t at = url.find('@', scheme + 3);
  std::size_t slash = url.find('/', scheme + 3);
  if (at == std::string::npos || (slash != std::string::npos && slash < at)) return url;
  std::size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + url.substr(at);
}

class PostgresStore final : public SqlStore {
 public:
  explicit PostgresStore(const std::string& url) : describe_(Redacted(url)) {
    try {
      conn_ = std::make_unique<pqxx::connection>(url);
      CreateSchema();
      conn_->prepare("has_hash", "SELECT 1 FROM stories WHERE hash = $1 LIMIT 1");
      conn_->prepare("old_hash", "SELECT hash FROM stories WHERE id = $1 FOR UPDATE");
      conn_->prepare("insert_story",
                     "INSERT INTO stories (id, date, source, url, title, text, hash, sentences,"
                     " events) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
      conn_->prepare("insert_sentence",
                     "INSERT INTO sentences (story_id, idx, byte_begin, byte_end, text)"
                     " VALUES ($1, $2, $3, $4, $5)");
      std::string sql = std::string("INSERT INTO events (") + kEventInsertColumns + ") VALUES ($1";
      for (int i = 2; i <= kEventInsertCount; ++i) {
        sql += ", $";
        sql += std::to_string(i);
      }
      conn_->prepare("insert_event", sql + ")");
    } catch (const StoreError&) {
      throw;
    } catch (const std::exception& e) {
      throw StoreError(describe_ + ": " + e.what());
    }
  }

  std::string Describe() const override { return describe_; }

  bool HasStoryHash(const std::string& hash) override {
    return Guard([&] {
      pqxx::nontransaction tx(*conn_);
      return !tx.exec_prepared("has_hash", hash).empty();
    });
  }

  PutResult PutStory(const Story& story, const std::vector<Sentence>& sentences,
                     const std::vector<Event>& events) override {
    const std::string hash = StoryHash(story);
    return Guard([&] {
      pqxx::work tx(*conn_);
      // Two writers of the same new story id would both see it absent; the
      // advisory lock (released at commit) makes the second wait and skip.
      tx.exec_params("SELECT pg_advisory_xact_lock(hashtext($1))", story.id);
      pqxx::result old = tx.exec_prepared("old_hash", story.id);
      bool exists = !old.empty();
      if (exists && old[0][0].c_str() == hash) return PutResult::kSkipped;
      if (exists) {
        tx.exec_params("DELETE FROM event_parties WHERE story_id = $1", story.id);
        tx.exec_params("DELETE FROM events WHERE story_id = $1", story.id);
        tx.exec_params("DELETE FROM sentences WHERE story_id = $1", story.id);
        tx.exec_params("DELETE FROM stories WHERE id = $1", story.id);
      }
      tx.exec_prepared("insert_story", story.id, story.date, story.source, story.url, story.title,
                       story.text, hash, static_cast<std::int64_t>(sentences.size()),
                       static_cast<std::int64_t>(events.size()));
      for (const Sentence& s : sentences) {
        std::size_t b = std::min<std::size_t>(s.begin, story.text.size());
        std::size_t e = std::clamp<std::size_t>(s.end, b, story.text.size());
        tx.exec_prepared("insert_sentence", story.id, s.index, s.begin, s.end,
                         story.text.substr(b, e - b));
      }
      for (const Event& e : events) {
        tx.exec_prepared("insert_event",
                         pqxx::prepare::make_dynamic_params(
                             AsText(EventInsertValues(story.id, story.date, e))));
      }
      static const std::string fill_parties = PartiesFillSql("$1");
      if (!events.empty()) tx.exec_params(fill_parties, story.id);
      tx.commit();
      return exists ? PutResult::kReplaced : PutResult::kInserted;
    });
  }

  std::vector<StoryInfo> Stories(std::int64_t limit, std::int64_t offset) override {
    return Guard([&] {
      pqxx::nontransaction tx(*conn_);
      std::vector<StoryInfo> out;
      for (const pqxx::row& r : tx.exec_params(
               "SELECT id, date, source, url, title, hash, sentences, events FROM stories"
               " ORDER BY date, id LIMIT $1 OFFSET $2",
               ClampLimit(limit), std::max<std::int64_t>(offset, 0))) {
        PgRow row{r};
        out.push_back({row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4),
                       row.Text(5), row.Int(6), row.Int(7)});
      }
      return out;
    });
  }

  std::optional<StoredStory> GetStory(const std::string& id) override {
    return Guard([&] {
      // Repeatable read: the three SELECTs see one snapshot, so a concurrent
      // replace cannot mix old and new rows.
      pqxx::transaction<pqxx::repeatable_read, pqxx::read_only> tx(*conn_);
      std::optional<StoredStory> out;
      pqxx::result story = tx.exec_params(StoryRowSql("$1"), id);
      if (story.empty()) return out;
      PgRow row{story[0]};
      ReadStoryRow(row, out.emplace().story);
      for (const pqxx::row& r : tx.exec_params(StorySentencesSql("$1"), id)) {
        PgRow sentence{r};
        out->sentences.push_back({static_cast<std::uint32_t>(sentence.Int(0)),
                                  static_cast<std::uint32_t>(sentence.Int(1)),
                                  static_cast<std::uint32_t>(sentence.Int(2)), {}});
      }
      for (const pqxx::row& r : tx.exec_params(StoryEventsSql("$1"), id))
        out->events.push_back(ReadEvent(PgRow{r}).event);
      tx.commit();
      return out;
    });
  }

  std::int64_t CountStories() override { return QueryCount("SELECT COUNT(*) FROM stories", {}); }
  std::int64_t CountEvents() override { return QueryCount("SELECT COUNT(*) FROM events", {}); }

  std::vector<SentenceHit> SearchSentences(const std::string& query,
                                           std::int64_t limit) override {
    std::vector<std::string> words = QueryWords(query);
    std::vector<SentenceHit> out;
    if (words.empty()) return out;
    return Guard([&] {
      pqxx::nontransaction tx(*conn_);
      for (const pqxx::row& r : tx.exec_params(
               "SELECT s.story_id, s.idx, s.text,"
               " ts_headline('simple', s.text, q, 'StartSel=[, StopSel=], HighlightAll=true'),"
               " (SELECT COUNT(*) FROM events e WHERE e.story_id = s.story_id"
               "  AND e.sentence_index = s.idx)"
               " FROM sentences s JOIN stories st ON st.id = s.story_id,"
               " plainto_tsquery('simple', $1) q"
               " WHERE s.tsv @@ q ORDER BY st.date DESC, s.story_id, s.idx LIMIT $2",
               Joined(words), ClampLimit(limit))) {
        PgRow row{r};
        out.push_back({row.Text(0), static_cast<std::uint32_t>(row.Int(1)), row.Text(2),
                       row.Text(3), row.Int(4)});
      }
      return out;
    });
  }

 protected:
  bool NumberedParams() const override { return true; }

  std::string TextClause(const std::vector<std::string>& words, SqlParams& params) override {
    std::string clause = "s.tsv @@ plainto_tsquery('simple', ";
    clause += params.Add(Param::Text(Joined(words)));
    return clause + ")";
  }

  std::vector<StoredEvent> QueryEvents(const std::string& sql,
                                       const std::vector<Param>& params) override {
    std::vector<StoredEvent> out;
    Query(sql, params, [&](const PgRow& r) { out.push_back(ReadEvent(r)); });
    return out;
  }

  std::vector<LiteEvent> QueryLite(const std::string& sql,
                                   const std::vector<Param>& params) override {
    std::vector<LiteEvent> out;
    Query(sql, params, [&](const PgRow& r) { out.push_back(ReadLite(r)); });
    return out;
  }

  std::int64_t QueryCount(const std::string& sql, const std::vector<Param>& params) override {
    std::int64_t n = 0;
    Query(sql, params, [&](const PgRow& r) { n = r.Int(0); });
    return n;
  }

 private:
  // Words joined by spaces: plainto_tsquery ANDs them and parses no operators.
  static std::string Joined(const std::vector<std::string>& words) {
    std::string q;
    for (const std::string& w : words) {
      if (!q.empty()) q += ' ';
      q += w;
    }
    return q;
  }

  template <typename F>
  auto Guard(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const StoreError&) {
      throw;
    } catch (const std::exception& e) {
      throw StoreError(describe_ + ": " + e.what());
    }
  }

  template <typename F>
  void Query(const std::string& sql, const std::vector<Param>& params, F&& on_row) {
    Guard([&] {
      pqxx::nontransaction tx(*conn_);
      pqxx::result result = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(AsText(params)));
      for (const pqxx::row& r : result) on_row(PgRow{r});
      return 0;
    });
  }

  void CreateSchema() {
    pqxx::work tx(*conn_);
    tx.exec_params("SELECT pg_advisory_xact_lock($1)", kSchemaLock);
    tx.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    std::int64_t version =
        tx.exec("SELECT COALESCE(MAX(version), 0) FROM schema_version")[0][0].as<std::int64_t>();
    if (version > kSchemaVersion) {
      throw StoreError(describe_ + ": schema version " + std::to_string(version) +
                       " is newer than this program's (" + std::to_string(kSchemaVersion) + ")");
    }
    const std::string t = kText;
    tx.exec("CREATE TABLE IF NOT EXISTS stories (id " + t + " PRIMARY KEY, date " + t +
            " NOT NULL, source " + t + " NOT NULL, url " + t + " NOT NULL, title " + t +
            " NOT NULL, text " + t + " NOT NULL, hash " + t +
            " NOT NULL, sentences BIGINT NOT NULL, events BIGINT NOT NULL)");
    tx.exec("CREATE INDEX IF NOT EXISTS stories_hash ON stories (hash)");
    tx.exec("CREATE INDEX IF NOT EXISTS stories_date ON stories (date, id)");
    tx.exec("CREATE TABLE IF NOT EXISTS sentences (id BIGSERIAL PRIMARY KEY, story_id " + t +
            " NOT NULL, idx BIGINT NOT NULL, byte_begin BIGINT NOT NULL,"
            " byte_end BIGINT NOT NULL, text " + t + " NOT NULL,"
            " tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED,"
            " UNIQUE (story_id, idx))");
    tx.exec("CREATE INDEX IF NOT EXISTS sentences_tsv ON sentences USING GIN (tsv)");
    // BIGSERIAL: ids of deleted (replaced) events are never handed out again.
    tx.exec("CREATE TABLE IF NOT EXISTS events (id BIGSERIAL PRIMARY KEY" +
            EventColumnsDdl(t, "BIGINT", "DOUBLE PRECISION") + ")");
    for (const char* index :
         {"events_story ON events (story_id, sentence_index)",
          "events_src_code ON events (src_code)", "events_src_country ON events (src_country)",
          "events_tgt_code ON events (tgt_code)", "events_tgt_country ON events (tgt_country)",
          "events_code ON events (code)", "events_root ON events (root)",
          "events_date ON events (date, story_id, sentence_index, id)"}) {
      tx.exec(std::string("CREATE INDEX IF NOT EXISTS ") + index);
    }
    tx.exec(PartiesDdl(t, "BIGINT", ""));
    tx.exec("CREATE INDEX IF NOT EXISTS event_parties_story ON event_parties (story_id)");
    if (version == 1) {  // written before event_parties existed
      tx.exec(PartiesFillSql(""));
      tx.exec_params("UPDATE schema_version SET version = $1", kSchemaVersion);
    }
    if (version == 0) tx.exec_params("INSERT INTO schema_version (version) VALUES ($1)", kSchemaVersion);
    tx.commit();
  }

  std::string describe_;
  std::unique_ptr<pqxx::connection> conn_;
};

}  // namespace

std::unique_ptr<Store> OpenPostgres(const std::string& url) {
  return std::make_unique<PostgresStore>(url);
}

}  // namespace chancery::store::internal
