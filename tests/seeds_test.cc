// The demo corpus (fixture copies of the three seed articles) must yield the
// events the project promises: who accredited the Taliban's diplomats, who
// criticised it, who fought whom, who reopened, demanded and hosted.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <sstream>

#include "pipeline_fixture.h"

namespace chancery::testing {
namespace {

Story LoadSeed(const std::string& name, const std::string& date) {
  std::ifstream in(std::string(CHANCERY_SOURCE_DIR) + "/tests/fixtures/seeds/" + name + ".txt");
  std::stringstream text;
  text << in.rdbuf();
  Story story;
  story.id = name;
  story.date = date;
  story.text = text.str();
  return story;
}

const std::vector<Event>& VoaEvents() {
  static const std::vector<Event> events = CodeStory(LoadSeed("voa-2022-04-taliban-diplomats", "2022-04-09")).events;
  return events;
}
const std::vector<Event>& AnalysisEvents() {
  static const std::vector<Event> events =
      CodeStory(LoadSeed("analysis-2022-02-iran-pakistan", "2022-02-07")).events;
  return events;
}

bool Has(const std::vector<Event>& events, const std::function<bool(const Event&)>& wanted) {
  for (const Event& e : events)
    if (wanted(e)) return true;
  return false;
}

std::string Dump(const std::vector<Event>& events) {
  std::string out;
  for (const Event& e : events)
    out += "  " + Describe(e) + "  | " + e.source.text + " / " + e.target.text + " | " + e.pattern + "\n";
  return out;
}

bool IsRoot(const Event& e, const std::string& root) { return e.code.compare(0, 2, root) == 0; }

TEST(VoaSeed, FourStatesAccreditTalibanDiplomats) {
  for (const std::string country : {"RUS", "CHN", "PAK", "TKM"}) {
    EXPECT_TRUE(Has(VoaEvents(), [&](const Event& e) {
      return e.source.country == country && e.target.code == "AFGGOV" && e.code.compare(0, 3, "054") == 0 &&
             !e.negated;
    })) << country << " -> AFGGOV 054 missing; coded:\n" << Dump(VoaEvents());
  }
}

TEST(VoaSeed, RussianForeignMinistryAccreditsGharwal) {
  EXPECT_TRUE(Has(VoaEvents(), [](const Event& e) {
    return e.source.code == "RUSGOV" && e.target.code == "AFGGOV" && e.code == "054" &&
           e.target.text.find("Gharwal") != std::string::npos;
  })) << Dump(VoaEvents());
}

TEST(VoaSeed, RefusalToRecogniseIsNegatedNotAFact) {
  for (const Event& e : VoaEvents()) {
    if (e.code == "054" && e.sentence_index == 1 && e.pattern.find("recogni") != std::string::npos) {
      EXPECT_TRUE(e.negated) << Describe(e);
    }
  }
}

// "the U.S. and its allies 'remain deeply troubled by recent steps the Taliban
// have taken'": concern is a pessimistic comment (012), as in the gold, not
// disapproval (11).
TEST(VoaSeed, StateDepartmentIsTroubledByTheTalibansSteps) {
  EXPECT_TRUE(Has(VoaEvents(), [](const Event& e) {
    return e.source.code == "USAGOV" && e.target.country == "AFG" && e.code == "012";
  })) << Dump(VoaEvents());
}

TEST(AnalysisSeed, TalibanFightersAndPakistaniBorderUnitsFight) {
  EXPECT_TRUE(Has(AnalysisEvents(), [](const Event& e) {
    bool dyad = (e.source.country == "AFG" && e.target.code == "PAKMIL") ||
                (e.source.code == "PAKMIL" && e.target.country == "AFG");
    return dyad && IsRoot(e, "19");
  })) << Dump(AnalysisEvents());
}

TEST(AnalysisSeed, EuropeanUnionReopensItsOfficeInKabul) {
  EXPECT_TRUE(Has(AnalysisEvents(), [](const Event& e) {
    return e.source.code == "IGOEU" && e.target.country == "AFG" && IsRoot(e, "05");
  })) << Dump(AnalysisEvents());
}

// "calling for the United States to release Afghanistan's frozen assets": in
// CAMEO a call for an act is an appeal (02); a demand would be 10.
TEST(AnalysisSeed, IranAppealsToTheUnitedStatesToReleaseFrozenAssets) {
  EXPECT_TRUE(Has(AnalysisEvents(), [](const Event& e) {
    return e.source.country == "IRN" && e.target.country == "USA" && IsRoot(e, "02");
  })) << Dump(AnalysisEvents());
}

TEST(AnalysisSeed, PakistanHostsTheOicMeetingWithTheTaliban) {
  EXPECT_TRUE(Has(AnalysisEvents(), [](const Event& e) {
    return e.source.country == "PAK" && (e.target.code == "IGOOIC" || e.target.country == "AFG") &&
           IsRoot(e, "04");
  })) << Dump(AnalysisEvents());
}

TEST(AnalysisSeed, EveryEventPointsAtTheSentenceThatStatesIt) {
  Story story = LoadSeed("analysis-2022-02-iran-pakistan", "2022-02-07");
  for (const Event& e : AnalysisEvents()) {
    ASSERT_LE(e.sentence_end, story.text.size());
    EXPECT_LE(e.sentence_begin, e.verb_begin);
    EXPECT_LE(e.verb_end, e.sentence_end);
    EXPECT_EQ(story.text.substr(e.source.begin, e.source.end - e.source.begin), e.source.text);
    EXPECT_EQ(story.text.substr(e.target.begin, e.target.end - e.target.begin), e.target.text);
  }
}

}  // namespace
}  // namespace chancery::testing
