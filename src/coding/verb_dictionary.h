// Verb dictionary: CAMEO codes keyed by word patterns (data/verbs/*.txt; the
// pattern language is in docs/formats.md).
//
// Contract: loading never throws for a bad line; it records "FILE:LINE: message"
// in `problems` and skips it. Codes missing from the CAMEO table are problems too.
// Patterns are indexed by the words of their first required element, so a
// sentence is matched by looking up each token's lemma and form, not by trying
// every pattern.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chancery::coding {

class CameoTable;

struct PatternElement {
  enum class Type { kWords, kGap, kTarget, kSource };
  Type type = Type::kWords;
  std::vector<std::string> words;  // kWords: any of these (lemma or lower-cased form)
  bool optional = false;
};

struct VerbPattern {
  std::string code;
  std::vector<PatternElement> elements;
  std::size_t anchor = 0;  // index of the first required word element
  int literal_count = 0;   // required word elements; more means more specific
  std::string text;        // the pattern as written, for audit
  std::string file;
  std::size_t line = 0;
};

// Parses one pattern; returns false with `error` set when it is malformed.
bool ParseVerbPattern(std::string_view text, VerbPattern* pattern, std::string* error);

class VerbDictionary {
 public:
  static VerbDictionary LoadDirectory(const std::filesystem::path& dir, const CameoTable* table,
                                      std::vector<std::string>* problems);
  void LoadFile(const std::filesystem::path& file, const CameoTable* table, std::vector<std::string>* problems);
  void Add(VerbPattern pattern);

  const std::vector<VerbPattern>& patterns() const { return patterns_; }
  // Patterns whose anchor element accepts `word`.
  const std::vector<std::uint32_t>* Candidates(std::string_view word) const;

 private:
  std::vector<VerbPattern> patterns_;
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_anchor_word_;
};

}  // namespace chancery::coding
