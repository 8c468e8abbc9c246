#include "interchange/dictionary_formats.h"

#include <algorithm>
#include <climits>
#include <fstream>
#include <istream>
#include <map>
#include <optional>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "coding/verb_dictionary.h"

namespace chancery::interchange {
namespace {

using actors::ActorEntry;
using actors::ActorKind;

// ---- small text helpers ----------------------------------------------------

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
  return out;
}

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
  return out;
}

std::vector<std::string> SplitBlanks(std::string_view s) {
  std::vector<std::string> out;
  std::string current;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r') {
      if (!current.empty()) out.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(std::move(current));
  return out;
}

std::string Join(const std::vector<std::string>& words, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += separator;
    out += words[i];
  }
  return out;
}

std::string Where(const std::string& file, std::size_t line) { return file + ":" + std::to_string(line); }

// The foreign files allow `<!-- -->` comments (possibly over several lines),
// and `#` or `;` to the end of a line. Returns the line without comments; the
// comment text is kept because the exporter stores the chancery kind there.
class CommentStripper {
 public:
  std::string Strip(const std::string& raw, std::string* comment) {
    std::string line;
    std::size_t i = 0;
    while (i < raw.size()) {
      if (in_html_) {
        std::size_t end = raw.find("-->", i);
        if (end == std::string::npos) return Trim(line);
        in_html_ = false;
        i = end + 3;
        continue;
      }
      if (raw.compare(i, 4, "<!--") == 0) {
        in_html_ = true;
        i += 4;
        continue;
      }
      if (raw[i] == '#' || raw[i] == ';') {
        if (comment) *comment = Trim(std::string_view(raw).substr(i + 1));
        break;
      }
      line += raw[i++];
    }
    return Trim(line);
  }

 private:
  bool in_html_ = false;
};

// ---- dates -------------------------------------------------------------------
// Days since 1970-01-01 (proleptic Gregorian), so a default code can be given the
// days just before and after the dated codes.

constexpr long kMinDay = LONG_MIN / 4;
constexpr long kMaxDay = LONG_MAX / 4;

long DaysFromCivil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

std::string CivilFromDays(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04ld-%02u-%02u", y, m, d);
  return buffer;
}

// YYYYMMDD or YYMMDD; two-digit years 00-29 are 20xx, 30-99 are 19xx.
std::optional<long> ParseForeignDate(std::string_view s) {
  if (s.size() != 6 && s.size() != 8) return std::nullopt;
  if (!std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  long year = std::stol(std::string(s.substr(0, s.size() - 4)));
  if (s.size() == 6) year += year < 30 ? 2000 : 1900;
  unsigned month = unsigned(std::stoi(std::string(s.substr(s.size() - 4, 2))));
  unsigned day = unsigned(std::stoi(std::string(s.substr(s.size() - 2))));
  if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
  return DaysFromCivil(year, month, day);
}

std::string CompactDate(const std::string& iso) {
  std::string out;
  for (char c : iso)
    if (c != '-') out += c;
  return out;
}

// ---- phrases -------------------------------------------------------------------

bool IsActorCode(std::string_view s) {
  return s.size() >= 3 &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

// "AL_QAIDA_" -> words {"AL", "QAIDA"}: '_' and blanks separate words, a
// trailing '_' (TABARI's "the word ends here") is dropped.
std::vector<std::string> ForeignPhraseWords(std::string_view raw) {
  std::string spaced(raw);
  std::replace(spaced.begin(), spaced.end(), '_', ' ');
  return SplitBlanks(spaced);
}

// TABARI writes phrases in capitals, but chancery treats an all-capital phrase
// as a case-sensitive acronym. So words are title-cased, except a lone word of
// at most four letters (UN, NATO, IEA), which keeps its capitals.
std::string ChanceryCase(const std::vector<std::string>& words) {
  static const std::set<std::string> kSmall = {"of", "the", "and", "for", "in", "on", "de", "du", "la", "le"};
  if (words.size() == 1 && words[0].size() <= 4 &&
      std::all_of(words[0].begin(), words[0].end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
    return words[0];
  std::vector<std::string> out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string word = Lower(words[i]);
    if (!(i > 0 && kSmall.count(word)) && !word.empty() && word[0] >= 'a' && word[0] <= 'z')
      word[0] = char(word[0] - 'a' + 'A');
    out.push_back(word);
  }
  return Join(out, " ");
}

// Characters that mean something else in TABARI phrase lines (codes, plurals,
// substitutions, pattern symbols); a leading '+' or '&' starts a synonym or synset.
bool HasForbiddenPhraseCharacter(std::string_view s) {
  return s.find_first_of("[]{}<>|~!%$^*") != std::string_view::npos || (!s.empty() && (s[0] == '+' || s[0] == '&'));
}

// "KABUL" written for chancery text -> "KABUL_" for TABARI (the trailing '_'
// asks for the whole word, which is how chancery matches).
std::string ForeignPhrase(std::string_view phrase) {
  std::vector<std::string> words = SplitBlanks(phrase);
  return Upper(Join(words, "_")) + "_";
}

// ---- actors ------------------------------------------------------------------

struct DatedCode {
  std::string code;
  bool dated = false;
  long from = kMinDay, to = kMaxDay;
};

// "[IRQGOV >030901]" contents -> DatedCode; false with `why` when malformed.
bool ParseDatedCode(std::string_view inner, DatedCode* out, std::string* why) {
  std::vector<std::string> parts = SplitBlanks(inner);
  if (parts.empty()) {
    *why = "empty code brackets";
    return false;
  }
  out->code = parts[0];
  if (out->code == "---") {
    *why = "null code [---]";
    return false;
  }
  if (!IsActorCode(out->code)) {
    *why = "bad actor code '" + out->code + "' (capital letters and digits, 3 or more)";
    return false;
  }
  std::string restriction;
  for (std::size_t i = 1; i < parts.size(); ++i) restriction += parts[i];
  if (restriction.empty()) return true;
  out->dated = true;
  auto date = [&](std::string_view s, long* day) {
    std::optional<long> parsed = ParseForeignDate(s);
    if (!parsed) return false;
    *day = *parsed;
    return true;
  };
  bool ok = false;
  if (restriction[0] == '<') {
    ok = date(std::string_view(restriction).substr(1), &out->to);
  } else if (restriction[0] == '>') {
    ok = date(std::string_view(restriction).substr(1), &out->from);
  } else if (std::size_t dash = restriction.find('-'); dash != std::string::npos) {
    std::string a = restriction.substr(0, dash), b = restriction.substr(dash + 1);
    ok = (a.empty() || date(a, &out->from)) && (b.empty() || date(b, &out->to)) && !(a.empty() && b.empty());
  }
  if (!ok) {
    *why = "bad date restriction '" + restriction + "' (expected <DATE, >DATE or DATE-DATE, dates YYMMDD or YYYYMMDD)";
    return false;
  }
  if (out->from > out->to) {
    *why = "date restriction '" + restriction + "' ends before it starts";
    return false;
  }
  return true;
}

struct ActorRecord {
  std::vector<std::pair<std::string, std::size_t>> phrases;  // raw phrase, line
  std::vector<DatedCode> codes;
  std::string kind_hint;
  std::size_t line = 0;
};

// Reads every "[...]" group of `text` into `record`, warning about bad ones.
void ReadCodeGroups(std::string_view text, ActorRecord* record, const std::string& where,
                    std::vector<std::string>* warnings) {
  std::size_t at = 0;
  while ((at = text.find('[', at)) != std::string_view::npos) {
    std::size_t close = text.find(']', at);
    if (close == std::string_view::npos) {
      warnings->push_back(where + ": unclosed '[' (code skipped)");
      return;
    }
    DatedCode code;
    std::string why;
    if (ParseDatedCode(text.substr(at + 1, close - at - 1), &code, &why))
      record->codes.push_back(code);
    else
      warnings->push_back(where + ": " + why + " (code skipped)");
    at = close + 1;
  }
}

ActorKind GuessKind(const std::string& code, bool dated_record, const std::string& hint) {
  ActorKind kind;
  if (!hint.empty() && actors::ParseActorKind(hint, &kind) && kind != ActorKind::kAgent) return kind;
  if (code.rfind("IGO", 0) == 0) return ActorKind::kIgo;
  if (code.size() == 3) return ActorKind::kState;
  return dated_record ? ActorKind::kPerson : ActorKind::kGroup;
}

void FinishActorRecord(const ActorRecord& record, const std::string& file, std::vector<ActorEntry>* out,
                       std::vector<std::string>* warnings) {
  if (record.phrases.empty()) return;
  if (record.codes.empty()) {
    warnings->push_back(Where(file, record.line) + ": no usable code for '" + record.phrases[0].first +
                        "' (record skipped)");
    return;
  }
  std::vector<DatedCode> dated, fallback;
  for (const DatedCode& code : record.codes) (code.dated ? dated : fallback).push_back(code);
  if (fallback.size() > 1)
    warnings->push_back(Where(file, record.line) + ": several undated codes; only " + fallback[0].code +
                        " kept (chancery would use them all at once)");
  // Rows: each dated code, then the default code over the days no dated code covers.
  std::vector<DatedCode> rows = dated;
  if (!fallback.empty()) {
    std::vector<DatedCode> sorted = dated;
    std::sort(sorted.begin(), sorted.end(), [](const DatedCode& a, const DatedCode& b) { return a.from < b.from; });
    long cursor = kMinDay;
    for (const DatedCode& d : sorted) {
      if (d.from > cursor) rows.push_back({fallback[0].code, cursor != kMinDay, cursor, d.from - 1});
      if (d.to == kMaxDay) {
        cursor = kMaxDay;
        break;
      }
      cursor = std::max(cursor, d.to + 1);
    }
    if (cursor != kMaxDay) rows.push_back({fallback[0].code, cursor != kMinDay, cursor, kMaxDay});
  }
  std::vector<std::string> primary_words = ForeignPhraseWords(record.phrases[0].first);
  std::string name = ChanceryCase(primary_words);
  for (const auto& [raw, line] : record.phrases) {
    std::vector<std::string> words = ForeignPhraseWords(raw);
    if (words.empty() || HasForbiddenPhraseCharacter(raw)) {
      warnings->push_back(Where(file, line) + ": phrase '" + raw + "' has characters chancery cannot match (skipped)");
      continue;
    }
    for (const DatedCode& row : rows) {
      ActorEntry entry;
      entry.phrase = ChanceryCase(words);
      entry.code = row.code;
      entry.kind = GuessKind(row.code, !dated.empty(), record.kind_hint);
      if (row.from != kMinDay) entry.valid_from = CivilFromDays(row.from);
      if (row.to != kMaxDay) entry.valid_to = CivilFromDays(row.to);
      entry.name = name;
      entry.file = file;
      entry.line = line;
      out->push_back(std::move(entry));
    }
  }
}

std::string KindHint(const std::string& comment) {
  std::size_t at = comment.find("kind=");
  if (at == std::string::npos) return "";
  std::string rest = comment.substr(at + 5);
  std::size_t end = rest.find_first_of(" \t;,");
  return rest.substr(0, end);
}

// ---- verbs: chancery side ------------------------------------------------------

bool IsChanceryWord(std::string_view w) {
  if (w == "'s" || w == "n't" || w == "-" || w == "'") return true;
  if (w.empty()) return false;
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (unsigned char)c >= 0x80; };
  if (!alnum(w[0])) return false;
  for (char c : w)
    if (!alnum(c) && c != '.' && c != '\'' && c != '-') return false;
  return true;
}

// The rules of scripts/check-verb-data that a generated pattern could break.
bool CheckChanceryPattern(const std::string& text, std::string* why) {
  coding::VerbPattern pattern;
  if (!coding::ParseVerbPattern(text, &pattern, why)) return false;
  using Type = coding::PatternElement::Type;
  const auto& e = pattern.elements;
  if (e.empty() || e.front().type != Type::kWords) {
    *why = "pattern would not start with a word";
    return false;
  }
  if (e.back().type == Type::kGap || e.back().optional) {
    *why = "pattern would end with a gap or an optional word";
    return false;
  }
  int targets = 0, sources = 0;
  std::set<std::string> literal_words;
  int literals = 0;
  for (std::size_t i = 0; i < e.size(); ++i) {
    if (e[i].type == Type::kTarget) ++targets;
    if (e[i].type == Type::kSource) ++sources;
    if (i && e[i].type == Type::kGap && e[i - 1].type == Type::kGap) {
      *why = "two gaps in a row";
      return false;
    }
    if (e[i].type == Type::kWords) {
      std::set<std::string> distinct(e[i].words.begin(), e[i].words.end());
      if (distinct.size() != e[i].words.size()) {
        *why = "repeated alternative";
        return false;
      }
      for (const std::string& w : e[i].words) {
        if (!IsChanceryWord(w)) {
          *why = "word '" + w + "' is not a single lower-case token";
          return false;
        }
        if (!e[i].optional) literal_words.insert(w);
      }
      if (!e[i].optional) ++literals;
    }
  }
  if (targets > 1 || sources > 1) {
    *why = "more than one target or source slot";
    return false;
  }
  static const std::set<std::string> kSpeech = {"say", "said", "says", "tell", "told", "tells"};
  if (literals == 1 && std::all_of(literal_words.begin(), literal_words.end(),
                                   [](const std::string& w) { return kSpeech.count(w) > 0; })) {
    *why = "a bare speech verb is not an event in chancery";
    return false;
  }
  return true;
}

bool IsCameoCode(const std::string& code, const std::set<std::string>* known) {
  if (code.size() < 2 || code.size() > 4) return false;
  if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
  int root = std::stoi(code.substr(0, 2));
  if (root < 1 || root > 20) return false;
  return !known || known->count(code) > 0;
}

// A foreign word token ("CEASE-FIRE", "IN_SUPPORT", "'S") -> chancery words, or
// nullopt when it holds characters chancery patterns cannot express.
std::optional<std::vector<std::string>> ChanceryWords(std::string_view token) {
  std::vector<std::string> out;
  for (const std::string& piece : ForeignPhraseWords(token)) {
    std::string lower = Lower(piece);
    // The tokenizer makes each hyphen a token of its own ("cross - border").
    std::size_t start = 0;
    while (true) {
      std::size_t dash = lower.find('-', start);
      std::string part = lower.substr(start, dash == std::string::npos ? std::string::npos : dash - start);
      if (!part.empty()) {
        if (!IsChanceryWord(part)) return std::nullopt;
        out.push_back(part);
      }
      if (dash == std::string::npos) break;
      out.push_back("-");
      start = dash + 1;
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// ---- verbs: reading -----------------------------------------------------------

using Phrase = std::vector<std::string>;  // consecutive chancery words

struct Unit {
  enum class Type { kPhrases, kVerb, kSource, kTarget } type = Type::kPhrases;
  std::vector<Phrase> alternatives;
};

struct VerbBlock {
  std::string code = "---";      // the block's default code for its bare verbs
  std::vector<Phrase> verbs;     // every verb and listed form of the block
  bool has_patterns = false;
};

class VerbReader {
 public:
  VerbReader(const std::string& file, Flavor flavor, const std::set<std::string>* known,
             std::vector<std::string>* warnings)
      : file_(file), flavor_(flavor), known_(known), warnings_(warnings) {}

  void Line(const std::string& raw, std::size_t line) {
    line_ = line;
    std::string text = stripper_.Strip(raw, nullptr);
    if (text.empty()) {
      synset_.clear();
      return;
    }
    if (text[0] == '&') {
      synset_ = text.substr(1);
      while (!synset_.empty() && synset_.back() == '_') synset_.pop_back();
      synsets_[synset_];
      return;
    }
    if (text[0] == '+' && !synset_.empty()) {
      std::optional<Phrase> words = ChanceryWords(Trim(text.substr(1)));
      if (!words)
        Warn("synset member '" + text + "' is not plain words (member skipped)");
      else
        synsets_[synset_].push_back(*words);
      return;
    }
    synset_.clear();
    if (text.rfind("---", 0) == 0) {
      block_ = VerbBlock();
      std::string code = BracketCode(text);
      if (!code.empty()) block_.code = code;
      return;
    }
    if (text[0] == '-') {
      Pattern(text.substr(1));
      block_.has_patterns = true;
      return;
    }
    Verb(text);
  }

  std::vector<VerbRecord> Take() { return std::move(records_); }

 private:
  void Warn(const std::string& message) { warnings_->push_back(Where(file_, line_) + ": " + message); }

  static std::string BracketCode(const std::string& text) {
    std::size_t open = text.rfind('[');
    std::size_t close = text.rfind(']');
    if (open == std::string::npos || close == std::string::npos || close < open) return "";
    return Trim(std::string_view(text).substr(open + 1, close - open - 1));
  }

  // "GIVE {GAVE GIVEN} [070]", "+ANGERED_BY {}", "CLEAR_UP"
  void Verb(const std::string& text) {
    if (flavor_ == Flavor::kTabari || block_.has_patterns) {
      std::string code = flavor_ == Flavor::kTabari ? std::string("---") : block_.code;
      block_ = VerbBlock();
      block_.code = code;
    }
    std::size_t cut = text.find_first_of("{[");
    std::string head = Trim(std::string_view(text).substr(0, cut));
    if (!head.empty() && head[0] == '+') head.erase(0, 1);
    std::optional<Phrase> verb = ChanceryWords(head);
    if (!verb) {
      Warn("verb '" + head + "' is not plain words (verb and its bare code skipped)");
      return;
    }
    std::vector<Phrase> forms = {*verb};
    std::size_t open = text.find('{');
    std::size_t close = text.find('}');
    if (open != std::string::npos && close != std::string::npos && close > open) {
      for (const std::string& form : SplitBlanks(std::string_view(text).substr(open + 1, close - open - 1))) {
        std::optional<Phrase> words = ChanceryWords(form);
        if (words) forms.push_back(*words);
      }
    }
    for (const Phrase& form : forms)
      if (std::find(block_.verbs.begin(), block_.verbs.end(), form) == block_.verbs.end()) block_.verbs.push_back(form);
    std::string code = BracketCode(text.substr(cut == std::string::npos ? text.size() : cut));
    if (code.empty()) code = flavor_ == Flavor::kPetrarch ? block_.code : "---";
    if (code == "---") return;  // the verb alone is not an event: nothing to write
    std::string chancery_code;
    if (!Code(code, &chancery_code)) return;
    Unit unit{Unit::Type::kVerb, forms};
    Emit({unit}, chancery_code, false);
  }

  // "[0332]", "[042:043]", "[---]" -> a chancery code, warning when it cannot be.
  bool Code(const std::string& raw, std::string* code) {
    std::string first = raw, second;
    if (std::size_t colon = raw.find(':'); colon != std::string::npos) {
      first = raw.substr(0, colon);
      second = raw.substr(colon + 1);
    }
    if (first.empty() || first == "---") {
      Warn("code [" + raw + "] gives no event for the pattern's own actors; chancery has no such patterns (skipped)");
      return false;
    }
    if (!IsCameoCode(first, known_)) {
      Warn("code '" + first + "' is not a CAMEO code" + std::string(known_ ? " of the code table" : "") + " (skipped)");
      return false;
    }
    if (!second.empty() && second != "---")
      Warn("approximated: paired code [" + raw + "] keeps only " + first + "; the second event is lost");
    *code = first;
    return true;
  }

  void Pattern(const std::string& body_with_code) {
    std::size_t open = body_with_code.rfind('[');
    if (open == std::string::npos || body_with_code.find(']', open) == std::string::npos) {
      Warn("pattern has no [code] (skipped)");
      return;
    }
    std::string code;
    if (!Code(BracketCode(body_with_code), &code)) return;
    // Brackets become tokens of their own.
    std::string spaced;
    for (char c : body_with_code.substr(0, open)) {
      if (c == '(' || c == ')' || c == '{' || c == '}' || c == '|') {
        spaced += ' ';
        spaced += c;
        spaced += ' ';
      } else {
        spaced += c;
      }
    }
    std::vector<std::string> tokens = SplitBlanks(spaced);
    std::vector<Unit> units;
    bool approximated = false, has_verb = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
      const std::string& t = tokens[i];
      if (t == "*" || t == "**") {
        if (has_verb) {
          Warn("two verb markers '*' (skipped)");
          return;
        }
        has_verb = true;
        units.push_back({Unit::Type::kVerb, block_.verbs});
      } else if (t == "$") {
        units.push_back({Unit::Type::kSource, {}});
      } else if (t == "+") {
        units.push_back({Unit::Type::kTarget, {}});
      } else if (t == "%") {
        Warn("compound actor '%' (source and target in one phrase) has no chancery equivalent (skipped)");
        return;
      } else if (t == "^") {
        Warn("skip marker '^' has no chancery equivalent (skipped)");
        return;
      } else if (t == "(" || t == ")") {
        approximated = true;  // PETRARCH-2 prepositional phrase: flattened to word order
      } else if (t == "{") {
        std::size_t close = std::find(tokens.begin() + long(i), tokens.end(), "}") - tokens.begin();
        if (close == tokens.size()) {
          Warn("unclosed '{' (skipped)");
          return;
        }
        bool alternatives = std::find(tokens.begin() + long(i), tokens.begin() + long(close), "|") !=
                            tokens.begin() + long(close);
        if (!alternatives) {
          approximated = true;  // PETRARCH-2 noun phrase: its words, in order
          continue;
        }
        Unit unit;
        Phrase current;
        for (std::size_t j = i + 1; j <= close; ++j) {
          if (tokens[j] == "|" || tokens[j] == "}") {
            if (!current.empty()) unit.alternatives.push_back(current);
            current.clear();
            continue;
          }
          std::optional<Phrase> words = ChanceryWords(tokens[j]);
          if (!words) {
            Warn("alternative '" + tokens[j] + "' is not plain words (skipped)");
            return;
          }
          current.insert(current.end(), words->begin(), words->end());
        }
        units.push_back(unit);
        i = close;
      } else if (t == "}") {
        continue;  // end of a flattened noun phrase
      } else if (t[0] == '&') {
        std::string name = t.substr(1);
        while (!name.empty() && name.back() == '_') name.pop_back();
        auto found = synsets_.find(name);
        if (found == synsets_.end() || found->second.empty()) {
          Warn("synset '" + t + "' is not defined before use (skipped)");
          return;
        }
        units.push_back({Unit::Type::kPhrases, found->second});
      } else {
        std::optional<Phrase> words = ChanceryWords(t);
        if (!words) {
          Warn("token '" + t + "' (tag, stem mark or symbol) has no chancery equivalent (skipped)");
          return;
        }
        units.push_back({Unit::Type::kPhrases, {*words}});
      }
    }
    if (!has_verb) units.insert(units.begin(), {Unit::Type::kVerb, block_.verbs});
    if (block_.verbs.empty()) {
      Warn("pattern before any verb (skipped)");
      return;
    }
    // chancery takes the source from the subject left of the match, which is
    // what a leading '$' says; a leading target cannot be written.
    if (!units.empty() && units.front().type == Unit::Type::kSource) units.erase(units.begin());
    if (!units.empty() && units.front().type == Unit::Type::kTarget) {
      Warn("target '+' before the first word cannot be written in chancery (skipped)");
      return;
    }
    if (approximated)
      Warn("approximated: PETRARCH-2 phrase structure ( ) / { } flattened to word order with gaps");
    Emit(units, code, true);
  }

  // Expands alternatives with several words into separate patterns (single
  // words stay one {a|b} group) and writes each pattern once.
  void Emit(const std::vector<Unit>& units, const std::string& code, bool gaps) {
    std::vector<std::vector<std::string>> choices;  // per unit: its pattern texts
    std::size_t total = 1;
    for (const Unit& unit : units) {
      std::vector<std::string> texts;
      if (unit.type == Unit::Type::kSource) texts = {"$"};
      else if (unit.type == Unit::Type::kTarget) texts = {"+"};
      else {
        std::vector<std::string> single;
        for (const Phrase& p : unit.alternatives) {
          if (p.size() == 1) {
            if (std::find(single.begin(), single.end(), p[0]) == single.end()) single.push_back(p[0]);
          } else {
            std::string joined = Join(p, " ");
            if (std::find(texts.begin(), texts.end(), joined) == texts.end()) texts.push_back(joined);
          }
        }
        if (single.size() == 1) texts.insert(texts.begin(), single[0]);
        if (single.size() > 1) texts.insert(texts.begin(), "{" + Join(single, "|") + "}");
      }
      total *= texts.size();
      choices.push_back(texts);
    }
    if (total == 0) return;
    if (total > 16) {
      Warn("multi-word alternatives would expand into " + std::to_string(total) + " patterns (skipped; split it by hand)");
      return;
    }
    for (std::size_t n = 0; n < total; ++n) {
      std::string text;
      std::size_t rest = n;
      for (std::size_t u = 0; u < units.size(); ++u) {
        const std::string& piece = choices[u][rest % choices[u].size()];
        rest /= choices[u].size();
        if (u) {
          // A blank between TABARI elements lets other words come between; the
          // nearest chancery element is the gap. Slots already allow a determiner.
          bool slot = units[u].type == Unit::Type::kSource || units[u].type == Unit::Type::kTarget;
          text += gaps && !slot ? " * " : " ";
        }
        text += piece;
      }
      Record(text, code);
    }
  }

  void Record(const std::string& text, const std::string& code) {
    std::string why;
    if (!CheckChanceryPattern(text, &why)) {
      Warn("pattern '" + text + "': " + why + " (skipped)");
      return;
    }
    auto [it, inserted] = seen_.emplace(text, std::make_pair(code, Where(file_, line_)));
    if (!inserted) {
      if (it->second.first != code)
        Warn("pattern '" + text + "' already has code " + it->second.first + " from " + it->second.second +
             " (skipped)");
      return;  // the same pattern and code again adds nothing
    }
    records_.push_back({code, text, "from " + Where(std::filesystem::path(file_).filename().string(), line_)});
  }

  std::string file_;
  Flavor flavor_;
  const std::set<std::string>* known_;
  std::vector<std::string>* warnings_;
  std::size_t line_ = 0;
  CommentStripper stripper_;
  std::map<std::string, std::vector<Phrase>> synsets_;
  std::string synset_;  // the synset whose '+' members are being read
  VerbBlock block_;
  std::map<std::string, std::pair<std::string, std::string>> seen_;  // pattern -> code, where
  std::vector<VerbRecord> records_;
};

// ---- agents -------------------------------------------------------------------

std::string RegularPlural(const std::string& word) {
  auto ends = [&](std::string_view s) { return word.size() >= s.size() && word.compare(word.size() - s.size(), s.size(), s) == 0; };
  if (word.size() > 1 && ends("y") && std::string_view("aeiou").find(word[word.size() - 2]) == std::string_view::npos)
    return word.substr(0, word.size() - 1) + "ies";
  if (ends("s") || ends("x") || ends("ch") || ends("sh")) return word + "es";
  return word + "s";
}

std::set<std::string> LoadCodes(const std::filesystem::path& file) {
  std::set<std::string> codes;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    codes.insert(Trim(line.substr(0, line.find('\t'))));
  }
  return codes;
}

void WriteHeader(std::ostream& out, const std::vector<std::string>& header) {
  for (const std::string& line : header) out << "# " << line << "\n";
  out << "\n";
}

void WriteFile(const std::filesystem::path& path, const std::string& content, std::vector<std::filesystem::path>* written) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.flush();
  if (!out) throw std::runtime_error(path.string() + ": cannot write");
  written->push_back(path);
}

}  // namespace

bool ParseFlavor(std::string_view name, Flavor* flavor) {
  if (name == "tabari") *flavor = Flavor::kTabari;
  else if (name == "petrarch") *flavor = Flavor::kPetrarch;
  else return false;
  return true;
}

std::vector<ActorEntry> ReadForeignActors(std::istream& in, const std::string& file, std::vector<std::string>* warnings) {
  std::vector<ActorEntry> out;
  CommentStripper stripper;
  ActorRecord record;
  std::string raw;
  std::size_t line = 0;
  while (std::getline(in, raw)) {
    ++line;
    std::string comment;
    bool indented = !raw.empty() && (raw[0] == '\t' || raw[0] == ' ');
    std::string text = stripper.Strip(raw, &comment);
    if (text.empty()) continue;
    std::string where = Where(file, line);
    if (text[0] == '[' || (indented && text[0] == '{')) {  // a dated code of the current record
      if (record.phrases.empty()) {
        warnings->push_back(where + ": code line before any phrase (skipped)");
        continue;
      }
      ReadCodeGroups(text, &record, where, warnings);
      continue;
    }
    if (text[0] == '+') {  // a synonym of the current record
      if (record.phrases.empty()) {
        warnings->push_back(where + ": synonym before any phrase (skipped)");
        continue;
      }
      std::size_t cut = text.find_first_of("[{");
      record.phrases.push_back({Trim(std::string_view(text).substr(1, cut == std::string::npos ? cut : cut - 1)), line});
      if (cut != std::string::npos) ReadCodeGroups(std::string_view(text).substr(cut), &record, where, warnings);
      continue;
    }
    FinishActorRecord(record, file, &out, warnings);
    record = ActorRecord();
    record.line = line;
    record.kind_hint = KindHint(comment);
    std::size_t cut = text.find_first_of("[{");
    record.phrases.push_back({Trim(std::string_view(text).substr(0, cut)), line});
    if (cut != std::string::npos) ReadCodeGroups(std::string_view(text).substr(cut), &record, where, warnings);
  }
  FinishActorRecord(record, file, &out, warnings);
  return out;
}

std::vector<ActorEntry> ReadForeignAgents(std::istream& in, const std::string& file, std::vector<std::string>* warnings) {
  std::vector<ActorEntry> out;
  std::set<std::pair<std::string, std::string>> seen;
  std::map<std::string, std::vector<std::string>> substitutions;  // "!PERSON!" -> MAN, MEN, ...
  CommentStripper stripper;
  std::string raw;
  std::size_t line = 0;
  while (std::getline(in, raw)) {
    ++line;
    std::string text = stripper.Strip(raw, nullptr);
    if (text.empty()) continue;
    std::string where = Where(file, line);
    if (text[0] == '!' && text.find('=') != std::string::npos) {
      std::string marker = Trim(text.substr(0, text.find('=')));
      std::vector<std::string> items;
      std::stringstream list(text.substr(text.find('=') + 1));
      std::string item;
      while (std::getline(list, item, ',')) {
        item = Trim(item);
        if (!item.empty()) items.push_back(item);
      }
      substitutions[marker] = items;
      continue;
    }
    std::size_t open = text.find('[');
    std::size_t close = text.find_first_of("]}", open == std::string::npos ? 0 : open);
    if (open == std::string::npos || close == std::string::npos) {
      warnings->push_back(where + ": no [~CODE] (skipped)");
      continue;
    }
    std::string code = Trim(std::string_view(text).substr(open + 1, close - open - 1));
    bool prefix = !code.empty() && code.back() == '~';
    code.erase(std::remove(code.begin(), code.end(), '~'), code.end());
    if (code.size() < 3 || !IsActorCode(code)) {
      warnings->push_back(where + ": bad agent code '" + code + "' (skipped)");
      continue;
    }
    if (prefix)
      warnings->push_back(where + ": approximated: " + code + "~ goes before the actor code in PETRARCH; chancery "
                                                             "roles always follow the country");
    if (code.size() > 3) {
      warnings->push_back(where + ": approximated: agent code " + code + " cut to " + code.substr(0, 3) +
                          " (chancery roles are three letters)");
      code = code.substr(0, 3);
    }
    std::size_t brace = text.find('{');
    std::string head = Trim(std::string_view(text).substr(0, std::min(brace, open)));
    // Forms: the phrase, then the listed plurals, or the regular plural.
    std::vector<std::string> bases = {head};
    std::size_t bang = head.find('!');
    if (bang != std::string::npos) {
      std::size_t end = head.find('!', bang + 1);
      std::string marker = end == std::string::npos ? "" : head.substr(bang, end - bang + 1);
      auto found = substitutions.find(marker);
      if (found == substitutions.end()) {
        warnings->push_back(where + ": substitution marker '" + marker + "' is not defined before use (skipped)");
        continue;
      }
      bases.clear();
      for (const std::string& item : found->second)
        bases.push_back(head.substr(0, bang) + item + head.substr(end + 1));
    }
    std::vector<std::vector<std::string>> forms;
    for (const std::string& base : bases) {
      std::vector<std::string> words = ForeignPhraseWords(base);
      if (words.empty() || HasForbiddenPhraseCharacter(base)) continue;
      for (std::string& w : words) w = Lower(w);
      forms.push_back(words);
      if (bang != std::string::npos) continue;  // substituted items get no plurals
      if (brace != std::string::npos && brace < open) {
        std::size_t brace_end = text.find('}', brace);
        for (const std::string& plural : SplitBlanks(std::string_view(text).substr(brace + 1, brace_end - brace - 1))) {
          std::vector<std::string> p = ForeignPhraseWords(plural);
          for (std::string& w : p) w = Lower(w);
          if (!p.empty()) forms.push_back(p);
        }
      } else {
        std::vector<std::string> plural = words;
        plural.back() = RegularPlural(plural.back());
        forms.push_back(plural);
      }
    }
    if (forms.empty()) {
      warnings->push_back(where + ": phrase '" + head + "' has characters chancery cannot match (skipped)");
      continue;
    }
    for (const auto& words : forms) {
      ActorEntry entry;
      entry.phrase = Join(words, " ");
      entry.code = code;
      entry.kind = ActorKind::kAgent;
      entry.name = entry.phrase;
      entry.file = file;
      entry.line = line;
      if (seen.insert({entry.phrase, code}).second) out.push_back(std::move(entry));
    }
  }
  return out;
}

std::vector<VerbRecord> ReadForeignVerbs(std::istream& in, const std::string& file, Flavor flavor,
                                         const std::set<std::string>* known_codes, std::vector<std::string>* warnings) {
  VerbReader reader(file, flavor, known_codes, warnings);
  std::string raw;
  std::size_t line = 0;
  while (std::getline(in, raw)) reader.Line(raw, ++line);
  return reader.Take();
}

void WriteChanceryActors(std::ostream& out, const std::vector<ActorEntry>& entries, const std::vector<std::string>& header) {
  WriteHeader(out, header);
  for (const ActorEntry& e : entries) {
    std::vector<std::string> fields = {e.phrase, e.code, std::string(actors::ActorKindName(e.kind)), e.valid_from,
                                       e.valid_to, e.name == e.phrase ? "" : e.name};
    while (fields.size() > 3 && fields.back().empty()) fields.pop_back();
    out << Join(fields, "\t") << "\n";
  }
}

void WriteChanceryVerbs(std::ostream& out, const std::vector<VerbRecord>& records, const std::vector<std::string>& header) {
  WriteHeader(out, header);
  for (const VerbRecord& r : records) {
    out << r.code << "\t" << r.pattern;
    if (!r.comment.empty()) out << "\t" << r.comment;
    out << "\n";
  }
}

void WriteForeignActors(std::ostream& out, const std::vector<ActorEntry>& entries, Flavor flavor,
                        std::vector<std::string>* warnings) {
  out << "# " << (flavor == Flavor::kTabari ? "TABARI" : "PETRARCH")
      << " actors dictionary written by `chancery dictionary export` from chancery's data/actors/*.tsv.\n"
         "# Each record: PHRASE_ [CODE] or PHRASE_ with +SYNONYM_ lines and tab-indented [CODE DATE-DATE]\n"
         "# lines (dates YYYYMMDD, inclusive). '# kind=...' keeps chancery's actor kind for a re-import.\n\n";
  // Records: phrases of one name with the same dated codes.
  std::vector<std::string> names;
  std::map<std::string, std::vector<std::string>> phrases_of;                        // name -> phrases in order
  std::map<std::pair<std::string, std::string>, std::vector<const ActorEntry*>> rows;  // (name, phrase) -> rows
  for (const ActorEntry& e : entries) {
    if (e.kind == ActorKind::kAgent) continue;
    if (HasForbiddenPhraseCharacter(e.phrase) || e.phrase.find_first_of("#;_+") != std::string::npos) {
      warnings->push_back(Where(e.file, e.line) + ": phrase '" + e.phrase + "' cannot be written in TABARI syntax (skipped)");
      continue;
    }
    if (!phrases_of.count(e.name)) names.push_back(e.name);
    auto& list = phrases_of[e.name];
    if (std::find(list.begin(), list.end(), e.phrase) == list.end()) list.push_back(e.phrase);
    rows[{e.name, e.phrase}].push_back(&e);
  }
  for (const std::string& name : names) {
    // Group the phrases of this name by their dated-code signature.
    std::vector<std::pair<std::string, std::vector<std::string>>> groups;  // signature -> phrases
    std::map<std::string, std::vector<const ActorEntry*>> rows_of_signature;
    for (const std::string& phrase : phrases_of[name]) {
      std::vector<const ActorEntry*> r = rows[{name, phrase}];
      std::string signature;
      for (const ActorEntry* e : r) signature += e->code + " " + e->valid_from + " " + e->valid_to + " " +
                                                 std::string(actors::ActorKindName(e->kind)) + "\n";
      auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == signature; });
      if (it == groups.end()) {
        groups.push_back({signature, {phrase}});
        rows_of_signature[signature] = r;
      } else {
        it->second.push_back(phrase);
      }
    }
    for (auto& [signature, phrases] : groups) {
      const std::vector<const ActorEntry*>& r = rows_of_signature[signature];
      // The name leads the record when it is one of the phrases.
      auto named = std::find(phrases.begin(), phrases.end(), name);
      if (named != phrases.end()) std::rotate(phrases.begin(), named, named + 1);
      std::string kind = "kind=" + std::string(actors::ActorKindName(r[0]->kind));
      bool single_undated = r.size() == 1 && r[0]->valid_from.empty() && r[0]->valid_to.empty();
      out << ForeignPhrase(phrases[0]);
      if (single_undated) out << "  [" << r[0]->code << "]";
      out << "  # " << kind << "\n";
      for (std::size_t i = 1; i < phrases.size(); ++i) out << "+" << ForeignPhrase(phrases[i]) << "\n";
      if (single_undated) continue;
      bool undated_written = false;
      for (const ActorEntry* e : r) {
        std::string restriction;
        if (!e->valid_from.empty() && !e->valid_to.empty())
          restriction = " " + CompactDate(e->valid_from) + "-" + CompactDate(e->valid_to);
        else if (!e->valid_from.empty())
          restriction = " >" + CompactDate(e->valid_from);
        else if (!e->valid_to.empty())
          restriction = " <" + CompactDate(e->valid_to);
        else if (undated_written) {
          warnings->push_back(Where(e->file, e->line) + ": a second undated code " + e->code + " for '" + e->phrase +
                              "' cannot be written (TABARI takes one default code; skipped)");
          continue;
        } else {
          undated_written = true;
        }
        out << "\t[" << e->code << restriction << "]\n";
      }
    }
  }
}

void WriteForeignAgents(std::ostream& out, const std::vector<ActorEntry>& entries, Flavor flavor,
                        std::vector<std::string>* warnings) {
  out << "# " << (flavor == Flavor::kTabari ? "TABARI" : "PETRARCH")
      << " agents dictionary written by `chancery dictionary export` from chancery's kind-agent rows.\n"
         "# PHRASE_ {} [~CODE]: '{}' because chancery lists each plural itself.\n\n";
  for (const ActorEntry& e : entries) {
    if (e.kind != ActorKind::kAgent) continue;
    if (HasForbiddenPhraseCharacter(e.phrase) || e.phrase.find_first_of("#;_+") != std::string::npos) {
      warnings->push_back(Where(e.file, e.line) + ": phrase '" + e.phrase + "' cannot be written in TABARI syntax (skipped)");
      continue;
    }
    if (!e.valid_from.empty() || !e.valid_to.empty())
      warnings->push_back(Where(e.file, e.line) + ": agent dates are lost (agents files have no dates)");
    out << ForeignPhrase(e.phrase) << " {} [~" << e.code << "]\n";
  }
}

void WriteForeignVerbs(std::ostream& out, const std::vector<VerbRecord>& records, Flavor flavor,
                       const std::vector<std::string>& where, std::vector<std::string>* warnings) {
  using Type = coding::PatternElement::Type;
  std::map<std::vector<std::string>, std::string> synset_names;
  std::vector<std::vector<std::string>> synsets;
  struct Block {
    std::string bare_code;
    std::vector<std::string> lines;
  };
  std::map<std::string, Block> blocks;  // anchor word -> its patterns
  auto word_text = [](const std::string& w) { return Upper(w); };
  for (std::size_t r = 0; r < records.size(); ++r) {
    const VerbRecord& record = records[r];
    std::string place = r < where.size() ? where[r] : record.pattern;
    coding::VerbPattern pattern;
    std::string error;
    if (!coding::ParseVerbPattern(record.pattern, &pattern, &error)) {
      warnings->push_back(place + ": " + error + " (skipped)");
      continue;
    }
    std::vector<std::size_t> optional;
    for (std::size_t i = 0; i < pattern.elements.size(); ++i)
      if (pattern.elements[i].optional) optional.push_back(i);
    if (optional.size() > 3) {
      warnings->push_back(place + ": more than three optional words would expand into too many patterns (skipped)");
      continue;
    }
    for (std::size_t mask = 0; mask < (std::size_t(1) << optional.size()); ++mask) {
      // One variant: optional word k present when bit k is set.
      std::vector<const coding::PatternElement*> elements;
      std::size_t anchor = 0;
      bool anchor_found = false;
      for (std::size_t i = 0; i < pattern.elements.size(); ++i) {
        const auto& e = pattern.elements[i];
        if (e.optional) {
          std::size_t k = std::find(optional.begin(), optional.end(), i) - optional.begin();
          if (!(mask >> k & 1)) continue;
        }
        if (!anchor_found && i == pattern.anchor) {
          anchor = elements.size();
          anchor_found = true;
        }
        elements.push_back(&e);
      }
      // Foreign tokens: adjacent plain words join with '_', a gap is a blank.
      std::vector<std::string> tokens;
      bool previous_joinable = false;
      for (std::size_t i = 0; i < elements.size(); ++i) {
        const auto& e = *elements[i];
        if (i == anchor) {
          tokens.push_back("*");
          previous_joinable = false;
          continue;
        }
        if (e.type == Type::kGap) {
          previous_joinable = false;
          continue;
        }
        if (e.type == Type::kSource || e.type == Type::kTarget) {
          tokens.push_back(e.type == Type::kSource ? "$" : "+");
          previous_joinable = false;
          continue;
        }
        if (e.words.size() == 1) {
          std::string w = word_text(e.words[0]);
          if (previous_joinable)
            tokens.back() += (w == "-" || tokens.back().back() == '-') ? w : "_" + w;
          else
            tokens.push_back(w);
          previous_joinable = true;
          continue;
        }
        auto found = synset_names.find(e.words);
        if (found == synset_names.end()) {
          found = synset_names.emplace(e.words, "&CHANCERY_" + std::to_string(synsets.size() + 1)).first;
          synsets.push_back(e.words);
        }
        tokens.push_back(found->second);
        previous_joinable = false;
      }
      for (const std::string& verb : elements[anchor]->words) {
        Block& block = blocks[word_text(verb)];
        if (tokens.size() == 1) {
          block.bare_code = record.code;
          continue;
        }
        block.lines.push_back("- " + Join(tokens, " ") + "  [" + record.code + "]  # chancery " + place);
      }
    }
  }
  out << "# " << (flavor == Flavor::kTabari ? "TABARI .verbs" : "PETRARCH verb")
      << " dictionary written by `chancery dictionary export` from chancery's data/verbs/*.txt.\n"
         "# '*' is the verb (each pattern's first required word), a blank allows words between, '_' joins\n"
         "# words that must be adjacent, &CHANCERY_n are chancery's {a|b} alternatives.\n\n";
  for (std::size_t i = 0; i < synsets.size(); ++i) {
    out << "&CHANCERY_" << i + 1 << "\n";
    for (const std::string& w : synsets[i]) out << "+" << word_text(w) << "_\n";
    out << "\n";
  }
  for (const auto& [verb, block] : blocks) {
    std::string code = block.bare_code.empty() ? "---" : block.bare_code;
    if (flavor == Flavor::kPetrarch) out << "--- " << verb << " [---] ---\n";
    out << verb << "  [" << code << "]\n";
    for (const std::string& line : block.lines) out << line << "\n";
    out << "\n";
  }
}

ImportResult ImportDictionaries(const ImportRequest& request) {
  ImportResult result;
  std::set<std::string> known;
  bool check_codes = !request.codes_file.empty() && std::filesystem::exists(request.codes_file);
  if (check_codes) known = LoadCodes(request.codes_file);
  std::string dialect = request.from == Flavor::kTabari ? "TABARI" : "PETRARCH";
  auto open = [&](const std::filesystem::path& path, std::ifstream* in) {
    in->open(path, std::ios::binary);
    if (!*in) {
      result.warnings.push_back(path.string() + ": cannot open");
      return false;
    }
    ++result.inputs_read;
    return true;
  };
  std::vector<std::string> header_tail = {
      "Format: docs/formats.md; mapping and its limits: docs/dictionary-interchange.md.",
      "Copy this file into a copy of chancery's data folder and run chancery with --data on that copy."};
  if (!request.actors.empty()) {
    std::ifstream in;
    if (open(request.actors, &in)) {
      auto entries = ReadForeignActors(in, request.actors.string(), &result.warnings);
      result.actor_rows = entries.size();
      std::ostringstream text;
      std::vector<std::string> header = {"Actor dictionary imported by `chancery dictionary import --from " +
                                             Lower(dialect) + "` from " + request.actors.filename().string() + ".",
                                         "Kinds were guessed (3-letter code: state, IGO...: igo, dated: person, "
                                         "else group); check them."};
      header.insert(header.end(), header_tail.begin(), header_tail.end());
      WriteChanceryActors(text, entries, header);
      if (!entries.empty()) WriteFile(request.output_dir / "actors" / "imported-actors.tsv", text.str(), &result.written);
    }
  }
  if (!request.agents.empty()) {
    std::ifstream in;
    if (open(request.agents, &in)) {
      auto entries = ReadForeignAgents(in, request.agents.string(), &result.warnings);
      result.agent_rows = entries.size();
      std::ostringstream text;
      std::vector<std::string> header = {"Agents imported by `chancery dictionary import --from " + Lower(dialect) +
                                         "` from " + request.agents.filename().string() + "."};
      header.insert(header.end(), header_tail.begin(), header_tail.end());
      WriteChanceryActors(text, entries, header);
      if (!entries.empty()) WriteFile(request.output_dir / "actors" / "imported-agents.tsv", text.str(), &result.written);
    }
  }
  if (!request.verbs.empty()) {
    std::ifstream in;
    if (open(request.verbs, &in)) {
      auto records = ReadForeignVerbs(in, request.verbs.string(), request.from, check_codes ? &known : nullptr,
                                      &result.warnings);
      // A pattern the data folder already has would be a duplicate (same code)
      // or a conflict (another code) for scripts/check-verb-data: leave it out.
      if (!request.existing_verbs_dir.empty() && std::filesystem::is_directory(request.existing_verbs_dir)) {
        std::vector<std::string> ignored;
        coding::VerbDictionary existing =
            coding::VerbDictionary::LoadDirectory(request.existing_verbs_dir, nullptr, &ignored);
        std::map<std::string, const coding::VerbPattern*> by_text;
        for (const coding::VerbPattern& p : existing.patterns()) by_text.emplace(p.text, &p);
        std::vector<VerbRecord> kept;
        for (VerbRecord& r : records) {
          auto found = by_text.find(r.pattern);
          if (found == by_text.end()) {
            kept.push_back(std::move(r));
            continue;
          }
          const coding::VerbPattern& p = *found->second;
          std::string where = p.file + ":" + std::to_string(p.line);
          result.warnings.push_back(request.verbs.string() + ":" + r.comment.substr(r.comment.rfind(':') + 1) +
                                    ": pattern '" + r.pattern + "' " +
                                    (p.code == r.code ? "is already in " + where
                                                      : "has code " + p.code + " in " + where + ", not " + r.code) +
                                    " (left out)");
        }
        records = std::move(kept);
      }
      result.verb_records = records.size();
      std::ostringstream text;
      std::vector<std::string> header = {"chancery verb patterns imported by `chancery dictionary import --from " +
                                         Lower(dialect) + "` from " + request.verbs.filename().string() + ".",
                                         "Format: CODE <TAB> PATTERN [<TAB> comment]; see docs/formats.md, \"Verb "
                                         "dictionary\"; mapping: docs/dictionary-interchange.md.",
                                         "Copy this file into a copy of chancery's data/verbs and run chancery with "
                                         "--data on that copy."};
      WriteChanceryVerbs(text, records, header);
      if (!records.empty()) WriteFile(request.output_dir / "verbs" / "imported-verbs.txt", text.str(), &result.written);
    }
  }
  return result;
}

ExportResult ExportDictionaries(const ExportRequest& request) {
  ExportResult result;
  actors::ActorDictionary dictionary = actors::ActorDictionary::LoadDirectory(request.data_dir / "actors", &result.warnings);
  coding::VerbDictionary verbs = coding::VerbDictionary::LoadDirectory(request.data_dir / "verbs", nullptr, &result.warnings);
  for (const ActorEntry& e : dictionary.entries()) (e.kind == ActorKind::kAgent ? result.agent_rows : result.actor_rows)++;
  std::vector<VerbRecord> records;
  std::vector<std::string> where;
  for (const coding::VerbPattern& p : verbs.patterns()) {
    records.push_back({p.code, p.text, ""});
    where.push_back(Where(p.file, p.line));
  }
  result.verb_records = records.size();
  bool tabari = request.to == Flavor::kTabari;
  std::ostringstream actors_text, agents_text, verbs_text;
  WriteForeignActors(actors_text, dictionary.entries(), request.to, &result.warnings);
  WriteForeignAgents(agents_text, dictionary.entries(), request.to, &result.warnings);
  WriteForeignVerbs(verbs_text, records, request.to, where, &result.warnings);
  WriteFile(request.output_dir / (tabari ? "chancery.actors" : "chancery.actors.txt"), actors_text.str(), &result.written);
  WriteFile(request.output_dir / (tabari ? "chancery.agents" : "chancery.agents.txt"), agents_text.str(), &result.written);
  WriteFile(request.output_dir / (tabari ? "chancery.verbs" : "chancery.verbs.txt"), verbs_text.str(), &result.written);
  return result;
}

}  // namespace chancery::interchange
