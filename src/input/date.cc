// NormalizeDate and DateInFileName (declared in story_reader.h).
#include <array>
#include <cctype>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "input/story_reader.h"

namespace chancery::input {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view Trim(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// Value of text[pos, pos+count) if all digits, else -1.
int Digits(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (!IsDigit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

std::optional<std::string> Format(int year, int month, int day) {
  if (year < 1800 || year > 2100 || month < 1 || month > 12 || day < 1) return std::nullopt;
  static constexpr std::array<int, 12> kDaysInMonth = {31, 28, 31, 30, 31, 30,
                                                        31, 31, 30, 31, 30, 31};
  const int days = kDaysInMonth[month - 1] + (month == 2 && IsLeapYear(year) ? 1 : 0);
  if (day > days) return std::nullopt;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return std::string(buffer);
}

// What may follow the date part of an ISO string: nothing, or a time
// introduced by 'T' or a space ("T10:00:00Z", " 10:00", "T1000+0200").
bool IsIsoTimeTail(std::string_view tail) {
  if (tail.empty()) return true;
  if (tail[0] != 'T' && tail[0] != 't' && tail[0] != ' ') return false;
  tail.remove_prefix(1);
  if (tail.size() < 2 || !IsDigit(tail[0]) || !IsDigit(tail[1])) return false;
  for (char c : tail) {
    if (!IsDigit(c) && c != ':' && c != '.' && c != ',' && c != '+' && c != '-' && c != 'Z' &&
        c != 'z' && c != ' ' && !IsAlpha(c)) {
      return false;
    }
  }
  return true;
}

// "2022-04-09", "2022/04/09", "2022-04-09T10:00:00Z", "20220409", "20220409T1000Z".
std::optional<std::string> ParseIso(std::string_view text) {
  if (text.size() >= 10 && (text[4] == '-' || text[4] == '/') && text[7] == text[4]) {
    const int year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
    if (year < 0 || month < 0 || day < 0 || !IsIsoTimeTail(text.substr(10))) return std::nullopt;
    return Format(year, month, day);
  }
  if (text.size() >= 8 && (text.size() == 8 || !IsDigit(text[8]))) {
    const int year = Digits(text, 0, 4), month = Digits(text, 4, 2), day = Digits(text, 6, 2);
    if (year < 0 || month < 0 || day < 0 || !IsIsoTimeTail(text.substr(8))) return std::nullopt;
    return Format(year, month, day);
  }
  return std::nullopt;
}

struct Word {
  std::string text;  // lower-cased letters, or digits with an ordinal suffix removed
  bool number = false;
};

// Splits "Sat, 9th April 2022 10:00" into words; separators are spaces, commas
// and full stops. Returns false on characters that cannot be in a written date.
bool SplitWords(std::string_view text, std::vector<Word>& words, std::string_view& rest) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (IsSpace(c) || c == ',' || c == '.') {
      ++i;
      continue;
    }
    // Once day, month and year are read, anything else is a time or zone.
    if (words.size() >= 3 && IsDigit(c)) {
      int numbers = 0;
      for (const Word& word : words) numbers += word.number;
      if (numbers >= 2) {
        rest = text.substr(i);
        return true;
      }
    }
    Word word;
    if (IsDigit(c)) {
      word.number = true;
      while (i < text.size() && IsDigit(text[i])) word.text.push_back(text[i++]);
      // Ordinal suffixes: 1st, 2nd, 3rd, 9th.
      std::string suffix;
      while (i < text.size() && IsAlpha(text[i])) {
        suffix.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++]))));
      }
      if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") {
        return false;
      }
    } else if (IsAlpha(c)) {
      while (i < text.size() && IsAlpha(text[i])) {
        word.text.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[i++]))));
      }
    } else {
      return false;
    }
    words.push_back(std::move(word));
  }
  return true;
}

// 1..12 for an English month name or its abbreviation, else 0.
int MonthNumber(const std::string& word) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (int m = 0; m < 12; ++m) {
    if (word == kMonths[m]) return m + 1;
    if (word.size() == 3 && kMonths[m].substr(0, 3) == word) return m + 1;
  }
  if (word == "sept") return 9;
  return 0;
}

bool IsWeekday(const std::string& word) {
  static constexpr std::array<std::string_view, 7> kDays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (std::string_view day : kDays) {
    if (word == day || (word.size() == 3 && day.substr(0, 3) == word)) return true;
    if (word.size() == 4 && day.substr(0, 4) == word) return true;  // "tues", "thur"
  }
  return false;
}

// "April 9, 2022", "Apr. 9 2022", "9 April 2022", "9th of April, 2022",
// "Saturday, April 9, 2022", "Sat, 09 Apr 2022 10:00:00 GMT".
std::optional<std::string> ParseWritten(std::string_view text) {
  std::vector<Word> words;
  std::string_view rest;
  if (!SplitWords(text, words, rest)) return std::nullopt;
  std::size_t i = 0;
  if (i < words.size() && !words[i].number && IsWeekday(words[i].text)) ++i;
  std::vector<Word> date(words.begin() + static_cast<std::ptrdiff_t>(i), words.end());
  // "9th of April 2022"
  if (date.size() == 4 && date[1].text == "of") date.erase(date.begin() + 1);
  if (date.size() != 3 || !date[2].number || date[2].text.size() != 4) return std::nullopt;
  int month = 0, day = 0;
  if (!date[0].number && date[1].number) {
    month = MonthNumber(date[0].text);
    if (date[1].text.size() > 2) return std::nullopt;
    day = std::stoi(date[1].text);
  } else if (date[0].number && !date[1].number) {
    month = MonthNumber(date[1].text);
    if (date[0].text.size() > 2) return std::nullopt;
    day = std::stoi(date[0].text);
  } else {
    return std::nullopt;
  }
  if (month == 0) return std::nullopt;
  // A trailing time must look like one ("10:00", "10:00:00 GMT", "10am").
  if (!rest.empty()) {
    if (rest.size() < 2 || !IsDigit(rest[0])) return std::nullopt;
    if (rest.find(':') == std::string_view::npos && rest.find_first_of("aApP") == std::string_view::npos) {
      return std::nullopt;
    }
  }
  return Format(std::stoi(date[2].text), month, day);
}

}  // namespace

std::optional<std::string> NormalizeDate(std::string_view text) {
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  if (IsDigit(text[0]) && text.size() >= 8 && IsDigit(text[1]) && IsDigit(text[2]) &&
      IsDigit(text[3])) {
    return ParseIso(text);
  }
  return ParseWritten(text);
}

std::string DateInFileName(std::string_view file_name) {
  for (std::size_t i = 0; i + 10 <= file_name.size(); ++i) {
    if (i > 0 && IsDigit(file_name[i - 1])) continue;
    if (i + 10 < file_name.size() && IsDigit(file_name[i + 10])) continue;
    const std::string_view candidate = file_name.substr(i, 10);
    if (candidate[4] != '-' || candidate[7] != '-') continue;
    const int year = Digits(candidate, 0, 4), month = Digits(candidate, 5, 2),
              day = Digits(candidate, 8, 2);
    if (year < 0 || month < 0 || day < 0) continue;
    if (auto date = Format(year, month, day)) return *date;
  }
  return "";
}

}  // namespace chancery::input
