// Abbreviation table shared by the tokenizer and the sentence splitter.
//
// Contract: loaded once from data/text/abbreviations.txt (format in that file's header);
// immutable afterwards, so lookups are safe from any number of threads. Keys are
// lower-cased and abbreviations keep their final period ("gen.", "u.s.").
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace chancery::text {

// What a period closing a token means for the sentence splitter.
enum class PeriodRole : std::uint8_t {
  kNone,     // ordinary token; a period after it is a token of its own
  kTitle,    // never ends a sentence ("Gen.", "Mr.", "vs.", "No." before a number)
  kName,     // ends a sentence only before a sentence starter ("Inc.", "U.S.", "E.U.")
  kAbbrev,   // ends a sentence before a capitalised word ("Aug.", "p.m.", "etc.")
  kInitial,  // single capital letter ("W." in "George W. Bush"): like kName, and the
             // period is split off again when the sentence does end there
};

class AbbreviationTable {
 public:
  // Throws std::runtime_error naming the file if it cannot be read, or "FILE:LINE: message".
  static AbbreviationTable Load(const std::filesystem::path& file);

  // Role of a listed abbreviation (lower-case, with period); kNone if not listed.
  // `before_number` says whether a number follows, which `numeric` entries require.
  PeriodRole Find(std::string_view lower, bool before_number) const;

  // True for words that typically open a sentence ("the", "he", "however").
  bool IsStarter(std::string_view lower) const { return starters_.contains(std::string(lower)); }

 private:
  enum class Kind : std::uint8_t { kTitle, kName, kAbbrev, kNumeric };
  std::unordered_map<std::string, Kind> abbreviations_;
  std::unordered_set<std::string> starters_;
};

}  // namespace chancery::text
