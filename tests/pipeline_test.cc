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

// Modality: a possible or announced act is kept, with its mode, not coded as a fact.
TEST(Modality, CouldAndIfMakeAnActHypothetical) {
  std::vector<Event> events = CodeText("The European Union could impose sanctions on Belarus.", "2021-06-01");
  ASSERT_EQ(events.size(), 1u) << DescribeAll(events);
  EXPECT_EQ(events[0].code.substr(0, 2), "16");
  EXPECT_EQ(events[0].mode, "hypothetical");
  events = CodeText("If Russia attacks Ukraine, the alliance will respond.", "2022-01-20");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(Describe(events[0]).substr(0, 8), "RUS->UKR");
  EXPECT_EQ(events[0].mode, "hypothetical");
}

TEST(Modality, WillKeepsTheActsCodeWithModeFutureAndIntentVerbsAreIntent) {
  std::vector<Event> events = CodeText("Canada will impose new sanctions on Iran.", "2022-10-07");
  ASSERT_EQ(events.size(), 1u) << DescribeAll(events);
  EXPECT_EQ(events[0].mode, "future");
  events = CodeText("Japan will provide humanitarian aid to Afghanistan.", "2022-10-07");
  ASSERT_EQ(events.size(), 1u) << DescribeAll(events);
  EXPECT_EQ(events[0].code.substr(0, 2), "07");  // the aid itself, not yet given
  EXPECT_EQ(events[0].mode, "future");
  events = CodeText("Japan pledged humanitarian aid to Afghanistan.", "2022-10-07");
  ASSERT_EQ(events.size(), 1u) << DescribeAll(events);
  EXPECT_EQ(events[0].code.substr(0, 2), "03");  // a pledge is itself an act: intent
  EXPECT_EQ(events[0].mode, "");
}

TEST(Modality, RefusalIsNegatedMode) {
  std::vector<Event> events = CodeText("Germany refused to recognize the Taliban government.", "2022-10-07");
  ASSERT_EQ(events.size(), 1u) << DescribeAll(events);
  EXPECT_TRUE(events[0].negated);
  EXPECT_EQ(events[0].mode, "negated");
}

// Dates: the event takes the date expression of its sentence, resolved against the story date.
TEST(Dates, RelativeDateWithGranularity) {
  std::vector<Event> events = CodeText("Russia accredited a Taliban envoy last month.", "2022-04-09");
  ASSERT_EQ(events.size(), 1u) << DescribeAll(events);
  EXPECT_EQ(events[0].date, "2022-03");
  EXPECT_EQ(events[0].date_granularity, "month");
  EXPECT_EQ(events[0].date_text, "last month");
  events = CodeText("Russia accredited a Taliban envoy.", "2022-04-09");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].date, "2022-04-09");
  EXPECT_EQ(events[0].date_granularity, "day");
  EXPECT_EQ(events[0].date_text, "");
}

// People: a person named with a title is reused by "she" in the next sentence.
TEST(People, PronounRefersToThePersonNamedLast) {
  Story story;
  story.id = "zakharova";
  story.date = "2022-04-09";
  story.text = "Russian Foreign Ministry spokesperson Maria Zakharova spoke on Friday. She criticized Ukraine.";
  CodedStory coded = CodeStory(story);
  ASSERT_EQ(coded.events.size(), 1u) << DescribeAll(coded.events);
  EXPECT_EQ(Describe(coded.events[0]).substr(0, 11), "RUSGOV->UKR");
}

// Syntax: where two actors precede the verb, link-grammar says which one acts.
TEST(Syntax, ParserPicksTheSubjectAcrossARelativeClause) {
  // A comma-enclosed clause ("Iran, which borders Iraq, condemned") is settled by
  // word order already; a restrictive one ("the minister who visited Iraq
  // criticized") needs the parse.
  PipelineOptions options;
  options.data_dir = CHANCERY_DATA_DIR;
  options.syntax = true;
  Pipeline pipeline(options);
  auto workspace = pipeline.NewWorkspace();
  Story story;
  story.id = "relative";
  story.date = "2023-05-01";
  story.text = "The Iranian minister who visited Iraq last week criticized Israel. Pakistan, whose troops clashed "
               "with Taliban fighters, accused Afghanistan of harbouring militants. Russia met China.";
  CodedStory coded = pipeline.Code(story, *workspace);
  std::string all = DescribeAll(coded.events);
  EXPECT_NE(all.find("IRNGOV->ISR 111"), std::string::npos) << all;
  EXPECT_EQ(all.find("IRQ->ISR"), std::string::npos) << all;
  EXPECT_NE(all.find("PAK->AFG 1121"), std::string::npos) << all;
  // Only the two sentences with more than one candidate subject were parsed.
  EXPECT_EQ(workspace->parsed_sentences, 2u);
  // Without syntax, word order picks the nearer actor: the parser is what fixes it.
  std::string shallow = DescribeAll(CodeText(story.text, story.date));
  EXPECT_NE(shallow.find("IRQ->ISR 111"), std::string::npos) << shallow;
}

TEST(Coding, ActorsInsideACommaRelativeClauseAreNotTheSubject) {
  EXPECT_EQ(DescribeAll(CodeText("Iran, which borders Iraq, condemned Israel.", "2023-05-01")), "IRN->ISR 111");
  std::string all = DescribeAll(CodeText(
      "The Gulf Cooperation Council, which includes Saudi Arabia and Qatar, condemned Iran.", "2016-01-10"));
  EXPECT_EQ(all.find("SAU->IRN"), std::string::npos) << all;
}

TEST(Coding, ListsOfStatesWithTheChainEveryMember) {
  EXPECT_EQ(DescribeAll(CodeText("The United States, the European Union and Japan condemned China.", "2012-03-13")),
            "USA->CHN 111; IGOEU->CHN 111; JPN->CHN 111");
}

TEST(Coding, AnActTakenOverIsTheTakersAct) {
  // "join the U.S. ban": Germany's act; the ban's owner is not the source.
  EXPECT_EQ(DescribeAll(CodeText("Germany declined to join the U.S. ban on imports from Russia.", "2022-03-08")),
            "DEU->RUS 163 neg");
  EXPECT_EQ(DescribeAll(CodeText("The European Union's sanctions against Russia took effect on Friday.", "2022-03-08")),
            "IGOEU->RUS 163");
}

TEST(Coding, ACapitalNamingAPlaceIsNotTheGovernment) {
  std::string all = DescribeAll(CodeText(
      "Egyptian security forces raided the Cairo offices of Mada Masr and detained three journalists.", "2019-11-24"));
  EXPECT_NE(all.find("EGYCOP->EGYMED 173"), std::string::npos) << all;
  EXPECT_EQ(all.find("EGYGOV"), std::string::npos) << all;
}

TEST(Coding, AllAsSubjectStandsForTheListAndCompoundsCountAsOneWord) {
  std::string all = DescribeAll(CodeText(
      "Four countries, China, Pakistan, Russia and Turkmenistan, have accredited Taliban-appointed diplomats, even "
      "though all have refused to recognize the 8-month-old government in Afghanistan.",
      "2022-04-09"));
  for (const char* state : {"CHN", "PAK", "RUS", "TKM"})
    EXPECT_NE(all.find(std::string(state) + "->AFGGOV 054 neg"), std::string::npos) << state << ": " << all;
}

TEST(Coding, SidesOfABetweenListActOnEachOther) {
  EXPECT_EQ(DescribeAll(CodeText("Clashes between Iran and Taliban fighters broke out in December.", "2022-02-07")),
            "IRN->AFGMIL 190; AFGMIL->IRN 190");
  // A mediator keeps its role.
  EXPECT_EQ(DescribeAll(CodeText("Qatar mediated talks between Israel and Hamas.", "2023-11-20")),
            "QAT->ISR 045; QAT->PSEREBHMS 045");
}

// A participle after a comma acts for the main clause's subject, and "him" is
// the person just named.
TEST(Coding, ParticipleTakesTheMainSubject) {
  std::string all = DescribeAll(CodeText(
      "The International Criminal Court issued an arrest warrant for Vladimir Putin, accusing him of war crimes.",
      "2023-03-17"));
  EXPECT_NE(all.find("IGOICC->RUSGOV 112"), std::string::npos) << all;
  EXPECT_EQ(all.find("RUSGOV->RUSGOV"), std::string::npos) << all;
}

}  // namespace
}  // namespace chancery::testing
