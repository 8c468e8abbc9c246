// Date expressions: finds the dates a sentence mentions and resolves them against the story
// date ("yesterday", "last Saturday", "in mid-January", "March 5, 2021", "two weeks ago").
//
// Contract (plain data in and out, no global state, safe to call concurrently):
//  - `tokens` are tokens as tokenizer.h makes them (one sentence, or any run of tokens);
//    month and weekday names count only when capitalised (Token::upper_initial).
//  - `story_date` is "YYYY-MM-DD" (anything after the first ten characters is ignored). When it
//    is empty or malformed, only absolute dates are returned: ISO dates, "January 5, 2021",
//    "5 January 2021", "March 2020", "in 2019", "first quarter of 2021".
//  - DateMention::date is ISO truncated to the granularity: day "2022-04-02", month "2022-03",
//    year "2022"; week gives the date of its Monday and quarter its first month ("2022-04").
//  - [first_token, end_token) covers the date words and their modifiers (last, next, this,
//    coming, early, mid, late, earlier, later) but not a bare preposition: in "in mid-January"
//    the mention is "mid-January"; "on Saturday, March 5" is one mention.
//  - Resolution (story date D): today/tonight/this morning = D, yesterday/last night = D-1,
//    tomorrow = D+1. A weekday means the most recent one on or before D-1 ("on Saturday",
//    "last Saturday"); "next Saturday"/"this coming Saturday" the first one after D, "this
//    Saturday" the first on or after D. A month without year means the most recent such month
//    not after D's month ("last May": strictly before D's month; "next May": strictly after;
//    "this May": D's year). A day without year ("January 5") means the nearest such date to D.
//    When "will", "'ll" or "shall" comes shortly before the expression in the same sentence, a
//    weekday, month or day without year is taken as the first one on or after D instead.
//    last/this/next week|month|quarter|year step from D's; "N days|weeks|months|years ago"
//    (N in digits, one..twelve, or "a"/"an") steps back from D.
//  - Spans and ranges are not points and are skipped: "the past two weeks", "the last month".
//  - Mentions come in token order and do not overlap.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/story.h"

namespace chancery::text {

struct DateMention {
  std::uint32_t first_token = 0;  // token indices, [first_token, end_token)
  std::uint32_t end_token = 0;
  std::string date;         // ISO, truncated to the granularity (see above)
  std::string granularity;  // "day" | "week" | "month" | "quarter" | "year"
};

// Finds and resolves the date mentions in `tokens`; `story_date` is "YYYY-MM-DD" or empty.
std::vector<DateMention> FindDateMentions(const std::vector<Token>& tokens,
                                          std::string_view story_date);

}  // namespace chancery::text
