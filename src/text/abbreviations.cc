#include "text/abbreviations.h"

#include <fstream>
#include <stdexcept>

namespace chancery::text {

AbbreviationTable AbbreviationTable::Load(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error(file.string() + ": cannot open abbreviation list");
  AbbreviationTable table;
  std::string line;
  for (std::size_t line_no = 1; std::getline(in, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto fail = [&](const std::string& message) {
      throw std::runtime_error(file.string() + ":" + std::to_string(line_no) + ": " + message);
    };
    std::size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || line.find('\t', tab + 1) != std::string::npos)
      fail("expected ENTRY <TAB> KIND");
    std::string entry = line.substr(0, tab);
    std::string kind = line.substr(tab + 1);
    for (char& c : entry) {
      if (c == ' ') fail("entry contains a space");
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    if (kind == "starter") {
      if (entry.back() == '.') fail("a starter is a word, not an abbreviation");
      table.starters_.insert(entry);
      continue;
    }
    Kind k;
    if (kind == "title") k = Kind::kTitle;
    else if (kind == "name") k = Kind::kName;
    else if (kind == "abbrev") k = Kind::kAbbrev;
    else if (kind == "numeric") k = Kind::kNumeric;
    else fail("unknown kind '" + kind + "' (title, name, abbrev, numeric, starter)");
    if (entry.size() < 2 || entry.back() != '.') fail("an abbreviation ends with a period");
    table.abbreviations_.emplace(entry, k);  // first entry for an abbreviation wins
  }
  return table;
}

PeriodRole AbbreviationTable::Find(std::string_view lower, bool before_number) const {
  auto it = abbreviations_.find(std::string(lower));
  if (it == abbreviations_.end()) return PeriodRole::kNone;
  switch (it->second) {
    case Kind::kTitle: return PeriodRole::kTitle;
    case Kind::kName: return PeriodRole::kName;
    case Kind::kAbbrev: return PeriodRole::kAbbrev;
    case Kind::kNumeric: return before_number ? PeriodRole::kTitle : PeriodRole::kNone;
  }
  return PeriodRole::kNone;
}

}  // namespace chancery::text
