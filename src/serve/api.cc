#include "serve/api.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <stdexcept>

namespace chancery::serve {
namespace {

// A parameter the client got wrong: answered 400 with this message.
struct BadRequest : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct NotFound : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::string Param(const ApiRequest& request, const std::string& name) {
  auto it = request.params.find(name);
  return it == request.params.end() ? "" : it->second;
}

std::int64_t IntParam(const ApiRequest& request, const std::string& name, std::int64_t fallback,
                      std::int64_t min, std::int64_t max) {
  std::string text = Param(request, name);
  if (text.empty()) return fallback;
  if (text.size() > 12 || !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); }))
    throw BadRequest("parameter '" + name + "' must be a whole number, got '" + text.substr(0, 40) + "'");
  std::int64_t value = std::stoll(text);
  if (value < min || value > max)
    throw BadRequest("parameter '" + name + "' must be between " + std::to_string(min) + " and " +
                     std::to_string(max));
  return value;
}

// Actor and country codes: letters and digits, upper-cased ("afg" -> "AFG").
std::string CodeParam(const ApiRequest& request, const std::string& name, bool required = false) {
  std::string text = Param(request, name);
  if (text.empty()) {
    if (required) throw BadRequest("parameter '" + name + "' is required");
    return text;
  }
  if (text.size() > 40 || !std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isalnum(c); }))
    throw BadRequest("parameter '" + name + "' must be an actor or country code (letters and digits)");
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

std::string DateParam(const ApiRequest& request, const std::string& name) {
  static const std::regex kDatePrefix(R"(\d{4}(-\d{2}(-\d{2})?)?)");
  std::string text = Param(request, name);
  if (!text.empty() && !std::regex_match(text, kDatePrefix))
    throw BadRequest("parameter '" + name + "' must be YYYY, YYYY-MM or YYYY-MM-DD");
  return text;
}

std::string ChoiceParam(const ApiRequest& request, const std::string& name, const std::string& fallback,
                        const std::vector<std::string>& choices) {
  std::string text = Param(request, name);
  if (text.empty()) return fallback;
  if (std::find(choices.begin(), choices.end(), text) == choices.end()) {
    std::string list;
    for (const std::string& choice : choices) list += (list.empty() ? "" : ", ") + choice;
    throw BadRequest("parameter '" + name + "' must be one of: " + list);
  }
  return text;
}

Json ActorJson(const ActorRef& actor, std::uint32_t sentence_begin) {
  auto relative = [&](std::uint32_t offset) { return offset >= sentence_begin ? offset - sentence_begin : 0u; };
  return Json{{"code", actor.code},       {"name", actor.name},
              {"country", actor.country}, {"agent", actor.agent},
              {"text", actor.text},       {"begin", relative(actor.begin)},
              {"end", relative(actor.end)}};
}

Json TimelineJson(const store::TimelinePoint& point) {
  return Json{{"period", point.period},
              {"events", point.events},
              {"mean_goldstein", point.mean_goldstein},
              {"verbal_cooperation", point.verbal_cooperation},
              {"material_cooperation", point.material_cooperation},
              {"verbal_conflict", point.verbal_conflict},
              {"material_conflict", point.material_conflict}};
}

Json ActorSummaryJson(const store::ActorSummary& actor) {
  return Json{{"code", actor.code},           {"name", actor.name},           {"country", actor.country},
              {"agent", actor.agent},         {"as_source", actor.as_source}, {"as_target", actor.as_target},
              {"first_date", actor.first_date}, {"last_date", actor.last_date}};
}

Json CountsJson(const std::vector<store::CountByKey>& counts) {
  Json list = Json::array();
  for (const store::CountByKey& count : counts)
    list.push_back(Json{{"key", count.key}, {"label", count.label}, {"events", count.events}});
  return list;
}

// Equal-time comparison, so response time says nothing about the token.
bool SameToken(const std::string& given, const std::string& expected) {
  unsigned char difference = given.size() == expected.size() ? 0 : 1;
  for (std::size_t i = 0; i < given.size(); ++i)
    difference |= static_cast<unsigned char>(given[i] ^ expected[expected.empty() ? 0 : i % expected.size()]);
  return difference == 0;
}

}  // namespace

Api::Api(StoreFactory open_store, RelationRules rules, Countries countries, std::string token, IngestFunction ingest)
    : open_store_(std::move(open_store)),
      rules_(std::move(rules)),
      countries_(std::move(countries)),
      token_(std::move(token)),
      ingest_(std::move(ingest)) {}

Api::~Api() = default;

std::unique_ptr<store::Store> Api::Borrow() const {
  {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (!pool_.empty()) {
      std::unique_ptr<store::Store> store = std::move(pool_.back());
      pool_.pop_back();
      return store;
    }
  }
  return open_store_();
}

void Api::Return(std::unique_ptr<store::Store> store) const {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  pool_.push_back(std::move(store));
}

Json Api::EventJson(const store::StoredEvent& stored) {
  const Event& event = stored.event;
  const std::uint32_t base = event.sentence_begin;
  std::uint32_t verb_begin = event.verb_begin >= base ? event.verb_begin - base : 0;
  std::uint32_t verb_end = event.verb_end >= base ? event.verb_end - base : 0;
  std::string verb = verb_begin <= verb_end && verb_end <= stored.sentence.size()
                         ? stored.sentence.substr(verb_begin, verb_end - verb_begin)
                         : "";
  return Json{{"id", stored.id},
              {"story_id", event.story_id},
              {"story_title", stored.story_title},
              {"story_url", stored.story_url},
              {"story_source", stored.story_source},
              {"story_date", event.story_date},
              {"date", event.date},
              {"date_granularity", event.date_granularity},
              {"date_text", event.date_text},
              {"sentence_index", event.sentence_index},
              {"sentence", stored.sentence},
              {"source", ActorJson(event.source, base)},
              {"target", ActorJson(event.target, base)},
              {"verb", Json{{"text", verb}, {"begin", verb_begin}, {"end", verb_end}}},
              {"code", event.code},
              {"root", event.code.substr(0, 2)},
              {"label", event.label},
              {"goldstein", event.goldstein},
              {"quad_class", event.quad_class},
              {"plover_type", event.plover_type},
              {"plover_mode", event.plover_mode},
              {"mode", event.mode},
              {"negated", event.negated},
              {"attributed_to", event.attributed_to},
              {"attributed_code", event.attributed_code},
              {"confidence", event.confidence},
              {"pattern", event.pattern}};
}

std::string Api::NameOf(const std::string& key, const std::string& fallback) const {
  if (const Country* country = countries_.Find(key)) return country->name;
  return fallback.empty() ? key : fallback;
}

ApiResponse Api::Handle(const ApiRequest& request) const {
  ApiResponse response;
  std::unique_ptr<store::Store> store;
  try {
    const std::string& path = request.path;
    const bool get = request.method == "GET" || request.method == "HEAD";
    if (path == "/api/ingest") {
      if (request.method != "POST") throw BadRequest("use POST for /api/ingest");
      store = Borrow();
      response = Ingest(*store, request);
      Return(std::move(store));
      return response;
    }
    if (!get) throw BadRequest("only GET is served here (and POST /api/ingest)");
    store = Borrow();
    static const std::string kEventPrefix = "/api/events/";
    static const std::string kActorPrefix = "/api/actors/";
    if (path == "/api/stats") response.body = Stats(*store);
    else if (path == "/api/events") response.body = Events(*store, request);
    else if (path.rfind(kEventPrefix, 0) == 0) {
      std::string id_text = path.substr(kEventPrefix.size());
      if (id_text.empty() || id_text.size() > 18 ||
          !std::all_of(id_text.begin(), id_text.end(), [](unsigned char c) { return std::isdigit(c); }))
        throw NotFound("no event '" + id_text.substr(0, 40) + "'");
      std::optional<store::StoredEvent> event = store->EventById(std::stoll(id_text));
      if (!event) throw NotFound("no event " + id_text);
      response.body = EventJson(*event);
    } else if (path == "/api/actors") response.body = Actors(*store, request);
    else if (path.rfind(kActorPrefix, 0) == 0) response = ActorProfile(*store, path.substr(kActorPrefix.size()));
    else if (path == "/api/countries")
      response.body = Cached(*store, "countries", [&] { return CountriesJson(*store); });
    else if (path == "/api/dyads") response.body = Dyads(*store, request);
    else if (path == "/api/network") response.body = Network(*store, request);
    else if (path == "/api/relations")
      response.body = Cached(*store, "relations " + CodeParam(request, "actor", true),
                             [&] { return Relations(*store, request); });
    else if (path == "/api/search") response.body = Search(*store, request);
    else throw NotFound("no such API path: " + path.substr(0, 200));
    Return(std::move(store));
  } catch (const BadRequest& error) {
    response = {400, Json{{"error", error.what()}}};
    if (store) Return(std::move(store));
  } catch (const NotFound& error) {
    response = {404, Json{{"error", error.what()}}};
    if (store) Return(std::move(store));
  } catch (const std::exception& error) {
    // A store that failed may be in a bad state: drop it rather than pool it.
    response = {500, Json{{"error", std::string("store error: ") + error.what()}}};
  }
  return response;
}

Json Api::Cached(store::Store& store, const std::string& key, const std::function<Json()>& compute) const {
  const std::string version = store.DataVersion();
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second.first == version) return it->second.second;
  }
  Json body = compute();
  std::lock_guard<std::mutex> lock(cache_mutex_);
  // Dropping everything when full is crude but bounded; a busy server refills
  // only what is asked for again.
  if (cache_.size() >= kCacheEntries) cache_.clear();
  cache_[key] = {version, body};
  return body;
}

Json Api::Stats(store::Store& store) const {
  return Json{{"stories", store.CountStories()}, {"events", store.CountEvents()}, {"database", store.Describe()}};
}

Json Api::Events(store::Store& store, const ApiRequest& request) const {
  store::EventFilter filter;
  filter.actor = CodeParam(request, "actor");
  filter.source = CodeParam(request, "source");
  filter.target = CodeParam(request, "target");
  filter.code = Param(request, "code");
  if (!filter.code.empty() && (filter.code.size() > 4 || !std::all_of(filter.code.begin(), filter.code.end(),
                                                                       [](unsigned char c) { return std::isdigit(c); })))
    throw BadRequest("parameter 'code' must be a CAMEO code or prefix (digits, e.g. 05 or 054)");
  filter.date_from = DateParam(request, "from");
  filter.date_to = DateParam(request, "to");
  filter.story_id = Param(request, "story");
  filter.mode = ChoiceParam(request, "mode", "", {"fact", "negated", "hypothetical", "future"});
  filter.text = Param(request, "q");
  if (filter.text.size() > 500) throw BadRequest("parameter 'q' is longer than 500 bytes");
  filter.limit = IntParam(request, "limit", 50, 1, 1000);
  filter.offset = IntParam(request, "offset", 0, 0, 1'000'000'000);
  store::EventPage page = store.Events(filter);
  Json events = Json::array();
  for (const store::StoredEvent& event : page.events) events.push_back(EventJson(event));
  return Json{{"total", page.total}, {"limit", filter.limit}, {"offset", filter.offset}, {"events", std::move(events)}};
}

Json Api::Actors(store::Store& store, const ApiRequest& request) const {
  std::string query = Param(request, "q");
  if (query.size() > 200) throw BadRequest("parameter 'q' is longer than 200 bytes");
  Json list = Json::array();
  for (const store::ActorSummary& actor : store.Actors(query, IntParam(request, "limit", 50, 1, 1000)))
    list.push_back(ActorSummaryJson(actor));
  return list;
}

ApiResponse Api::ActorProfile(store::Store& store, const std::string& code) const {
  if (code.empty() || code.size() > 40 ||
      !std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isalnum(c); }))
    throw NotFound("no actor '" + code.substr(0, 40) + "'");
  std::string upper = code;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  std::optional<store::ActorProfile> profile = store.Profile(upper);
  if (!profile) throw NotFound("no events for actor " + upper);
  Json timeline = Json::array();
  for (const store::TimelinePoint& point : profile->timeline) timeline.push_back(TimelineJson(point));
  Json actor = ActorSummaryJson(profile->actor);
  if (actor["name"].get<std::string>().empty()) actor["name"] = NameOf(upper, "");
  return {200, Json{{"actor", std::move(actor)},
                    {"roots_as_source", CountsJson(profile->roots_as_source)},
                    {"roots_as_target", CountsJson(profile->roots_as_target)},
                    {"partners", CountsJson(profile->partners)},
                    {"timeline", std::move(timeline)}}};
}

Json Api::CountriesJson(store::Store& store) const {
  std::map<std::string, std::int64_t> events;
  for (const store::DyadSummary& dyad : store.Dyads("", true, 100000)) {
    events[dyad.source] += dyad.events;
    if (dyad.target != dyad.source) events[dyad.target] += dyad.events;
  }
  Json list = Json::array();
  for (const Country& country : countries_.all()) {
    auto it = events.find(country.code);
    list.push_back(Json{{"code", country.code},
                        {"name", country.name},
                        {"numeric", country.numeric},
                        {"events", it == events.end() ? 0 : it->second}});
  }
  return list;
}

Json Api::Dyads(store::Store& store, const ApiRequest& request) const {
  std::string a = CodeParam(request, "a", true), b = CodeParam(request, "b", true);
  std::string by = ChoiceParam(request, "by", "month", {"day", "week", "month"});
  Json points = Json::array();
  for (const store::TimelinePoint& point : store.DyadTimeline(a, b, by)) points.push_back(TimelineJson(point));
  return Json{{"a", a}, {"b", b}, {"by", by}, {"points", std::move(points)}};
}

Json Api::Network(store::Store& store, const ApiRequest& request) const {
  std::string actor = CodeParam(request, "actor");
  bool by_country = ChoiceParam(request, "level", "country", {"country", "actor"}) == "country";
  std::int64_t limit = IntParam(request, "limit", 200, 1, 5000);
  std::map<std::string, std::pair<std::string, std::int64_t>> nodes;  // id -> name, events
  Json edges = Json::array();
  for (const store::DyadSummary& dyad : store.Dyads(actor, by_country, limit)) {
    auto& source = nodes[dyad.source];
    source.first = NameOf(dyad.source, dyad.source_name);
    source.second += dyad.events;
    auto& target = nodes[dyad.target];
    target.first = NameOf(dyad.target, dyad.target_name);
    if (dyad.target != dyad.source) target.second += dyad.events;
    edges.push_back(Json{{"source", dyad.source},
                         {"target", dyad.target},
                         {"events", dyad.events},
                         {"mean_goldstein", dyad.mean_goldstein},
                         {"cooperation", dyad.cooperation},
                         {"conflict", dyad.conflict},
                         {"last_date", dyad.last_date}});
  }
  Json node_list = Json::array();
  for (const auto& [id, node] : nodes) node_list.push_back(Json{{"id", id}, {"name", node.first}, {"events", node.second}});
  return Json{{"nodes", std::move(node_list)}, {"edges", std::move(edges)}};
}

Json Api::Relations(store::Store& store, const ApiRequest& request) const {
  std::string actor = CodeParam(request, "actor", true);
  Json list = Json::array();
  for (const Relation& relation : RelationsOf(store, actor, rules_)) {
    list.push_back(Json{{"a", relation.a},
                        {"a_name", NameOf(relation.a, relation.a_name)},
                        {"b", relation.b},
                        {"b_name", NameOf(relation.b, relation.b_name)},
                        {"kind", relation.kind},
                        {"value", relation.value},
                        {"status", relation.status},
                        {"first_date", relation.first_date},
                        {"last_date", relation.last_date},
                        {"events", relation.events},
                        {"claimed_by", relation.claimed_by},
                        {"sources", relation.sources}});
  }
  return Json{{"actor", actor}, {"name", NameOf(actor, "")}, {"relations", std::move(list)}};
}

Json Api::Search(store::Store& store, const ApiRequest& request) const {
  std::string query = Param(request, "q");
  if (query.empty()) throw BadRequest("parameter 'q' is required");
  if (query.size() > 500) throw BadRequest("parameter 'q' is longer than 500 bytes");
  Json list = Json::array();
  for (const store::SentenceHit& hit : store.SearchSentences(query, IntParam(request, "limit", 20, 1, 1000)))
    list.push_back(Json{{"story_id", hit.story_id},
                        {"sentence_index", hit.sentence_index},
                        {"text", hit.text},
                        {"snippet", hit.snippet},
                        {"events", hit.events}});
  return list;
}

ApiResponse Api::Ingest(store::Store& store, const ApiRequest& request) const {
  if (token_.empty() || !ingest_)
    return {403, Json{{"error", "this server is read-only (start it with --token-file to allow ingest)"}}};
  static const std::string kBearer = "Bearer ";
  if (request.authorization.rfind(kBearer, 0) != 0 ||
      !SameToken(request.authorization.substr(kBearer.size()), token_))
    return {401, Json{{"error", "missing or wrong bearer token"}}};
  try {
    return {200, ingest_(store, request.body)};
  } catch (const std::invalid_argument& error) {
    return {400, Json{{"error", error.what()}}};
  }
}

}  // namespace chancery::serve
