// Relations: the lasting state between two parties that events imply —
// recognition, accredited diplomats, embassies, diplomatic ties, expulsions —
// with the events that support it and whether it is confirmed or only claimed.
//
// Contract:
// - RelationRules::Load reads data/relations/relations.tsv (format in its
//   header); a bad line is an error naming FILE:LINE.
// - DeriveRelations is a pure function of the events given: one Relation per
//   (a, b, kind), a and b being CountryKey()s, a acting toward b. Hypothetical
//   and future events are ignored; a negated event gives the rule's negative
//   value (or nothing when it has none). When events disagree, the latest
//   (by date, then id) decides the value. `status` is "confirmed" when any
//   event supporting the final value is narrated (no attributed speaker),
//   otherwise "claimed", with the speakers in claimed_by.
// - Relations are ordered by kind, then a, then b.
#pragma once

#include <cstdint>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "store/store.h"

namespace chancery::serve {

struct RelationRule {
  std::string kind, value, negative;  // negative empty: negated events say nothing
  std::vector<std::string> code_prefixes;
  std::regex cue;
  std::string cue_text;
};

class RelationRules {
 public:
  static RelationRules Load(const std::filesystem::path& file);  // throws std::runtime_error
  // The first rule `event` falls under, or null.
  const RelationRule* Match(const store::StoredEvent& event) const;
  // Every code prefix any rule needs, for narrowing store queries.
  std::vector<std::string> CodePrefixes() const;
  const std::vector<RelationRule>& rules() const { return rules_; }

 private:
  std::vector<RelationRule> rules_;
};

struct Relation {
  std::string a, a_name, b, b_name;
  std::string kind, value, status;  // status: "confirmed" or "claimed"
  std::string first_date, last_date;
  std::vector<std::int64_t> events;  // supporting the final value, oldest first
  std::vector<std::string> claimed_by;
  // Where it was read: "publisher <url>" of the stories behind `events`.
  std::vector<std::string> sources;
};

std::vector<Relation> DeriveRelations(const std::vector<store::StoredEvent>& events,
                                      const RelationRules& rules);

// The relations in which `actor` (actor or country code) is either party,
// read from the store page by page.
std::vector<Relation> RelationsOf(store::Store& store, const std::string& actor,
                                  const RelationRules& rules);

}  // namespace chancery::serve
