#include "actors/actor_recognizer.h"

#include <hs/hs.h>

#include <algorithm>
#include <cctype>
#include <array>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <unordered_set>

#include "text/text_analyzer.h"
#include "text/tokenizer.h"

namespace chancery::actors {

// ---------------------------------------------------------------------------
// Compiled dictionary.

struct ActorRecognizer::Database {
  // One pattern per distinct (matching phrase, case mode); several dated
  // entries may share it.
  std::vector<std::string> patterns;              // " tok tok " with spaces at both ends
  std::vector<unsigned> flags;
  std::vector<std::vector<std::uint32_t>> entries;  // pattern id -> entry indices
  hs_database_t* hs = nullptr;
  ~Database() {
    if (hs) hs_free_database(hs);
  }
};

struct ActorRecognizer::Scratch::Impl {
  explicit Impl(hs_database_t* db) {
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) throw std::runtime_error("hyperscan: cannot allocate scratch");
  }
  ~Impl() { hs_free_scratch(scratch); }
  hs_scratch_t* scratch = nullptr;
  std::string haystack;                // reused between sentences
  std::vector<std::int32_t> token_at;  // haystack offset of a separator -> token index
};

ActorRecognizer::Scratch::~Scratch() = default;

namespace {

// Acronyms ("US", "UN", "IS-K", "U.S.") must match exactly: "us" and "is" are words.
bool IsAcronym(std::string_view phrase) {
  bool has_letter = false;
  for (unsigned char c : phrase) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') has_letter = true;
  }
  return has_letter;
}

std::uint64_t Fnv1a(std::uint64_t hash, std::string_view bytes) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}

int KindPriority(ActorKind kind) {
  switch (kind) {
    case ActorKind::kPerson: return 0;
    case ActorKind::kOrgan: return 1;
    case ActorKind::kIgo: return 2;
    case ActorKind::kGroup: return 3;
    case ActorKind::kState: return 4;
    case ActorKind::kCapital: return 5;
    case ActorKind::kDemonym: return 6;
    case ActorKind::kAgent: return 7;
  }
  return 8;
}

// Words that may stand between a country word and its role: "Pakistani border
// security units", "Taliban-appointed diplomats", "Iran's acting foreign minister".
const std::unordered_set<std::string_view>& RoleModifiers() {
  static const std::unordered_set<std::string_view> words = {
      "border", "security", "senior", "top", "former", "acting", "deputy", "new", "national",
      "armed", "special", "foreign", "local", "provincial", "federal", "state", "interim",
      "caretaker", "de", "facto", "official", "ruling", "chief", "regional", "elite", "retired",
      "current", "two", "three", "several", "some", "many", "other", "appointed", "backed", "led",
      "run", "allied", "aligned", "affiliated", "supported", "high", "-", "ranking", "level",
      "newly", "first", "vice", "permanent", "military", "government", "intelligence", "civilian",
      "defense", "defence", "trade", "finance", "economic", "interior", "justice", "health", "top",
      "hardline", "moderate", "exiled", "pro", "anti", "own", "unnamed", "anonymous", "then", "supreme",
      "suicide"};
  return words;
}

// Prepositions after which a place name is where something happens, not who acts.
bool IsLocative(std::string_view lower) {
  return lower == "in" || lower == "at" || lower == "near" || lower == "inside" || lower == "within" ||
         lower == "throughout" || lower == "across" || lower == "outside" || lower == "around";
}

bool IsGovernmentRole(std::string_view agent) { return agent == "GOV"; }

bool IsObjectPreposition(std::string_view lower) {
  static const std::unordered_set<std::string_view> words = {
      "with", "to", "of", "by", "from", "against", "at", "in", "on", "into", "toward", "towards",
      "between", "among", "over", "about", "for", "upon", "onto", "via", "near", "within"};
  return words.count(lower) > 0;
}

// Combines a base actor code with a role: RUS + MIL -> RUSMIL; AFGGOV + MIL ->
// AFGMIL; named groups and organisations keep their own code.
std::string CombineCodes(std::string_view base, std::string_view agent) {
  if (agent.empty()) return std::string(base);
  std::string country = CountryOf(base);
  if (country == "IGO" || country == "IMG" || base.size() > 6) return std::string(base);
  if (base.size() == 3) return std::string(base) + std::string(agent);
  if (IsGovernmentRole(agent)) return std::string(base);
  // A rebel group's fighters are the rebels ("Taliban fighters" before 2021-08-15).
  if (!IsGovernmentRole(AgentOf(base))) return std::string(base);
  return country + std::string(agent);
}

std::string SurnameKey(const std::vector<Token>& tokens, std::uint32_t first, std::uint32_t end) {
  return tokens[end - 1].lower;
}

std::string NameKey(const std::vector<Token>& tokens, std::uint32_t first, std::uint32_t end) {
  std::string key;
  for (std::uint32_t i = first; i < end; ++i) {
    if (!key.empty()) key += ' ';
    key += tokens[i].lower;
  }
  return key;
}

}  // namespace

std::string CountryOf(std::string_view code) { return std::string(code.substr(0, 3)); }

std::string AgentOf(std::string_view code) {
  return code.size() >= 6 ? std::string(code.substr(3, 3)) : std::string();
}

ActorRecognizer::ActorRecognizer(ActorDictionary dictionary, const text::TextAnalyzer& analyzer,
                                 const std::filesystem::path& cache_dir)
    : dictionary_(std::move(dictionary)), database_(std::make_unique<Database>()) {
  Database& db = *database_;
  std::unordered_map<std::string, std::uint32_t> pattern_ids;
  for (std::uint32_t i = 0; i < dictionary_.entries().size(); ++i) {
    const ActorEntry& entry = dictionary_.entries()[i];
    std::string pattern = " ";
    for (const Token& token : analyzer.TokenizePhrase(entry.phrase)) {
      pattern += token.text;
      pattern += ' ';
    }
    if (pattern.size() < 3) continue;
    unsigned flags = IsAcronym(entry.phrase) ? 0u : unsigned(HS_FLAG_CASELESS);
    std::string key = pattern + (flags ? "i" : "s");
    auto [it, inserted] = pattern_ids.emplace(key, std::uint32_t(db.patterns.size()));
    if (inserted) {
      db.patterns.push_back(pattern);
      db.flags.push_back(flags);
      db.entries.emplace_back();
    }
    db.entries[it->second].push_back(i);
  }
  if (db.patterns.empty()) throw std::runtime_error("actor dictionary is empty");

  std::uint64_t hash = 14695981039346656037ull;
  hash = Fnv1a(hash, hs_version());
  for (std::size_t i = 0; i < db.patterns.size(); ++i) {
    hash = Fnv1a(hash, db.patterns[i]);
    hash = Fnv1a(hash, db.flags[i] ? "i" : "s");
  }
  std::filesystem::path cache_file;
  if (!cache_dir.empty()) {
    std::ostringstream name;
    name << "actors-" << std::hex << hash << ".hsdb";
    cache_file = cache_dir / name.str();
    std::ifstream in(cache_file, std::ios::binary);
    if (in) {
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      if (hs_deserialize_database(bytes.data(), bytes.size(), &db.hs) == HS_SUCCESS) {
        loaded_from_cache_ = true;
      } else {
        db.hs = nullptr;
      }
    }
  }
  if (!db.hs) {
    std::vector<const char*> expressions;
    std::vector<std::size_t> lengths;
    std::vector<unsigned> ids;
    for (std::size_t i = 0; i < db.patterns.size(); ++i) {
      expressions.push_back(db.patterns[i].data());
      lengths.push_back(db.patterns[i].size());
      ids.push_back(unsigned(i));
    }
    hs_compile_error_t* error = nullptr;
    if (hs_compile_lit_multi(expressions.data(), db.flags.data(), ids.data(), lengths.data(),
                             unsigned(expressions.size()), HS_MODE_BLOCK, nullptr, &db.hs, &error) != HS_SUCCESS) {
      std::string message = error && error->message ? error->message : "unknown error";
      int expression = error ? error->expression : -1;
      hs_free_compile_error(error);
      std::string where;
      if (expression >= 0) {
        const ActorEntry& entry = dictionary_.entries()[db.entries[expression].front()];
        where = entry.file + ":" + std::to_string(entry.line) + ": ";
      }
      throw std::runtime_error(where + "hyperscan cannot compile actor phrase: " + message);
    }
    if (!cache_file.empty()) {
      char* bytes = nullptr;
      std::size_t length = 0;
      if (hs_serialize_database(db.hs, &bytes, &length) == HS_SUCCESS) {
        std::error_code ignored;
        std::filesystem::create_directories(cache_dir, ignored);
        // Write then rename, so a concurrent reader never sees half a file.
        std::filesystem::path temporary = cache_file;
        temporary += ".tmp" + std::to_string(reinterpret_cast<std::uintptr_t>(this));
        {
          std::ofstream out(temporary, std::ios::binary);
          out.write(bytes, std::streamsize(length));
        }
        std::filesystem::rename(temporary, cache_file, ignored);
        if (ignored) std::filesystem::remove(temporary, ignored);
        free(bytes);
      }
    }
  }
}

ActorRecognizer::~ActorRecognizer() = default;

std::unique_ptr<ActorRecognizer::Scratch> ActorRecognizer::NewScratch() const {
  auto scratch = std::make_unique<Scratch>();
  scratch->impl = std::make_unique<Scratch::Impl>(database_->hs);
  return scratch;
}

std::size_t ActorRecognizer::pattern_count() const { return database_->patterns.size(); }

namespace {

struct RawMatch {
  std::uint32_t first, end;  // token range
  std::uint32_t entry;       // chosen dictionary entry
};

using Hits = std::vector<std::pair<std::uint32_t, std::uint32_t>>;  // (pattern id, haystack end)

// Patterns are fixed literals, so the end offset alone locates a match.
int OnMatch(unsigned int id, unsigned long long from, unsigned long long to, unsigned int, void* hits) {
  static_cast<Hits*>(hits)->emplace_back(id, std::uint32_t(to));
  return 0;
}

}  // namespace

std::vector<ActorMention> ActorRecognizer::Recognize(const Sentence& sentence, std::string_view text,
                                                     std::string_view story_date, StoryActorMemory& memory,
                                                     Scratch& scratch) const {
  const std::vector<Token>& tokens = sentence.tokens;
  const Database& db = *database_;
  std::vector<ActorMention> mentions;
  if (tokens.empty()) return mentions;
  const ActorRef story_state_before = memory.last_state;

  // The haystack is the tokens' matching forms separated by single spaces, with
  // a space at both ends, so a pattern " a b " can only match whole tokens.
  std::string& haystack = scratch.impl->haystack;
  haystack.assign(1, ' ');
  std::vector<std::int32_t>& token_at = scratch.impl->token_at;
  token_at.clear();
  std::vector<std::uint32_t> separator_offset;
  separator_offset.reserve(tokens.size() + 1);
  for (const Token& token : tokens) {
    separator_offset.push_back(std::uint32_t(haystack.size() - 1));
    haystack += token.text;
    haystack += ' ';
  }
  separator_offset.push_back(std::uint32_t(haystack.size() - 1));
  token_at.assign(haystack.size() + 1, -1);
  for (std::uint32_t i = 0; i < separator_offset.size(); ++i) token_at[separator_offset[i]] = std::int32_t(i);

  Hits hits;
  if (hs_scan(db.hs, haystack.data(), unsigned(haystack.size()), 0, scratch.impl->scratch, OnMatch, &hits) != HS_SUCCESS)
    throw std::runtime_error("hyperscan: scan failed");

  // Resolve hits to token ranges and a dated entry.
  std::vector<RawMatch> raw;
  for (auto [id, to] : hits) {
    std::uint32_t from = to - std::uint32_t(db.patterns[id].size());
    std::int32_t first = token_at[from];
    std::int32_t end = token_at[to - 1];
    if (first < 0 || end <= first) continue;
    const ActorEntry* best = nullptr;
    std::uint32_t best_index = 0;
    for (std::uint32_t index : db.entries[id]) {
      const ActorEntry& entry = dictionary_.entries()[index];
      if (!ValidOn(entry, story_date)) continue;
      if (!best || KindPriority(entry.kind) < KindPriority(best->kind)) {
        best = &entry;
        best_index = index;
      }
    }
    if (best) raw.push_back({std::uint32_t(first), std::uint32_t(end), best_index});
  }
  // Longest matches first; keep those that do not overlap a longer one.
  std::sort(raw.begin(), raw.end(), [](const RawMatch& a, const RawMatch& b) {
    if (a.end - a.first != b.end - b.first) return a.end - a.first > b.end - b.first;
    return a.first < b.first;
  });
  std::vector<std::int32_t> owner(tokens.size(), -1);
  std::vector<RawMatch> atoms;
  for (const RawMatch& match : raw) {
    bool free = true;
    for (std::uint32_t i = match.first; i < match.end && free; ++i) free = owner[i] < 0;
    if (!free) continue;
    for (std::uint32_t i = match.first; i < match.end; ++i) owner[i] = std::int32_t(atoms.size());
    atoms.push_back(match);
  }
  // People the story has taught us ("Zakharova"), on tokens no dictionary phrase took.
  std::vector<std::pair<RawMatch, ActorRef>> learned;
  for (std::uint32_t i = 0; i < tokens.size(); ++i) {
    if (owner[i] >= 0 || !tokens[i].upper_initial || memory.people.empty()) continue;
    for (std::uint32_t length : {4u, 3u, 2u, 1u}) {
      if (i + length > tokens.size()) continue;
      bool free = true;
      for (std::uint32_t k = i; k < i + length && free; ++k) free = owner[k] < 0 && tokens[k].upper_initial;
      if (!free) continue;
      auto it = memory.people.find(NameKey(tokens, i, i + length));
      if (it == memory.people.end()) continue;
      for (std::uint32_t k = i; k < i + length; ++k) owner[k] = -2;
      learned.push_back({RawMatch{i, i + length, 0}, it->second});
      i += length - 1;
      break;
    }
  }
  std::sort(atoms.begin(), atoms.end(), [](const RawMatch& a, const RawMatch& b) { return a.first < b.first; });
  for (std::size_t a = 0; a < atoms.size(); ++a)
    for (std::uint32_t i = atoms[a].first; i < atoms[a].end; ++i) owner[i] = std::int32_t(a);

  auto entry_of = [&](const RawMatch& m) -> const ActorEntry& { return dictionary_.entries()[m.entry]; };
  auto atom_at = [&](std::uint32_t token) -> const RawMatch* {
    for (const RawMatch& m : atoms)
      if (m.first == token) return &m;
    return nullptr;
  };
  auto is_name_token = [&](std::uint32_t i) {
    return i < tokens.size() && owner[i] == -1 && tokens[i].upper_initial && tokens[i].is_word;
  };
  auto span_text = [&](std::uint32_t first, std::uint32_t end) {
    return std::string(text.substr(tokens[first].begin, tokens[end - 1].end - tokens[first].begin));
  };
  // After a role, a run of capitalised words no dictionary knows is the person
  // holding it: "spokesperson Maria Zakharova", "diplomat Jamal Nasir Gharwal".
  auto name_after = [&](std::uint32_t i) -> std::uint32_t {
    std::uint32_t end = i;
    while (end < tokens.size() && end - i < 4 && is_name_token(end)) ++end;
    return end;
  };

  std::vector<bool> used(atoms.size(), false);
  for (std::size_t a = 0; a < atoms.size(); ++a) {
    if (used[a]) continue;
    const RawMatch& head = atoms[a];
    const ActorEntry& head_entry = entry_of(head);
    used[a] = true;
    // "Iranian-supported Houthi rebels", "Russian-made rockets", "Israeli-occupied
    // West Bank": a hyphenated qualifier names no participant, unless a role
    // follows ("Taliban-appointed diplomats" are the Taliban's).
    if (head_entry.kind != ActorKind::kAgent && head.end + 1 < tokens.size() && tokens[head.end].text == "-" &&
        tokens[head.end].begin == tokens[head.end - 1].end && !tokens[head.end + 1].upper_initial &&
        tokens[head.end + 1].is_word && owner[head.end + 1] == -1) {
      const RawMatch* next = head.end + 2 < tokens.size() ? atom_at(head.end + 2) : nullptr;
      if (!next || entry_of(*next).kind != ActorKind::kAgent) continue;
    }
    ActorMention mention;
    mention.first_token = head.first;
    mention.end_token = head.end;
    mention.kind = head_entry.kind;
    std::string base_code = head_entry.code;
    std::string agent_code;
    std::string name = head_entry.name;

    if (head_entry.kind == ActorKind::kAgent) {
      agent_code = head_entry.code;
      base_code.clear();
      mention.has_role = true;
      // "its Foreign Ministry", "their embassies": the story's latest state.
      std::uint32_t before = head.first;
      while (before > 0 && RoleModifiers().count(tokens[before - 1].lower)) --before;
      // "her country's military", "the country's army": the same, through "country's".
      std::uint32_t owner_word = before;
      if (before >= 3 && tokens[before - 1].lower == "'s" &&
          (tokens[before - 2].lower == "country" || tokens[before - 2].lower == "nation") &&
          (tokens[before - 3].lower == "the" || tokens[before - 3].lower == "his" || tokens[before - 3].lower == "her" ||
           tokens[before - 3].lower == "its" || tokens[before - 3].lower == "their"))
        owner_word = before - 2;
      const std::string last_country = CountryOf(memory.last_state.code);
      if (owner_word < before && last_country.size() == 3 && last_country != "IGO" && last_country != "IMG") {
        base_code = last_country;
        name = memory.last_state.name;
        mention.first_token = tokens[owner_word - 1].lower == "the" ? owner_word : owner_word - 1;
        mention.kind = ActorKind::kState;
      } else if (before > 0 && (tokens[before - 1].lower == "its" || tokens[before - 1].lower == "their") &&
          !memory.last_state.code.empty()) {
        const std::string& last = memory.last_state.code;
        std::string last_country = CountryOf(last);
        // A state's role is the state's; an organisation's or group's is the group itself.
        base_code = (last_country == "IGO" || last_country == "IMG" || last.size() > 6) ? last : last_country;
        name = memory.last_state.name;
        mention.first_token = before - 1;
        mention.kind = ActorKind::kState;
      }
    }
    std::vector<const RawMatch*> shared_role;  // "of Pakistan and Iran": same role, more states
    // Roles that follow: "'s"? modifiers* agent (modifiers* agent)*.
    std::uint32_t next = mention.end_token;
    // "Indian and U.S. forces": a role after coordinated states is each one's.
    std::string distributed_agent;
    if (head_entry.kind == ActorKind::kDemonym || head_entry.kind == ActorKind::kState) {
      std::uint32_t probe = next;
      bool crossed = false;
      while (probe + 1 < tokens.size() && (tokens[probe].lower == "and" || tokens[probe].text == ",")) {
        const RawMatch* other = atom_at(probe + 1);
        if (!other) break;
        ActorKind other_kind = entry_of(*other).kind;
        if (other_kind != ActorKind::kDemonym && other_kind != ActorKind::kState) break;
        probe = other->end;
        crossed = true;
      }
      std::uint32_t modifiers = 0;
      while (crossed && probe < tokens.size() && modifiers < 3 && owner[probe] == -1 &&
             RoleModifiers().count(tokens[probe].lower)) {
        ++probe;
        ++modifiers;
      }
      const RawMatch* role = crossed && probe < tokens.size() ? atom_at(probe) : nullptr;
      if (role && entry_of(*role).kind == ActorKind::kAgent) distributed_agent = entry_of(*role).code;
    }
    while (true) {
      std::uint32_t probe = next;
      bool possessive = false;
      if (probe < tokens.size() && (tokens[probe].lower == "'s" || tokens[probe].lower == "'") &&
          head_entry.kind != ActorKind::kAgent) {
        ++probe;
        possessive = true;
      }
      std::uint32_t modifiers = 0;
      // After a possessive any two describing words may come before the role
      // ("Iran's morality police", "Nicaragua's Public Ministry"); without
      // one, only the known role modifiers.
      auto describes = [&](const Token& token) {
        static const std::unordered_set<std::string_view> kFunctionWords = {
            "and", "or", "but", "of", "in", "on", "at", "to", "for", "with", "by", "from", "against", "over",
            "the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "who", "which",
            "as", "into", "about", "after", "before", "under", "between", "is", "are", "was", "were", "has",
            "have", "had", "will", "would", "said", "says"};
        return token.is_word && !kFunctionWords.count(token.lower);
      };
      while (probe < tokens.size() && modifiers < 3 && owner[probe] == -1 &&
             (RoleModifiers().count(tokens[probe].lower) ||
              (probe > 0 && tokens[probe - 1].text == "-" && !tokens[probe].upper_initial) ||
              (possessive && modifiers < 2 && describes(tokens[probe])))) {
        ++probe;
        ++modifiers;
      }
      const RawMatch* role = probe < tokens.size() ? atom_at(probe) : nullptr;
      if (!role || entry_of(*role).kind != ActorKind::kAgent) break;
      std::size_t role_index = std::size_t(role - atoms.data());
      if (used[role_index]) break;
      used[role_index] = true;
      // The most specific role wins: "intelligence officials" is SPY, not GOV.
      const std::string& role_code = entry_of(*role).code;
      if (agent_code.empty() || (IsGovernmentRole(agent_code) && !IsGovernmentRole(role_code)))
        agent_code = role_code;
      next = role->end;
      mention.end_token = next;
      mention.has_role = true;
    }
    // "government of Pakistan", "the foreign minister of Iran".
    if (base_code.empty() && next + 1 < tokens.size() && tokens[next].lower == "of") {
      std::uint32_t probe = next + 1;
      if (probe < tokens.size() && tokens[probe].lower == "the") ++probe;
      const RawMatch* state = probe < tokens.size() ? atom_at(probe) : nullptr;
      if (state) {
        ActorKind kind = entry_of(*state).kind;
        if (kind == ActorKind::kState || kind == ActorKind::kCapital || kind == ActorKind::kGroup) {
          used[std::size_t(state - atoms.data())] = true;
          base_code = entry_of(*state).code;
          name = entry_of(*state).name;
          mention.kind = kind;
          mention.end_token = state->end;
          next = state->end;
          // "the foreign ministers of Pakistan and Iran": the role is each one's.
          std::uint32_t probe2 = next;
          while (probe2 + 1 < tokens.size() &&
                 (tokens[probe2].lower == "and" || tokens[probe2].lower == "or" || tokens[probe2].text == ",")) {
            std::uint32_t at = probe2 + 1;
            if (tokens[at].lower == "and" && tokens[probe2].text == ",") ++at;
            if (at < tokens.size() && tokens[at].lower == "the") ++at;
            const RawMatch* other = at < tokens.size() ? atom_at(at) : nullptr;
            if (!other || used[std::size_t(other - atoms.data())]) break;
            ActorKind other_kind = entry_of(*other).kind;
            if (other_kind != ActorKind::kState && other_kind != ActorKind::kCapital) break;
            used[std::size_t(other - atoms.data())] = true;
            shared_role.push_back(other);
            probe2 = other->end;
          }
        }
      }
    }
    // A person named after the role, directly or in apposition.
    std::uint32_t name_first = next;
    if (!agent_code.empty() && name_first < tokens.size() && tokens[name_first].text == "," &&
        name_after(name_first + 1) >= name_first + 3)
      ++name_first;
    std::uint32_t name_end = agent_code.empty() ? name_first : name_after(name_first);
    bool named_person = name_end > name_first;
    if (named_person) {
      if (name_first != next) {
        // Apposition: ", Abdul Salam Hanafi" must close with a comma or the sentence.
        if (name_end < tokens.size() && tokens[name_end].text != "," && tokens[name_end].text != ".")
          named_person = false;
      }
    }
    // A dictionary person right after the role: "President Vladimir Putin".
    if (!agent_code.empty() && next < tokens.size()) {
      const RawMatch* person = atom_at(next);
      if (person && entry_of(*person).kind == ActorKind::kPerson && !used[std::size_t(person - atoms.data())]) {
        used[std::size_t(person - atoms.data())] = true;
        if (base_code.empty()) {
          base_code = entry_of(*person).code;
          name = entry_of(*person).name;
        }
        mention.end_token = person->end;
        mention.kind = ActorKind::kPerson;
        named_person = false;
      }
    }

    if (agent_code.empty() && !distributed_agent.empty()) {
      agent_code = distributed_agent;
      mention.has_role = true;
    }
    std::string role_key = head_entry.kind == ActorKind::kAgent ? NameKey(tokens, head.first, head.end) : "";
    if (base_code.empty()) {
      // A bare role ("the spokesperson", "officials"): the story's last actor in
      // that role, else no country of its own.
      // Only a definite reference ("the spokesperson") points back; "a diplomat" is someone new.
      std::uint32_t before = head.first;
      while (before > 0 && RoleModifiers().count(tokens[before - 1].lower)) --before;
      bool definite = before > 0 && tokens[before - 1].lower == "the";
      auto known = definite ? memory.roles.find(role_key) : memory.roles.end();
      if (known != memory.roles.end()) {
        mention.ref = known->second;
      } else {
        mention.ref.code = agent_code;
        mention.ref.agent = agent_code;
        mention.ref.country.clear();
        mention.ref.name = head_entry.name;
      }
    } else {
      mention.ref.code = CombineCodes(base_code, agent_code);
      mention.ref.country = CountryOf(mention.ref.code);
      mention.ref.agent = AgentOf(mention.ref.code);
      mention.ref.name = name;
    }
    // "its"/"their" point back to the last actor that acted, not to the last
    // one acted upon: "Russia ... ties with the Taliban when its Foreign Ministry".
    if (!mention.ref.country.empty()) {
      std::uint32_t before = mention.first_token;
      while (before > 0 && (tokens[before - 1].lower == "the" || tokens[before - 1].lower == "a")) --before;
      if (before == 0 || !IsObjectPreposition(tokens[before - 1].lower)) memory.last_state = mention.ref;
    }
    // Remember who held each role: "A State Department spokesperson said ...
    // the spokesperson said" refers to the same person.
    if (!mention.ref.country.empty()) {
      for (std::uint32_t i = mention.first_token; i < mention.end_token; ++i) {
        if (owner[i] < 0) continue;
        const RawMatch& atom = atoms[std::size_t(owner[i])];
        if (atom.first == i && entry_of(atom).kind == ActorKind::kAgent)
          memory.roles[NameKey(tokens, atom.first, atom.end)] = mention.ref;
      }
    }
    if (named_person) {
      std::string person_name = span_text(name_first, name_end);
      mention.end_token = name_end;
      mention.kind = ActorKind::kPerson;
      if (!mention.ref.country.empty()) {
        ActorRef person = mention.ref;
        person.name = person_name;
        memory.people[NameKey(tokens, name_first, name_end)] = person;
        if (name_end - name_first >= 2) memory.people[SurnameKey(tokens, name_first, name_end)] = person;
      }
    }
    for (const RawMatch* other : shared_role) {
      ActorMention extra;
      extra.first_token = other->first;
      extra.end_token = other->end;
      extra.kind = entry_of(*other).kind;
      extra.has_role = true;
      extra.ref.code = CombineCodes(entry_of(*other).code, agent_code);
      extra.ref.country = CountryOf(extra.ref.code);
      extra.ref.agent = AgentOf(extra.ref.code);
      extra.ref.name = entry_of(*other).name;
      mentions.push_back(std::move(extra));
    }
    mentions.push_back(std::move(mention));
  }
  for (auto& [match, ref] : learned) {
    ActorMention mention;
    mention.first_token = match.first;
    mention.end_token = match.end;
    mention.kind = ActorKind::kPerson;
    mention.ref = ref;
    mentions.push_back(std::move(mention));
  }
  std::sort(mentions.begin(), mentions.end(),
            [](const ActorMention& a, const ActorMention& b) { return a.first_token < b.first_token; });

  // "Amir Khan Muttaqi, the Taliban foreign minister": the name before the apposition.
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    ActorMention& mention = mentions[m];
    std::uint32_t first = mention.first_token;
    while (first >= 1 && (tokens[first - 1].lower == "the" || tokens[first - 1].lower == "a" ||
                          tokens[first - 1].lower == "an" || RoleModifiers().count(tokens[first - 1].lower)))
      --first;
    if (mention.ref.country.empty() || mention.ref.agent.empty() || first < 3 || tokens[first - 1].text != ",")
      continue;
    std::uint32_t end = first - 1, begin = end;
    while (begin > 0 && end - begin < 4 && is_name_token(begin - 1)) --begin;
    if (end - begin < 2) continue;
    if (begin > 0 && tokens[begin - 1].is_word && tokens[begin - 1].upper_initial) continue;
    ActorRef person = mention.ref;
    person.name = span_text(begin, end);
    memory.people[NameKey(tokens, begin, end)] = person;
    memory.people[SurnameKey(tokens, begin, end)] = person;
  }

  // "he"/"she"/"him": the person named last, in this sentence or before
  // it ("Zakharova ... She said Moscow would respond").
  {
    ActorRef person = memory.last_person;
    std::size_t next_mention = 0;
    auto pass_mention = [&] {
      const ActorMention& earlier = mentions[next_mention++];
      if (earlier.kind == ActorKind::kPerson && !earlier.ref.country.empty()) person = earlier.ref;
    };
    std::vector<ActorMention> pronouns;
    for (std::uint32_t i = 0; i < tokens.size(); ++i) {
      while (next_mention < mentions.size() && mentions[next_mention].first_token < i) pass_mention();
      if (owner[i] != -1 || (tokens[i].lower != "he" && tokens[i].lower != "she" && tokens[i].lower != "him") || person.code.empty()) continue;
      // "Vice Premier Liu He": a name's last word, not a pronoun.
      bool inside_a_name = std::any_of(mentions.begin(), mentions.end(), [&](const ActorMention& m) {
        return m.first_token <= i && i < m.end_token;
      });
      if (inside_a_name) continue;
      ActorMention mention;
      mention.first_token = i;
      mention.end_token = i + 1;
      mention.kind = ActorKind::kPerson;
      mention.ref = person;
      pronouns.push_back(std::move(mention));
    }
    while (next_mention < mentions.size()) pass_mention();
    memory.last_person = person;
    if (!pronouns.empty()) {
      for (ActorMention& pronoun : pronouns) mentions.push_back(std::move(pronoun));
      std::sort(mentions.begin(), mentions.end(),
                [](const ActorMention& a, const ActorMention& b) { return a.first_token < b.first_token; });
    }
  }

  // "the group", "the Islamist group", "the militant movement": the group
  // named last, in this sentence or before it ("Hamas denied any role ...
  // after Netanyahu blamed the Islamist group").
  {
    auto is_group = [](const ActorMention& mention) {
      return mention.kind == ActorKind::kGroup || mention.ref.country == "IMG";
    };
    auto is_head = [](const std::string& word) {
      return word == "group" || word == "movement" || word == "organization" || word == "organisation" ||
             word == "outfit";
    };
    ActorRef group = memory.last_group;
    std::size_t next_mention = 0;
    std::vector<ActorMention> descriptions;
    for (std::uint32_t i = 0; i + 1 < tokens.size(); ++i) {
      while (next_mention < mentions.size() && mentions[next_mention].first_token < i)
        if (const ActorMention& earlier = mentions[next_mention++]; is_group(earlier)) group = earlier.ref;
      if (tokens[i].lower != "the" || group.code.empty()) continue;
      // "the militant group Hamas" names its group right away.
      auto named_next = [&](std::uint32_t end) {
        return std::any_of(mentions.begin(), mentions.end(),
                           [&](const ActorMention& m) { return m.first_token == end; }) ||
               (end < tokens.size() && tokens[end].upper_initial && tokens[end].is_word);
      };
      // "the militant group": a role with no country of its own yet.
      bool resolved_role = false;
      for (ActorMention& role : mentions) {
        if (role.first_token != i + 1 || !role.ref.country.empty() || !is_head(tokens[role.end_token - 1].lower) ||
            (role.end_token < tokens.size() && tokens[role.end_token].lower == "of") || named_next(role.end_token))
          continue;
        const std::uint32_t first = role.first_token, end = role.end_token;
        role = ActorMention{};
        role.first_token = first;
        role.end_token = end;
        role.kind = ActorKind::kGroup;
        role.ref = group;
        resolved_role = true;
      }
      if (resolved_role) continue;
      std::uint32_t k = i + 1;
      while (k < tokens.size() && k - i <= 2 && owner[k] == -1 && tokens[k].is_word && !is_head(tokens[k].lower))
        ++k;
      if (k >= tokens.size() || owner[k] != -1 || !is_head(tokens[k].lower)) continue;
      // "the group of seven", "the movement of goods" name something else.
      if ((k + 1 < tokens.size() && tokens[k + 1].lower == "of") || named_next(k + 1)) continue;
      bool inside = std::any_of(mentions.begin(), mentions.end(), [&](const ActorMention& m) {
        return m.first_token <= k && k < m.end_token;
      });
      if (inside) continue;
      ActorMention mention;
      mention.first_token = i + 1;
      mention.end_token = k + 1;
      mention.kind = ActorKind::kGroup;
      mention.ref = group;
      descriptions.push_back(std::move(mention));
      i = k;
    }
    while (next_mention < mentions.size())
      if (const ActorMention& earlier = mentions[next_mention++]; is_group(earlier)) group = earlier.ref;
    memory.last_group = group;
    if (!descriptions.empty()) {
      for (ActorMention& description : descriptions) mentions.push_back(std::move(description));
      std::sort(mentions.begin(), mentions.end(),
                [](const ActorMention& a, const ActorMention& b) { return a.first_token < b.first_token; });
    }
  }

  for (ActorMention& mention : mentions) {
    mention.ref.begin = tokens[mention.first_token].begin;
    mention.ref.end = tokens[mention.end_token - 1].end;
    mention.ref.text = std::string(text.substr(mention.ref.begin, mention.ref.end - mention.ref.begin));
    std::uint32_t before = mention.first_token;
    if (before > 0 && tokens[before - 1].lower == "the") --before;
    mention.place_context = before > 0 && IsLocative(tokens[before - 1].lower) &&
                            (mention.kind == ActorKind::kCapital || mention.kind == ActorKind::kState) &&
                            !mention.has_role;
    // "the Cairo offices of Mada Masr", "the Kabul airport": a capital naming
    // where something is, not the government ("the Kabul government" is a role).
    bool modifies_noun = mention.kind == ActorKind::kCapital && !mention.has_role && mention.first_token > 0 &&
                         tokens[mention.first_token - 1].lower == "the" && mention.end_token < tokens.size() &&
                         tokens[mention.end_token].is_word && !tokens[mention.end_token].upper_initial;
    if (modifies_noun) mention.place_context = true;
  }
  // "an anti-Taliban resistance group" is the Taliban's opponent, not the
  // Taliban: the opposition of the group's country. "anti-American protests"
  // name no actor.
  std::erase_if(mentions, [&](ActorMention& mention) {
    std::uint32_t first = mention.first_token;
    bool anti = first >= 2 && tokens[first - 1].text == "-" && tokens[first - 2].lower == "anti" &&
                tokens[first - 2].end == tokens[first - 1].begin;
    if (!anti) return false;
    bool names_a_state = mention.kind == ActorKind::kState || mention.kind == ActorKind::kDemonym ||
                         mention.kind == ActorKind::kCapital;
    if (names_a_state || mention.ref.country.size() != 3 || mention.ref.country == "IGO" ||
        mention.ref.country == "IMG" || mention.ref.country == "NGO")
      return true;
    mention.ref.code = mention.ref.country + "OPP";
    mention.ref.agent = "OPP";
    mention.ref.name = "opponents of " + mention.ref.name;
    return false;
  });
  // "the official residence", "official recognition", "official figures":
  // "official" describing a thing is not an official.
  std::erase_if(mentions, [&](const ActorMention& mention) {
    std::uint32_t end = mention.end_token;
    if (end >= tokens.size() || mention.first_token + 1 != end || tokens[end - 1].lower != "official") return false;
    static const std::unordered_set<std::string_view> kThings = {
        "residence", "residences", "visit", "visits", "trip", "statement", "statements", "recognition",
        "media", "figures", "data", "results", "result", "count", "tally", "website", "channels", "channel",
        "language", "languages", "documents", "document", "ceremony", "status", "position", "capacity",
        "duties", "reason", "name", "version", "account", "invitation", "talks", "request", "complaint",
        "protest", "confirmation", "announcement", "response", "reaction", "letter", "note", "report",
        "investigation", "inquiry", "estimates", "estimate", "toll", "death", "records", "record", "policy",
        "business", "relations", "ties", "contacts", "contact", "apology", "ban", "banned", "newspaper",
        "news", "agency", "gazette", "seal", "secrets", "secret", "opposition", "candidate", "support"};
    return kThings.count(tokens[end].lower) > 0;
  });
  // "the Syrian Kurdish YPG militia": a demonym just before a group of its
  // own country describes the group; the group's mention carries it.
  std::vector<bool> describes_group(mentions.size(), false);
  for (std::size_t m = 0; m + 1 < mentions.size(); ++m) {
    const ActorMention& demonym = mentions[m];
    const ActorMention& group = mentions[m + 1];
    if (demonym.kind != ActorKind::kDemonym || demonym.has_role || group.first_token < demonym.end_token ||
        group.first_token - demonym.end_token > 1 || group.ref.country != demonym.ref.country ||
        group.ref.code.size() <= 6)
      continue;
    if (group.first_token > demonym.end_token && !tokens[demonym.end_token].is_word) continue;
    describes_group[m] = true;
  }
  // "the militant group Islamic Jihad", "the rebel movement M23": a bare role
  // right before a group's name is that group, which its mention names.
  for (std::size_t m = 0; m + 1 < mentions.size(); ++m) {
    const ActorMention& role = mentions[m];
    const ActorMention& group = mentions[m + 1];
    if (role.ref.country.empty() && role.has_role && group.first_token == role.end_token &&
        (group.kind == ActorKind::kGroup || group.ref.country == "IMG"))
      describes_group[m] = true;
  }
  for (std::size_t m = mentions.size(); m-- > 0;)
    if (describes_group[m]) mentions.erase(mentions.begin() + std::ptrdiff_t(m));
  // "Islamic State's Afghan affiliate", "al-Qaeda's Yemeni branch": the
  // demonym says where the group's offshoot works; the actor is the group.
  std::erase_if(mentions, [&](const ActorMention& mention) {
    std::uint32_t first = mention.first_token, end = mention.end_token;
    if (mention.kind != ActorKind::kDemonym || mention.has_role || first < 2 || end >= tokens.size()) return false;
    static const std::unordered_set<std::string_view> kOffshoots = {
        "affiliate", "affiliates", "branch", "branches", "wing", "offshoot", "offshoots", "franchise", "chapter",
        "cell", "cells"};
    if (!kOffshoots.count(tokens[end].lower) || tokens[first - 1].text != "'s") return false;
    for (const ActorMention& owner_group : mentions)
      if (owner_group.end_token == first - 1 && owner_group.kind != ActorKind::kState &&
          owner_group.kind != ActorKind::kDemonym && owner_group.kind != ActorKind::kCapital)
        return true;
    return false;
  });
  // "Mocimboa da Praia", "Rio de Janeiro": a capital's name after a name
  // particle is the end of another place's name, not the capital.
  std::erase_if(mentions, [&](const ActorMention& mention) {
    std::uint32_t first = mention.first_token;
    if (mention.kind != ActorKind::kCapital || mention.has_role || first < 2) return false;
    const std::string& particle = tokens[first - 1].lower;
    bool name_particle = particle == "da" || particle == "de" || particle == "do" || particle == "dos" ||
                         particle == "das" || particle == "del" || particle == "di" || particle == "du" ||
                         particle == "la" || particle == "el";
    return name_particle && tokens[first - 2].upper_initial;
  });
  // A bare role with no country ("protesters", "police", "the opposition") is
  // taken to belong to the place the sentence names ("in Caracas"), else to the
  // nearest state named in the sentence ("Chinese police detained protesters",
  // "the Taliban banned women"), else to the story's latest state. Organisations
  // ("aid agencies" -> NGO) keep no country.
  auto is_state_country = [](const ActorRef& ref) {
    return ref.country.size() == 3 && ref.country != "IGO" && ref.country != "IMG" && ref.country != "NGO";
  };
  for (std::size_t m = 0; m < mentions.size(); ++m) {
    ActorMention& mention = mentions[m];
    if (!mention.ref.country.empty() || mention.ref.code.size() != 3 || mention.ref.code == "NGO" ||
        mention.ref.code == "IGO")
      continue;
    const ActorRef* home = nullptr;
    // "a diplomat appointed by the Taliban", "officials of Iran", "forces loyal
    // to the TPLF" ("a delegation to Norway" and "an ambassador to Kabul" are
    // not the destination's).
    if (m + 1 < mentions.size() && is_state_country(mentions[m + 1].ref) &&
        mentions[m + 1].first_token <= mention.end_token + 3) {
      // "the government in Afghanistan" too, but not "the embassy in Kabul".
      const std::string& head = tokens[mention.end_token - 1].lower;
      bool governs_place = head == "government" || head == "authorities" || head == "regime";
      for (std::uint32_t t = mention.end_token; t < mentions[m + 1].first_token; ++t) {
        bool loyal_to = tokens[t].lower == "to" && t > 0 && (tokens[t - 1].lower == "loyal" || tokens[t - 1].lower == "allied");
        if (tokens[t].lower == "by" || tokens[t].lower == "of" || tokens[t].lower == "from" || loyal_to ||
            (governs_place && tokens[t].lower == "in"))
          home = &mentions[m + 1].ref;
        // "forces loyal to the TPLF" are the TPLF's forces: its code, not
        // its country's army.
        if (loyal_to && home && home->code.size() > 3 && !home->agent.empty() && home->agent != "GOV" &&
            home->agent != "MIL") {
          const std::string text = mention.ref.text;
          const std::uint32_t begin = mention.ref.begin, end = mention.ref.end;
          mention.ref = *home;
          mention.ref.text = text;
          mention.ref.begin = begin;
          mention.ref.end = end;
          mention.country_from_context = true;
          home = nullptr;
          break;
        }
      }
      if (mention.country_from_context) continue;
    }
    // "Myanmar's acting president and several other military officers",
    // "Nicaragua's Public Ministry and nine government officials": a role
    // coordinated right after a state's role is that state's.
    if (!home && m > 0 && mentions[m - 1].has_role && is_state_country(mentions[m - 1].ref)) {
      bool conjunction = false, glue = mention.first_token > mentions[m - 1].end_token &&
                                       mention.first_token - mentions[m - 1].end_token <= 5;
      for (std::uint32_t t = mentions[m - 1].end_token; t < mention.first_token && glue; ++t) {
        if (tokens[t].lower == "and") conjunction = true;
        else glue = conjunction && (text::IsQuantityWord(tokens[t]) || RoleModifiers().count(tokens[t].lower));
      }
      if (glue && conjunction) home = &mentions[m - 1].ref;
    }
    // Officials and envoys usually serve someone other than the state nearby
    // ("Israel and Turkey will return ambassadors"): only "of/by X" places them,
    // or a state's courts, prosecutors, police or troops acting on them in the
    // same clause, which deal with their own country's leaders ("An Iraqi
    // court sentenced former President Saddam Hussein", "Malian soldiers
    // detained President Ibrahim Boubacar Keita").
    if (!home && (mention.ref.code == "GOV" || mention.ref.code == "ELI") && m > 0) {
      const ActorMention& before_it = mentions[m - 1];
      const std::string& agent = before_it.ref.agent;
      bool same_clause = true;
      for (std::uint32_t t = before_it.end_token; t < mention.first_token && same_clause; ++t)
        same_clause = tokens[t].text != "," && tokens[t].text != ";" && tokens[t].lower != "and";
      if (same_clause && mention.first_token - before_it.end_token <= 4 && is_state_country(before_it.ref) &&
          (agent == "JUD" || agent == "COP" || agent == "MIL" || agent == "SPY"))
        home = &before_it.ref;
    }
    if (!home && (mention.ref.code == "GOV" || mention.ref.code == "ELI")) continue;
    // "two foreign journalists in Kabul" are not Afghan.
    std::uint32_t before = mention.first_token;
    while (before > 0 && (tokens[before - 1].lower == "the" || !tokens[before - 1].is_word ||
                           std::isdigit(static_cast<unsigned char>(tokens[before - 1].text[0])) ||
                           tokens[before - 1].lower == "two" || tokens[before - 1].lower == "several")) --before;
    if (before > 0 && (tokens[before - 1].lower == "foreign" || tokens[before - 1].lower == "international")) continue;
    // Gunmen and militants are rarely of the state they attack ("Gunmen abducted
    // two Chinese engineers"): only a place or the story gives them a country.
    bool armed_non_state = mention.ref.code == "INS" || mention.ref.code == "REB" || mention.ref.code == "CRM";
    // The nearest place the sentence names ("after treatment in Germany, was
    // detained by police at Moscow's airport": Russia's police).
    if (!home) {
      std::uint32_t best_distance = UINT32_MAX;
      for (const ActorMention& other : mentions) {
        if (!other.place_context || !is_state_country(other.ref)) continue;
        std::uint32_t from = std::min(other.end_token, mention.end_token);
        std::uint32_t to = std::max(other.first_token, mention.first_token);
        std::uint32_t distance = to - from;
        // A place in the role's own clause first: a comma between counts as far.
        for (std::uint32_t t = from; t < to; ++t)
          if (tokens[t].text == "," || tokens[t].text == ";") distance += 20;
        if (distance < best_distance) {
          best_distance = distance;
          home = &other.ref;
        }
      }
    }
    // Named people are looked at last: leaders comment on other countries'
    // crowds ("Biden, Macron and Sanchez condemned the rioters who stormed
    // Brazil's Congress").
    for (int pass = 0; pass < 2 && !home && !armed_non_state; ++pass) {
      std::size_t best_distance = SIZE_MAX;
      for (std::size_t o = 0; o < mentions.size(); ++o) {
        if (o == m || !is_state_country(mentions[o].ref)) continue;
        if ((mentions[o].kind == ActorKind::kPerson) != (pass == 1)) continue;
        // Earlier mentions first: they usually say whose the role is.
        std::size_t distance = o < m ? (m - o) * 2 : (o - m) * 2 + 1;
        if (distance < best_distance) {
          best_distance = distance;
          home = &mentions[o].ref;
        }
      }
    }
    if (!home && is_state_country(story_state_before)) home = &story_state_before;
    if (!home) continue;
    mention.ref.country = home->country;
    mention.ref.code = home->country + mention.ref.code;
    mention.country_from_context = true;
  }
  return mentions;
}

}  // namespace chancery::actors
