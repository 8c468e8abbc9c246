// Sentence splitter: groups the tokens of a text into sentences.
//
// Contract: candidate boundaries come from ICU's sentence BreakIterator; an abbreviation pass
// then removes the false ones, and line structure adds or removes others:
//  - a blank line (two or more line breaks) always ends a sentence;
//  - a single line break ends one when the line has no closing punctuation and the next line
//    starts with a capital (headlines, bylines), or when the line ends a sentence anyway;
//  - after a `title` abbreviation ("Gen.", "Mr.") a sentence never ends; after a `name` one
//    ("U.S.", "Inc.", an initial "W.") only if a sentence starter follows ("The", "He");
//    after an `abbrev` one ("Aug.", "p.m.") only if a capitalised word follows;
//  - a sentence never starts with a lower-case word (ICU breaks '"Why?" he asked.').
// Sentences are token ranges, so their offsets are trimmed and none is empty.
// Split is const and thread-safe: each call works on its own clone of the ICU iterator.
#pragma once

#include <cstddef>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "text/abbreviations.h"
#include "text/story.h"

#include <unicode/uversion.h>  // defines the versioned `icu` namespace

U_NAMESPACE_BEGIN
class BreakIterator;
U_NAMESPACE_END

namespace chancery::text {

struct TokenRange {
  std::size_t first = 0;  // index of the first token
  std::size_t last = 0;   // one past the last token
};

class SentenceSplitter {
 public:
  // `abbreviations` must outlive the splitter. Throws std::runtime_error if ICU fails.
  explicit SentenceSplitter(const AbbreviationTable& abbreviations);
  ~SentenceSplitter();
  SentenceSplitter(SentenceSplitter&&) noexcept;

  // `tokens` and `roles` are the tokenizer's output for `text`.
  std::vector<TokenRange> Split(std::string_view text, std::span<const Token> tokens,
                                std::span<const PeriodRole> roles) const;

 private:
  // Byte offsets where ICU would start a new sentence, ascending.
  std::vector<std::size_t> IcuBoundaries(std::string_view text) const;

  const AbbreviationTable* abbreviations_;
  std::unique_ptr<icu::BreakIterator> prototype_;  // cloned per call; never used directly
};

}  // namespace chancery::text
