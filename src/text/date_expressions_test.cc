// Date expressions specification: a sentence and a story date in, the mentions out, each
// written "words=date/granularity" (the words are the mention's span in the sentence).
#include "text/date_expressions.h"

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

// "words=date/granularity" for each mention, joined by " | "; "" when there is none.
std::string Dates(std::string_view sentence, std::string_view story_date) {
  std::vector<Token> tokens = Analyzer().TokenizePhrase(sentence);
  std::string out;
  for (const DateMention& m : FindDateMentions(tokens, story_date)) {
    if (!out.empty()) out += " | ";
    std::uint32_t b = tokens[m.first_token].begin, e = tokens[m.end_token - 1].end;
    out += std::string(sentence.substr(b, e - b)) + "=" + m.date + "/" + m.granularity;
  }
  return out;
}

// A Saturday.
constexpr std::string_view kD = "2022-04-09";

TEST(DateExpressions, TodayYesterdayTomorrowTonight) {
  EXPECT_EQ(Dates("The talks ended today.", kD), "today=2022-04-09/day");
  EXPECT_EQ(Dates("Rebels attacked the town yesterday.", kD), "yesterday=2022-04-08/day");
  EXPECT_EQ(Dates("Ministers meet tomorrow in Geneva.", kD), "tomorrow=2022-04-10/day");
  EXPECT_EQ(Dates("Protesters gathered again tonight.", kD), "tonight=2022-04-09/day");
  EXPECT_EQ(Dates("Shelling resumed last night and this morning.", kD),
            "last night=2022-04-08/day | this morning=2022-04-09/day");
}

TEST(DateExpressions, WeekdayMeansMostRecentBeforeStoryDate) {
  // The story date is itself a Saturday: "on Saturday" is the one a week before.
  EXPECT_EQ(Dates("Police fired on protesters on Saturday.", kD), "Saturday=2022-04-02/day");
  EXPECT_EQ(Dates("Last Saturday, the army withdrew.", kD), "Last Saturday=2022-04-02/day");
  EXPECT_EQ(Dates("The envoy arrived on Tuesday.", kD), "Tuesday=2022-04-05/day");
  EXPECT_EQ(Dates("Friday's attack killed six.", kD), "Friday=2022-04-08/day");
}

TEST(DateExpressions, WeekdayAfterReportingVerb) {
  EXPECT_EQ(Dates("Russia said Monday it would withdraw.", kD), "Monday=2022-04-04/day");
  EXPECT_EQ(Dates("Two soldiers were killed Thursday near the border.", kD),
            "Thursday=2022-04-07/day");
}

TEST(DateExpressions, NextAndComingWeekdayAreAfterStoryDate) {
  EXPECT_EQ(Dates("The summit opens next Saturday.", kD), "next Saturday=2022-04-16/day");
  EXPECT_EQ(Dates("Talks resume this coming Monday.", kD), "this coming Monday=2022-04-11/day");
  EXPECT_EQ(Dates("Voting ends this Sunday.", kD), "this Sunday=2022-04-10/day");
}

TEST(DateExpressions, FutureTenseWeekdayIsAfterStoryDate) {
  EXPECT_EQ(Dates("The minister will travel to Kyiv on Monday.", kD), "Monday=2022-04-11/day");
}

TEST(DateExpressions, WeekdayWithExplicitDateIsOneMention) {
  std::vector<Token> tokens = Analyzer().TokenizePhrase("On Saturday, March 5, troops crossed.");
  std::vector<DateMention> m = FindDateMentions(tokens, kD);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0].first_token, 1u);  // "Saturday"
  EXPECT_EQ(m[0].end_token, 5u);    // through "5"
  EXPECT_EQ(m[0].date, "2022-03-05");
  EXPECT_EQ(m[0].granularity, "day");
}

TEST(DateExpressions, WeeksGiveTheirMonday) {
  EXPECT_EQ(Dates("Fighting eased last week.", kD), "last week=2022-03-28/week");
  EXPECT_EQ(Dates("Talks began this week.", kD), "this week=2022-04-04/week");
  EXPECT_EQ(Dates("A vote is due next week.", kD), "next week=2022-04-11/week");
}

TEST(DateExpressions, LastThisNextMonthAndYear) {
  EXPECT_EQ(Dates("Prices rose last month.", kD), "last month=2022-03/month");
  EXPECT_EQ(Dates("The deal expires next month.", kD), "next month=2022-05/month");
  EXPECT_EQ(Dates("He resigned earlier this month.", kD), "earlier this month=2022-04/month");
  EXPECT_EQ(Dates("Exports fell last year.", kD), "last year=2021/year");
  EXPECT_EQ(Dates("Elections are due next year.", kD), "next year=2023/year");
  EXPECT_EQ(Dates("The ban was lifted earlier this year.", kD), "earlier this year=2022/year");
}

TEST(DateExpressions, PartOfMonthIsMostRecentSuchMonth) {
  EXPECT_EQ(Dates("Troops massed in mid-January.", kD), "mid-January=2022-01/month");
  EXPECT_EQ(Dates("Shelling began in early March.", kD), "early March=2022-03/month");
  EXPECT_EQ(Dates("The ceasefire collapsed in late December.", kD),
            "late December=2021-12/month");
}

TEST(DateExpressions, BareMonthAfterPreposition) {
  EXPECT_EQ(Dates("The border closed in January.", kD), "January=2022-01/month");
  // May is after April: the most recent May is last year's.
  EXPECT_EQ(Dates("Parliament was dissolved in May.", kD), "May=2021-05/month");
  EXPECT_EQ(Dates("Rebels have held the town since February.", kD), "February=2022-02/month");
}

TEST(DateExpressions, LastAndNextMonthName) {
  EXPECT_EQ(Dates("He was arrested last May.", kD), "last May=2021-05/month");
  EXPECT_EQ(Dates("He was arrested last March.", kD), "last March=2022-03/month");
  EXPECT_EQ(Dates("Polls open next January.", kD), "next January=2023-01/month");
}

TEST(DateExpressions, FutureTenseMonthIsNotBeforeStoryDate) {
  EXPECT_EQ(Dates("The vote will be held in May.", kD), "May=2022-05/month");
}

TEST(DateExpressions, MonthAndDay) {
  EXPECT_EQ(Dates("The attack happened on January 5.", kD), "January 5=2022-01-05/day");
  EXPECT_EQ(Dates("The attack happened on 5 January.", kD), "5 January=2022-01-05/day");
  EXPECT_EQ(Dates("The attack happened on Jan. 5 at dawn.", kD), "Jan. 5=2022-01-05/day");
  EXPECT_EQ(Dates("It was signed on January 5, 2021, in Riyadh.", kD),
            "January 5, 2021=2021-01-05/day");
  EXPECT_EQ(Dates("It was signed on 5 January 2021.", kD), "5 January 2021=2021-01-05/day");
  EXPECT_EQ(Dates("The vote is set for the 5th of May.", kD), "5th of May=2022-05-05/day");
}

TEST(DateExpressions, DayWithoutYearIsNearestToStoryDate) {
  EXPECT_EQ(Dates("Protests began on Dec. 30.", "2022-01-03"), "Dec. 30=2021-12-30/day");
  EXPECT_EQ(Dates("The verdict is due April 12.", kD), "April 12=2022-04-12/day");
}

TEST(DateExpressions, YearsMonthYearsAndIsoDates) {
  EXPECT_EQ(Dates("The treaty was signed in 2019.", kD), "2019=2019/year");
  EXPECT_EQ(Dates("Unrest spread in March 2020.", kD), "March 2020=2020-03/month");
  EXPECT_EQ(Dates("The report is dated 2021-08-15.", kD), "2021-08-15=2021-08-15/day");
  EXPECT_EQ(Dates("Growth slowed in late 2019.", kD), "late 2019=2019/year");
}

TEST(DateExpressions, Ago) {
  EXPECT_EQ(Dates("He fled three days ago.", kD), "three days ago=2022-04-06/day");
  EXPECT_EQ(Dates("The offensive began 2 weeks ago.", kD), "2 weeks ago=2022-03-21/week");
  EXPECT_EQ(Dates("They met six months ago.", kD), "six months ago=2021-10/month");
  EXPECT_EQ(Dates("The war began two years ago.", kD), "two years ago=2020/year");
  EXPECT_EQ(Dates("A year ago the city was calm.", kD), "A year ago=2021/year");
  EXPECT_EQ(Dates("It closed twelve days ago.", kD), "twelve days ago=2022-03-28/day");
}

TEST(DateExpressions, Quarters) {
  EXPECT_EQ(Dates("Output fell in the first quarter of 2021.", kD),
            "first quarter of 2021=2021-01/quarter");
  EXPECT_EQ(Dates("Output fell last quarter.", kD), "last quarter=2022-01/quarter");
  EXPECT_EQ(Dates("He scored in the first quarter of the match.", kD), "");
}

TEST(DateExpressions, RangesAreNotPoints) {
  EXPECT_EQ(Dates("Attacks rose over the past two weeks.", kD), "");
  EXPECT_EQ(Dates("Prices doubled over the last month.", kD), "");
  EXPECT_EQ(Dates("Talks have stalled for two weeks.", kD), "");
}

TEST(DateExpressions, MayAsVerbOrNameIsNoDate) {
  EXPECT_EQ(Dates("Iran may respond to the strike.", kD), "");
  EXPECT_EQ(Dates("May officials say the talks failed.", kD), "");
  EXPECT_EQ(Dates("Theresa May met Macron in Paris.", kD), "");
  EXPECT_EQ(Dates("The letter from May angered Brussels.", kD), "");
  EXPECT_EQ(Dates("May 5 was chosen for the vote.", kD), "May 5=2022-05-05/day");
  EXPECT_EQ(Dates("The law passed in May 2020.", kD), "May 2020=2020-05/month");
}

TEST(DateExpressions, MarchAndAugustAsWordsAreNoDate) {
  EXPECT_EQ(Dates("Thousands joined the protest march.", kD), "");
  EXPECT_EQ(Dates("March on the capital, the leaders urged.", kD), "");
  EXPECT_EQ(Dates("The March on Washington was peaceful.", kD), "");
  EXPECT_EQ(Dates("An August gathering of scholars met.", kD), "");
  EXPECT_EQ(Dates("The rally was held in August.", kD), "August=2021-08/month");
}

TEST(DateExpressions, WeekdayNamesNotUsedAsDates) {
  EXPECT_EQ(Dates("Black Friday sales were muted.", kD), "");
  EXPECT_EQ(Dates("Worshippers left the Friday prayers.", kD), "");
  EXPECT_EQ(Dates("Robinson Crusoe met Friday on the island.", kD), "");
}

TEST(DateExpressions, YearRollovers) {
  EXPECT_EQ(Dates("Fighting eased last week.", "2022-01-03"), "last week=2021-12-27/week");
  EXPECT_EQ(Dates("Prices rose last month.", "2022-01-15"), "last month=2021-12/month");
  EXPECT_EQ(Dates("The deal expires next month.", "2021-12-15"), "next month=2022-01/month");
  EXPECT_EQ(Dates("Rebels attacked yesterday.", "2022-01-01"), "yesterday=2021-12-31/day");
  EXPECT_EQ(Dates("Ministers meet tomorrow.", "2021-12-31"), "tomorrow=2022-01-01/day");
  EXPECT_EQ(Dates("The envoy arrived on Sunday.", "2022-01-01"), "Sunday=2021-12-26/day");
  EXPECT_EQ(Dates("They met four months ago.", "2022-02-10"), "four months ago=2021-10/month");
  EXPECT_EQ(Dates("Polls open next January.", "2021-12-15"), "next January=2022-01/month");
  EXPECT_EQ(Dates("Talks begin next week.", "2021-12-29"), "next week=2022-01-03/week");
}

TEST(DateExpressions, WithoutStoryDateOnlyAbsoluteDates) {
  EXPECT_EQ(Dates("Rebels attacked yesterday and on Saturday, in January and last year.", ""),
            "");
  EXPECT_EQ(Dates("It was signed on January 5, 2021, in Riyadh.", ""),
            "January 5, 2021=2021-01-05/day");
  EXPECT_EQ(Dates("The treaty of 2021-08-15 replaced one signed in 2019 and March 2020.", ""),
            "2021-08-15=2021-08-15/day | 2019=2019/year | March 2020=2020-03/month");
  EXPECT_EQ(Dates("The attack happened on January 5.", ""), "");
  EXPECT_EQ(Dates("Malformed story dates count as none: yesterday.", "April 9"), "");
}

TEST(DateExpressions, AbbreviatedMonthsAndOrdinalDays) {
  EXPECT_EQ(Dates("The attacks of Sept. 11, 2001 changed the region.", kD),
            "Sept. 11, 2001=2001-09-11/day");
  EXPECT_EQ(Dates("Talks resumed on March 5th.", kD), "March 5th=2022-03-05/day");
  EXPECT_EQ(Dates("Oct. 3 was a holiday.", "2022-01-10"), "Oct. 3=2021-10-03/day");
  // An abbreviation alone is not enough.
  EXPECT_EQ(Dates("The data for Dec. were late.", kD), "");
}

TEST(DateExpressions, InvalidDatesAreNoDates) {
  EXPECT_EQ(Dates("Ticket 2021-13-45 was filed.", kD), "");
  EXPECT_EQ(Dates("It was signed on February 30, 2021.", kD), "");
  EXPECT_EQ(Dates("The vote drew 1,500 people in 450 towns.", kD), "");
}

TEST(DateExpressions, LeapDay) {
  EXPECT_EQ(Dates("The decree dates from Feb. 29.", "2024-04-09"), "Feb. 29=2024-02-29/day");
  EXPECT_EQ(Dates("The decree dates from Feb. 29.", "2021-04-09"), "Feb. 29=2020-02-29/day");
}

TEST(DateExpressions, SeveralMentionsInOrder) {
  EXPECT_EQ(Dates("Troops left on Tuesday, two days after the March 28 talks, and will return "
                  "next month.",
                  kD),
            "Tuesday=2022-04-05/day | March 28=2022-03-28/day | next month=2022-05/month");
}

}  // namespace
}  // namespace chancery::text
