#include "store/sql_common.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace chancery::store::internal {

const char* const kEventColumns =
    "e.id, e.story_id, e.story_date, e.sentence_index, e.sentence_begin, e.sentence_end,"
    " e.verb_begin, e.verb_end,"
    " e.src_text, e.src_begin, e.src_end, e.src_code, e.src_country, e.src_agent, e.src_name,"
    " e.tgt_text, e.tgt_begin, e.tgt_end, e.tgt_code, e.tgt_country, e.tgt_agent, e.tgt_name,"
    " e.code, e.root, e.label, e.goldstein, e.quad_class, e.plover_type, e.plover_mode,"
    " e.negated, e.mode, e.date, e.date_granularity, e.date_text, e.attributed_to,"
    " e.attributed_code, e.confidence, e.pattern,"
    " COALESCE(s.text, ''), COALESCE(st.title, ''), COALESCE(st.url, ''), COALESCE(st.source, '')";

const char* const kEventFrom =
    " FROM events e"
    " LEFT JOIN sentences s ON s.story_id = e.story_id AND s.idx = e.sentence_index"
    " LEFT JOIN stories st ON st.id = e.story_id";

std::string StoryRowSql(const std::string& p) {
  return "SELECT id, date, source, url, title, text FROM stories WHERE id = " + p;
}

std::string StorySentencesSql(const std::string& p) {
  return "SELECT idx, byte_begin, byte_end FROM sentences WHERE story_id = " + p + " ORDER BY idx";
}

std::string StoryEventsSql(const std::string& p) {
  return std::string("SELECT ") + kEventColumns + kEventFrom + " WHERE e.story_id = " + p +
         " ORDER BY e.id";
}

const char* const kLiteColumns =
    "e.id, e.date, e.src_code, e.src_country, e.src_agent, e.src_name,"
    " e.tgt_code, e.tgt_country, e.tgt_agent, e.tgt_name, e.code, e.root, e.label,"
    " e.goldstein, e.quad_class";

const char* const kEventInsertColumns =
    "story_id, story_date, sentence_index, sentence_begin, sentence_end, verb_begin, verb_end,"
    " src_text, src_begin, src_end, src_code, src_country, src_agent, src_name,"
    " tgt_text, tgt_begin, tgt_end, tgt_code, tgt_country, tgt_agent, tgt_name,"
    " code, root, label, goldstein, quad_class, plover_type, plover_mode,"
    " negated, mode, date, date_granularity, date_text, attributed_to, attributed_code,"
    " confidence, pattern";

std::string PartiesDdl(const std::string& t, const std::string& i, const std::string& rowid_clause) {
  return "CREATE TABLE IF NOT EXISTS event_parties (party " + t + " NOT NULL, date " + t +
         " NOT NULL, story_id " + t + " NOT NULL, sentence_index " + i + " NOT NULL, event_id " + i +
         " NOT NULL, root " + t + " NOT NULL, mode " + t +
         " NOT NULL, PRIMARY KEY (party, date, story_id, sentence_index, event_id))" + rowid_clause;
}

std::string PartiesFillSql(const std::string& p) {
  std::string where = p.empty() ? "" : " WHERE story_id = " + p;
  std::string sql = "INSERT INTO event_parties (party, date, story_id, sentence_index, event_id, root, mode)"
                    " SELECT party, date, story_id, sentence_index, id, root, mode FROM (";
  const char* columns[] = {"src_code", "src_country", "tgt_code", "tgt_country"};
  for (int k = 0; k < 4; ++k) {
    if (k) sql += " UNION ";
    sql += std::string("SELECT ") + columns[k] + " AS party, date, story_id, sentence_index, id, root, mode FROM events" + where;
  }
  return sql + ") AS u WHERE party <> ''";
}

std::string Param::AsText() const {
  switch (kind) {
    case kInt:
      return std::to_string(i);
    case kReal: {
      char buf[40];
      std::snprintf(buf, sizeof buf, "%.17g", d);
      return buf;
    }
    case kText:
      break;
  }
  return s;
}

std::vector<Param> EventInsertValues(const std::string& story_id, const std::string& story_date,
                                     const Event& e) {
  std::vector<Param> v;
  v.reserve(kEventInsertCount);
  v.push_back(Param::Text(story_id));
  v.push_back(Param::Text(story_date));
  v.push_back(Param::Int(e.sentence_index));
  v.push_back(Param::Int(e.sentence_begin));
  v.push_back(Param::Int(e.sentence_end));
  v.push_back(Param::Int(e.verb_begin));
  v.push_back(Param::Int(e.verb_end));
  for (const ActorRef* a : {&e.source, &e.target}) {
    v.push_back(Param::Text(a->text));
    v.push_back(Param::Int(a->begin));
    v.push_back(Param::Int(a->end));
    v.push_back(Param::Text(a->code));
    v.push_back(Param::Text(a->country));
    v.push_back(Param::Text(a->agent));
    v.push_back(Param::Text(a->name));
  }
  v.push_back(Param::Text(e.code));
  v.push_back(Param::Text(e.code.substr(0, 2)));
  v.push_back(Param::Text(e.label));
  v.push_back(Param::Real(e.goldstein));
  v.push_back(Param::Int(e.quad_class));
  v.push_back(Param::Text(e.plover_type));
  v.push_back(Param::Text(e.plover_mode));
  v.push_back(Param::Int(e.negated ? 1 : 0));
  v.push_back(Param::Text(e.mode));
  v.push_back(Param::Text(e.date));
  v.push_back(Param::Text(e.date_granularity));
  v.push_back(Param::Text(e.date_text));
  v.push_back(Param::Text(e.attributed_to));
  v.push_back(Param::Text(e.attributed_code));
  v.push_back(Param::Real(e.confidence));
  v.push_back(Param::Text(e.pattern));
  return v;
}

namespace {

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool IsWordByte(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

}  // namespace

std::vector<std::string> QueryWords(const std::string& query) {
  std::vector<std::string> words;
  std::string word;
  for (unsigned char c : query) {
    if (IsWordByte(c)) {
      word += static_cast<char>(c);
    } else if (!word.empty()) {
      words.push_back(Lower(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(Lower(word));
  return words;
}

bool ActorMatches(const std::string& code, const std::string& country, const std::string& actor) {
  return !actor.empty() && (code == actor || country == actor);
}

std::string SideMatches(const char* side, const std::string& actor, SqlParams& params) {
  // Placeholders are added in separate statements: the operands of `+` are
  // unsequenced, and "?" placeholders bind by position.
  std::string a = Upper(actor);
  std::string s(side);
  std::string code = params.Add(Param::Text(a));
  std::string country = params.Add(Param::Text(a));
  return "(e." + s + "_code = " + code + " OR e." + s + "_country = " + country + ")";
}

std::string EventWhere(const EventFilter& f, SqlParams& params,
                       const std::function<std::string(const std::vector<std::string>&,
                                                       SqlParams&)>& text_clause) {
  std::vector<std::string> c;
  if (!f.actor.empty()) {
    std::string as_source = SideMatches("src", f.actor, params);
    std::string as_target = SideMatches("tgt", f.actor, params);
    c.push_back("(" + as_source + " OR " + as_target + ")");
  }
  if (!f.source.empty()) c.push_back(SideMatches("src", f.source, params));
  if (!f.target.empty()) c.push_back(SideMatches("tgt", f.target, params));
  if (!f.code.empty()) {
    // A whole root uses the indexed root column; longer prefixes compare a
    // substring (no LIKE, so '%' or '_' in the input mean themselves).
    if (f.code.size() == 2) {
      c.push_back("e.root = " + params.Add(Param::Text(f.code)));
    } else {
      std::string n = params.Add(Param::Int(static_cast<std::int64_t>(f.code.size())));
      c.push_back("substr(e.code, 1, " + n + ") = " + params.Add(Param::Text(f.code)));
    }
  }
  // Dates compare as prefixes: "2022-04" as `to` keeps "2022-04-30", as
  // `from` keeps "2022-04-01" (and "2022-04" itself).
  if (!f.date_from.empty()) {
    std::string n = params.Add(Param::Int(static_cast<std::int64_t>(f.date_from.size())));
    c.push_back("substr(e.date, 1, " + n + ") >= " + params.Add(Param::Text(f.date_from)));
  }
  if (!f.date_to.empty()) {
    std::string n = params.Add(Param::Int(static_cast<std::int64_t>(f.date_to.size())));
    c.push_back("e.date <> '' AND substr(e.date, 1, " + n + ") <= " +
                params.Add(Param::Text(f.date_to)));
  }
  if (!f.story_id.empty()) c.push_back("e.story_id = " + params.Add(Param::Text(f.story_id)));
  if (f.mode == "fact") {
    c.push_back("e.mode = ''");
  } else if (!f.mode.empty()) {
    c.push_back("e.mode = " + params.Add(Param::Text(f.mode)));
  }
  if (!f.text.empty()) {
    std::vector<std::string> words = QueryWords(f.text);
    // A query without any word (only punctuation) matches nothing.
    c.push_back(words.empty() ? std::string("1 = 0") : text_clause(words, params));
  }
  if (c.empty()) return "1 = 1";
  std::string out;
  for (const std::string& s : c) {
    if (!out.empty()) out += " AND ";
    out += s;
  }
  return out;
}

std::int64_t ClampLimit(std::int64_t limit) { return std::clamp<std::int64_t>(limit, 0, 1000); }

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

void CivilFromDays(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = static_cast<int>(z - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);
  y = static_cast<int>(yoe + era * 400) + (m <= 2);
}

bool ParseDay(const std::string& date, int& y, int& m, int& d) {
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (date[i] < '0' || date[i] > '9') return false;
  }
  y = std::stoi(date.substr(0, 4));
  m = std::stoi(date.substr(5, 2));
  d = std::stoi(date.substr(8, 2));
  return m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

}  // namespace

std::string IsoWeek(const std::string& date) {
  int y, m, d;
  if (!ParseDay(date, y, m, d)) return "";
  std::int64_t days = DaysFromCivil(y, m, d);
  int weekday = static_cast<int>(((days % 7) + 7 + 3) % 7);  // 0 = Monday; 1970-01-01 was a Thursday
  // ISO weeks belong to the year of their Thursday.
  std::int64_t thursday = days - weekday + 3;
  int ty, tm, td;
  CivilFromDays(thursday, ty, tm, td);
  std::int64_t week = (thursday - DaysFromCivil(ty, 1, 1)) / 7 + 1;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", ty, static_cast<int>(week));
  return buf;
}

std::string Period(const std::string& date, const std::string& granularity) {
  if (granularity == "month") return date.substr(0, 7);
  if (granularity == "week") {
    std::string w = IsoWeek(date);
    return w.empty() ? date : w;
  }
  return date.substr(0, 10);
}

namespace {

struct TimelineAccumulator {
  std::map<std::string, TimelinePoint> points;
  std::map<std::string, double> sums;
  void Add(const std::string& period, const LiteEvent& e) {
    TimelinePoint& p = points[period];
    p.period = period;
    ++p.events;
    sums[period] += e.goldstein;
    switch (e.quad_class) {
      case 1: ++p.verbal_cooperation; break;
      case 2: ++p.material_cooperation; break;
      case 3: ++p.verbal_conflict; break;
      case 4: ++p.material_conflict; break;
      default: break;
    }
  }
  std::vector<TimelinePoint> Finish() {
    std::vector<TimelinePoint> out;
    for (auto& [period, p] : points) {
      p.mean_goldstein = sums[period] / static_cast<double>(p.events);
      out.push_back(p);
    }
    return out;
  }
};

std::vector<CountByKey> SortedCounts(const std::map<std::string, CountByKey>& m) {
  std::vector<CountByKey> out;
  for (const auto& [k, v] : m) out.push_back(v);
  std::stable_sort(out.begin(), out.end(), [](const CountByKey& a, const CountByKey& b) {
    return a.events > b.events;  // map order already sorted keys for ties
  });
  return out;
}

void Widen(std::string& first, std::string& last, const std::string& date) {
  if (date.empty()) return;
  if (first.empty() || date < first) first = date;
  if (last.empty() || date > last) last = date;
}

}  // namespace

std::vector<TimelinePoint> AggregateTimeline(const std::vector<LiteEvent>& rows,
                                             const std::string& granularity) {
  TimelineAccumulator acc;
  for (const LiteEvent& e : rows) {
    if (!e.date.empty()) acc.Add(Period(e.date, granularity), e);
  }
  return acc.Finish();
}

std::vector<ActorSummary> AggregateActors(const std::vector<LiteEvent>& rows,
                                          const std::string& query, std::int64_t limit) {
  std::map<std::string, ActorSummary> actors;
  auto add = [&](const std::string& code, const std::string& name, const std::string& country,
                 const std::string& agent, const std::string& date, bool as_source) {
    if (code.empty()) return;
    auto [it, fresh] = actors.try_emplace(code);
    ActorSummary& a = it->second;
    if (fresh) {  // rows come ordered by id: the first seen names the actor
      a.code = code;
      a.name = name;
      a.country = country;
      a.agent = agent;
    }
    ++(as_source ? a.as_source : a.as_target);
    Widen(a.first_date, a.last_date, date);
  };
  for (const LiteEvent& e : rows) {
    add(e.src_code, e.src_name, e.src_country, e.src_agent, e.date, true);
    add(e.tgt_code, e.tgt_name, e.tgt_country, e.tgt_agent, e.date, false);
  }
  std::string code_prefix = Upper(query), name_part = Lower(query);
  std::vector<ActorSummary> out;
  for (auto& [code, a] : actors) {
    if (query.empty() || code.rfind(code_prefix, 0) == 0 ||
        Lower(a.name).find(name_part) != std::string::npos) {
      out.push_back(a);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const ActorSummary& a, const ActorSummary& b) {
    return a.as_source + a.as_target > b.as_source + b.as_target;
  });
  if (static_cast<std::int64_t>(out.size()) > ClampLimit(limit)) out.resize(ClampLimit(limit));
  return out;
}

std::optional<ActorProfile> AggregateProfile(const std::vector<LiteEvent>& rows,
                                             const std::string& actor_in) {
  std::string actor = Upper(actor_in);
  ActorProfile p;
  p.actor.code = actor;
  bool seen = false, named = false;
  std::map<std::string, CountByKey> src_roots, tgt_roots, partners;
  std::map<std::string, std::string> root_labels;
  std::vector<LiteEvent> mine;
  for (const LiteEvent& e : rows) {
    if (e.code.size() == 2 && !root_labels.count(e.code)) root_labels[e.code] = e.label;
    bool as_src = ActorMatches(e.src_code, e.src_country, actor);
    bool as_tgt = ActorMatches(e.tgt_code, e.tgt_country, actor);
    if (!as_src && !as_tgt) continue;
    seen = true;
    mine.push_back(e);
    // The actor's own entry names it; a bare country code has no name of its own.
    if (!named && (e.src_code == actor || e.tgt_code == actor)) {
      bool s = e.src_code == actor;
      p.actor.name = s ? e.src_name : e.tgt_name;
      p.actor.country = s ? e.src_country : e.tgt_country;
      p.actor.agent = s ? e.src_agent : e.tgt_agent;
      named = true;
    }
    Widen(p.actor.first_date, p.actor.last_date, e.date);
    if (as_src) {
      ++p.actor.as_source;
      CountByKey& c = src_roots[e.root];
      c.key = e.root;
      ++c.events;
      if (!e.tgt_code.empty()) {
        CountByKey& q = partners[e.tgt_code];
        if (q.key.empty()) q = {e.tgt_code, e.tgt_name, 0};
        ++q.events;
      }
    }
    if (as_tgt) {
      ++p.actor.as_target;
      CountByKey& c = tgt_roots[e.root];
      c.key = e.root;
      ++c.events;
      if (!e.src_code.empty()) {
        CountByKey& q = partners[e.src_code];
        if (q.key.empty()) q = {e.src_code, e.src_name, 0};
        ++q.events;
      }
    }
  }
  if (!seen) return std::nullopt;
  if (!named) p.actor.country = actor;
  for (auto* m : {&src_roots, &tgt_roots}) {
    for (auto& [root, c] : *m) {
      auto it = root_labels.find(root);
      if (it != root_labels.end()) c.label = it->second;
    }
  }
  p.roots_as_source = SortedCounts(src_roots);
  p.roots_as_target = SortedCounts(tgt_roots);
  p.partners = SortedCounts(partners);
  p.timeline = AggregateTimeline(mine, "month");
  return p;
}

std::vector<DyadSummary> AggregateDyads(const std::vector<LiteEvent>& rows, bool by_country,
                                        std::int64_t limit) {
  struct Acc {
    DyadSummary d;
    double sum = 0.0;
    bool source_named = false, target_named = false;
  };
  std::map<std::pair<std::string, std::string>, Acc> dyads;
  auto key = [&](const std::string& code, const std::string& country) {
    return by_country ? CountryKey(code, country) : code;
  };
  for (const LiteEvent& e : rows) {
    std::string s = key(e.src_code, e.src_country), t = key(e.tgt_code, e.tgt_country);
    if (s.empty() || t.empty()) continue;
    auto [it, fresh] = dyads.try_emplace({s, t});
    Acc& a = it->second;
    if (fresh) {
      a.d.source = s;
      a.d.target = t;
      a.d.source_name = e.src_name;
      a.d.target_name = e.tgt_name;
    }
    // A country group is named by the country's own entry when one was seen.
    if (!a.source_named && e.src_code == s) {
      a.d.source_name = e.src_name;
      a.source_named = true;
    }
    if (!a.target_named && e.tgt_code == t) {
      a.d.target_name = e.tgt_name;
      a.target_named = true;
    }
    ++a.d.events;
    a.sum += e.goldstein;
    if (e.quad_class == 1 || e.quad_class == 2) ++a.d.cooperation;
    if (e.quad_class == 3 || e.quad_class == 4) ++a.d.conflict;
    if (e.date > a.d.last_date) a.d.last_date = e.date;
  }
  std::vector<DyadSummary> out;
  for (auto& [k, a] : dyads) {
    a.d.mean_goldstein = a.sum / static_cast<double>(a.d.events);
    out.push_back(a.d);
  }
  std::stable_sort(out.begin(), out.end(), [](const DyadSummary& a, const DyadSummary& b) {
    return a.events > b.events;
  });
  if (static_cast<std::int64_t>(out.size()) > ClampLimit(limit)) out.resize(ClampLimit(limit));
  return out;
}

}  // namespace chancery::store::internal

namespace chancery::store::internal {

std::string EventColumnsDdl(const std::string& text_type, const std::string& int_type,
                            const std::string& real_type) {
  static const char* const kReal[] = {"goldstein", "confidence"};
  static const char* const kInt[] = {"sentence_index", "sentence_begin", "sentence_end",
                                     "verb_begin",     "verb_end",       "src_begin",
                                     "src_end",        "tgt_begin",      "tgt_end",
                                     "quad_class",     "negated"};
  std::string ddl, cols = kEventInsertColumns, name;
  auto flush = [&] {
    if (name.empty()) return;
    std::string type = text_type;
    for (const char* r : kReal) if (name == r) type = real_type;
    for (const char* i : kInt) if (name == i) type = int_type;
    ddl += ", " + name + " " + type + " NOT NULL";
    name.clear();
  };
  for (char c : cols) {
    if (c == ',') flush();
    else if (c != ' ') name += c;
  }
  flush();
  return ddl;
}

std::vector<LiteEvent> SqlStore::Lite(const std::string& where, const SqlParams& params) {
  return QueryLite(std::string("SELECT ") + kLiteColumns + " FROM events e WHERE " + where +
                       " ORDER BY e.id",
                   params.params());
}

std::string SqlStore::DataVersion() {
  return std::to_string(QueryCount("SELECT COUNT(*) FROM stories", {})) + ":" +
         std::to_string(QueryCount("SELECT COALESCE(MAX(id), 0) FROM events", {})) + ":" +
         std::to_string(QueryCount("SELECT COUNT(*) FROM events", {}));
}

EventPage SqlStore::Events(const EventFilter& filter) {
  SqlParams params(NumberedParams());
  std::string where = EventWhere(filter, params, [this](const std::vector<std::string>& w,
                                                        SqlParams& p) { return TextClause(w, p); });
  EventPage page;
  const std::string order = " ORDER BY e.date, e.story_id, e.sentence_index, e.id";
  std::string page_ids;
  const bool by_party = !filter.actor.empty() && filter.source.empty() && filter.target.empty() &&
                        filter.date_from.empty() && filter.date_to.empty() && filter.story_id.empty() &&
                        filter.text.empty() && (filter.code.empty() || filter.code.size() == 2);
  if (by_party) {
    // The common question — an actor's events, perhaps of one root or mode —
    // is a range of the event_parties key, already in date order.
    SqlParams party_params(NumberedParams());
    std::string where_party = "p.party = " + party_params.Add(Param::Text(Upper(filter.actor)));
    if (!filter.code.empty()) where_party += " AND p.root = " + party_params.Add(Param::Text(filter.code));
    if (filter.mode == "fact") where_party += " AND p.mode = ''";
    else if (!filter.mode.empty()) where_party += " AND p.mode = " + party_params.Add(Param::Text(filter.mode));
    page.total = QueryCount("SELECT COUNT(*) FROM event_parties p WHERE " + where_party, party_params.params());
    page_ids = "SELECT p.event_id FROM event_parties p WHERE " + where_party +
               " ORDER BY p.date, p.story_id, p.sentence_index, p.event_id";
    page_ids += " LIMIT " + party_params.Add(Param::Int(ClampLimit(filter.limit)));
    page_ids += " OFFSET " + party_params.Add(Param::Int(std::max<std::int64_t>(filter.offset, 0)));
    std::string sql = std::string("SELECT ") + kEventColumns + kEventFrom + " WHERE e.id IN (" + page_ids + ")" + order;
    page.events = QueryEvents(sql, party_params.params());
    return page;
  }
  // Only a full-text condition needs the sentence; counting and choosing the
  // page stay on the events table and its indexes, and only the page's rows
  // are joined to their sentence and story.
  const std::string from = filter.text.empty()
                               ? std::string(" FROM events e")
                               : std::string(" FROM events e LEFT JOIN sentences s ON s.story_id = e.story_id"
                                             " AND s.idx = e.sentence_index");
  page.total = QueryCount("SELECT COUNT(*)" + from + " WHERE " + where, params.params());
  page_ids = "SELECT e.id" + from + " WHERE " + where + order;
  page_ids += " LIMIT " + params.Add(Param::Int(ClampLimit(filter.limit)));
  page_ids += " OFFSET " + params.Add(Param::Int(std::max<std::int64_t>(filter.offset, 0)));
  std::string sql = std::string("SELECT ") + kEventColumns + kEventFrom + " WHERE e.id IN (" + page_ids + ")" + order;
  page.events = QueryEvents(sql, params.params());
  return page;
}

std::optional<StoredEvent> SqlStore::EventById(std::int64_t id) {
  SqlParams params(NumberedParams());
  std::string sql = std::string("SELECT ") + kEventColumns + kEventFrom +
                    " WHERE e.id = " + params.Add(Param::Int(id));
  std::vector<StoredEvent> found = QueryEvents(sql, params.params());
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::vector<ActorSummary> SqlStore::Actors(const std::string& query, std::int64_t limit) {
  SqlParams params(NumberedParams());
  return AggregateActors(Lite("1 = 1", params), query, limit);
}

std::optional<ActorProfile> SqlStore::Profile(const std::string& actor) {
  if (actor.empty()) return std::nullopt;
  SqlParams params(NumberedParams());
  std::string where = SideMatches("src", actor, params);
  where += " OR " + SideMatches("tgt", actor, params);
  return AggregateProfile(Lite(where, params), actor);
}

std::vector<TimelinePoint> SqlStore::DyadTimeline(const std::string& a, const std::string& b,
                                                  const std::string& granularity) {
  if (a.empty() || b.empty()) return {};
  SqlParams params(NumberedParams());
  std::string a_to_b = SideMatches("src", a, params);
  a_to_b += " AND " + SideMatches("tgt", b, params);
  std::string b_to_a = SideMatches("src", b, params);
  b_to_a += " AND " + SideMatches("tgt", a, params);
  std::string where = "(" + a_to_b + ") OR (" + b_to_a + ")";
  return AggregateTimeline(Lite(where, params), granularity);
}

std::vector<DyadSummary> SqlStore::Dyads(const std::string& actor, bool by_country,
                                         std::int64_t limit) {
  SqlParams params(NumberedParams());
  std::string where = "1 = 1";
  if (!actor.empty()) {
    where = SideMatches("src", actor, params);
    where += " OR " + SideMatches("tgt", actor, params);
  }
  return AggregateDyads(Lite(where, params), by_country, limit);
}

}  // namespace chancery::store::internal
