// Specification of NormalizeDate and DateInFileName: date strings in, ISO dates out.
#include <gtest/gtest.h>

#include "input/story_reader.h"

namespace chancery::input {
namespace {

TEST(NormalizeDate, AcceptsCommonNewsDateForms) {
  const std::pair<const char*, const char*> cases[] = {
      {"2022-04-09", "2022-04-09"},
      {"  2022-04-09\n", "2022-04-09"},
      {"2022-04-09T10:00:00Z", "2022-04-09"},
      {"2022-04-09T10:00:00.123+04:30", "2022-04-09"},
      {"2022-04-09T23:30:00-05:00", "2022-04-09"},  // the date as written, not UTC
      {"2022-04-09 10:00", "2022-04-09"},
      {"2022/04/09", "2022-04-09"},
      {"20220409", "2022-04-09"},
      {"20220409T100000Z", "2022-04-09"},
      {"April 9, 2022", "2022-04-09"},
      {"april 9 2022", "2022-04-09"},
      {"9 April 2022", "2022-04-09"},
      {"9th April, 2022", "2022-04-09"},
      {"9th of April 2022", "2022-04-09"},
      {"Apr. 9, 2022", "2022-04-09"},
      {"Sept. 30, 2021", "2021-09-30"},
      {"Saturday, April 9, 2022", "2022-04-09"},
      {"Sat, 09 Apr 2022 10:00:00 GMT", "2022-04-09"},
      {"April 9, 2022 10:30 AM", "2022-04-09"},
      {"2020-02-29", "2020-02-29"},
      {"2000-02-29", "2000-02-29"},
      {"1800-01-01", "1800-01-01"},
      {"2100-12-31", "2100-12-31"},
  };
  for (const auto& [input, expected] : cases) {
    const auto date = NormalizeDate(input);
    ASSERT_TRUE(date) << input;
    EXPECT_EQ(*date, expected) << input;
  }
}

TEST(NormalizeDate, RejectsImpossibleDatesAndNonDates) {
  const char* cases[] = {
      "",           "   ",          "yesterday",       "2022-02-30",    "2022-02-29",
      "1900-02-29", "2022-13-01",   "2022-00-10",      "2022-04-00",    "2022-04-31",
      "1799-12-31", "2101-01-01",   "20221301",        "2022-04-9",     "2022-04-09x",
      "202204091",  "April 2022",   "April 31, 2022",  "Smarch 9, 2022", "9 April",
      "April 9, 22", "9/4/2022",    "April 9, 2022 is when", "123 April 2022",
  };
  for (const char* input : cases) {
    EXPECT_FALSE(NormalizeDate(input)) << input << " -> " << NormalizeDate(input).value_or("");
  }
}

TEST(DateInFileName, FindsIsoDateInName) {
  EXPECT_EQ(DateInFileName("2022-04-09-kabul.txt"), "2022-04-09");
  EXPECT_EQ(DateInFileName("reuters_2021-08-15_afghanistan.html"), "2021-08-15");
  EXPECT_EQ(DateInFileName("story.txt"), "");
  EXPECT_EQ(DateInFileName("2022-02-30.txt"), "");
  EXPECT_EQ(DateInFileName("12022-04-091.txt"), "");
}

}  // namespace
}  // namespace chancery::input
