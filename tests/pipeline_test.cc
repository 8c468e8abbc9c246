// The pipeline as a specification: sentence in, actors and events out.
#include <gtest/gtest.h>

#include "pipeline_fixture.h"

namespace chancery::testing {
namespace {

TEST(Coding, AccreditationIsDiplomaticRecognition) {
  std::vector<Event> events = CodeText(
      "Russia's Foreign Ministry accredited Taliban diplomat Jamal Nasir Gharwal as Afghan charge d'affaires in "
      "Moscow.",
      "2022-04-09");
  EXPECT_EQ(DescribeAll(events), "RUSGOV->AFGGOV 054");
}

TEST(Coding, CompoundSubjectGivesOneEventPerState) {
  std::vector<Event> events = CodeText(
      "China, Pakistan, Russia and Turkmenistan have accredited Taliban-appointed diplomats.", "2022-04-09");
  EXPECT_EQ(DescribeAll(events), "CHN->AFGGOV 054; PAK->AFGGOV 054; RUS->AFGGOV 054; TKM->AFGGOV 054");
}

TEST(Coding, RefusalIsNegation) {
  std::vector<Event> events = CodeText("Tajikistan refused to recognize the Taliban.", "2022-04-09");
  ASSERT_EQ(events.size(), 1u) << DescribeAll(events);
  EXPECT_TRUE(events[0].negated);
  EXPECT_EQ(events[0].code.substr(0, 2), "05");
}

TEST(Coding, PassiveVoiceTakesTheByAgentAsSource) {
  std::vector<Event> events = CodeText("The Taliban envoy was expelled by Tajikistan.", "2022-04-09");
  ASSERT_EQ(events.size(), 1u) << DescribeAll(events);
  EXPECT_EQ(events[0].source.code, "TJK");
  EXPECT_EQ(events[0].target.code, "AFGGOV");
}

TEST(Coding, ReportedSpeechIsAttributedToTheSpeaker) {
  std::vector<Event> events =
      CodeText("Neumann said it was a mistake for Russia to accredit Taliban diplomats.", "2022-04-09");
  ASSERT_EQ(events.size(), 1u) << DescribeAll(events);
  EXPECT_EQ(Describe(events[0]), "RUS->AFGGOV 054");
  EXPECT_EQ(events[0].attributed_to, "Neumann");
}

TEST(Coding, SayingAloneIsNotAnEvent) {
  EXPECT_EQ(DescribeAll(CodeText("Russia said on Monday that the weather was fine.", "2022-04-09")), "(no events)");
}

TEST(Coding, EventsCarryTheCameoTableValues) {
  std::vector<Event> events = CodeText("Pakistani border forces clashed with Taliban fighters.", "2022-02-07");
  ASSERT_FALSE(events.empty());
  const Event& e = events[0];
  EXPECT_EQ(e.source.code, "PAKMIL");
  EXPECT_EQ(e.target.code, "AFGMIL");
  EXPECT_EQ(e.code.substr(0, 2), "19");
  EXPECT_EQ(e.quad_class, 4);
  EXPECT_LT(e.goldstein, -5.0);
  EXPECT_FALSE(e.label.empty());
}

}  // namespace
}  // namespace chancery::testing
