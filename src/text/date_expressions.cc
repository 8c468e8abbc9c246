// Date expressions: pattern matchers over tokens, tried in a fixed order at each position.
#include "text/date_expressions.h"

#include <chrono>
#include <cstdio>
#include <optional>

namespace chancery::text {
namespace {

namespace ch = std::chrono;

using Ymd = ch::year_month_day;

struct Found {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::string date;
  const char* granularity = "day";
};

// How a month, weekday or day without year is placed relative to the story date.
enum class Mode { kPast, kLast, kThis, kNext, kFuture };

constexpr std::string_view kMonths[] = {"january", "february", "march",     "april",
                                        "may",     "june",     "july",      "august",
                                        "september", "october", "november", "december"};
constexpr std::string_view kWeekdays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                          "thursday", "friday", "saturday"};

bool In(std::string_view word, std::initializer_list<std::string_view> list) {
  for (std::string_view w : list)
    if (w == word) return true;
  return false;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

std::string Pad(int value, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%0*d", width, value);
  return buf;
}

std::string DayString(const Ymd& d) {
  return Pad(int(d.year()), 4) + "-" + Pad(int(unsigned(d.month())), 2) + "-" +
         Pad(int(unsigned(d.day())), 2);
}
std::string MonthString(int y, int m) { return Pad(y, 4) + "-" + Pad(m, 2); }
std::string YearString(int y) { return Pad(y, 4); }

std::optional<Ymd> ParseStoryDate(std::string_view s) {
  if (s.size() < 10) return std::nullopt;
  s = s.substr(0, 10);
  if (!AllDigits(s.substr(0, 4)) || s[4] != '-' || !AllDigits(s.substr(5, 2)) || s[7] != '-' ||
      !AllDigits(s.substr(8, 2)))
    return std::nullopt;
  Ymd d{ch::year(ToInt(s.substr(0, 4))), ch::month(unsigned(ToInt(s.substr(5, 2)))),
        ch::day(unsigned(ToInt(s.substr(8, 2))))};
  if (!d.ok()) return std::nullopt;
  return d;
}

Ymd AddDays(const Ymd& d, int days) { return Ymd(ch::sys_days(d) + ch::days(days)); }

Ymd MondayOf(const Ymd& d) {
  unsigned iso = ch::weekday(ch::sys_days(d)).iso_encoding();  // Monday 1 .. Sunday 7
  return AddDays(d, -int(iso - 1));
}

// Month arithmetic on (year, month 1..12).
void AddMonths(int* y, int* m, int months) {
  int total = *y * 12 + (*m - 1) + months;
  *y = total / 12;
  *m = total % 12 + 1;
}

class Finder {
 public:
  Finder(const std::vector<Token>& tokens, std::optional<Ymd> story)
      : t_(tokens), d_(story) {}

  std::vector<DateMention> Run() {
    std::vector<DateMention> out;
    std::size_t i = 0;
    while (i < t_.size()) {
      std::optional<Found> f = MatchAt(i);
      if (!f) {
        ++i;
        continue;
      }
      out.push_back(DateMention{f->begin, f->end, std::move(f->date), f->granularity});
      i = f->end;
    }
    return out;
  }

 private:
  std::optional<Found> MatchAt(std::size_t i) {
    using Matcher = std::optional<Found> (Finder::*)(std::size_t);
    for (Matcher m : {&Finder::MatchIso, &Finder::MatchDayMonth, &Finder::MatchMonth,
                      &Finder::MatchYear, &Finder::MatchQuarter, &Finder::MatchRelativeWord,
                      &Finder::MatchWeekday, &Finder::MatchAgo}) {
      if (std::optional<Found> f = (this->*m)(i)) return f;
    }
    return std::nullopt;
  }

  // --- token helpers -------------------------------------------------------------------

  std::string_view Lower(std::size_t i) const {
    return i < t_.size() ? std::string_view(t_[i].lower) : std::string_view();
  }
  std::string_view Text(std::size_t i) const {
    return i < t_.size() ? std::string_view(t_[i].text) : std::string_view();
  }
  bool Capitalised(std::size_t i) const { return i < t_.size() && t_[i].upper_initial; }
  // Tokens i and i+1 touch (no space between them).
  bool Adjacent(std::size_t i) const {
    return i + 1 < t_.size() && t_[i].end == t_[i + 1].begin;
  }

  // Month 1..12 of a capitalised month name or abbreviation; `abbreviated` tells which.
  int MonthAt(std::size_t i, bool* abbreviated = nullptr) const {
    if (!Capitalised(i)) return 0;
    std::string_view w = Lower(i);
    for (int m = 0; m < 12; ++m) {
      if (w == kMonths[m]) {
        if (abbreviated) *abbreviated = false;
        return m + 1;
      }
    }
    if (!w.empty() && w.back() == '.') w.remove_suffix(1);
    if (w == "sept") w = "sep";
    if (w.size() != 3 || w == "may") return 0;
    for (int m = 0; m < 12; ++m) {
      if (kMonths[m].substr(0, 3) == w) {
        if (abbreviated) *abbreviated = true;
        return m + 1;
      }
    }
    return 0;
  }

  // Day of month 1..31 written "5", "05" or "5th"; `ordinal` tells whether it had a suffix.
  int DayAt(std::size_t i, bool* ordinal = nullptr) const {
    std::string_view w = Lower(i);
    bool ord = false;
    if (w.size() > 2 && In(w.substr(w.size() - 2), {"st", "nd", "rd", "th"})) {
      w.remove_suffix(2);
      ord = true;
    }
    if (w.empty() || w.size() > 2 || !AllDigits(w)) return 0;
    int v = ToInt(w);
    if (v < 1 || v > 31) return 0;
    if (ordinal) *ordinal = ord;
    return v;
  }

  int YearAt(std::size_t i) const {
    std::string_view w = Lower(i);
    if (w.size() != 4 || !AllDigits(w)) return 0;
    int v = ToInt(w);
    return v >= 1900 && v <= 2099 ? v : 0;
  }

  // Small counts for "N days ago": digits, one..twelve, "a"/"an".
  int CountAt(std::size_t i) const {
    std::string_view w = Lower(i);
    if (AllDigits(w) && w.size() <= 3) return ToInt(w);
    static constexpr std::string_view kWords[] = {"one", "two",   "three", "four",
                                                  "five", "six",  "seven", "eight",
                                                  "nine", "ten",  "eleven", "twelve"};
    for (int n = 0; n < 12; ++n)
      if (w == kWords[n]) return n + 1;
    if (w == "a" || w == "an") return 1;
    return 0;
  }

  // Prepositions that make a following year a date; not part of the mention.
  bool DateCue(std::size_t i) const {
    return In(Lower(i), {"in", "during", "since", "until", "till", "by", "before", "after",
                         "from", "through", "throughout", "of", "between"});
  }

  // The same for a bare month name. "May" is also a name ("a letter from May"), so it needs
  // a preposition that a person cannot follow.
  bool MonthCue(std::size_t i, int month) const {
    if (month == 5)
      return In(Lower(i), {"in", "during", "since", "until", "till", "through", "throughout"});
    return DateCue(i);
  }

  // "will", "'ll" or "shall" within a few tokens before `i`, in the same sentence.
  bool FutureBefore(std::size_t i) const {
    for (std::size_t k = 0; k < 8 && i > 0; ++k) {
      --i;
      std::string_view w = Lower(i);
      if (In(w, {".", ";", "!", "?"})) return false;
      if (In(w, {"will", "'ll", "shall"})) return true;
    }
    return false;
  }

  // A range rather than a point: "the last month", "the next week".
  bool RangeBefore(std::size_t i) const { return i > 0 && In(Lower(i - 1), {"the", "past"}); }

  // --- resolution ----------------------------------------------------------------------

  // Year of a month without year, by mode.
  int YearForMonth(int month, Mode mode) const {
    int y = int(d_->year());
    int m = int(unsigned(d_->month()));
    switch (mode) {
      case Mode::kPast: return month <= m ? y : y - 1;
      case Mode::kLast: return month < m ? y : y - 1;
      case Mode::kThis: return y;
      case Mode::kNext: return month > m ? y : y + 1;
      case Mode::kFuture: return month >= m ? y : y + 1;
    }
    return y;
  }

  // A day without year: the nearest such date to D, or the first on or after D when future.
  std::optional<Ymd> DayWithoutYear(int month, int day, bool future) const {
    int y = int(d_->year());
    std::optional<Ymd> best;
    long best_distance = 0;
    for (int cy = y - 1; cy <= y + 1; ++cy) {
      Ymd c{ch::year(cy), ch::month(unsigned(month)), ch::day(unsigned(day))};
      if (!c.ok()) continue;
      long diff = (ch::sys_days(c) - ch::sys_days(*d_)).count();
      if (future && diff < 0) continue;
      long distance = future ? diff : (diff < 0 ? -diff : diff);
      if (!best || distance < best_distance) {
        best = c;
        best_distance = distance;
      }
    }
    return best;
  }

  // --- matchers; each returns the mention starting at i, if any ---------------------------

  // 2021-08-15 (five touching tokens: year, hyphen, month, hyphen, day).
  std::optional<Found> MatchIso(std::size_t i) {
    int y = YearAt(i);
    if (!y || i + 4 >= t_.size() || !Adjacent(i) || !Adjacent(i + 1) || !Adjacent(i + 2) ||
        !Adjacent(i + 3))
      return std::nullopt;
    if (Text(i + 1) != "-" || Text(i + 3) != "-" || Text(i + 2).size() != 2 ||
        !AllDigits(Text(i + 2)) || Text(i + 4).size() != 2 || !AllDigits(Text(i + 4)))
      return std::nullopt;
    Ymd d{ch::year(y), ch::month(unsigned(ToInt(Text(i + 2)))),
          ch::day(unsigned(ToInt(Text(i + 4))))};
    if (!d.ok()) return std::nullopt;
    return Found{uint32_t(i), uint32_t(i + 5), DayString(d), "day"};
  }

  // Completes a mention starting at `begin` of `day` in `month` whose day token ends before
  // `after_day`: an optional ", year" follows; without one the year comes from the story date
  // (checking for a future cue before `start_of_expression`).
  std::optional<Found> DayOfMonth(std::size_t begin, std::size_t start_of_expression, int month,
                                  int day, std::size_t after_day) {
    std::size_t j = after_day;
    int y = 0;
    if (YearAt(j)) {
      y = YearAt(j);
      ++j;
    } else if (Lower(j) == "," && YearAt(j + 1)) {
      y = YearAt(j + 1);
      j += 2;
    }
    if (y) {
      Ymd d{ch::year(y), ch::month(unsigned(month)), ch::day(unsigned(day))};
      if (!d.ok()) return std::nullopt;
      return Found{uint32_t(begin), uint32_t(j), DayString(d), "day"};
    }
    if (!d_) return std::nullopt;
    std::optional<Ymd> d = DayWithoutYear(month, day, FutureBefore(start_of_expression));
    if (!d) return std::nullopt;
    return Found{uint32_t(begin), uint32_t(j), DayString(*d), "day"};
  }

  // 5 January, 5 January 2021, the 5th of May.
  std::optional<Found> MatchDayMonth(std::size_t i) {
    bool ordinal = false;
    int day = DayAt(i, &ordinal);
    if (!day) return std::nullopt;
    std::size_t j = i + 1;
    if (ordinal && Lower(j) == "of") ++j;
    int month = MonthAt(j);
    if (!month) return std::nullopt;
    return DayOfMonth(i, i, month, day, j + 1);
  }

  // [last|next|this|early|mid-|late] Month [day[, year] | year].
  std::optional<Found> MatchMonth(std::size_t i) {
    std::size_t j = i;
    std::optional<Mode> modifier;
    std::string_view w = Lower(i);
    if (w == "last") modifier = Mode::kLast;
    else if (w == "next") modifier = Mode::kNext;
    else if (w == "this") modifier = Mode::kThis;
    else if (In(w, {"early", "late", "mid"})) modifier = Mode::kPast;
    if (modifier) {
      ++j;
      if (w == "mid" && Text(j) == "-") ++j;
    }
    bool abbreviated = false;
    int month = MonthAt(j, &abbreviated);
    if (!month) return std::nullopt;
    // Month day[, year]: only without a modifier ("early March 5" is read as a month).
    if (!modifier) {
      if (int day = DayAt(j + 1)) {
        if (std::optional<Found> f = DayOfMonth(i, i, month, day, j + 2)) return f;
      }
    }
    if (int y = YearAt(j + 1)) {
      return Found{uint32_t(i), uint32_t(j + 2), MonthString(y, month), "month"};
    }
    if (abbreviated || !d_) return std::nullopt;
    if (!modifier && !(i > 0 && MonthCue(i - 1, month))) return std::nullopt;
    Mode mode = modifier.value_or(Mode::kPast);
    if (mode == Mode::kPast && FutureBefore(i)) mode = Mode::kFuture;
    return Found{uint32_t(i), uint32_t(j + 1), MonthString(YearForMonth(month, mode), month),
                 "month"};
  }

  // in 2019, early 2019, mid-2019, late 2019.
  std::optional<Found> MatchYear(std::size_t i) {
    std::size_t j = i;
    std::string_view w = Lower(i);
    bool modifier = In(w, {"early", "late", "mid"});
    if (modifier) {
      ++j;
      if (w == "mid" && Text(j) == "-") ++j;
    }
    int y = YearAt(j);
    if (!y) return std::nullopt;
    if (!modifier && !(i > 0 && DateCue(i - 1) && Lower(i - 1) != "of")) return std::nullopt;
    return Found{uint32_t(i), uint32_t(j + 1), YearString(y), "year"};
  }

  // first quarter of 2021, the third quarter, Q1 2021, last/this/next quarter (see relative).
  std::optional<Found> MatchQuarter(std::size_t i) {
    int q = 0;
    std::size_t j = i;
    std::string_view w = Lower(i);
    if (w.size() == 2 && w[0] == 'q' && w[1] >= '1' && w[1] <= '4') {
      q = w[1] - '0';
      ++j;
    } else {
      static constexpr std::string_view kOrdinals[][2] = {
          {"first", "1st"}, {"second", "2nd"}, {"third", "3rd"}, {"fourth", "4th"}};
      for (int k = 0; k < 4; ++k)
        if (w == kOrdinals[k][0] || w == kOrdinals[k][1]) q = k + 1;
      if (!q || Lower(i + 1) != "quarter") return std::nullopt;
      j += 2;
    }
    int y = 0;
    if (YearAt(j)) {
      y = YearAt(j);
      ++j;
    } else if (Lower(j) == "of" && YearAt(j + 1)) {
      y = YearAt(j + 1);
      j += 2;
    } else if (Lower(j) == "of" && In(Lower(j + 1), {"last", "this", "next"}) &&
               Lower(j + 2) == "year") {
      if (!d_) return std::nullopt;
      int step = Lower(j + 1) == "last" ? -1 : Lower(j + 1) == "next" ? 1 : 0;
      y = int(d_->year()) + step;
      j += 3;
    } else if (Lower(j) == "of") {
      return std::nullopt;  // "the first quarter of the match"
    } else {
      if (!d_) return std::nullopt;
      // Most recent such quarter not after D's quarter.
      int dq = (int(unsigned(d_->month())) - 1) / 3 + 1;
      y = int(d_->year()) - (q > dq ? 1 : 0);
    }
    return Found{uint32_t(i), uint32_t(j), MonthString(y, (q - 1) * 3 + 1), "quarter"};
  }

  // today, yesterday, tomorrow, tonight, this morning, last night,
  // [earlier|later] last|this|next week|month|quarter|year.
  std::optional<Found> MatchRelativeWord(std::size_t i) {
    if (!d_) return std::nullopt;
    std::string_view w = Lower(i);
    auto day = [&](int offset, std::size_t end) {
      return Found{uint32_t(i), uint32_t(end), DayString(AddDays(*d_, offset)), "day"};
    };
    if (w == "today" || w == "tonight") {
      if (i > 0 && Lower(i - 1) == "usa") return std::optional<Found>();  // USA Today
      return std::optional<Found>(day(0, i + 1));
    }
    if (w == "yesterday") return day(-1, i + 1);
    if (w == "tomorrow") return day(1, i + 1);
    if (w == "this" && In(Lower(i + 1), {"morning", "afternoon", "evening"})) return day(0, i + 2);
    if (w == "last" && Lower(i + 1) == "night") return day(-1, i + 2);

    std::size_t j = i;
    if (In(w, {"earlier", "later"}) && Lower(i + 1) == "this") ++j;
    std::string_view which = Lower(j);
    if (!In(which, {"last", "this", "next"}) || RangeBefore(i)) return std::nullopt;
    int step = which == "last" ? -1 : which == "next" ? 1 : 0;
    std::string_view unit = Lower(j + 1);
    uint32_t b = uint32_t(i), e = uint32_t(j + 2);
    if (unit == "week")
      return Found{b, e, DayString(AddDays(MondayOf(*d_), 7 * step)), "week"};
    int y = int(d_->year()), m = int(unsigned(d_->month()));
    if (unit == "month") {
      AddMonths(&y, &m, step);
      return Found{b, e, MonthString(y, m), "month"};
    }
    if (unit == "quarter") {
      m = (m - 1) / 3 * 3 + 1;
      AddMonths(&y, &m, 3 * step);
      return Found{b, e, MonthString(y, m), "quarter"};
    }
    if (unit == "year") return Found{b, e, YearString(y + step), "year"};
    return std::nullopt;
  }

  // [on|last|next|this [coming]] Saturday [, March 5].
  std::optional<Found> MatchWeekday(std::size_t i) {
    if (!d_) return std::nullopt;
    std::size_t j = i;
    std::string_view w = Lower(i);
    std::optional<Mode> modifier;
    if (w == "last") modifier = Mode::kLast;
    else if (w == "next") modifier = Mode::kNext;
    else if (w == "this" && Lower(i + 1) == "coming") modifier = Mode::kNext;
    else if (w == "this") modifier = Mode::kThis;
    else if (w == "coming") modifier = Mode::kNext;
    if (modifier) j += (w == "this" && Lower(i + 1) == "coming") ? 2 : 1;
    if (!Capitalised(j)) return std::nullopt;
    int weekday = -1;
    for (int k = 0; k < 7; ++k)
      if (Lower(j) == kWeekdays[k]) weekday = k;
    if (weekday < 0) return std::nullopt;

    if (!modifier) {
      // Used as a date: after a cue or reporting verb, or followed by punctuation, a
      // time of day or a possessive. "Black Friday", "the Friday prayers" are not.
      std::string_view before = i > 0 ? Lower(i - 1) : std::string_view();
      bool cue = In(before, {"on", "since", "until", "till", "by", "before", "after", "from",
                             "through", "said", "says", "told", "announced", "reported",
                             "added", "late", "early"}) ||
                 (before.size() > 2 && before.substr(before.size() - 2) == "ed" &&
                  !Capitalised(i - 1));
      std::string_view next = Lower(j + 1);
      bool follows = j + 1 == t_.size() ||
                     In(next, {",", ".", ";", ":", ")", "'s", "night", "morning", "afternoon",
                               "evening"});
      if (i > 0 && Capitalised(i - 1) && !cue) return std::nullopt;
      if (!cue && !follows) return std::nullopt;
    }

    // "Saturday, March 5" or "Saturday March 5": the explicit date wins.
    std::size_t k = j + 1;
    if (Lower(k) == ",") ++k;
    if (std::optional<Found> f = MatchDayMonth(k)) return Found{uint32_t(i), f->end, f->date, "day"};
    if (MonthAt(k) && DayAt(k + 1)) {
      if (std::optional<Found> f = DayOfMonth(k, i, MonthAt(k), DayAt(k + 1), k + 2))
        return Found{uint32_t(i), f->end, f->date, "day"};
    }

    Mode mode = modifier.value_or(Mode::kPast);
    if (mode == Mode::kPast && FutureBefore(i)) mode = Mode::kFuture;
    int today = int(ch::weekday(ch::sys_days(*d_)).c_encoding());  // Sunday 0
    int offset = 0;
    switch (mode) {
      case Mode::kPast:
      case Mode::kLast:  // most recent on or before D-1
        offset = -(((today - weekday) + 6) % 7 + 1);
        break;
      case Mode::kThis:  // first on or after D
        offset = (weekday - today + 7) % 7;
        break;
      case Mode::kNext:  // first after D
      case Mode::kFuture:
        offset = (weekday - today + 6) % 7 + 1;
        break;
    }
    return Found{uint32_t(i), uint32_t(j + 1), DayString(AddDays(*d_, offset)), "day"};
  }

  // N days|weeks|months|years ago.
  std::optional<Found> MatchAgo(std::size_t i) {
    if (!d_) return std::nullopt;
    int n = CountAt(i);
    if (!n || Lower(i + 2) != "ago") return std::nullopt;
    std::string_view unit = Lower(i + 1);
    if (unit.size() > 1 && unit.back() == 's') unit.remove_suffix(1);
    uint32_t b = uint32_t(i), e = uint32_t(i + 3);
    if (unit == "day") return Found{b, e, DayString(AddDays(*d_, -n)), "day"};
    if (unit == "week") return Found{b, e, DayString(MondayOf(AddDays(*d_, -7 * n))), "week"};
    int y = int(d_->year()), m = int(unsigned(d_->month()));
    if (unit == "month") {
      AddMonths(&y, &m, -n);
      return Found{b, e, MonthString(y, m), "month"};
    }
    if (unit == "year") return Found{b, e, YearString(y - n), "year"};
    return std::nullopt;
  }

  const std::vector<Token>& t_;
  std::optional<Ymd> d_;
};

}  // namespace

std::vector<DateMention> FindDateMentions(const std::vector<Token>& tokens,
                                          std::string_view story_date) {
  return Finder(tokens, ParseStoryDate(story_date)).Run();
}

}  // namespace chancery::text
