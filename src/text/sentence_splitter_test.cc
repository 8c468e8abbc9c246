// Sentence splitting specification: text in, sentence strings out.
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

std::vector<std::string> Split(std::string_view text) {
  std::vector<std::string> out;
  for (const Sentence& s : Analyzer().Analyze(text))
    out.emplace_back(text.substr(s.begin, s.end - s.begin));
  return out;
}

using Strings = std::vector<std::string>;

TEST(SentenceSplitter, LongNewsSentenceIsOne) {
  const std::string voa =
      "Last month, Russia became the latest country to establish diplomatic ties with the "
      "Taliban when its Foreign Ministry accredited Taliban diplomat Jamal Nasir Gharwal as "
      "Afghan charge d'affaires in Moscow.";
  EXPECT_EQ(Split(voa), (Strings{voa}));
}

TEST(SentenceSplitter, TitlesTimesAndMonthsDoNotEndSentences) {
  EXPECT_EQ(Split("Gen. Smith met Mr. Jones at 3 p.m. on Aug. 5. They talked."),
            (Strings{"Gen. Smith met Mr. Jones at 3 p.m. on Aug. 5.", "They talked."}));
  EXPECT_EQ(Split("Lt. Col. Ahmed and Dr. Rahimi spoke. Sen. Graham agreed."),
            (Strings{"Lt. Col. Ahmed and Dr. Rahimi spoke.", "Sen. Graham agreed."}));
}

TEST(SentenceSplitter, InitialismsEndSentencesOnlyBeforeASentenceStart) {
  EXPECT_EQ(Split("He arrived in the U.S. on Monday."),
            (Strings{"He arrived in the U.S. on Monday."}));
  EXPECT_EQ(Split("He went to the U.S. The visit lasted a week."),
            (Strings{"He went to the U.S.", "The visit lasted a week."}));
  EXPECT_EQ(Split("The U.S. State Department and U.N. Secretary-General Antonio Guterres agreed."),
            (Strings{"The U.S. State Department and U.N. Secretary-General Antonio Guterres agreed."}));
  EXPECT_EQ(Split("Jamal N. Gharwal arrived."), (Strings{"Jamal N. Gharwal arrived."}));
  EXPECT_EQ(Split("It works for Acme Inc. The firm said so."),
            (Strings{"It works for Acme Inc.", "The firm said so."}));
}

TEST(SentenceSplitter, InitialismAtTheEndOfAWireLineEndsTheSentence) {
  EXPECT_EQ(Split("He would consider buying newspapers in France or the U.S.\nQuebecor is also expanding."),
            (Strings{"He would consider buying newspapers in France or the U.S.", "Quebecor is also expanding."}));
}

TEST(SentenceSplitter, InitialAtSentenceEndGetsItsPeriodBack) {
  std::vector<Sentence> s = Analyzer().Analyze("They chose Plan B. Then they left.");
  ASSERT_EQ(s.size(), 2u);
  ASSERT_EQ(s[0].tokens.size(), 5u);
  EXPECT_EQ(s[0].tokens[3].text, "B");
  EXPECT_EQ(s[0].tokens[4].text, ".");
  EXPECT_EQ(s[0].tokens[4].begin, 17u);
}

TEST(SentenceSplitter, QuestionInsideQuoteBeforeLowerCase) {
  EXPECT_EQ(Split("\"Why now?\" he asked. Nobody knew."),
            (Strings{"\"Why now?\" he asked.", "Nobody knew."}));
  EXPECT_EQ(Split("\u201CWe regard this as a step.\u201D Zakharova said it Wednesday."),
            (Strings{"\u201CWe regard this as a step.\u201D", "Zakharova said it Wednesday."}));
}

TEST(SentenceSplitter, HeadlineAndBylineLinesAreSentences) {
  EXPECT_EQ(Split("Russia Accredits Taliban Envoy\nBy Ayaz Gul\nMoscow has accepted a diplomat."),
            (Strings{"Russia Accredits Taliban Envoy", "By Ayaz Gul",
                     "Moscow has accepted a diplomat."}));
}

TEST(SentenceSplitter, BlankLineAlwaysEndsASentence) {
  EXPECT_EQ(Split("talks in Doha\n\nofficials said"), (Strings{"talks in Doha", "officials said"}));
  EXPECT_EQ(Split("Talks with Mr.\r\n \r\nJones"), (Strings{"Talks with Mr.", "Jones"}));
}

TEST(SentenceSplitter, WrappedLineContinuesTheSentence) {
  EXPECT_EQ(Split("The Taliban have refused to\nrecognize the court.\nIt was closed."),
            (Strings{"The Taliban have refused to\nrecognize the court.", "It was closed."}));
}

TEST(SentenceSplitter, OffsetsAreTrimmedAndEmptySentencesSkipped) {
  const std::string text = "  \n\n  One here.   \n\n \u00A0 \n\n Two here.  ";
  std::vector<Sentence> s = Analyzer().Analyze(text);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(text.substr(s[0].begin, s[0].end - s[0].begin), "One here.");
  EXPECT_EQ(text.substr(s[1].begin, s[1].end - s[1].begin), "Two here.");
  EXPECT_EQ(s[0].index, 0u);
  EXPECT_EQ(s[1].index, 1u);
  EXPECT_TRUE(Analyzer().Analyze("").empty());
  EXPECT_TRUE(Analyzer().Analyze(" \n\t\u00A0 ").empty());
}

TEST(SentenceSplitter, ExclamationsAndQuestions) {
  EXPECT_EQ(Split("Is it over? Yes! It is."), (Strings{"Is it over?", "Yes!", "It is."}));
}

}  // namespace
}  // namespace chancery::text
