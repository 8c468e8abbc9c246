#include "text/lemmatizer.h"

#include <fstream>
#include <stdexcept>

namespace chancery::text {
namespace {

struct Rule {
  std::string_view suffix;
  std::string_view replacement;
};

// WordNet's detachment rules, plus "-ied" -> "-y" for verbs.
constexpr Rule kNounRules[] = {{"s", ""},   {"ses", "s"},   {"xes", "x"},   {"zes", "z"},
                               {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"}};
constexpr Rule kVerbRules[] = {{"s", ""},  {"ies", "y"}, {"es", "e"},  {"es", ""},  {"ed", "e"},
                               {"ed", ""}, {"ied", "y"}, {"ing", "e"}, {"ing", ""}};
constexpr Rule kAdjectiveRules[] = {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}};

bool IsLowerAscii(std::string_view word) {
  for (char c : word)
    if (c < 'a' || c > 'z') return false;
  return !word.empty();
}

template <std::size_t N>
bool ApplyRules(std::string_view word, const Rule (&rules)[N],
                const std::unordered_set<std::string_view>& lexicon, std::string* out) {
  for (const Rule& rule : rules) {
    if (word.size() <= rule.suffix.size() || !word.ends_with(rule.suffix)) continue;
    out->assign(word.substr(0, word.size() - rule.suffix.size()));
    out->append(rule.replacement);
    if (lexicon.contains(*out)) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string_view> Lemmatizer::ReadLines(const std::filesystem::path& file,
                                                    std::vector<std::size_t>* line_numbers) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot open lexicon file");
  std::vector<char>& buffer = buffers_.emplace_back();
  in.seekg(0, std::ios::end);
  buffer.resize(static_cast<std::size_t>(in.tellg()));
  in.seekg(0);
  in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  std::vector<std::string_view> lines;
  std::string_view all(buffer.data(), buffer.size());
  std::size_t line_no = 0;
  for (std::size_t pos = 0; pos < all.size();) {
    std::size_t eol = all.find('\n', pos);
    if (eol == std::string_view::npos) eol = all.size();
    std::string_view line = all.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    lines.push_back(line);
    line_numbers->push_back(line_no);
  }
  return lines;
}

void Lemmatizer::LoadWords(const std::filesystem::path& file, WordSet* set) {
  std::vector<std::size_t> line_numbers;
  std::vector<std::string_view> lines = ReadLines(file, &line_numbers);
  set->reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].find_first_of(" \t") != std::string_view::npos)
      throw std::runtime_error(file.string() + ":" + std::to_string(line_numbers[i]) +
                               ": expected one word a line");
    set->insert(lines[i]);
  }
}

Lemmatizer Lemmatizer::Load(const std::filesystem::path& lexicon_dir) {
  Lemmatizer lemmatizer;
  lemmatizer.buffers_.reserve(4);
  lemmatizer.LoadWords(lexicon_dir / "verbs.txt", &lemmatizer.verbs_);
  lemmatizer.LoadWords(lexicon_dir / "nouns.txt", &lemmatizer.nouns_);
  lemmatizer.LoadWords(lexicon_dir / "adjectives.txt", &lemmatizer.adjectives_);
  const std::filesystem::path exceptions = lexicon_dir / "exceptions.tsv";
  std::vector<std::size_t> line_numbers;
  std::vector<std::string_view> lines = lemmatizer.ReadLines(exceptions, &line_numbers);
  lemmatizer.exceptions_.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::size_t tab = lines[i].find('\t');
    if (tab == std::string_view::npos || tab == 0 || tab + 1 == lines[i].size() ||
        lines[i].find('\t', tab + 1) != std::string_view::npos)
      throw std::runtime_error(exceptions.string() + ":" + std::to_string(line_numbers[i]) +
                               ": expected FORM <TAB> LEMMA");
    lemmatizer.exceptions_.emplace(lines[i].substr(0, tab), lines[i].substr(tab + 1));
  }
  return lemmatizer;
}

bool Lemmatizer::VerbBase(std::string_view word, std::string* out) const {
  if (verbs_.contains(word)) {
    out->assign(word);
    return true;
  }
  if (ApplyRules(word, kVerbRules, verbs_, out)) return true;
  // Doubled final consonant: "stopped" -> "stop", "planning" -> "plan".
  for (std::string_view suffix : {std::string_view("ed"), std::string_view("ing")}) {
    if (!word.ends_with(suffix) || word.size() < suffix.size() + 3) continue;
    std::string_view stem = word.substr(0, word.size() - suffix.size());
    char last = stem.back();
    if (last == stem[stem.size() - 2] && last != 'a' && last != 'e' && last != 'i' &&
        last != 'o' && last != 'u') {
      out->assign(stem.substr(0, stem.size() - 1));
      if (verbs_.contains(*out)) return true;
    }
  }
  return false;
}

bool Lemmatizer::NounBase(std::string_view word, std::string* out) const {
  if (nouns_.contains(word)) {
    out->assign(word);
    return true;
  }
  return ApplyRules(word, kNounRules, nouns_, out);
}

bool Lemmatizer::AdjectiveBase(std::string_view word, std::string* out) const {
  return ApplyRules(word, kAdjectiveRules, adjectives_, out);
}

std::string Lemmatizer::Lemma(std::string_view lower) const {
  if (auto it = exceptions_.find(lower); it != exceptions_.end()) return std::string(it->second);
  if (!IsLowerAscii(lower)) return std::string(lower);
  std::string base;
  if (lower.ends_with("ed") || lower.ends_with("ing")) {
    if (VerbBase(lower, &base)) return base;
  } else if (lower.ends_with("s")) {
    if (NounBase(lower, &base) || VerbBase(lower, &base)) return base;
  }
  if (verbs_.contains(lower) || nouns_.contains(lower) || adjectives_.contains(lower))
    return std::string(lower);
  if ((lower.ends_with("er") || lower.ends_with("est")) && AdjectiveBase(lower, &base))
    return base;
  return std::string(lower);
}

}  // namespace chancery::text
