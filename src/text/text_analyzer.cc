#include "text/text_analyzer.h"

#include <iterator>

namespace chancery::text {

TextAnalyzer::TextAnalyzer(const std::filesystem::path& data_dir)
    : abbreviations_(AbbreviationTable::Load(data_dir / "text" / "abbreviations.txt")),
      tokenizer_(abbreviations_),
      splitter_(abbreviations_),
      lemmatizer_(Lemmatizer::Load(data_dir / "lexicon")) {}

std::vector<Sentence> TextAnalyzer::Analyze(std::string_view text) const {
  std::vector<Token> tokens;
  std::vector<PeriodRole> roles;
  tokens.reserve(text.size() / 5 + 1);
  roles.reserve(tokens.capacity());
  tokenizer_.Tokenize(text, &tokens, &roles);
  const std::vector<TokenRange> ranges = splitter_.Split(text, tokens, roles);

  std::vector<Sentence> sentences;
  sentences.reserve(ranges.size());
  for (const TokenRange& range : ranges) {
    if (range.first == range.last) continue;
    Sentence& sentence = sentences.emplace_back();
    sentence.index = static_cast<std::uint32_t>(sentences.size() - 1);
    sentence.tokens.reserve(range.last - range.first + 1);
    sentence.tokens.insert(sentence.tokens.end(),
                           std::make_move_iterator(tokens.begin() + range.first),
                           std::make_move_iterator(tokens.begin() + range.last));
    // A sentence that ends on an initial ("... Plan B.") gets its final period back as a
    // token of its own, like any other sentence-final period.
    std::vector<Token>& own = sentence.tokens;
    std::size_t closer = own.size() - 1;
    while (closer > 0 && roles[range.first + closer] == PeriodRole::kNone &&
           (own[closer].text == "\"" || own[closer].text == "'" || own[closer].text == ")"))
      --closer;
    if (roles[range.first + closer] == PeriodRole::kInitial) {
      Token period;
      period.begin = own[closer].end - 1;
      period.end = own[closer].end;
      own[closer].end -= 1;
      Tokenizer::FillForms(text, &own[closer]);
      Tokenizer::FillForms(text, &period);
      own.insert(own.begin() + static_cast<std::ptrdiff_t>(closer) + 1, std::move(period));
    }
    for (Token& token : sentence.tokens) token.lemma = lemmatizer_.Lemma(token.lower);
    sentence.begin = sentence.tokens.front().begin;
    sentence.end = sentence.tokens.back().end;
  }
  return sentences;
}

std::vector<Token> TextAnalyzer::TokenizePhrase(std::string_view phrase) const {
  std::vector<Token> tokens;
  std::vector<PeriodRole> roles;
  tokenizer_.Tokenize(phrase, &tokens, &roles);
  for (Token& token : tokens) token.lemma = lemmatizer_.Lemma(token.lower);
  return tokens;
}

}  // namespace chancery::text
