// Relations, as a reader of the seeds would state them: who accredited whose
// diplomats, who refused recognition, who closed an embassy — and on whose word.
#include "serve/relations.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace chancery::serve {
namespace {

const std::filesystem::path kRules = std::filesystem::path(CHANCERY_DATA_DIR) / "relations" / "relations.tsv";

// An event as the store returns it: `trigger` is the verb words inside `sentence`.
store::StoredEvent MakeEvent(std::int64_t id, const std::string& source, const std::string& target,
                             const std::string& code, const std::string& sentence, const std::string& trigger,
                             const std::string& date = "2022-04-09") {
  store::StoredEvent stored;
  stored.id = id;
  stored.sentence = sentence;
  stored.story_source = "VOA";
  stored.story_url = "https://voa.example/taliban";
  Event& event = stored.event;
  event.story_id = "story";
  event.story_date = date;
  event.date = date;
  event.sentence_begin = 100;
  event.sentence_end = 100 + std::uint32_t(sentence.size());
  std::size_t at = sentence.find(trigger);
  EXPECT_NE(at, std::string::npos) << trigger;
  event.verb_begin = 100 + std::uint32_t(at);
  event.verb_end = event.verb_begin + std::uint32_t(trigger.size());
  auto actor = [](const std::string& code) {
    ActorRef ref;
    ref.code = code;
    ref.country = code.substr(0, 3);
    ref.name = code;
    return ref;
  };
  event.source = actor(source);
  event.target = actor(target);
  event.code = code;
  event.pattern = "verbs.txt:1 " + trigger;
  return stored;
}

class RelationsTest : public ::testing::Test {
 protected:
  RelationRules rules = RelationRules::Load(kRules);
};

TEST_F(RelationsTest, AccreditingTalibanDiplomatsIsAConfirmedAccreditationOfAfghanistan) {
  std::vector<store::StoredEvent> events = {
      MakeEvent(1, "RUS", "AFGGOV", "054", "Russia has accredited Taliban-appointed diplomats.", "accredited")};
  std::vector<Relation> relations = DeriveRelations(events, rules);
  ASSERT_EQ(relations.size(), 1u);
  EXPECT_EQ(relations[0].a, "RUS");
  EXPECT_EQ(relations[0].b, "AFG");
  EXPECT_EQ(relations[0].kind, "accreditation");
  EXPECT_EQ(relations[0].value, "accredited");
  EXPECT_EQ(relations[0].status, "confirmed");
  EXPECT_EQ(relations[0].events, std::vector<std::int64_t>{1});
  EXPECT_EQ(relations[0].sources, std::vector<std::string>{"VOA <https://voa.example/taliban>"});
}

TEST_F(RelationsTest, RefusingToRecognizeIsNotRecognized) {
  store::StoredEvent refused =
      MakeEvent(2, "CHN", "AFGGOV", "054", "all have refused to recognize the government", "recognize");
  refused.event.negated = true;
  refused.event.mode = "negated";
  std::vector<Relation> relations = DeriveRelations({refused}, rules);
  ASSERT_EQ(relations.size(), 1u);
  EXPECT_EQ(relations[0].kind, "recognition");
  EXPECT_EQ(relations[0].value, "not recognized");
}

TEST_F(RelationsTest, WhatMightHappenOrWillHappenMakesNoRelation) {
  store::StoredEvent hypothetical =
      MakeEvent(3, "QAT", "AFGGOV", "054", "whether Qatar had accredited any Taliban diplomats", "accredited");
  hypothetical.event.mode = "hypothetical";
  store::StoredEvent future = MakeEvent(4, "IRN", "AFGGOV", "054", "Iran will recognize the IEA", "recognize");
  future.event.mode = "future";
  EXPECT_TRUE(DeriveRelations({hypothetical, future}, rules).empty());
}

TEST_F(RelationsTest, AnEventOnlyASpeakerReportsIsClaimedAndNamesTheSpeaker) {
  store::StoredEvent claimed =
      MakeEvent(5, "UZB", "AFGGOV", "054", "ten countries have accredited our diplomats, Shaheen said", "accredited");
  claimed.event.attributed_to = "Suhail Shaheen";
  std::vector<Relation> relations = DeriveRelations({claimed}, rules);
  ASSERT_EQ(relations.size(), 1u);
  EXPECT_EQ(relations[0].status, "claimed");
  EXPECT_EQ(relations[0].claimed_by, std::vector<std::string>{"Suhail Shaheen"});

  store::StoredEvent narrated = MakeEvent(6, "UZB", "AFGGOV", "054", "Uzbekistan accredited a Taliban envoy", "accredited");
  relations = DeriveRelations({claimed, narrated}, rules);
  ASSERT_EQ(relations.size(), 1u);
  EXPECT_EQ(relations[0].status, "confirmed");
  EXPECT_TRUE(relations[0].claimed_by.empty());
  EXPECT_EQ(relations[0].events, (std::vector<std::int64_t>{5, 6}));
}

TEST_F(RelationsTest, TheLatestEventDecidesAndOnlyItsSideIsListed) {
  store::StoredEvent closed = MakeEvent(7, "USA", "AFGGOV", "161", "the U.S. shut down its embassy in Kabul",
                                        "shut down its embassy", "2021-08-31");
  store::StoredEvent reopened =
      MakeEvent(8, "USA", "AFGGOV", "050", "the U.S. reopened its embassy in Kabul", "reopened its embassy", "2023-01-10");
  std::vector<Relation> relations = DeriveRelations({reopened, closed}, rules);
  ASSERT_EQ(relations.size(), 1u);
  EXPECT_EQ(relations[0].kind, "embassy");
  EXPECT_EQ(relations[0].value, "open");
  EXPECT_EQ(relations[0].events, std::vector<std::int64_t>{8});
  EXPECT_EQ(relations[0].first_date, "2023-01-10");
}

TEST_F(RelationsTest, EventsWithoutALastingMeaningAndAStatesDealingsWithItselfAreLeftOut) {
  store::StoredEvent visit = MakeEvent(9, "PAK", "AFGGOV", "042", "Pakistan's envoy visited Kabul", "visited");
  store::StoredEvent internal =
      MakeEvent(10, "AFGGOV", "AFGCVL", "054", "the Taliban recognized the council", "recognized");
  EXPECT_TRUE(DeriveRelations({visit, internal}, rules).empty());
}

TEST_F(RelationsTest, OrganisationsKeepTheirOwnCode) {
  store::StoredEvent reopened =
      MakeEvent(11, "IGOEU", "AFGGOV", "050", "the European Union reopened its office in Kabul", "reopened its office");
  reopened.event.source.country = "IGO";
  std::vector<Relation> relations = DeriveRelations({reopened}, rules);
  ASSERT_EQ(relations.size(), 1u);
  EXPECT_EQ(relations[0].a, "IGOEU");
}

TEST_F(RelationsTest, ABadRuleLineIsNamedByFileAndLine) {
  std::filesystem::path file = std::filesystem::temp_directory_path() / "chancery-bad-relations.tsv";
  std::ofstream(file) << "# comment\naccreditation\taccredited\t-\t05\t(unclosed\n";
  try {
    RelationRules::Load(file);
    FAIL() << "a bad cue must be refused";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(file.string() + ":2:"), std::string::npos) << error.what();
  }
  std::filesystem::remove(file);
}

TEST_F(RelationsTest, QueriesNeedOnlyTheRulesCodePrefixes) {
  std::vector<std::string> prefixes = rules.CodePrefixes();
  EXPECT_NE(std::find(prefixes.begin(), prefixes.end(), "05"), prefixes.end());
  EXPECT_EQ(std::find(prefixes.begin(), prefixes.end(), "054"), prefixes.end());
}

// A cue std::regex would choke on is refused by name and line, never compiled.
TEST(RelationRulesLoad, CuesWithBackReferencesOrHugeRepeatCountsAreRefusedByLine) {
  const std::filesystem::path file =
      std::filesystem::temp_directory_path() / ("chancery-relations-" + std::to_string(::getpid()) + ".tsv");
  for (const std::string cue : {"embass\\88888888888888888888", "(a)\\1", "x{99999999999}", "x{1,99999999999}",
                          "a\\\\\\c\\\\\\\\8888", "x{0,9999}", "\\cA"}) {
    std::ofstream(file) << "# test\naccreditation\taccredited\t-\t05\taccredit\nembassy\topen\t-\t05\t" << cue << "\n";
    try {
      RelationRules::Load(file);
      ADD_FAILURE() << cue << " was accepted";
    } catch (const std::runtime_error& error) {
      EXPECT_NE(std::string(error.what()).find(file.string() + ":3: bad cue"), std::string::npos) << error.what();
    }
  }
  std::ofstream(file) << "embassy\topen\t-\t05\tembass(y|ies)\\s{1,3}open\n";
  EXPECT_NO_THROW(RelationRules::Load(file));
  std::filesystem::remove(file);
}

}  // namespace
}  // namespace chancery::serve
