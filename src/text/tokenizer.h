// Tokenizer: splits UTF-8 text into word, number and punctuation tokens.
//
// Contract (input is valid NFC UTF-8; offsets are bytes into it):
//  - Whitespace, including no-break and other Unicode spaces, separates tokens and never
//    appears in one; zero-width and soft-hyphen characters are dropped from `text`.
//  - Words and numbers ("1,000", "3.5", "2021") are single tokens; every other punctuation
//    character is a token of its own, and so is each hyphen or dash ("al" "-" "Qaida").
//  - Clitics are split: "Russia's" -> "Russia" "'s", "don't" -> "do" "n't", "they've" ->
//    "they" "'ve"; a trailing apostrophe is its own token ("countries" "'"); other internal
//    apostrophes stay ("d'affaires", "O'Brien").
//  - Listed abbreviations and initialisms keep their period ("Gen.", "U.S.", "p.m.", "W.");
//    "..." and "…" are one token each. URLs, e-mail addresses, @handles, #hashtags are one token.
//  - Token::text is the matching form: curly quotes -> ' or ", dashes and minus -> "-",
//    "…" -> "..."; Token::lower is text lower-cased. Lemmas are left empty.
// Tokenize is const and keeps no state between calls.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "text/abbreviations.h"
#include "text/story.h"

namespace chancery::text {

class Tokenizer {
 public:
  // `abbreviations` must outlive the tokenizer.
  explicit Tokenizer(const AbbreviationTable& abbreviations) : abbreviations_(abbreviations) {}

  // Appends the tokens of `text` to `tokens` and, in parallel, each token's period role
  // to `roles` (kNone unless the token is an abbreviation ending with a period).
  void Tokenize(std::string_view text, std::vector<Token>* tokens,
                std::vector<PeriodRole>* roles) const;

  // Fills text, lower, is_word and upper_initial of `token` from its bytes in `source`.
  static void FillForms(std::string_view source, Token* token);

 private:
  // Length of the abbreviation or initialism starting at `begin` whose first word ends at
  // `word_end` (where a '.' is), and its role; 0 if there is none.
  std::size_t MatchAbbreviation(std::string_view text, std::size_t begin, std::size_t word_end,
                                PeriodRole* role) const;

  const AbbreviationTable& abbreviations_;
};

// A number or a word of quantity that can count a noun phrase: "25", "1,000",
// "two" ... "ten", "dozens", "several", "some", "other", "more" ("and 25
// senior officials", "and several other military officers").
bool IsQuantityWord(const Token& token);

}  // namespace chancery::text
