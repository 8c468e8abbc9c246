// Regression cases: hand-checked sentences and the events chancery must code
// from them (tests/regression/cases.jsonl; format in tests/regression/README.md).
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <set>
#include <nlohmann/json.hpp>

#include "pipeline_fixture.h"

namespace chancery::testing {
namespace {

struct ExpectedEvent {
  std::string source, target, code;
  std::optional<bool> negated;
  std::optional<std::string> attributed_to;
  std::optional<std::string> mode;
};

struct RegressionCase {
  std::string id, text, date, note;
  std::vector<ExpectedEvent> events;
  bool exhaustive = true;
  std::string known_gap;  // why chancery cannot code this yet; the case must then fail
  std::size_t line = 0;
};

std::vector<RegressionCase> LoadCases() {
  std::vector<RegressionCase> cases;
  std::string path = std::string(CHANCERY_SOURCE_DIR) + "/tests/regression/cases.jsonl";
  std::ifstream in(path);
  std::string line;
  std::size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    nlohmann::json json = nlohmann::json::parse(line);
    RegressionCase c;
    c.line = number;
    c.id = json.at("id").get<std::string>();
    c.text = json.at("text").get<std::string>();
    c.date = json.value("date", "");
    c.note = json.value("note", "");
    c.exhaustive = json.value("exhaustive", true);
    c.known_gap = json.value("known_gap", "");
    for (const auto& e : json.at("events")) {
      ExpectedEvent expected;
      expected.source = e.at("source").get<std::string>();
      expected.target = e.at("target").get<std::string>();
      expected.code = e.at("code").get<std::string>();
      if (e.contains("negated")) expected.negated = e["negated"].get<bool>();
      if (e.contains("attributed_to")) expected.attributed_to = e["attributed_to"].get<std::string>();
      if (e.contains("mode")) expected.mode = e["mode"].get<std::string>();
      c.events.push_back(expected);
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

const std::vector<RegressionCase>& Cases() {
  static const std::vector<RegressionCase> cases = LoadCases();
  return cases;
}

bool StartsWith(const std::string& value, const std::string& prefix) {
  return value.compare(0, prefix.size(), prefix) == 0;
}

// Expected actor codes may be a prefix: "RUS" accepts "RUSGOV".
bool Satisfies(const Event& event, const ExpectedEvent& expected) {
  if (!StartsWith(event.source.code, expected.source) || !StartsWith(event.target.code, expected.target)) return false;
  if (expected.code.size() == 2 ? !StartsWith(event.code, expected.code) : event.code != expected.code) return false;
  if (expected.negated && event.negated != *expected.negated) return false;
  if (expected.attributed_to && event.attributed_to.find(*expected.attributed_to) == std::string::npos) return false;
  if (expected.mode && event.mode != *expected.mode) return false;
  return true;
}

class RegressionTest : public ::testing::TestWithParam<std::size_t> {};

// What is wrong with the coding of `c`, or "" when it is right.
std::string Mismatches(const RegressionCase& c, const std::vector<Event>& events) {
  std::vector<bool> used(events.size(), false);
  std::string problems;
  for (const ExpectedEvent& expected : c.events) {
    bool found = false;
    for (std::size_t i = 0; i < events.size() && !found; ++i) {
      if (used[i] || !Satisfies(events[i], expected)) continue;
      used[i] = found = true;
    }
    if (!found)
      problems += "\n  missing: " + expected.source + "->" + expected.target + " " + expected.code +
                  (expected.negated.value_or(false) ? " neg" : "");
  }
  if (c.exhaustive) {
    for (std::size_t i = 0; i < events.size(); ++i)
      if (!used[i]) problems += "\n  not expected: " + Describe(events[i]) + " (" + events[i].pattern + ")";
  }
  return problems;
}

TEST_P(RegressionTest, CodesExpectedEvents) {
  const RegressionCase& c = Cases()[GetParam()];
  std::vector<Event> events = CodeText(c.text, c.date);
  std::string problems = Mismatches(c, events);
  std::string context = "case " + c.id + " (cases.jsonl:" + std::to_string(c.line) + "): " + c.text +
                        "\n  coded: " + DescribeAll(events);
  if (!c.known_gap.empty()) {
    // A known gap must still be a gap: when it starts passing, the case is
    // promoted by deleting its "known_gap".
    EXPECT_FALSE(problems.empty()) << context << "\n  now passes: remove its known_gap";
    if (!problems.empty()) GTEST_SKIP() << "known gap: " << c.known_gap << "\n" << context << problems;
    return;
  }
  EXPECT_TRUE(problems.empty()) << context << problems;
}

std::string CaseName(const ::testing::TestParamInfo<std::size_t>& info) {
  std::string name = Cases()[info.param].id;
  for (char& c : name)
    if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, RegressionTest, ::testing::Range<std::size_t>(0, Cases().size()), CaseName);

TEST(RegressionFile, HasAtLeast150HandCheckedCases) {
  EXPECT_GE(Cases().size(), 150u);
  std::size_t gaps = 0;
  for (const RegressionCase& c : Cases()) gaps += !c.known_gap.empty();
  // Known gaps are the exception, not a way around the cases.
  EXPECT_LE(gaps * 10, Cases().size()) << gaps << " of " << Cases().size() << " cases are known gaps";
  std::set<std::string> ids;
  for (const RegressionCase& c : Cases()) EXPECT_TRUE(ids.insert(c.id).second) << "duplicate id " << c.id;
}

}  // namespace
}  // namespace chancery::testing
