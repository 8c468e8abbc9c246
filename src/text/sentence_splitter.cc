#include "text/sentence_splitter.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace chancery::text {
namespace {

// Line breaks in the whitespace between two tokens; a paragraph separator counts as two.
int CountLineBreaks(std::string_view gap) {
  int count = 0;
  for (std::size_t i = 0; i < gap.size(); ++i) {
    char c = gap[i];
    if (c == '\n') {
      ++count;
    } else if (c == '\r') {
      if (i + 1 >= gap.size() || gap[i + 1] != '\n') ++count;
    } else if (gap.substr(i, 3) == "\u2029") {
      count += 2;
    } else if (gap.substr(i, 3) == "\u2028" || gap.substr(i, 2) == "\u0085") {
      ++count;
    }
  }
  return count;
}

bool IsQuoteOrBracket(const Token& t, bool closing) {
  if (t.text.size() != 1) return false;
  char c = t.text[0];
  if (c == '"' || c == '\'') return true;
  return closing ? (c == ')' || c == ']' || c == '}') : (c == '(' || c == '[' || c == '{');
}

bool IsTerminal(const Token& t) {
  return t.text == "." || t.text == "!" || t.text == "?" || t.text == "..." ||
         t.text == "?!" || t.text == "!?";
}

}  // namespace

SentenceSplitter::SentenceSplitter(const AbbreviationTable& abbreviations)
    : abbreviations_(&abbreviations) {
  UErrorCode status = U_ZERO_ERROR;
  prototype_.reset(icu::BreakIterator::createSentenceInstance(icu::Locale("en_US"), status));
  if (U_FAILURE(status) || !prototype_)
    throw std::runtime_error(std::string("ICU sentence break iterator: ") + u_errorName(status));
}

SentenceSplitter::~SentenceSplitter() = default;
SentenceSplitter::SentenceSplitter(SentenceSplitter&&) noexcept = default;

std::vector<std::size_t> SentenceSplitter::IcuBoundaries(std::string_view text) const {
  std::vector<std::size_t> boundaries;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(prototype_->clone());
  UText utext = UTEXT_INITIALIZER;
  utext_openUTF8(&utext, text.data(), static_cast<int64_t>(text.size()), &status);
  if (U_FAILURE(status) || !it) throw std::runtime_error("ICU: cannot open text");
  it->setText(&utext, status);  // offsets below are native, i.e. UTF-8 byte offsets
  for (int32_t b = it->next(); b != icu::BreakIterator::DONE; b = it->next())
    boundaries.push_back(static_cast<std::size_t>(b));
  it.reset();
  utext_close(&utext);
  return boundaries;
}

std::vector<TokenRange> SentenceSplitter::Split(std::string_view text,
                                                std::span<const Token> tokens,
                                                std::span<const PeriodRole> roles) const {
  std::vector<TokenRange> sentences;
  if (tokens.empty()) return sentences;
  const std::vector<std::size_t> icu = IcuBoundaries(text);
  std::size_t next_icu = 0;

  // The first word at or after token k, skipping opening quotes and brackets (the same line
  // is not required: a new line after a break is still where the next sentence would start).
  // Real text has at most a few quotes and brackets in a row; looking past
  // kMaxQuoteRun of them keeps a run of 100,000 quotes from costing
  // quadratic time (each token would rescan the whole run).
  constexpr std::size_t kMaxQuoteRun = 8;
  auto next_word = [&](std::size_t k) -> const Token* {
    for (const std::size_t stop = std::min(tokens.size(), k + kMaxQuoteRun + 1); k < stop; ++k) {
      if (tokens[k].is_word) return &tokens[k];
      if (!IsQuoteOrBracket(tokens[k], false)) return nullptr;
    }
    return nullptr;
  };
  auto starts_upper = [&](std::size_t k) {
    const Token* w = next_word(k);
    return w != nullptr && w->upper_initial;
  };
  auto starts_lower = [&](std::size_t k) {
    const Token* w = next_word(k);
    return w != nullptr && !w->upper_initial && !w->lower.empty() && w->lower[0] >= 'a' &&
           w->lower[0] <= 'z';
  };
  auto starts_sentence = [&](std::size_t k) {
    // An opening double quote followed by a capital usually opens a quoted sentence.
    if (tokens[k].text == "\"") return starts_upper(k);
    const Token* w = next_word(k);
    return w != nullptr && w->upper_initial && abbreviations_->IsStarter(w->lower);
  };

  std::size_t first = 0;
  for (std::size_t k = 0; k + 1 < tokens.size(); ++k) {
    const std::size_t gap_begin = tokens[k].end, gap_end = tokens[k + 1].begin;
    const int line_breaks = CountLineBreaks(text.substr(gap_begin, gap_end - gap_begin));
    while (next_icu < icu.size() && icu[next_icu] < gap_begin) ++next_icu;
    const bool icu_break = next_icu < icu.size() && icu[next_icu] <= gap_end;

    // The token whose punctuation closes the line or sentence, behind closing quotes.
    std::size_t closer = k;
    while (closer > first && k - closer < kMaxQuoteRun && IsQuoteOrBracket(tokens[closer], true)) --closer;
    const PeriodRole role = roles[closer];
    const bool closed = IsTerminal(tokens[closer]) || role != PeriodRole::kNone;

    bool split = false;
    if (line_breaks >= 2) {
      split = true;
    } else if (line_breaks == 1 && !closed) {
      split = starts_upper(k + 1);  // headline or byline followed by a new line
    } else if (closed && (icu_break || line_breaks == 1)) {
      switch (role) {
        case PeriodRole::kTitle: split = false; break;
        case PeriodRole::kName:
        case PeriodRole::kInitial:
          // A line break after "U.S." before a capital is a paragraph end in wire copy.
          split = line_breaks == 1 ? starts_upper(k + 1) : starts_sentence(k + 1);
          break;
        case PeriodRole::kAbbrev: split = starts_upper(k + 1); break;
        case PeriodRole::kNone: split = true; break;
      }
      if (split && starts_lower(k + 1)) split = false;
    } else {
      split = false;
    }
    if (split) {
      sentences.push_back({first, k + 1});
      first = k + 1;
    }
  }
  sentences.push_back({first, tokens.size()});
  return sentences;
}

}  // namespace chancery::text
