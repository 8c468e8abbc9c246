#include "serve/relations.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace chancery::serve {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return fields;
}

// The words that triggered the event, as written in its sentence.
std::string TriggerWords(const store::StoredEvent& stored) {
  const Event& event = stored.event;
  if (event.verb_begin < event.sentence_begin || event.verb_end < event.verb_begin) return "";
  std::size_t begin = event.verb_begin - event.sentence_begin;
  if (begin > stored.sentence.size()) return "";
  return stored.sentence.substr(begin, event.verb_end - event.verb_begin);
}

// The verb pattern without its "file:line " provenance prefix.
std::string PatternWords(const std::string& pattern) {
  std::size_t space = pattern.find(' ');
  return space == std::string::npos ? pattern : pattern.substr(space + 1);
}

// Why a cue is refused before std::regex sees it, or "" if it is fine. Cues
// are short word alternations; back-references, control escapes and long
// numbers are never needed, and libstdc++'s regex compiler overflows on a
// long number after a backslash or "{" (found by fuzz/dictionary_fuzzer.cc).
// Any run of more than three digits is refused, wherever it stands, so the
// check does not have to tokenize escapes exactly as libstdc++ does: "\c\"
// takes the backslash as its control letter and so leaves the next backslash
// free to start a back-reference.
std::string CueProblem(const std::string& cue) {
  if (cue.size() > 500) return "longer than 500 characters";
  std::size_t digit_run = 0;
  for (std::size_t i = 0; i < cue.size(); ++i) {
    digit_run = (cue[i] >= '0' && cue[i] <= '9') ? digit_run + 1 : 0;
    if (digit_run > 3) return "numbers over 3 digits (repeat counts, back-references) are not supported";
    if (cue[i] == '\\' && i + 1 < cue.size()) {
      char next = cue[i + 1];
      if (next >= '0' && next <= '9') return "back-references (\\1) are not supported";
      if (next == 'c') return "control escapes (\\c) are not supported";
      ++i;  // the escaped character is literal
      digit_run = 0;
    }
  }
  return "";
}

}  // namespace

RelationRules RelationRules::Load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot open relation rules");
  RelationRules rules;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> fields = SplitTabs(line);
    auto fail = [&](const std::string& why) {
      throw std::runtime_error(file.string() + ":" + std::to_string(number) + ": " + why);
    };
    if (fields.size() != 5) fail("expected 5 tab-separated fields (kind, value, negative, codes, cue)");
    RelationRule rule;
    rule.kind = fields[0];
    rule.value = fields[1];
    rule.negative = fields[2] == "-" ? "" : fields[2];
    std::stringstream codes(fields[3]);
    for (std::string code; std::getline(codes, code, ',');)
      if (!code.empty()) rule.code_prefixes.push_back(code);
    if (rule.kind.empty() || rule.value.empty() || rule.code_prefixes.empty()) fail("empty kind, value or codes");
    if (std::string problem = CueProblem(fields[4]); !problem.empty()) fail("bad cue: " + problem);
    try {
      rule.cue = std::regex(fields[4], std::regex::ECMAScript | std::regex::icase | std::regex::optimize);
    } catch (const std::regex_error& error) {
      fail("bad cue '" + fields[4] + "': " + error.what());
    }
    rule.cue_text = fields[4];
    rules.rules_.push_back(std::move(rule));
  }
  if (rules.rules_.empty()) throw std::runtime_error(file.string() + ": no relation rules");
  return rules;
}

const RelationRule* RelationRules::Match(const store::StoredEvent& stored) const {
  const std::string& code = stored.event.code;
  std::string words;
  for (const RelationRule& rule : rules_) {
    bool code_matches = std::any_of(rule.code_prefixes.begin(), rule.code_prefixes.end(),
                                    [&](const std::string& prefix) { return code.rfind(prefix, 0) == 0; });
    if (!code_matches) continue;
    if (words.empty()) words = TriggerWords(stored) + " | " + PatternWords(stored.event.pattern);
    if (std::regex_search(words, rule.cue)) return &rule;
  }
  return nullptr;
}

std::vector<std::string> RelationRules::CodePrefixes() const {
  std::set<std::string> prefixes;
  for (const RelationRule& rule : rules_) prefixes.insert(rule.code_prefixes.begin(), rule.code_prefixes.end());
  // A prefix covered by a shorter one adds nothing ("16" covers "161").
  std::vector<std::string> minimal;
  for (const std::string& prefix : prefixes) {
    if (!minimal.empty() && prefix.rfind(minimal.back(), 0) == 0) continue;
    minimal.push_back(prefix);
  }
  return minimal;
}

std::vector<Relation> DeriveRelations(const std::vector<store::StoredEvent>& events, const RelationRules& rules) {
  struct Support {
    const store::StoredEvent* event;
    std::string value;
  };
  using Key = std::tuple<std::string, std::string, std::string>;  // kind, a, b
  std::map<Key, std::vector<Support>> grouped;
  for (const store::StoredEvent& stored : events) {
    const Event& event = stored.event;
    if (event.mode == "hypothetical" || event.mode == "future") continue;
    const RelationRule* rule = rules.Match(stored);
    if (!rule) continue;
    bool negated = event.negated || event.mode == "negated";
    if (negated && rule->negative.empty()) continue;
    std::string a = store::CountryKey(event.source.code, event.source.country);
    std::string b = store::CountryKey(event.target.code, event.target.country);
    if (a.empty() || b.empty() || a == b) continue;  // a state's relation with itself is not diplomacy
    grouped[{rule->kind, a, b}].push_back({&stored, negated ? rule->negative : rule->value});
  }

  std::vector<Relation> relations;
  for (auto& [key, supports] : grouped) {
    std::stable_sort(supports.begin(), supports.end(), [](const Support& x, const Support& y) {
      const Event& ex = x.event->event;
      const Event& ey = y.event->event;
      return std::tie(ex.date, x.event->id) < std::tie(ey.date, y.event->id);
    });
    Relation relation;
    std::tie(relation.kind, relation.a, relation.b) = key;
    relation.value = supports.back().value;
    bool narrated = false;
    std::set<std::string> speakers, sources;
    for (const Support& support : supports) {
      if (support.value != relation.value) continue;
      const store::StoredEvent& stored = *support.event;
      relation.events.push_back(stored.id);
      const std::string& date = stored.event.date.empty() ? stored.event.story_date : stored.event.date;
      if (relation.first_date.empty() || date < relation.first_date) relation.first_date = date;
      if (date > relation.last_date) relation.last_date = date;
      std::string where = stored.story_source.empty() ? stored.event.story_id : stored.story_source;
      if (!stored.story_url.empty()) where += " <" + stored.story_url + ">";
      sources.insert(where);
      if (stored.event.attributed_to.empty()) narrated = true;
      else speakers.insert(stored.event.attributed_to);
    }
    relation.status = narrated ? "confirmed" : "claimed";
    if (!narrated) relation.claimed_by.assign(speakers.begin(), speakers.end());
    relation.sources.assign(sources.begin(), sources.end());
    const Event& last = supports.back().event->event;
    relation.a_name = last.source.code == relation.a ? last.source.name : "";
    relation.b_name = last.target.code == relation.b ? last.target.name : "";
    relations.push_back(std::move(relation));
  }
  return relations;
}

std::vector<Relation> RelationsOf(store::Store& store, const std::string& actor, const RelationRules& rules) {
  std::vector<store::StoredEvent> events;
  for (const std::string& prefix : rules.CodePrefixes()) {
    store::EventFilter filter;
    filter.actor = actor;
    filter.code = prefix;
    filter.limit = 1000;
    for (filter.offset = 0;; filter.offset += filter.limit) {
      store::EventPage page = store.Events(filter);
      for (store::StoredEvent& event : page.events) events.push_back(std::move(event));
      if (page.events.size() < std::size_t(filter.limit)) break;
    }
  }
  return DeriveRelations(events, rules);
}

}  // namespace chancery::serve
