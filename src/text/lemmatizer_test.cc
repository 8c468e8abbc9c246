// Lemmatizer specification: lower-cased word in, dictionary form out.
#include "text/lemmatizer.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace chancery::text {
namespace {

const Lemmatizer& Lexicon() {
  static const Lemmatizer lemmatizer =
      Lemmatizer::Load(std::filesystem::path(CHANCERY_DATA_DIR) / "lexicon");
  return lemmatizer;
}

TEST(Lemmatizer, VerbsAndNounsFromTheBrief) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"accredited", "accredit"}, {"accrediting", "accredit"}, {"met", "meet"},
      {"took", "take"},           {"ties", "tie"},             {"embassies", "embassy"},
      {"diplomats", "diplomat"},  {"was", "be"},               {"hosted", "host"},
      {"reopened", "reopen"},     {"clashes", "clash"},        {"fighting", "fight"},
      {"countries", "country"},   {"talks", "talk"},           {"stopped", "stop"},
      {"agreed", "agree"},        {"criticised", "criticise"}, {"criticized", "criticize"},
  };
  for (const auto& [form, lemma] : cases) EXPECT_EQ(Lexicon().Lemma(form), lemma) << form;
}

TEST(Lemmatizer, IrregularAndAmbiguousForms) {
  EXPECT_EQ(Lexicon().Lemma("is"), "be");
  EXPECT_EQ(Lexicon().Lemma("has"), "have");
  EXPECT_EQ(Lexicon().Lemma("said"), "say");
  EXPECT_EQ(Lexicon().Lemma("hoped"), "hope");
  EXPECT_EQ(Lexicon().Lemma("singing"), "sing");
  EXPECT_EQ(Lexicon().Lemma("planning"), "plan");
  EXPECT_EQ(Lexicon().Lemma("n't"), "not");
  EXPECT_EQ(Lexicon().Lemma("better"), "good");
}

TEST(Lemmatizer, WordsThatOnlyLookInflected) {
  EXPECT_EQ(Lexicon().Lemma("news"), "news");
  EXPECT_EQ(Lexicon().Lemma("gas"), "gas");
  EXPECT_EQ(Lexicon().Lemma("us"), "us");
  EXPECT_EQ(Lexicon().Lemma("its"), "its");
  EXPECT_EQ(Lexicon().Lemma("need"), "need");
  EXPECT_EQ(Lexicon().Lemma("bring"), "bring");
  EXPECT_EQ(Lexicon().Lemma("species"), "species");
}

TEST(Lemmatizer, NamesNumbersAndPunctuationAreTheirOwnLemma) {
  EXPECT_EQ(Lexicon().Lemma("taliban"), "taliban");
  EXPECT_EQ(Lexicon().Lemma("gharwal"), "gharwal");
  EXPECT_EQ(Lexicon().Lemma("1,000"), "1,000");
  EXPECT_EQ(Lexicon().Lemma("."), ".");
  EXPECT_EQ(Lexicon().Lemma("\u00e9t\u00e9s"), "\u00e9t\u00e9s");
}

}  // namespace
}  // namespace chancery::text
