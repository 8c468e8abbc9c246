// Actor dictionaries: the file format, dated entries, and the shipped data.
#include "actors/actor_dictionary.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

namespace chancery::actors {
namespace {

TEST(ActorDictionary, ParsesKindsDatesAndNames) {
  auto dir = std::filesystem::temp_directory_path() / "chancery_actor_test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "a.tsv");
    out << "# header\nTaliban\tAFGREB\tgroup\t\t2021-08-14\n"
           "Taliban\tAFGGOV\tgroup\t2021-08-15\t\tTaliban government\n"
           "Moscow\tRUSGOV\tcapital\n"
           "broken line\n"
           "Nowhere\tXXX\tplanet\n"
           "Later\tAAA\tstate\t2022-13-01\n"
           "spokesman\tGOVX\tagent\n";
  }
  std::vector<std::string> problems;
  ActorDictionary dictionary = ActorDictionary::LoadDirectory(dir, &problems);
  ASSERT_EQ(dictionary.entries().size(), 3u);
  EXPECT_EQ(problems.size(), 4u);
  EXPECT_NE(problems[0].find("a.tsv:5:"), std::string::npos) << problems[0];
  const ActorEntry& rebels = dictionary.entries()[0];
  const ActorEntry& government = dictionary.entries()[1];
  EXPECT_TRUE(ValidOn(rebels, "2021-08-14"));
  EXPECT_FALSE(ValidOn(rebels, "2021-08-15"));
  EXPECT_TRUE(ValidOn(government, "2021-08-15"));
  EXPECT_FALSE(ValidOn(government, "2020-01-01"));
  EXPECT_EQ(government.name, "Taliban government");
  EXPECT_EQ(dictionary.entries()[2].kind, ActorKind::kCapital);
  // Undated stories use only entries still valid.
  EXPECT_FALSE(ValidOn(rebels, ""));
  EXPECT_TRUE(ValidOn(government, ""));
  std::filesystem::remove_all(dir);
}

TEST(ActorDictionary, ShippedDataLoadsCleanlyAndCoversEveryUnMemberState) {
  std::vector<std::string> problems;
  ActorDictionary dictionary =
      ActorDictionary::LoadDirectory(std::filesystem::path(CHANCERY_DATA_DIR) / "actors", &problems);
  for (const std::string& problem : problems) ADD_FAILURE() << problem;
  std::set<std::string> states, demonyms, capitals;
  for (const ActorEntry& entry : dictionary.entries()) {
    if (entry.kind == ActorKind::kState) states.insert(entry.code);
    if (entry.kind == ActorKind::kDemonym) demonyms.insert(entry.code);
    if (entry.kind == ActorKind::kCapital) capitals.insert(entry.code.substr(0, 3));
  }
  EXPECT_GE(states.size(), 195u);  // 193 members + 2 observers
  EXPECT_GE(demonyms.size(), 190u);
  EXPECT_GE(capitals.size(), 150u);
  for (const char* code : {"AFG", "RUS", "CHN", "PAK", "TKM", "IRN", "USA", "VAT", "PSE", "TJK", "UZB", "QAT"})
    EXPECT_TRUE(states.count(code)) << code;
}

}  // namespace
}  // namespace chancery::actors
