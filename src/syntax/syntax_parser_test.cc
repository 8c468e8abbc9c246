// Sentences in, relations out: what the event coder may rely on from the syntax stage.
#include "syntax/syntax_parser.h"

#include <gtest/gtest.h>

#include <sstream>

namespace chancery::syntax {
namespace {

std::vector<std::string> Words(const std::string& spaced) {
  std::istringstream in(spaced);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

class SyntaxParserTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { parser_ = new SyntaxParser(CHANCERY_DATA_DIR); }
  static void TearDownTestSuite() {
    delete parser_;
    parser_ = nullptr;
  }
  static Parse Must(const std::string& spaced) {
    std::optional<Parse> p = parser_->Parse(Words(spaced));
    EXPECT_TRUE(p.has_value()) << spaced;
    return p.value_or(Parse{});
  }
  static SyntaxParser* parser_;
};
SyntaxParser* SyntaxParserTest::parser_ = nullptr;

using V = std::vector<int>;

TEST_F(SyntaxParserTest, ActiveSubjectAndObject) {
  Parse p = Must("Russia condemned Ukraine .");  // 0 Russia 1 condemned 2 Ukraine
  EXPECT_EQ(p.null_count, 0);
  EXPECT_EQ(p.Subjects(1), V{0});
  EXPECT_EQ(p.Objects(1), V{2});
  EXPECT_FALSE(p.IsPassive(1));
  for (const Link& l : p.links) {
    EXPECT_LT(l.left, l.right);
    EXPECT_LT(l.right, 4);
  }
}

TEST_F(SyntaxParserTest, PassiveByAgentIsTheSubject) {
  Parse p = Must("Diplomats were expelled by Pakistan .");
  EXPECT_TRUE(p.IsPassive(2));
  EXPECT_EQ(p.Subjects(2), V{4});  // Pakistan did the expelling
  EXPECT_EQ(p.Objects(2), V{0});   // the diplomats were expelled
  EXPECT_EQ(p.PrepObjects(2, "by"), V{4});
}

TEST_F(SyntaxParserTest, ConjoinedVerbsShareTheSubject) {
  // 0 Iran 1 met 2 and 3 signed 4 a 5 deal 6 with 7 Iraq
  Parse p = Must("Iran met and signed a deal with Iraq");
  EXPECT_EQ(p.ConjoinedVerbs(1), V{3});
  EXPECT_EQ(p.ConjoinedVerbs(3), V{1});
  EXPECT_EQ(p.Subjects(1), V{0});
  EXPECT_EQ(p.Subjects(3), V{0});
  EXPECT_EQ(p.Objects(3), V{5});
  EXPECT_EQ(p.PrepObjects(3, "with"), V{7});
}

TEST_F(SyntaxParserTest, TalibanIsAPluralNoun) {
  // The project dictionary knows "Taliban": a full parse, plural subject agreement.
  Parse p = Must("The Taliban accredited the envoy .");
  EXPECT_EQ(p.null_count, 0);
  EXPECT_EQ(p.tags[1], "p");
  EXPECT_EQ(p.Subjects(2), V{1});
  EXPECT_EQ(p.Objects(2), V{4});
  Parse q = Must("The Taliban have rejected the offer .");
  EXPECT_EQ(q.null_count, 0);
  EXPECT_EQ(q.Subjects(3), V{1});
  Parse h = Must("The Houthis attacked a ship .");
  EXPECT_EQ(h.null_count, 0);
  EXPECT_EQ(h.Subjects(2), V{1});
}

TEST_F(SyntaxParserTest, PrepositionObjects) {
  // 0 The 1 Taliban 2 accredited 3 him 4 as 5 an 6 envoy 7 in 8 Moscow
  Parse p = Must("The Taliban accredited him as an envoy in Moscow .");
  EXPECT_EQ(p.Objects(2), V{3});
  EXPECT_EQ(p.PrepObjects(2, "as"), V{6});
  EXPECT_EQ(p.PrepObjects(2, "In"), V{8});
  EXPECT_TRUE(p.PrepObjects(2, "with").empty());
}

TEST_F(SyntaxParserTest, RelativeClauseHead) {
  // 0 Russia 1 , 2 which 3 has 4 long 5 opposed 6 the 7 plan 8 , 9 condemned 10 Ukraine
  Parse p = Must("Russia , which has long opposed the plan , condemned Ukraine .");
  EXPECT_EQ(p.Subjects(9), V{0});
  EXPECT_EQ(p.Objects(9), V{10});
  EXPECT_EQ(p.RelativeHead(2), 0);
  EXPECT_EQ(p.Subjects(5), V{0});  // through "has" and "which"
  EXPECT_EQ(p.Objects(5), V{7});

  // 0 The 1 man 2 who 3 attacked 4 the 5 embassy 6 was 7 arrested
  Parse q = Must("The man who attacked the embassy was arrested .");
  EXPECT_EQ(q.RelativeHead(2), 1);
  EXPECT_EQ(q.Subjects(3), V{1});
  EXPECT_EQ(q.Objects(3), V{5});
  EXPECT_TRUE(q.IsPassive(7));
  EXPECT_EQ(q.Objects(7), V{1});
  EXPECT_TRUE(q.Subjects(7).empty());  // no by-agent
}

TEST_F(SyntaxParserTest, InvertedAttribution) {
  // 0 The 1 talks 2 will 3 resume 4 next 5 week 6 , 7 said 8 Shaheen
  Parse p = Must("The talks will resume next week , said Shaheen .");
  EXPECT_EQ(p.Subjects(7), V{8});
  EXPECT_EQ(p.Subjects(3), V{1});  // through "will"
}

TEST_F(SyntaxParserTest, CoordinatedSubjectsAndObjects) {
  Parse p = Must("Russia and China condemned the attack .");
  EXPECT_EQ(p.Subjects(3), (V{0, 2}));
  Parse q = Must("Russia condemned Ukraine and Poland .");
  EXPECT_EQ(q.Objects(1), (V{2, 4}));
}

TEST_F(SyntaxParserTest, InputIndicesSurviveWordSplitting) {
  // link-grammar splits "Russia's" into "Russia" "'s"; both map to input word 0, and an
  // empty input word is skipped without shifting the others.
  std::vector<std::string> words{"Russia's", "army", "", "attacked", "the", "city", "."};
  std::optional<Parse> p = parser_->Parse(words);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->words, words);
  EXPECT_EQ(p->Subjects(3), V{1});
  EXPECT_EQ(p->Objects(3), V{5});
  for (const Link& l : p->links) {
    EXPECT_NE(l.left, 2);
    EXPECT_NE(l.right, 2);
    EXPECT_LT(l.right, 7);
  }
}

TEST_F(SyntaxParserTest, NonAsciiWordsKeepTheirIndices) {
  // Offsets are bytes: the two-byte "ğ" must not shift the words after it.
  Parse p = Must("Zelenskyy met Erdoğan in Kyiv .");
  EXPECT_EQ(p.Subjects(1), V{0});
  EXPECT_EQ(p.Objects(1), V{2});
  EXPECT_EQ(p.PrepObjects(1, "in"), V{4});
}

TEST_F(SyntaxParserTest, NullLinksWhenNoFullParse) {
  Parse p = Must("Pakistan expelled the the diplomats .");
  EXPECT_GT(p.null_count, 0);
}

TEST_F(SyntaxParserTest, NoParseWithoutNullLinksWhenTheCallerRefusesThem) {
  EXPECT_FALSE(parser_->Parse(Words("Pakistan expelled the the diplomats ."), SyntaxParser::NullLinks::kNever));
  std::optional<Parse> whole = parser_->Parse(Words("Pakistan expelled the diplomats ."), SyntaxParser::NullLinks::kNever);
  ASSERT_TRUE(whole);
  EXPECT_EQ(whole->null_count, 0);
  EXPECT_EQ(whole->Subjects(1), V{0});
}

TEST_F(SyntaxParserTest, RepeatableAndEmpty) {
  const auto words = Words("Protesters were arrested and charged by police in Tehran on Monday .");
  std::optional<Parse> a = parser_->Parse(words), b = parser_->Parse(words);
  ASSERT_TRUE(a && b);
  ASSERT_EQ(a->links.size(), b->links.size());
  for (size_t i = 0; i < a->links.size(); ++i) {
    EXPECT_EQ(a->links[i].left, b->links[i].left);
    EXPECT_EQ(a->links[i].right, b->links[i].right);
    EXPECT_EQ(a->links[i].label, b->links[i].label);
  }
  EXPECT_FALSE(parser_->Parse({}).has_value());
  EXPECT_FALSE(parser_->Parse({"", ""}).has_value());
}

TEST(SyntaxParserLoad, MissingDictionaryThrows) {
  EXPECT_THROW(SyntaxParser("/nonexistent-chancery-data"), std::runtime_error);
}

}  // namespace
}  // namespace chancery::syntax
