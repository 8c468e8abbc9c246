// The actor recognizer as a specification: sentence in, actor codes out.
#include "actors/actor_recognizer.h"

#include <gtest/gtest.h>

#include "text/text_analyzer.h"

namespace chancery::actors {
namespace {

using Codes = std::vector<std::string>;

struct Recognizer {
  text::TextAnalyzer analyzer{CHANCERY_DATA_DIR};
  ActorRecognizer recognizer{
      ActorDictionary::LoadDirectory(std::filesystem::path(CHANCERY_DATA_DIR) / "actors", nullptr), analyzer, {}};
};

const Recognizer& Shared() {
  static const Recognizer* shared = new Recognizer();
  return *shared;
}

// Codes of every mention, sentence after sentence, as one story dated `date`.
Codes MentionCodes(const std::string& text, const std::string& date) {
  auto scratch = Shared().recognizer.NewScratch();
  StoryActorMemory memory;
  Codes codes;
  for (const Sentence& sentence : Shared().analyzer.Analyze(text))
    for (const ActorMention& mention : Shared().recognizer.Recognize(sentence, text, date, memory, *scratch))
      codes.push_back(mention.ref.code + (mention.place_context ? "@place" : ""));
  return codes;
}

TEST(ActorRecognizer, PossessiveStatePlusRoleIsTheStatesGovernment) {
  EXPECT_EQ(MentionCodes("Russia's Foreign Ministry issued a statement.", "2022-04-09"), Codes{"RUSGOV"});
  EXPECT_EQ(MentionCodes("Afghanistan’s ambassador to Tajikistan spoke.", "2022-04-09"), (Codes{"AFGGOV", "TJK"}));
}

TEST(ActorRecognizer, DemonymPlusForcesIsTheStatesMilitary) {
  EXPECT_EQ(MentionCodes("Pakistani border forces were on alert.", "2022-02-07"), Codes{"PAKMIL"});
  EXPECT_EQ(MentionCodes("Taliban fighters crossed the line.", "2022-02-07"), Codes{"AFGMIL"});
}

TEST(ActorRecognizer, TalibanAreRebelsBeforeAugust2021AndTheGovernmentAfter) {
  EXPECT_EQ(MentionCodes("The Taliban issued a statement.", "2020-03-01"), Codes{"AFGREB"});
  EXPECT_EQ(MentionCodes("The Taliban issued a statement.", "2021-08-15"), Codes{"AFGGOV"});
}

TEST(ActorRecognizer, RoleAndNameTeachTheStoryAPerson) {
  EXPECT_EQ(MentionCodes("Russian Foreign Ministry spokesperson Maria Zakharova spoke on Wednesday. Later, "
                         "Zakharova spoke again.",
                         "2022-04-09"),
            (Codes{"RUSGOV", "RUSGOV"}));
}

TEST(ActorRecognizer, ItsRoleBelongsToTheLastActorThatActed) {
  EXPECT_EQ(MentionCodes("Russia acted when its Foreign Ministry spoke.", "2022-04-09"), (Codes{"RUS", "RUSGOV"}));
  EXPECT_EQ(MentionCodes("Russia opened ties with the Taliban when its Foreign Ministry spoke.", "2022-04-09"),
            (Codes{"RUS", "AFGGOV", "RUSGOV"}));
}

TEST(ActorRecognizer, CapitalsAreGovernmentsAndPlacesAfterIn) {
  EXPECT_EQ(MentionCodes("Moscow rejected the offer.", "2022-04-09"), Codes{"RUSGOV"});
  EXPECT_EQ(MentionCodes("The talks were held in Kabul.", "2022-04-09"), Codes{"AFGGOV@place"});
}

TEST(ActorRecognizer, AcronymsMatchOnlyInCapitals) {
  EXPECT_EQ(MentionCodes("The US said it would help us.", "2022-04-09"), Codes{"USA"});
}

TEST(ActorRecognizer, AHyphenatedQualifierIsNotAnActor) {
  EXPECT_EQ(MentionCodes("Iranian-supported Houthi rebels claimed the attack.", "2022-02-07"), Codes{"YEMREBHOU"});
}

TEST(ActorRecognizer, PersonsAreDatedByTheirOffice) {
  EXPECT_EQ(MentionCodes("Vladimir Putin spoke.", "2022-01-10"), Codes{"RUSGOV"});
}

}  // namespace
}  // namespace chancery::actors
