// Lemmatizer: lower-cased dictionary form of a word, WordNet "morphy" style.
//
// Contract: Load reads data/lexicon/{verbs,nouns,adjectives}.txt and exceptions.tsv (built
// from WordNet 3.0 by scripts/build-lexicon). Lemma(lower) then answers, in this order:
//   1. the exception table ("met" -> "meet", "was" -> "be", "talks" -> "talk", "n't" -> "not");
//   2. words in -ed / -ing: the verb reading ("accredited" -> "accredit", "fighting" -> "fight");
//   3. words in -s: the noun reading, then the verb reading ("embassies" -> "embassy");
//   4. a word that is itself a base form stays as it is;
//   5. adjectives in -er / -est ("later" -> "late");
//   6. anything else (names, numbers, punctuation, non-ASCII words) is its own lemma.
// A reading is accepted only when the suffix rule yields a base form listed in the lexicon.
// Immutable after loading; Lemma is safe to call from any number of threads.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace chancery::text {

class Lemmatizer {
 public:
  // Throws std::runtime_error naming a missing file, or "FILE:LINE: message" for a bad line.
  static Lemmatizer Load(const std::filesystem::path& lexicon_dir);

  // `lower` is a lower-cased token; returns its lemma.
  std::string Lemma(std::string_view lower) const;

 private:
  using WordSet = std::unordered_set<std::string_view>;

  // Reads `file` into an owned buffer and returns views of its non-comment lines.
  std::vector<std::string_view> ReadLines(const std::filesystem::path& file,
                                          std::vector<std::size_t>* line_numbers);
  void LoadWords(const std::filesystem::path& file, WordSet* set);

  // Base form of `word` under the verb / noun / adjective suffix rules, written to `*out`.
  bool VerbBase(std::string_view word, std::string* out) const;
  bool NounBase(std::string_view word, std::string* out) const;
  bool AdjectiveBase(std::string_view word, std::string* out) const;

  std::vector<std::vector<char>> buffers_;  // file contents the views point into
  WordSet verbs_, nouns_, adjectives_;
  std::unordered_map<std::string_view, std::string_view> exceptions_;
};

}  // namespace chancery::text
