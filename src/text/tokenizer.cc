#include "text/tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>

namespace chancery::text {
namespace {

// Decodes the code point at `i` (input is valid UTF-8) and sets `*next` past it.
inline UChar32 Decode(std::string_view s, std::size_t i, std::size_t* next) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) {
    *next = i + 1;
    return b;
  }
  auto idx = static_cast<int32_t>(i);
  UChar32 c;
  U8_NEXT(s.data(), idx, static_cast<int32_t>(s.size()), c);
  *next = static_cast<std::size_t>(idx);
  return c;
}

inline UChar32 DecodeAt(std::string_view s, std::size_t i) {
  std::size_t next;
  return i < s.size() ? Decode(s, i, &next) : U_SENTINEL;
}

inline bool IsAsciiAlpha(UChar32 c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
inline bool IsAsciiDigit(UChar32 c) { return c >= '0' && c <= '9'; }

// Characters that take no space and must vanish from tokens: soft hyphen, zero-width
// space/joiners, word joiner, byte-order mark, Mongolian vowel separator.
inline bool IsIgnorable(UChar32 c) {
  return c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF || c == 0x180E;
}

inline bool IsSpace(UChar32 c) {
  if (c < 0x80) return c <= 0x20 || c == 0x7F;  // ASCII space and control characters
  return u_isUWhiteSpace(c) || u_charType(c) == U_SPACE_SEPARATOR || c == 0x85;
}

// Apostrophe and the characters that news text uses in its place.
inline bool IsApostrophe(UChar32 c) {
  return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC;
}

inline bool IsLetter(UChar32 c) {
  if (c < 0x80) return IsAsciiAlpha(c);
  return c != 0x02BC && u_isalpha(c);
}

inline bool IsMark(UChar32 c) { return c >= 0x300 && (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }

// Letters, digits, marks and connector punctuation make up words and numbers.
inline bool IsWordChar(UChar32 c) {
  if (c < 0x80) return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '_';
  if (c == 0x02BC || c < 0) return false;
  return (U_GET_GC_MASK(c) &
          (U_GC_L_MASK | U_GC_M_MASK | U_GC_ND_MASK | U_GC_NL_MASK | U_GC_NO_MASK | U_GC_PC_MASK)) != 0;
}

inline bool IsDigit(UChar32 c) { return c < 0x80 ? IsAsciiDigit(c) : (c > 0 && u_isdigit(c)); }

inline void AppendUtf8(std::string* out, UChar32 c) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
    return;
  }
  char buf[4];
  int32_t len = 0;
  U8_APPEND_UNSAFE(buf, len, c);
  out->append(buf, static_cast<std::size_t>(len));
}

// Appends the lower-cased form of `s` (simple case mapping).
void AppendLower(std::string_view s, std::string* out) {
  for (std::size_t i = 0; i < s.size();) {
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out->push_back(static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b));
      ++i;
      continue;
    }
    std::size_t next;
    UChar32 c = Decode(s, i, &next);
    AppendUtf8(out, u_tolower(c));
    i = next;
  }
}

bool StartsWithNoCase(std::string_view s, std::size_t i, std::string_view prefix) {
  if (s.size() - i < prefix.size()) return false;
  for (std::size_t k = 0; k < prefix.size(); ++k) {
    char c = s[i + k];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != prefix[k]) return false;
  }
  return true;
}

bool IsClosingQuote(UChar32 c) {
  return c == '"' || c == '\'' || c == 0x201C || c == 0x201D || c == 0x2018 || c == 0x2019 ||
         c == 0xAB || c == 0xBB || c == '<' || c == '>';
}

// "http://...", "https://...", "www...." up to the next space or quote, without trailing
// sentence punctuation or an unbalanced closing parenthesis. Returns its length or 0.
std::size_t MatchUrl(std::string_view s, std::size_t i) {
  std::size_t min_len;
  if (StartsWithNoCase(s, i, "https://")) min_len = 9;
  else if (StartsWithNoCase(s, i, "http://")) min_len = 8;
  else if (StartsWithNoCase(s, i, "www.")) min_len = 5;
  else return 0;
  std::size_t j = i;
  int parens = 0;
  while (j < s.size()) {
    std::size_t next;
    UChar32 c = Decode(s, j, &next);
    if (IsSpace(c) || IsClosingQuote(c)) break;
    if (c == '(') ++parens;
    if (c == ')') --parens;
    j = next;
  }
  while (j > i) {
    char last = s[j - 1];
    if (last == '.' || last == ',' || last == ';' || last == ':' || last == '!' || last == '?') {
      --j;
    } else if (last == ')' && parens < 0) {
      ++parens;
      --j;
    } else {
      break;
    }
  }
  return j - i >= min_len ? j - i : 0;
}

inline bool IsEmailLocal(char c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
         c == '-';
}
inline bool IsDomainChar(char c) {
  return IsAsciiAlpha(c) || IsAsciiDigit(c) || c == '.' || c == '-';
}

// Ends a host name [i, j) at its last label; true if that label is 2+ letters.
bool HasLetterTld(std::string_view s, std::size_t i, std::size_t j) {
  std::size_t dot = s.rfind('.', j - 1);
  if (dot == std::string_view::npos || dot < i || j - dot - 1 < 2) return false;
  for (std::size_t k = dot + 1; k < j; ++k)
    if (!IsAsciiAlpha(s[k])) return false;
  return true;
}

// "name@host.tld"; returns its length or 0.
std::size_t MatchEmail(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && IsEmailLocal(s[j])) ++j;
  if (j == i || j >= s.size() || s[j] != '@' || s[j - 1] == '.') return 0;
  std::size_t k = j + 1;
  while (k < s.size() && IsDomainChar(s[k])) ++k;
  while (k > j + 1 && (s[k - 1] == '.' || s[k - 1] == '-')) --k;
  if (k == j + 1 || !HasLetterTld(s, j + 1, k)) return 0;
  return k - i;
}

// Bare host names such as "voanews.com": only with a well-known generic top-level domain,
// so that a missing space after a period ("end.The") is not mistaken for one.
std::size_t MatchDomain(std::string_view s, std::size_t i) {
  static constexpr std::array<std::string_view, 9> kTlds = {"com", "org", "net", "gov", "edu",
                                                            "int", "info", "io", "mil"};
  std::size_t j = i;
  while (j < s.size() && IsDomainChar(s[j])) ++j;
  while (j > i && (s[j - 1] == '.' || s[j - 1] == '-')) --j;
  if (j < s.size() && IsWordChar(DecodeAt(s, j))) return 0;
  std::size_t dot = s.rfind('.', j - 1);
  if (dot == std::string_view::npos || dot <= i) return 0;
  std::string_view tld = s.substr(dot + 1, j - dot - 1);
  for (std::string_view known : kTlds)
    if (tld == known) return j - i;
  return 0;
}

// "U.S.", "p.m.", "U.S.S.R.": single letters each followed by a period, at least two.
bool IsInitialismShape(std::string_view s) {
  int letters = 0;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t next;
    UChar32 c = Decode(s, i, &next);
    if (!IsLetter(c) || next >= s.size() || s[next] != '.') return false;
    ++letters;
    i = next + 1;
  }
  return letters >= 2;
}

bool IsCliticSuffix(std::string_view lower) {
  return lower == "s" || lower == "ve" || lower == "re" || lower == "ll" || lower == "d" ||
         lower == "m";
}

}  // namespace

void Tokenizer::FillForms(std::string_view source, Token* token) {
  std::string_view bytes = source.substr(token->begin, token->end - token->begin);
  std::string& text = token->text;
  text.clear();
  text.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    auto b = static_cast<unsigned char>(bytes[i]);
    if (b < 0x80) {
      text.push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    std::size_t next;
    UChar32 c = Decode(bytes, i, &next);
    switch (c) {
      case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC:
        text.push_back('\'');
        break;
      case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0xAB: case 0xBB:
        text.push_back('"');
        break;
      case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
      case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        text.push_back('-');
        break;
      case 0x2026:
        text.append("...");
        break;
      default:
        if (!IsIgnorable(c) && !IsSpace(c)) text.append(bytes.substr(i, next - i));
    }
    i = next;
  }
  token->lower.clear();
  token->lower.reserve(text.size());
  AppendLower(text, &token->lower);

  token->is_word = false;
  token->upper_initial = false;
  bool first = true;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t next;
    UChar32 c = Decode(text, i, &next);
    if (first) token->is_word = IsLetter(c) || IsDigit(c);
    first = false;
    if (IsLetter(c)) {
      token->upper_initial = c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper(c) || u_istitle(c));
      break;
    }
    i = next;
  }
}

std::size_t Tokenizer::MatchAbbreviation(std::string_view text, std::size_t begin,
                                         std::size_t word_end, PeriodRole* role) const {
  // The longest run of letters and periods from `begin`; it must cover the whole word.
  std::size_t run_end = begin;
  while (run_end < text.size()) {
    std::size_t next;
    UChar32 c = Decode(text, run_end, &next);
    if (c != '.' && !IsLetter(c)) break;
    run_end = next;
  }
  if (run_end <= word_end) return 0;  // the word holds digits or apostrophes
  std::string lower;
  for (std::size_t end = run_end; end > word_end; --end) {
    if (text[end - 1] != '.') continue;
    std::string_view candidate = text.substr(begin, end - begin);
    std::size_t after = end;
    while (after < text.size() && (text[after] == ' ' || text[after] == '\t')) ++after;
    bool before_number = after < text.size() && IsAsciiDigit(text[after]);
    lower.clear();
    AppendLower(candidate, &lower);
    PeriodRole found = abbreviations_.Find(lower, before_number);
    if (found == PeriodRole::kNone && IsInitialismShape(candidate)) found = PeriodRole::kName;
    if (found != PeriodRole::kNone) {
      *role = found;
      return end - begin;
    }
  }
  std::size_t next;
  UChar32 first = Decode(text, begin, &next);
  if (next == word_end && (first < 0x80 ? (first >= 'A' && first <= 'Z') : u_isupper(first))) {
    *role = PeriodRole::kInitial;
    return word_end + 1 - begin;
  }
  return 0;
}

void Tokenizer::Tokenize(std::string_view text, std::vector<Token>* tokens,
                         std::vector<PeriodRole>* roles) const {
  auto emit = [&](std::size_t begin, std::size_t end, PeriodRole role = PeriodRole::kNone) {
    Token& token = tokens->emplace_back();
    token.begin = static_cast<std::uint32_t>(begin);
    token.end = static_cast<std::uint32_t>(end);
    FillForms(text, &token);
    roles->push_back(role);
  };

  const std::size_t n = text.size();

  // A word or number starting at `start`, with any clitic split off; returns its end.
  auto scan_word = [&](std::size_t start) -> std::size_t {
    std::size_t p = start;
    UChar32 prev = 0;
    while (p < n) {
      std::size_t q;
      UChar32 c = Decode(text, p, &q);
      if (IsApostrophe(c)) {
        // The letters after the apostrophe decide: a clitic, or part of the word.
        std::size_t r = q;
        std::string suffix;  // lower-cased ASCII letters of the run, '?' for others
        int letters = 0;
        while (r < n) {
          std::size_t after;
          UChar32 d = Decode(text, r, &after);
          if (!IsLetter(d)) break;
          if (suffix.size() < 3) suffix.push_back(d < 0x80 ? static_cast<char>(d | 0x20) : '?');
          ++letters;
          r = after;
        }
        if (letters == 0) break;  // trailing apostrophe: a token of its own
        bool run_ends = r >= n || !IsWordChar(DecodeAt(text, r));
        if (run_ends && suffix == "t" && (prev == 'n' || prev == 'N') && p - 1 > start) {
          emit(start, p - 1);  // "do" + "n't"
          emit(p - 1, r);
          return r;
        }
        if (run_ends && letters <= 2 && IsCliticSuffix(suffix)) {
          emit(start, p);  // "Russia" + "'s"
          emit(p, r);
          return r;
        }
        prev = 'x';
        p = r;  // "d'affaires", "O'Brien"
        continue;
      }
      if (IsWordChar(c)) {
        prev = c;
        p = q;
        continue;
      }
      if (IsIgnorable(c) && q < n && IsWordChar(DecodeAt(text, q))) {
        p = q;
        continue;
      }
      // Thousands separators and decimal points inside numbers: "1,000", "3.5", "10:30".
      if ((c == '.' || c == ',' || c == ':') && IsDigit(prev) && q < n && IsAsciiDigit(text[q])) {
        p = q;
        continue;
      }
      break;
    }
    if (p < n && text[p] == '.') {
      if (std::size_t len = MatchDomain(text, start)) {
        emit(start, start + len);
        return start + len;
      }
      PeriodRole role = PeriodRole::kNone;
      if (std::size_t len = MatchAbbreviation(text, start, p, &role)) {
        emit(start, start + len, role);
        return start + len;
      }
    }
    emit(start, p);
    return p;
  };

  std::size_t i = 0;
  while (i < n) {
    std::size_t next;
    UChar32 c = Decode(text, i, &next);
    if (IsSpace(c) || IsIgnorable(c)) {
      i = next;
      continue;
    }
    if (c == 'h' || c == 'H' || c == 'w' || c == 'W') {
      if (std::size_t len = MatchUrl(text, i)) {
        emit(i, i + len);
        i += len;
        continue;
      }
    }
    if (c < 0x80 && (IsAsciiAlpha(c) || IsAsciiDigit(c))) {
      if (std::size_t len = MatchEmail(text, i)) {
        emit(i, i + len);
        i += len;
        continue;
      }
    }
    if ((c == '@' || c == '#') && next < n) {
      // @handle (Twitter-style: ASCII letters, digits, underscore) or #hashtag.
      std::size_t end = next;
      while (end < n) {
        std::size_t after;
        UChar32 d = Decode(text, end, &after);
        if (c == '@' ? !(d < 0x80 && IsWordChar(d)) : !IsWordChar(d)) break;
        end = after;
      }
      if (end > next) {
        emit(i, end);
        i = end;
        continue;
      }
    }
    if (IsWordChar(c)) {
      i = scan_word(i);
      continue;
    }
    if (IsApostrophe(c)) {
      // A clitic written on its own, as in the phrase "Russia 's": "'s", "'ve", "'ll" ...
      std::size_t end = next;
      std::string suffix;
      while (end < n && IsAsciiAlpha(text[end]) && suffix.size() < 3)
        suffix.push_back(static_cast<char>(text[end++] | 0x20));
      if (IsCliticSuffix(suffix) && (end >= n || !IsWordChar(DecodeAt(text, end)))) {
        emit(i, end);
        i = end;
        continue;
      }
    }
    if (c == '.') {
      std::size_t end = next;
      while (end < n && text[end] == '.') ++end;
      emit(i, end);
      i = end;
      continue;
    }
    // Any other character is a token of its own, with the combining marks that follow it.
    std::size_t end = next;
    while (end < n) {
      std::size_t after;
      if (!IsMark(Decode(text, end, &after))) break;
      end = after;
    }
    emit(i, end);
    i = end;
  }
}

bool IsQuantityWord(const Token& token) {
  static constexpr std::array<std::string_view, 14> kWords = {
      "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "several", "some",
      "other", "more"};
  if (!token.text.empty() && token.text[0] >= '0' && token.text[0] <= '9') return true;
  return std::find(kWords.begin(), kWords.end(), token.lower) != kWords.end();
}

}  // namespace chancery::text
