// Tokenizer specification: input text in, tokens (matching form and byte offsets) out.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/text_analyzer.h"

namespace chancery::text {
namespace {

const TextAnalyzer& Analyzer() {
  static const TextAnalyzer analyzer(CHANCERY_DATA_DIR);
  return analyzer;
}

std::vector<std::string> Texts(std::string_view phrase) {
  std::vector<std::string> out;
  for (const Token& t : Analyzer().TokenizePhrase(phrase)) out.push_back(t.text);
  return out;
}

using Strings = std::vector<std::string>;

TEST(Tokenizer, PossessiveWithStraightApostrophe) {
  std::vector<Token> tokens = Analyzer().TokenizePhrase("Russia's move");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].text, "Russia");
  EXPECT_EQ(tokens[0].begin, 0u);
  EXPECT_EQ(tokens[0].end, 6u);
  EXPECT_EQ(tokens[1].text, "'s");
  EXPECT_EQ(tokens[1].begin, 6u);
  EXPECT_EQ(tokens[1].end, 8u);
  EXPECT_EQ(tokens[2].text, "move");
  EXPECT_EQ(tokens[2].begin, 9u);
}

TEST(Tokenizer, PossessiveWithCurlyApostropheKeepsOriginalOffsets) {
  const std::string text = "Afghanistan\u2019s ruling Taliban";
  std::vector<Token> tokens = Analyzer().TokenizePhrase(text);
  ASSERT_EQ(tokens.size(), 4u);
  EXPECT_EQ(tokens[0].text, "Afghanistan");
  EXPECT_EQ(tokens[0].end, 11u);
  EXPECT_EQ(tokens[1].text, "'s");  // matching form folds the curly apostrophe
  EXPECT_EQ(tokens[1].begin, 11u);
  EXPECT_EQ(tokens[1].end, 15u);    // U+2019 is three bytes
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "\u2019s");
  EXPECT_EQ(tokens[2].begin, 16u);
}

TEST(Tokenizer, Clitics) {
  EXPECT_EQ(Texts("don't"), (Strings{"do", "n't"}));
  EXPECT_EQ(Texts("They\u2019ve"), (Strings{"They", "'ve"}));
  EXPECT_EQ(Texts("can't"), (Strings{"ca", "n't"}));
  EXPECT_EQ(Texts("we'll I'm you're"), (Strings{"we", "'ll", "I", "'m", "you", "'re"}));
  EXPECT_EQ(Texts("the countries' leaders"), (Strings{"the", "countries", "'", "leaders"}));
}

TEST(Tokenizer, InternalApostrophesStay) {
  EXPECT_EQ(Texts("charge d'affaires O'Brien"), (Strings{"charge", "d'affaires", "O'Brien"}));
  EXPECT_EQ(Texts("charge d\u2019affaires"), (Strings{"charge", "d'affaires"}));
}

TEST(Tokenizer, EachHyphenIsAToken) {
  EXPECT_EQ(Texts("Taliban-appointed"), (Strings{"Taliban", "-", "appointed"}));
  EXPECT_EQ(Texts("al-Qaida"), (Strings{"al", "-", "Qaida"}));
  EXPECT_EQ(Texts("8-month-old"), (Strings{"8", "-", "month", "-", "old"}));
  EXPECT_EQ(Texts("China \u2014 Pakistan \u2013 Russia \u2212 5"),
            (Strings{"China", "-", "Pakistan", "-", "Russia", "-", "5"}));
}

TEST(Tokenizer, Numbers) {
  EXPECT_EQ(Texts("1,000 troops, 3.5 percent, in 2021."),
            (Strings{"1,000", "troops", ",", "3.5", "percent", ",", "in", "2021", "."}));
  EXPECT_EQ(Texts("$5 or 10%"), (Strings{"$", "5", "or", "10", "%"}));
}

TEST(Tokenizer, AbbreviationsAndInitialismsKeepTheirPeriod) {
  EXPECT_EQ(Texts("Gen. Smith met Mr. Jones at 3 p.m. in the U.S. and U.N. offices"),
            (Strings{"Gen.", "Smith", "met", "Mr.", "Jones", "at", "3", "p.m.", "in", "the",
                     "U.S.", "and", "U.N.", "offices"}));
  EXPECT_EQ(Texts("U.S.-led talks"), (Strings{"U.S.", "-", "led", "talks"}));
  EXPECT_EQ(Texts("George W. Bush"), (Strings{"George", "W.", "Bush"}));
  EXPECT_EQ(Texts("No. 5 but said no."), (Strings{"No.", "5", "but", "said", "no", "."}));
}

TEST(Tokenizer, SentenceFinalPeriodIsItsOwnToken) {
  EXPECT_EQ(Texts("They talked."), (Strings{"They", "talked", "."}));
  EXPECT_EQ(Texts("Wait... what\u2026"), (Strings{"Wait", "...", "what", "..."}));
}

TEST(Tokenizer, QuotesAreFoldedTokens) {
  EXPECT_EQ(Texts("\u201CWe regard this,\u201D she said \u2018no\u2019"),
            (Strings{"\"", "We", "regard", "this", ",", "\"", "she", "said", "'", "no", "'"}));
}

TEST(Tokenizer, UnicodeSpacesNeverAppearInTokens) {
  std::vector<Token> tokens = Analyzer().TokenizePhrase("10\u00A0km\u2009away\u200Bnow");
  ASSERT_EQ(tokens.size(), 3u);
  EXPECT_EQ(tokens[0].text, "10");
  EXPECT_EQ(tokens[1].text, "km");
  EXPECT_EQ(tokens[2].text, "awaynow");  // a zero-width space is dropped, not a separator
  EXPECT_EQ(tokens[2].end, tokens[2].begin + 4 + 3 + 3);
}

TEST(Tokenizer, UrlsEmailsHandlesHashtags) {
  EXPECT_EQ(Texts("See https://www.voanews.com/a/x-y/123.html, or www.un.org."),
            (Strings{"See", "https://www.voanews.com/a/x-y/123.html", ",", "or", "www.un.org",
                     "."}));
  EXPECT_EQ(Texts("Mail press@state.gov or @StateDept #Afghanistan"),
            (Strings{"Mail", "press@state.gov", "or", "@StateDept", "#Afghanistan"}));
  EXPECT_EQ(Texts("on voanews.com today"), (Strings{"on", "voanews.com", "today"}));
}

TEST(Tokenizer, WordFlags) {
  std::vector<Token> tokens = Analyzer().TokenizePhrase("Moscow 's \u00C9mile 2021 , \u00E9t\u00E9");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_TRUE(tokens[0].is_word);
  EXPECT_TRUE(tokens[0].upper_initial);
  EXPECT_EQ(tokens[0].lower, "moscow");
  EXPECT_FALSE(tokens[1].is_word);
  EXPECT_FALSE(tokens[1].upper_initial);
  EXPECT_TRUE(tokens[2].upper_initial);
  EXPECT_EQ(tokens[2].lower, "\u00E9mile");
  EXPECT_TRUE(tokens[3].is_word);
  EXPECT_FALSE(tokens[3].upper_initial);
  EXPECT_FALSE(tokens[4].is_word);
  EXPECT_FALSE(tokens[5].upper_initial);
}

TEST(Tokenizer, PhrasesTokenizeLikeText) {
  std::vector<Token> phrase = Analyzer().TokenizePhrase("Taliban-appointed");
  std::vector<Sentence> text = Analyzer().Analyze("They accredited Taliban-appointed diplomats.");
  ASSERT_EQ(text.size(), 1u);
  ASSERT_GE(text[0].tokens.size(), 5u);
  for (std::size_t i = 0; i < phrase.size(); ++i) {
    EXPECT_EQ(text[0].tokens[2 + i].text, phrase[i].text);
    EXPECT_EQ(text[0].tokens[2 + i].lemma, phrase[i].lemma);
  }
}

}  // namespace
}  // namespace chancery::text
