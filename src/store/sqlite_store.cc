// SQLite backend: one file, WAL journal, FTS5 (external content) over
// sentence text kept in sync by triggers.
#include <sqlite3.h>

#include <filesystem>
#include <map>

#include "store/backends.h"
#include "store/sql_common.h"

namespace chancery::store::internal {
namespace {

constexpr int kSchemaVersion = 2;  // 2: event_parties

class Statement;

// Reads the current row of a stepped statement.
struct SqliteRow {
  sqlite3_stmt* st;
  std::string Text(int i) const {
    const unsigned char* p = sqlite3_column_text(st, i);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<std::size_t>(sqlite3_column_bytes(st, i)))
             : std::string();
  }
  std::int64_t Int(int i) const { return sqlite3_column_int64(st, i); }
  double Real(int i) const { return sqlite3_column_double(st, i); }
};

class SqliteStore final : public SqlStore {
 public:
  explicit SqliteStore(std::string path) : path_(std::move(path)) {
    std::error_code ec;
    if (std::filesystem::is_directory(path_, ec)) Fail("is a directory");
    if (sqlite3_open_v2(path_.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      Fail("cannot open: " + why);
    }
    try {
      sqlite3_extended_result_codes(db_, 1);
      // Another connection may hold the write lock (an ingest while a server
      // reads): wait for it rather than fail at once.
      sqlite3_busy_timeout(db_, 5000);
      if (QueryText("PRAGMA journal_mode=WAL", {}) != "wal") Fail("cannot switch to WAL journal");
      // With WAL, synchronous=NORMAL loses no committed transaction when the
      // process dies (even SIGKILL): commits are in the WAL file, which the OS
      // keeps. Only a power loss or OS crash can drop the last commits before a
      // checkpoint; the database stays consistent either way. FULL would fsync
      // every story, which a bulk ingest cannot afford.
      Exec("PRAGMA synchronous=NORMAL");
      CreateSchema();
    } catch (...) {
      Close();
      throw;
    }
  }
  ~SqliteStore() override { Close(); }

  std::string Describe() const override { return "sqlite:" + path_; }

  bool HasStoryHash(const std::string& hash) override {
    return QueryCount("SELECT COUNT(*) FROM stories WHERE hash = ?", {Param::Text(hash)}) > 0;
  }

  PutResult PutStory(const Story& story, const std::vector<Sentence>& sentences,
                     const std::vector<Event>& events) override {
    const std::string hash = StoryHash(story);
    // IMMEDIATE takes the write lock up front, so the read of the old hash and
    // the writes cannot interleave with another writer.
    Exec("BEGIN IMMEDIATE");
    try {
      PutResult result = PutInTransaction(story, hash, sentences, events);
      Exec("COMMIT");
      return result;
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  std::vector<StoryInfo> Stories(std::int64_t limit, std::int64_t offset) override {
    std::vector<StoryInfo> out;
    Run("SELECT id, date, source, url, title, hash, sentences, events FROM stories"
        " ORDER BY date, id LIMIT ? OFFSET ?",
        {Param::Int(ClampLimit(limit)), Param::Int(std::max<std::int64_t>(offset, 0))},
        [&](const SqliteRow& r) {
          out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5),
                         r.Int(6), r.Int(7)});
        });
    return out;
  }

  std::optional<StoredStory> GetStory(const std::string& id) override {
    // One read transaction, so a concurrent replace cannot mix old and new rows.
    Exec("BEGIN");
    try {
      std::optional<StoredStory> out;
      static const std::string story_sql = StoryRowSql("?"), sentences_sql = StorySentencesSql("?"),
                               events_sql = StoryEventsSql("?");
      Run(story_sql, {Param::Text(id)}, [&](const SqliteRow& r) { ReadStoryRow(r, out.emplace().story); });
      if (out) {
        Run(sentences_sql, {Param::Text(id)}, [&](const SqliteRow& r) {
          out->sentences.push_back({static_cast<std::uint32_t>(r.Int(0)),
                                    static_cast<std::uint32_t>(r.Int(1)),
                                    static_cast<std::uint32_t>(r.Int(2)), {}});
        });
        Run(events_sql, {Param::Text(id)},
            [&](const SqliteRow& r) { out->events.push_back(ReadEvent(r).event); });
      }
      Exec("COMMIT");
      return out;
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  std::int64_t CountStories() override { return QueryCount("SELECT COUNT(*) FROM stories", {}); }
  std::int64_t CountEvents() override { return QueryCount("SELECT COUNT(*) FROM events", {}); }

  std::vector<SentenceHit> SearchSentences(const std::string& query,
                                           std::int64_t limit) override {
    std::vector<std::string> words = QueryWords(query);
    std::vector<SentenceHit> out;
    if (words.empty()) return out;
    Run("SELECT s.story_id, s.idx, s.text, highlight(sentences_fts, 0, '[', ']'),"
        " (SELECT COUNT(*) FROM events e WHERE e.story_id = s.story_id"
        "  AND e.sentence_index = s.idx)"
        " FROM sentences_fts JOIN sentences s ON s.id = sentences_fts.rowid"
        " JOIN stories st ON st.id = s.story_id"
        " WHERE sentences_fts MATCH ? ORDER BY st.date DESC, s.story_id, s.idx LIMIT ?",
        {Param::Text(FtsQuery(words)), Param::Int(ClampLimit(limit))}, [&](const SqliteRow& r) {
          out.push_back({r.Text(0), static_cast<std::uint32_t>(r.Int(1)), r.Text(2), r.Text(3),
                         r.Int(4)});
        });
    return out;
  }

 protected:
  bool NumberedParams() const override { return false; }

  std::string TextClause(const std::vector<std::string>& words, SqlParams& params) override {
    std::string clause = "s.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ";
    clause += params.Add(Param::Text(FtsQuery(words)));
    return clause + ")";
  }

  std::vector<StoredEvent> QueryEvents(const std::string& sql,
                                       const std::vector<Param>& params) override {
    std::vector<StoredEvent> out;
    Run(sql, params, [&](const SqliteRow& r) { out.push_back(ReadEvent(r)); });
    return out;
  }

  std::vector<LiteEvent> QueryLite(const std::string& sql,
                                   const std::vector<Param>& params) override {
    std::vector<LiteEvent> out;
    Run(sql, params, [&](const SqliteRow& r) { out.push_back(ReadLite(r)); });
    return out;
  }

  std::int64_t QueryCount(const std::string& sql, const std::vector<Param>& params) override {
    std::int64_t n = 0;
    Run(sql, params, [&](const SqliteRow& r) { n = r.Int(0); });
    return n;
  }

 private:
  // Each word a quoted FTS5 string; words never contain '"' (see QueryWords),
  // so the query is always well-formed. Juxtaposed strings are ANDed.
  static std::string FtsQuery(const std::vector<std::string>& words) {
    std::string q;
    for (const std::string& w : words) {
      if (!q.empty()) q += ' ';
      q += '"';
      q += w;
      q += '"';
    }
    return q;
  }

  [[noreturn]] void Fail(const std::string& why) const {
    throw StoreError(Describe() + ": " + why);
  }

  void Close() {
    for (auto& [sql, st] : statements_) sqlite3_finalize(st);
    statements_.clear();
    if (db_) sqlite3_close(db_);
    db_ = nullptr;
  }

  void Exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string why = err ? err : sqlite3_errmsg(db_);
      sqlite3_free(err);
      Fail(why);
    }
  }

  // Cached prepared statement for `sql`, reset and with `params` bound.
  sqlite3_stmt* Prepare(const std::string& sql, const std::vector<Param>& params) {
    sqlite3_stmt*& st = statements_[sql];
    if (!st && sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                                  SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
      statements_.erase(sql);
      Fail(std::string(sqlite3_errmsg(db_)) + " in: " + sql);
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    for (std::size_t i = 0; i < params.size(); ++i) {
      const Param& p = params[i];
      int at = static_cast<int>(i + 1), rc = SQLITE_OK;
      switch (p.kind) {
        case Param::kInt: rc = sqlite3_bind_int64(st, at, p.i); break;
        case Param::kReal: rc = sqlite3_bind_double(st, at, p.d); break;
        case Param::kText:
          rc = sqlite3_bind_text(st, at, p.s.data(), static_cast<int>(p.s.size()),
                                 SQLITE_TRANSIENT);
          break;
      }
      if (rc != SQLITE_OK) Fail(sqlite3_errmsg(db_));
    }
    return st;
  }

  template <typename F>
  void Run(const std::string& sql, const std::vector<Param>& params, F&& on_row) {
    sqlite3_stmt* st = Prepare(sql, params);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) on_row(SqliteRow{st});
    std::string why = rc == SQLITE_DONE ? "" : sqlite3_errmsg(db_);
    sqlite3_reset(st);  // releases read locks held by the statement
    if (rc != SQLITE_DONE) Fail(why);
  }

  void Run(const std::string& sql, const std::vector<Param>& params) {
    Run(sql, params, [](const SqliteRow&) {});
  }

  std::string QueryText(const std::string& sql, const std::vector<Param>& params) {
    std::string out;
    Run(sql, params, [&](const SqliteRow& r) { out = r.Text(0); });
    return out;
  }

  void CreateSchema() {
    // Several processes may open a new file at once: create under the write lock.
    Exec("BEGIN IMMEDIATE");
    try {
      Exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
      std::int64_t version = QueryCount("SELECT COALESCE(MAX(version), 0) FROM schema_version", {});
      if (version > kSchemaVersion) {
        Fail("schema version " + std::to_string(version) + " is newer than this program's (" +
             std::to_string(kSchemaVersion) + ")");
      }
      Exec(
          "CREATE TABLE IF NOT EXISTS stories (id TEXT PRIMARY KEY, date TEXT NOT NULL,"
          " source TEXT NOT NULL, url TEXT NOT NULL, title TEXT NOT NULL, text TEXT NOT NULL,"
          " hash TEXT NOT NULL, sentences INTEGER NOT NULL, events INTEGER NOT NULL);"
          "CREATE INDEX IF NOT EXISTS stories_hash ON stories (hash);"
          "CREATE INDEX IF NOT EXISTS stories_date ON stories (date, id);"
          "CREATE TABLE IF NOT EXISTS sentences (id INTEGER PRIMARY KEY,"
          " story_id TEXT NOT NULL, idx INTEGER NOT NULL, byte_begin INTEGER NOT NULL,"
          " byte_end INTEGER NOT NULL, text TEXT NOT NULL, UNIQUE (story_id, idx));"
          "CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(text,"
          " content='sentences', content_rowid='id',"
          " tokenize='unicode61 remove_diacritics 0');"
          "CREATE TRIGGER IF NOT EXISTS sentences_fts_insert AFTER INSERT ON sentences BEGIN"
          " INSERT INTO sentences_fts (rowid, text) VALUES (new.id, new.text); END;"
          "CREATE TRIGGER IF NOT EXISTS sentences_fts_delete AFTER DELETE ON sentences BEGIN"
          " INSERT INTO sentences_fts (sentences_fts, rowid, text)"
          " VALUES ('delete', old.id, old.text); END;");
      // AUTOINCREMENT: ids of deleted (replaced) events are never handed out
      // again, so a stale id cannot point at a different event.
      std::string events = "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY AUTOINCREMENT" +
                           EventColumnsDdl("TEXT", "INTEGER", "REAL") + ")";
      Exec(events.c_str());
      Exec(
          "CREATE INDEX IF NOT EXISTS events_story ON events (story_id, sentence_index);"
          "CREATE INDEX IF NOT EXISTS events_src_code ON events (src_code);"
          "CREATE INDEX IF NOT EXISTS events_src_country ON events (src_country);"
          "CREATE INDEX IF NOT EXISTS events_tgt_code ON events (tgt_code);"
          "CREATE INDEX IF NOT EXISTS events_tgt_country ON events (tgt_country);"
          "CREATE INDEX IF NOT EXISTS events_code ON events (code);"
          "CREATE INDEX IF NOT EXISTS events_root ON events (root);"
          "CREATE INDEX IF NOT EXISTS events_date ON events (date, story_id, sentence_index, id);");
      Exec((PartiesDdl("TEXT", "INTEGER", " WITHOUT ROWID") +
            ";CREATE INDEX IF NOT EXISTS event_parties_story ON event_parties (story_id);")
               .c_str());
      if (version == 1) {  // written before event_parties existed
        Exec(PartiesFillSql("").c_str());
        Run("UPDATE schema_version SET version = ?", {Param::Int(kSchemaVersion)});
      }
      if (version == 0) Run("INSERT INTO schema_version (version) VALUES (?)", {Param::Int(kSchemaVersion)});
      Exec("COMMIT");
    } catch (...) {
      sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  PutResult PutInTransaction(const Story& story, const std::string& hash,
                             const std::vector<Sentence>& sentences,
                             const std::vector<Event>& events) {
    std::string old_hash;
    bool exists = false;
    Run("SELECT hash FROM stories WHERE id = ?", {Param::Text(story.id)},
        [&](const SqliteRow& r) {
          old_hash = r.Text(0);
          exists = true;
        });
    if (exists && old_hash == hash) return PutResult::kSkipped;
    if (exists) {
      Run("DELETE FROM event_parties WHERE story_id = ?", {Param::Text(story.id)});
      Run("DELETE FROM events WHERE story_id = ?", {Param::Text(story.id)});
      Run("DELETE FROM sentences WHERE story_id = ?", {Param::Text(story.id)});
      Run("DELETE FROM stories WHERE id = ?", {Param::Text(story.id)});
    }
    Run("INSERT INTO stories (id, date, source, url, title, text, hash, sentences, events)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {Param::Text(story.id), Param::Text(story.date), Param::Text(story.source),
         Param::Text(story.url), Param::Text(story.title), Param::Text(story.text),
         Param::Text(hash), Param::Int(static_cast<std::int64_t>(sentences.size())),
         Param::Int(static_cast<std::int64_t>(events.size()))});
    for (const Sentence& s : sentences) {
      std::size_t b = std::min<std::size_t>(s.begin, story.text.size());
      std::size_t e = std::clamp<std::size_t>(s.end, b, story.text.size());
      Run("INSERT INTO sentences (story_id, idx, byte_begin, byte_end, text)"
          " VALUES (?, ?, ?, ?, ?)",
          {Param::Text(story.id), Param::Int(s.index), Param::Int(s.begin), Param::Int(s.end),
           Param::Text(story.text.substr(b, e - b))});
    }
    static const std::string insert_event = [] {
      std::string sql = std::string("INSERT INTO events (") + kEventInsertColumns + ") VALUES (?";
      for (int i = 1; i < kEventInsertCount; ++i) sql += ", ?";
      return sql + ")";
    }();
    for (const Event& e : events) {
      Run(insert_event, EventInsertValues(story.id, story.date, e));
    }
    static const std::string fill_parties = PartiesFillSql("?1");
    if (!events.empty()) Run(fill_parties, {Param::Text(story.id)});
    return exists ? PutResult::kReplaced : PutResult::kInserted;
  }

  std::string path_;
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

std::unique_ptr<Store> OpenSqlite(const std::string& path) {
  return std::make_unique<SqliteStore>(path);
}

}  // namespace chancery::store::internal
