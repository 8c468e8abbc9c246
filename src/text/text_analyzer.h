// TextAnalyzer: the text stage of chancery. Turns a story body into sentences of tokens
// with matching forms and lemmas.
//
// Contract: input is valid NFC UTF-8; every offset is a byte offset into it. Sentences are
// split by ICU plus an abbreviation and line-structure pass (sentence_splitter.h), tokens
// follow tokenizer.h, lemmas follow lemmatizer.h. Dictionary phrases go through
// TokenizePhrase so that phrases and text tokenize alike. The analyzer is immutable after
// construction: Analyze and TokenizePhrase may run concurrently on one instance.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "text/abbreviations.h"
#include "text/lemmatizer.h"
#include "text/sentence_splitter.h"
#include "text/story.h"
#include "text/tokenizer.h"

namespace chancery::text {

class TextAnalyzer {
 public:
  // Loads data_dir/text/abbreviations.txt and data_dir/lexicon/*. Throws std::runtime_error
  // "FILE:LINE: message" for a malformed line, or naming the file if it is missing.
  explicit TextAnalyzer(const std::filesystem::path& data_dir);

  TextAnalyzer(const TextAnalyzer&) = delete;
  TextAnalyzer& operator=(const TextAnalyzer&) = delete;

  // Splits `text` (valid NFC UTF-8) into sentences with tokens. Offsets are bytes into `text`.
  // Const and thread-safe: several threads may call it on one analyzer.
  std::vector<Sentence> Analyze(std::string_view text) const;

  // Tokenizes a short phrase with the same rules (no sentence split); offsets into `phrase`.
  // Used to compile dictionary phrases, so phrases and text tokenize alike.
  std::vector<Token> TokenizePhrase(std::string_view phrase) const;

 private:
  AbbreviationTable abbreviations_;  // referenced by tokenizer_ and splitter_
  Tokenizer tokenizer_;
  SentenceSplitter splitter_;
  Lemmatizer lemmatizer_;
};

}  // namespace chancery::text
