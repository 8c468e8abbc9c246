// The verb pattern language, as specified in docs/formats.md.
#include "coding/verb_dictionary.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <set>

#include "coding/cameo_table.h"

namespace chancery::coding {
namespace {

using Type = PatternElement::Type;

TEST(VerbPattern, WordsAlternativesOptionalsGapsAndSlots) {
  VerbPattern p;
  std::string error;
  ASSERT_TRUE(ParseVerbPattern("{grant|extend} {formal|diplomatic}? recognition * to +", &p, &error)) << error;
  ASSERT_EQ(p.elements.size(), 6u);
  EXPECT_EQ(p.elements[0].words, (std::vector<std::string>{"grant", "extend"}));
  EXPECT_TRUE(p.elements[1].optional);
  EXPECT_EQ(p.elements[3].type, Type::kGap);
  EXPECT_EQ(p.elements[5].type, Type::kTarget);
  EXPECT_EQ(p.anchor, 0u);
  EXPECT_EQ(p.literal_count, 3);  // grant, recognition, to
}

TEST(VerbPattern, SourceSlotMayComeBeforeTheFirstWord) {
  VerbPattern p;
  std::string error;
  ASSERT_TRUE(ParseVerbPattern("$ and + clash", &p, &error)) << error;
  EXPECT_EQ(p.elements[0].type, Type::kSource);
  EXPECT_EQ(p.anchor, 1u);
}

TEST(VerbPattern, MalformedPatternsAreRejectedWithAReason) {
  VerbPattern p;
  std::string error;
  EXPECT_FALSE(ParseVerbPattern("{grant|extend recognition", &p, &error));
  EXPECT_FALSE(ParseVerbPattern("* +", &p, &error));
  EXPECT_FALSE(ParseVerbPattern("accredit?", &p, &error));
  EXPECT_FALSE(ParseVerbPattern("* accredit", &p, &error));
  EXPECT_FALSE(ParseVerbPattern("{a||b}", &p, &error));
}

TEST(VerbDictionary, BadLinesAreReportedWithFileAndLineAndSkipped) {
  auto dir = std::filesystem::temp_directory_path() / "chancery_verb_test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "verbs.txt");
    out << "# header\n054\taccredit\n999\tfly\n042\t{visit\n043 host\n042\tvisit +\n";
  }
  CameoTable table = CameoTable::Load(std::filesystem::path(CHANCERY_DATA_DIR) / "cameo" / "codes.tsv");
  std::vector<std::string> problems;
  VerbDictionary dictionary = VerbDictionary::LoadDirectory(dir, &table, &problems);
  EXPECT_EQ(dictionary.patterns().size(), 2u);
  ASSERT_EQ(problems.size(), 3u);
  EXPECT_NE(problems[0].find("verbs.txt:3:"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("verbs.txt:4:"), std::string::npos) << problems[1];
  EXPECT_NE(problems[2].find("verbs.txt:5:"), std::string::npos) << problems[2];
  ASSERT_NE(dictionary.Candidates("visit"), nullptr);
  EXPECT_EQ(dictionary.Candidates("fly"), nullptr);
  std::filesystem::remove_all(dir);
}

TEST(VerbDictionary, ShippedDictionaryCoversEveryCameoRootAndLoadsCleanly) {
  CameoTable table = CameoTable::Load(std::filesystem::path(CHANCERY_DATA_DIR) / "cameo" / "codes.tsv");
  std::vector<std::string> problems;
  VerbDictionary dictionary =
      VerbDictionary::LoadDirectory(std::filesystem::path(CHANCERY_DATA_DIR) / "verbs", &table, &problems);
  for (const std::string& problem : problems) ADD_FAILURE() << problem;
  std::set<std::string> roots;
  for (const VerbPattern& p : dictionary.patterns()) roots.insert(p.code.substr(0, 2));
  for (int root = 1; root <= 20; ++root) {
    char name[3];
    std::snprintf(name, sizeof name, "%02d", root);
    EXPECT_TRUE(roots.count(name)) << "no pattern for CAMEO root " << name;
  }
  EXPECT_GE(dictionary.patterns().size(), 500u);
}

}  // namespace
}  // namespace chancery::coding
