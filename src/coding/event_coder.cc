#include "coding/event_coder.h"

#include "text/date_expressions.h"
#include "text/tokenizer.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string_view>
#include <unordered_set>

namespace chancery::coding {
namespace {

using actors::ActorMention;

// Coordinated mentions that act together: "China, Pakistan, Russia and Turkmenistan".
struct ActorGroup {
  std::vector<std::uint32_t> members;  // indices into the mention list
  std::uint32_t first_token = 0, end_token = 0;
  bool place = false;  // every member is a place ("in Kabul")
};

struct SentenceView {
  const Sentence& sentence;
  const std::vector<Token>& tokens;
  const std::vector<ActorMention>& mentions;
  std::vector<ActorGroup> groups;
  std::vector<std::int32_t> group_starting_at;  // token -> group index or -1
  std::vector<std::int32_t> group_ending_at;    // token (exclusive end) -> group index or -1
  std::vector<std::int32_t> quote_of;           // token -> quote number, -1 outside quotes
  std::vector<bool> speaker_token;              // part of an "X said" speaker: not a party
};

bool Is(const Token& token, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words)
    if (token.lower == word) return true;
  return false;
}

bool IsQuote(const Token& token) { return token.text == "\"" || token.text == "''" || token.text == "``"; }

bool IsPreposition(const Token& token) {
  return Is(token, {"of", "for", "with", "to", "by", "from", "against", "at", "in", "on", "between", "among", "toward",
                    "towards", "into", "about", "over", "through", "under", "than", "like", "via", "across",
                    "inside", "near", "within", "onto", "upon", "amid", "despite"});
}

bool IsDeterminer(const Token& token) {
  return Is(token, {"the", "a", "an", "its", "their", "his", "her", "our", "some", "other", "several", "all", "both",
                    "many", "two", "three", "four", "five", "neighboring", "neighbouring", "fellow", "western",
                    "rival", "fellow", "certain", "various", "key", "senior", "top", "any", "every", "each",
                    "this", "these", "those", "another", "such"});
}

// A dash with space before it ("four countries — China") separates clauses; a
// hyphen inside a word ("Taliban-appointed") does not.
bool IsClausePunct(const SentenceView& view, std::uint32_t i) {
  const Token& token = view.tokens[i];
  if (token.text == "," || token.text == ";" || token.text == ":" || token.text == "(" || token.text == ")" ||
      IsQuote(token))
    return true;
  if (token.text == "-" || token.text == "--")
    return i > 0 && view.tokens[i - 1].end < token.begin;
  return false;
}

bool IsHardBoundary(const SentenceView& view, std::uint32_t i) {
  const Token& token = view.tokens[i];
  return token.text == ";" || token.text == ":" || IsQuote(token) ||
         Is(token, {"when", "while", "but", "although", "though", "whereas", "which", "who", "whom", "whose",
                    "because", "where", "if", "unless", "after", "before", "until", "since", "whether"});
}

bool IsSayWord(const Token& token) {
  static const std::unordered_set<std::string_view> say = {
      "say", "tell", "add", "tweet", "state", "announce", "write", "note", "claim", "insist", "confirm",
      "stress", "explain", "argue", "assert", "declare", "reiterate", "post"};
  if (token.lower == "reported") return true;  // "the New York Times reported"
  return say.count(token.lemma) > 0 && !Is(token, {"state", "states", "post", "posts", "note", "notes"});
}

bool IsBeForm(const Token& token) {
  return token.lemma == "be" || Is(token, {"is", "are", "was", "were", "be", "been", "being", "get", "got", "gets"});
}

bool IsPastParticiple(const Token& token) {
  if (token.lower == token.lemma) return false;
  std::string_view w = token.lower;
  if (w.size() > 3 && w.substr(w.size() - 3) == "ing") return false;
  if (w.back() == 's') return false;
  return true;
}

bool IsAdverb(const Token& token) {
  if (Is(token, {"not", "n't", "also", "already", "reportedly", "recently", "formally", "officially", "being",
                 "been", "allegedly", "then", "later", "even", "still", "again", "now", "soon",
                 "always", "often", "quickly"}))
    return true;
  return token.lower.size() > 4 && token.lower.compare(token.lower.size() - 2, 2, "ly") == 0;
}

// "accusing", "banning": a gerund or present participle (not "king", "ring").
bool IsIngForm(const Token& token) {
  const std::string& w = token.lower;
  return w.size() > 4 && w.compare(w.size() - 3, 3, "ing") == 0;
}

// "supporters of jailed former prime minister Imran Khan", "the detained
// journalists": a participle after a determiner or preposition and before the
// noun it describes names a state, not an act of this sentence.
bool IsAdjectivalParticiple(const std::vector<Token>& tokens, std::uint32_t verb) {
  if (verb == 0 || verb + 1 >= tokens.size() || !IsPastParticiple(tokens[verb])) return false;
  if (!Is(tokens[verb - 1], {"the", "a", "an", "its", "their", "his", "her", "of", "for", "with"})) return false;
  const Token& after = tokens[verb + 1];
  return after.is_word && !Is(after, {"by", "in", "on", "at", "from", "to", "for", "over", "after", "during"});
}

// Passive voice: a form of "be"/"get" (adverbs aside) before a past participle.
// "was disappointed by", "is deeply concerned by": a participle of feeling
// after "be" is an adjective; what follows "by" is its cause, not an agent.
bool IsFeeling(const Token& token) {
  return Is(token, {"concerned", "troubled", "disturbed", "dismayed", "disappointed", "alarmed", "perturbed",
                    "worried", "frustrated", "upset", "displeased", "pleased", "encouraged", "heartened",
                    "saddened", "shocked", "outraged", "angered", "appalled", "surprised", "satisfied",
                    "delighted", "gratified", "offended", "annoyed", "irritated", "incensed"});
}

bool IsPassive(const std::vector<Token>& tokens, std::uint32_t first, std::uint32_t verb) {
  while (first > 0 && IsAdverb(tokens[first - 1])) --first;
  return first > 0 && IsBeForm(tokens[first - 1]) && IsPastParticiple(tokens[verb]) && !IsFeeling(tokens[verb]);
}

bool Matches(const PatternElement& element, const Token& token) {
  for (const std::string& word : element.words)
    if (word == token.lemma || word == token.lower) return true;
  return false;
}

bool IsPartyByRole(std::string_view agent) {
  return agent == "INS" || agent == "REB" || agent == "CRM" || agent == "CVL" || agent == "OPP" || agent == "REF" ||
         agent == "MED";
}

SentenceView BuildView(const Sentence& sentence, const std::vector<ActorMention>& mentions) {
  SentenceView view{sentence, sentence.tokens, mentions, {}, {}, {}, {}, {}};
  const auto& tokens = sentence.tokens;
  std::size_t n = tokens.size();
  view.group_starting_at.assign(n + 1, -1);
  view.group_ending_at.assign(n + 1, -1);
  view.quote_of.assign(n, -1);
  view.speaker_token.assign(n, false);
  int quote = -1, quotes_seen = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (IsQuote(tokens[i])) {
      quote = quote < 0 ? quotes_seen++ : -1;
      continue;
    }
    view.quote_of[i] = quote;
  }
  for (std::uint32_t m = 0; m < mentions.size(); ++m) {
    const ActorMention& mention = mentions[m];
    // A role with no country is a party only when the role itself says who
    // acts: "gunmen", "protesters", "journalists"; never "officials".
    if (mention.ref.country.empty() && !IsPartyByRole(mention.ref.agent)) continue;
    bool joined = false;
    if (!view.groups.empty()) {
      ActorGroup& last = view.groups.back();
      std::uint32_t gap_first = last.end_token, gap_end = mention.first_token;
      bool has_conjunction = false, only_glue = gap_end > gap_first && gap_end - gap_first <= 6;
      std::uint32_t counted = 0;  // "and 25 senior Iranian officials": how many, and of what rank
      for (std::uint32_t t = gap_first; t < gap_end && only_glue; ++t) {
        if (Is(tokens[t], {"and", "or", "&"})) {
          has_conjunction = true;
        } else if (has_conjunction && counted < 3 &&
                   (text::IsQuantityWord(tokens[t]) || Is(tokens[t], {"senior", "top", "former", "at", "least"}))) {
          ++counted;
        } else if (has_conjunction && counted < 2 && t > gap_first && tokens[t - 1].lower == "the" &&
                   tokens[t].is_word && !tokens[t].upper_initial && t + 1 == gap_end) {
          ++counted;  // "and the outlawed PKK": one describing word after "the"
        } else if (!Is(tokens[t], {",", "the", "as", "well"})) {
          only_glue = false;
        }
      }
      if (gap_end - gap_first > 3 + counted) only_glue = false;
      // A comma alone also chains, when an "and" closes the list later on. A
      // comma with "the" chains only names of states and organisations ("the
      // United States, the European Union and Japan"), not appositions
      // ("Lavrov, the Russian foreign minister, said").
      auto is_name = [&](const ActorMention& actor) {
        return !actor.has_role && (actor.kind == actors::ActorKind::kState || actor.kind == actors::ActorKind::kIgo);
      };
      bool comma_the = gap_end - gap_first == 2 && tokens[gap_first].text == "," && tokens[gap_first + 1].lower == "the" &&
                       is_name(mention) && is_name(mentions[last.members.back()]);
      bool comma_list = only_glue && !has_conjunction &&
                        ((gap_end - gap_first == 1 && tokens[gap_first].text == ",") || comma_the);
      if (comma_list) {
        for (std::uint32_t t = mention.end_token; t + 1 < tokens.size() && t < mention.end_token + 2; ++t)
          if (Is(tokens[t], {"and", "or"}) || tokens[t].text == ",") has_conjunction = true;
      }
      if (only_glue && has_conjunction && mention.place_context == last.place) {
        last.members.push_back(m);
        last.end_token = mention.end_token;
        joined = true;
      }
    }
    if (!joined) {
      ActorGroup group;
      group.members.push_back(m);
      group.first_token = mention.first_token;
      group.end_token = mention.end_token;
      group.place = mention.place_context;
      view.groups.push_back(group);
    }
  }
  for (std::int32_t g = 0; g < std::int32_t(view.groups.size()); ++g) {
    view.group_starting_at[view.groups[g].first_token] = g;
    view.group_ending_at[view.groups[g].end_token] = g;
  }
  return view;
}

struct PatternMatch {
  const VerbPattern* pattern = nullptr;
  std::uint32_t first = 0, end = 0;       // token span of the whole match
  std::uint32_t lit_first = 0, lit_end = 0;  // span of the matched words
  std::int32_t source_group = -1, target_group = -1;
  std::int32_t gap_group = -1;  // an actor a `*` skipped over ("closed the Afghan Embassy")
  int literals = 0;
};

// Where a `+`/`$` slot starting at `pos` finds its group, or -1.
std::int32_t SlotGroupAt(const SentenceView& view, std::uint32_t pos, std::uint32_t* group_end) {
  // `skip` counts words before the slot; a hyphen compound ("8-month-old")
  // counts as one word however many tokens it has.
  std::uint32_t skip = 0;
  for (std::uint32_t t = pos; skip <= 4 && t < view.tokens.size(); ++t) {
    std::int32_t g = view.group_starting_at[t];
    if (g >= 0) {
      *group_end = view.groups[g].end_token;
      return g;
    }
    const Token& token = view.tokens[t];
    // "Iranian-supported Houthi rebels": a hyphenated qualifier may come first.
    bool hyphen_compound = (t > 0 && (token.text == "-" || view.tokens[t - 1].text == "-") &&
                            token.begin == view.tokens[t - 1].end) ||
                           (t + 1 < view.tokens.size() && view.tokens[t + 1].text == "-" &&
                            view.tokens[t + 1].begin == token.end);
    // "thousands of protesters", "dozens of villagers": a quantity comes first.
    bool quantity_of = token.lower == "of" && t > 0 &&
                       Is(view.tokens[t - 1], {"thousands", "hundreds", "dozens", "scores", "millions", "tens",
                                               "group", "number", "some", "many", "several", "all", "most"});
    // "hitting back after Washington raised duties": a word that opens a
    // clause or a time phrase is no modifier of the slot's actor.
    bool opens_phrase = IsPreposition(token) ||
                        Is(token, {"after", "before", "during", "since", "until", "behind", "beyond", "around",
                                   "outside", "along", "without", "back", "and", "or", "but", "as", "when", "while"});
    if (!IsDeterminer(token) && !hyphen_compound && !quantity_of &&
        !(token.is_word && !token.upper_initial && skip < 2 && !opens_phrase))
      return -1;
    bool continues_compound = t + 1 < view.tokens.size() && view.tokens[t + 1].begin == token.end &&
                              (token.text == "-" || view.tokens[t + 1].text == "-");
    if (!continues_compound) ++skip;
  }
  return -1;
}

void MatchForward(const SentenceView& view, const VerbPattern& pattern, std::size_t element, PatternMatch state,
                  bool passive, PatternMatch* best) {
  const auto& tokens = view.tokens;
  if (element == pattern.elements.size()) {
    state.end = std::max(state.end, state.lit_end);
    if (!best->pattern || state.literals > best->literals ||
        (state.literals == best->literals && state.end - state.first < best->end - best->first))
      *best = state;
    return;
  }
  const PatternElement& el = pattern.elements[element];
  std::uint32_t pos = state.end;
  switch (el.type) {
    case PatternElement::Type::kWords:
      if (pos < tokens.size() && Matches(el, tokens[pos])) {
        PatternMatch next = state;
        // "hosted a delegation of Taliban ministers": the actor begins at a pattern word.
        if (next.gap_group < 0 && pos != state.lit_first && view.group_starting_at[pos] >= 0)
          next.gap_group = view.group_starting_at[pos];
        next.end = pos + 1;
        next.lit_end = pos + 1;
        if (!el.optional) ++next.literals;
        MatchForward(view, pattern, element + 1, next, passive, best);
      }
      if (el.optional) MatchForward(view, pattern, element + 1, state, passive, best);
      return;
    case PatternElement::Type::kGap: {
      // Up to three words; "four-day" is one word of three tokens, and the
      // quote marks of "a 'phase one' trade deal" are no words.
      bool single_quote_open = false;
      for (std::uint32_t skip = 0, words = 0; words <= 3; ++skip) {
        if (skip > 0) {
          std::uint32_t t = pos + skip - 1;
          if (t >= tokens.size() || IsClausePunct(view, t)) break;
          if (state.gap_group < 0 && view.group_starting_at[t] >= 0) state.gap_group = view.group_starting_at[t];
          bool attached = t > 0 && tokens[t].begin == tokens[t - 1].end &&
                          (tokens[t].text == "-" || tokens[t - 1].text == "-");
          bool quote_mark = IsQuote(tokens[t]);  // the tokenizer folds curly quotes to ' and "
          // A lone "'" is an opening quote only with a space before it and a
          // word right after; the closing one must follow it in the gap
          // ("banks' access" keeps its possessive "'" as a word).
          if (tokens[t].text == "'") {
            bool opens = t > 0 && tokens[t].begin > tokens[t - 1].end && t + 1 < tokens.size() &&
                         tokens[t + 1].begin == tokens[t].end;
            if (opens && !single_quote_open) quote_mark = single_quote_open = true;
            else if (single_quote_open) quote_mark = !(single_quote_open = false);
          }
          if (!attached && !quote_mark) ++words;
          if (words > 3) break;
        }
        PatternMatch next = state;
        next.end = pos + skip;
        MatchForward(view, pattern, element + 1, next, passive, best);
      }
      return;
    }
    case PatternElement::Type::kTarget:
    case PatternElement::Type::kSource: {
      std::uint32_t group_end = 0;
      std::int32_t g = SlotGroupAt(view, pos, &group_end);
      if (g < 0 && passive && el.type == PatternElement::Type::kTarget) {
        // "was expelled by X": the target of a passive is its subject, left of the verb.
        MatchForward(view, pattern, element + 1, state, passive, best);
        return;
      }
      if (g < 0) return;
      PatternMatch next = state;
      (el.type == PatternElement::Type::kTarget ? next.target_group : next.source_group) = g;
      next.end = group_end;
      MatchForward(view, pattern, element + 1, next, passive, best);
      return;
    }
  }
}

// "a trade war", "an international 'currency war'", "a war of words", "a
// legal battle": a war or battle that is a figure of speech for rivalry, not
// fighting.
bool IsFigurativeWar(const std::vector<Token>& tokens, std::uint32_t first, std::uint32_t end) {
  for (std::uint32_t t = first; t < end; ++t) {
    if (tokens[t].lemma != "war" && tokens[t].lemma != "battle") continue;
    std::uint32_t before = t;
    while (before > 0 && (IsQuote(tokens[before - 1]) || tokens[before - 1].text == "'")) --before;
    if (before > 0 && Is(tokens[before - 1], {"trade", "currency", "price", "tariff", "culture", "propaganda",
                                              "bidding", "subsidy", "chip", "tech", "technology", "turf", "legal",
                                              "court", "courtroom", "custody", "political", "diplomatic",
                                              "electoral", "budget", "regulatory"}))
      return true;
    if (t + 2 < tokens.size() && tokens[t + 1].lower == "of" && tokens[t + 2].lower == "words") return true;
  }
  return false;
}

// The pattern's code refined by who does the act to whom, as CAMEO's roots
// read it:
// - armed forces killing fighters of an armed group are fighting (190: "U.S.
//   special forces killed Islamic State leader Abu Bakr al-Baghdadi"), and
//   police or troops killing protesters are repressing them (175: "soldiers
//   and police killed 12 peaceful protesters");
// - a killing done by the source's drone or air strike is aerial force
//   (1952, 195: "was killed by a U.S. drone strike");
// - armed forces bombing use military force from the air (195: "Egypt's air
//   force bombed training camps"), not the non-military bombing of 183;
// - leaving an organisation reduces relations with it (160: "would withdraw
//   from the International Criminal Court"); withdrawing from a place or a
//   front stays military de-escalation (087).
// `source_mention` and `target_mention` are the pair's mentions; `match` is
// the pattern's match.
const CameoCode* CodeForPair(const CameoTable& table, const CameoCode* coded, const std::vector<Token>& tokens,
                             const PatternMatch& match, const ActorMention& source_mention,
                             const ActorMention& target_mention) {
  const ActorRef& source = source_mention.ref;
  const ActorRef& target = target_mention.ref;
  auto code = [&](std::string_view refined) {
    const CameoCode* found = table.Find(refined);
    return found ? found : coded;
  };
  const bool state_forces = (source.agent == "MIL" || source.agent == "COP") && source.country.size() == 3 &&
                            source.country != "IMG" && source.code.size() <= 6;
  if (coded->code == "087" && target.country == "IGO" && match.lit_end - match.lit_first <= 2 &&
      !tokens[match.lit_first].upper_initial &&
      Is(tokens[match.lit_first], {"withdraw", "withdraws", "withdrew", "withdrawn", "withdrawing", "pull", "pulls",
                                   "pulled", "pulling"}))
    return code("160");
  if ((coded->code == "183" || coded->code == "1834") && state_forces && source.agent == "MIL") return code("195");
  const CameoCode* refined = coded;
  if (coded->code == "180" && state_forces) {
    const bool armed_group = target.agent == "INS" || target.agent == "REB" || target.country == "IMG" ||
                             (target.code.size() > 6 && target.agent != "CVL");
    bool protesters = false;
    for (std::uint32_t k = target_mention.first_token; k < target_mention.end_token && !protesters; ++k)
      protesters = tokens[k].lower.starts_with("protest") || tokens[k].lower.starts_with("demonstrat");
    if (armed_group) refined = code("190");
    else if (target.agent == "CVL" && protesters) refined = code("175");
  }
  if (refined->code != "180" && refined->code != "190") return refined;
  // Aerial weapons named right after the source ("a U.S. drone strike").
  auto word = [&](std::uint32_t k) -> std::string_view {
    return k < tokens.size() ? std::string_view(tokens[k].lower) : std::string_view();
  };
  const std::uint32_t after = source_mention.end_token;
  const bool drone = word(after) == "drone" && word(after + 1).starts_with("strike");
  const bool air = (word(after) == "air" && (word(after + 1).starts_with("strike") ||
                                             word(after + 1).starts_with("raid"))) ||
                   word(after).starts_with("airstrike");
  return drone ? code("1952") : air ? code("195") : refined;
}

// Matches `pattern` with its anchor word at token `anchor`.
bool MatchAt(const SentenceView& view, const VerbPattern& pattern, std::uint32_t anchor, PatternMatch* out) {
  PatternMatch state;
  state.pattern = &pattern;
  std::uint32_t first = anchor;
  // Elements before the anchor (optional words, slots) are matched leftwards.
  for (std::size_t e = pattern.anchor; e-- > 0;) {
    const PatternElement& el = pattern.elements[e];
    if (el.type == PatternElement::Type::kWords) {
      if (first > 0 && Matches(el, view.tokens[first - 1])) --first;
      else if (!el.optional) return false;
    } else {
      std::uint32_t pos = first;
      while (pos > 0 && view.group_ending_at[pos] < 0 && first - pos < 2 && IsDeterminer(view.tokens[pos - 1])) --pos;
      std::int32_t g = view.group_ending_at[pos];
      if (g < 0) return false;
      (el.type == PatternElement::Type::kTarget ? state.target_group : state.source_group) = g;
      first = view.groups[g].first_token;
    }
  }
  state.first = first;
  state.end = anchor;
  state.lit_first = anchor;
  state.lit_end = anchor;
  bool passive = IsPassive(view.tokens, first, anchor);
  PatternMatch best;
  MatchForward(view, pattern, pattern.anchor, state, passive, &best);
  if (!best.pattern) return false;
  *out = best;
  return true;
}

// The match at `first` names an event as a noun: after a determiner, a
// possessive, a preposition or an actor used as an adjective ("the bombing",
// "Russia's invasion", "at the UN against criticism", "the Russian strikes").
bool IsNominal(const SentenceView& view, std::uint32_t first) {
  if (first == 0) return false;
  const Token& before = view.tokens[first - 1];
  if (before.lower == "for") {
    // "criticized the Taliban for banning women": after "for", a gerund is a
    // verb whose doer is found as for any verb ("for attacks by", "for the
    // bombing of" are nouns).
    return !IsIngForm(view.tokens[first]) || (first + 1 < view.tokens.size() && view.tokens[first + 1].lower == "of");
  }
  // "made a trip to Moscow to meet with NRF representatives", "in order to
  // meet": "to" before a base form, after a place or "in order", marks an
  // infinitive of purpose, a verb with a doer of its own.
  const Token& word = view.tokens[first];
  if (before.lower == "to" && first >= 2 && word.lower == word.lemma && !word.upper_initial &&
      (view.group_ending_at[first - 1] >= 0 || view.tokens[first - 2].lower == "order"))
    return false;
  return IsDeterminer(before) || before.text == "'s" || before.text == "'" || IsPreposition(before) ||
         view.group_ending_at[first] >= 0;
}

// "the country's exports to the United States grew 4.7 percent", "trade with
// China ... fell 33 percent": a trade noun whose clause reports a rise or a
// fall is a statistic about the flow, not an act of trading.
bool IsTradeStatistic(const SentenceView& view, std::uint32_t first, std::uint32_t end) {
  if (!Is(view.tokens[first], {"exports", "imports", "trade", "shipments", "sales", "purchases", "investment"}))
    return false;
  for (std::uint32_t t = end; t < view.tokens.size() && t < end + 20; ++t) {
    const Token& token = view.tokens[t];
    if (token.text == ";" || (IsHardBoundary(view, t) && token.lower != "which")) return false;
    if (Is(token, {"grew", "grow", "grows", "fell", "fall", "falls", "rose", "rise", "rises", "declined", "declines",
                   "dropped", "drops", "jumped", "jumps", "surged", "surges", "slumped", "slumps", "increased",
                   "decreased", "plunged", "plunges", "soared", "soars", "climbed", "climbs", "shrank", "shrinks",
                   "contracted", "expanded", "tumbled", "slid", "slides", "doubled", "tripled", "halved"}))
      return true;
  }
  return false;
}

// The number written just before token `first`, past up to two lower-case
// words ("at least 223 villagers" -> 223; "1,086" -> 1086); 0 if there is none.
long NumberBefore(const std::vector<Token>& tokens, std::uint32_t first) {
  auto starts_with_digit = [](const Token& token) {
    return !token.text.empty() && std::isdigit(static_cast<unsigned char>(token.text[0]));
  };
  std::uint32_t k = first;
  while (k > 0 && first - k < 3 && !starts_with_digit(tokens[k - 1]) && tokens[k - 1].is_word &&
         !tokens[k - 1].upper_initial)
    --k;
  if (k == 0) return 0;
  std::string digits;
  for (char c : tokens[k - 1].text) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits += c;
    else if (c != ',') return 0;
  }
  return digits.empty() || digits.size() > 7 ? 0 : std::stol(digits);
}

// The noun event at `first` is given as a reason or a charge, not as a new
// act of the clause's subject: "sanctions ... over the violent crackdown on
// protesters", "blamed the PKK for a car bombing", "accused Saudi Arabia of
// the premeditated murder of", "on charges of aiding". Determiners and a few
// lower-case modifiers may come between.
bool IsReasonOrCharge(const SentenceView& view, std::uint32_t first) {
  std::uint32_t k = first;
  for (int skipped = 0; k > 0 && skipped < 3; ++skipped) {
    const Token& before = view.tokens[k - 1];
    const bool modifier = skipped < 2 && before.is_word && !before.upper_initial && !IsPreposition(before) &&
                          !Is(before, {"and", "or"}) && view.group_ending_at[k] < 0;
    if (!IsDeterminer(before) && !modifier) break;
    --k;
  }
  if (k == 0) return false;
  const Token& preposition = view.tokens[k - 1];
  if (Is(preposition, {"over", "for"})) return true;
  // "over the death of Mahsa Amini and the crackdown on protesters": a noun
  // conjoined to a reason is a reason too.
  if (Is(preposition, {"and", "or"})) {
    for (std::uint32_t t = k - 1; t-- > 0 && k - 1 - t <= 8;) {
      if (IsClausePunct(view, t) || IsHardBoundary(view, t)) break;
      if (Is(view.tokens[t], {"over", "for"})) return true;
    }
    return false;
  }
  if (preposition.lower != "of" || k < 2) return false;
  const Token& head = view.tokens[k - 2];
  return Is(head, {"charges", "charge", "suspicion", "guilty", "convicted", "accused", "accusing", "accuse",
                   "accuses", "allegations", "allegation", "accusations", "accusation", "responsibility"}) ||
         head.lemma == "accuse";
}

bool PrecededByPreposition(const SentenceView& view, const ActorGroup& group) {
  std::uint32_t t = group.first_token;
  while (t > 0 && IsDeterminer(view.tokens[t - 1])) --t;
  // "freed from a prison hospital": up to two lower-case modifiers, when a
  // determiner opens the noun phrase before them.
  std::uint32_t u = t;
  for (int modifiers = 0; u > 0 && modifiers < 2; ++modifiers) {
    const Token& word = view.tokens[u - 1];
    if (!word.is_word || word.upper_initial || IsPreposition(word) || IsDeterminer(word) ||
        view.group_ending_at[u] >= 0 || IsHardBoundary(view, u - 1))
      break;
    --u;
  }
  if (u < t && u > 0 && IsDeterminer(view.tokens[u - 1])) {
    t = u;
    while (t > 0 && IsDeterminer(view.tokens[t - 1])) --t;
  }
  if (t == 0) return false;
  const Token& before = view.tokens[t - 1];
  // "for Russia to accredit": the subject of an infinitive, not an object.
  if (before.lower == "for") return false;
  // "Thousands of PTI supporters rallied", "a convoy of UN peacekeepers was
  // attacked": the actor after a quantity or collective noun is the subject.
  if (before.lower == "of" && t >= 2) {
    const Token& noun = view.tokens[t - 2];
    if (Is(noun, {"thousands", "hundreds", "dozens", "scores", "millions", "tens", "group", "groups", "number",
                  "convoy", "convoys", "team", "teams", "unit", "units", "contingent", "crowd", "crowds", "band",
                  "column", "batch", "members", "delegation"}))
      return false;
  }
  // "developing countries led by Brazil and India rejected", "a coalition
  // led by Saudi Arabia launched": the leaders stand for the body they lead.
  if (before.lower == "by" && t >= 3 && Is(view.tokens[t - 2], {"led", "headed", "spearheaded"}) &&
      Is(view.tokens[t - 3], {"countries", "nations", "states", "coalition", "alliance", "bloc", "group", "members",
                              "governments", "forces", "economies"}))
    return false;
  // "Observers from the OSCE criticised": people sent by the actor.
  if ((before.lower == "from" || before.lower == "of") && t >= 2 &&
      Is(view.tokens[t - 2], {"observers", "monitors", "experts", "inspectors", "investigators", "representatives",
                              "delegates", "envoys", "negotiators", "mediators"}))
    return false;
  return IsPreposition(before);
}

// "X, which borders Y, condemned Z": the span of a non-restrictive relative
// clause that closes with a comma just before `pos`, or {0, 0}.
std::pair<std::uint32_t, std::uint32_t> RelativeClauseBefore(const SentenceView& view, std::uint32_t pos) {
  const auto& tokens = view.tokens;
  std::uint32_t close = pos;
  while (close > 0 && pos - close < 3 && tokens[close - 1].text != ",") --close;
  if (close == 0 || tokens[close - 1].text != ",") return {0, 0};
  --close;  // the closing comma
  for (std::uint32_t t = close; t-- > 1 && close - t < 25;) {
    if (tokens[t].text == ";" || IsQuote(tokens[t])) break;
    if (Is(tokens[t], {"which", "who", "whose"}) && tokens[t - 1].text == ",") return {t, close};
  }
  return {0, 0};
}

// The groups that could be the subject of the verb at `pos`, nearest first:
// left of it, in the same clause and quote, neither a speaker nor a place. By
// word order alone (`word_order`), groups behind a preposition or inside a
// comma-enclosed relative clause are left out too; the parser may still pick
// them ("the minister who visited Iraq criticized").
std::vector<std::int32_t> SubjectCandidates(const SentenceView& view, std::uint32_t pos, std::int32_t quote,
                                            bool word_order) {
  std::vector<std::int32_t> candidates;
  auto [relative_first, relative_end] = word_order ? RelativeClauseBefore(view, pos) : std::pair<std::uint32_t, std::uint32_t>{0, 0};
  for (std::int32_t g = std::int32_t(view.groups.size()) - 1; g >= 0; --g) {
    const ActorGroup& group = view.groups[g];
    if (group.end_token > pos) continue;
    bool blocked = false;
    for (std::uint32_t t = group.end_token; t < pos && !blocked; ++t)
      blocked = view.tokens[t].text == ";" || IsQuote(view.tokens[t]);
    if (blocked) break;
    if (quote >= 0 && view.quote_of[group.first_token] != quote) break;
    if (view.speaker_token[group.first_token] || group.place) continue;
    if (word_order && PrecededByPreposition(view, group)) continue;
    if (relative_end > 0 && group.first_token > relative_first && group.end_token <= relative_end) continue;
    candidates.push_back(g);
  }
  return candidates;
}

// The subject by word order: the nearest candidate.
std::int32_t FindSubject(const SentenceView& view, std::uint32_t pos, std::int32_t quote) {
  std::vector<std::int32_t> candidates = SubjectCandidates(view, pos, quote, /*word_order=*/true);
  return candidates.empty() ? -1 : candidates.front();
}

bool IsAuxiliary(const Token& token) {
  return Is(token, {"has", "have", "had", "will", "would", "could", "can", "may", "might", "should", "did", "does",
                    "do", "is", "are", "was", "were"});
}

// "trade practices that threatened the EU's market", "reports that accused
// China": a "that" (or "which", "who") between a common noun and a verb is the
// relative pronoun subject of that verb, standing for the noun.
bool RelativePronounAfterCommonNoun(const SentenceView& view, std::uint32_t t) {
  if (t == 0 || !Is(view.tokens[t], {"that", "which", "who"})) return false;
  const Token& noun = view.tokens[t - 1];
  return noun.is_word && !noun.upper_initial && view.group_ending_at[t] < 0 && !IsDeterminer(noun) &&
         !IsPreposition(noun) && !IsSayWord(noun) && !IsAuxiliary(noun) && !IsAdverb(noun) &&
         !Is(noun, {"so", "now", "such", "and", "or", "but", "than", "it", "this", "those", "these"}) &&
         // "issued a statement that condemned Israel": the issuer's words.
         !Is(noun, {"statement", "statements", "communique", "declaration", "resolution", "letter", "message",
                    "speech", "tweet", "post", "video", "address", "motion"});
}

// ... and the verb at `verb` is such a clause's: its doer is the noun, not an actor.
bool HasCommonNounRelativeSubject(const SentenceView& view, std::uint32_t verb) {
  std::uint32_t k = verb;
  // "diplomats who wished to discuss": a catenative verb and its "to" stand
  // between the pronoun and the act.
  for (bool moved = true; moved;) {
    moved = false;
    while (k > 0 && (IsAdverb(view.tokens[k - 1]) || IsAuxiliary(view.tokens[k - 1]))) --k, moved = true;
    if (k >= 3 && view.tokens[k - 1].lower == "to" &&
        Is(view.tokens[k - 2], {"wished", "wish", "wishes", "wanted", "want", "wants", "hoped", "hope", "hopes",
                                "tried", "try", "tries", "sought", "seek", "seeks", "planned", "plan", "plans",
                                "agreed", "agree", "agrees", "attempted", "intended", "intend", "intends",
                                "refused", "refuse", "refuses", "offered", "offer", "offers"}))
      k -= 2, moved = true;
  }
  return k > 0 && RelativePronounAfterCommonNoun(view, k - 1);
}

// "Tajikistan ... is the only Afghanistan neighbor that has refused to allow":
// when the noun a relative pronoun stands for is the predicate of "is/was",
// the relative clause is said of the copula's subject. Returns the first
// token of that "is/was", or 0 if the noun is no such predicate.
std::uint32_t PredicateNounCopula(const SentenceView& view, std::uint32_t verb) {
  std::uint32_t k = verb;
  while (k > 0 && !Is(view.tokens[k - 1], {"that", "which", "who"})) --k;
  if (k < 2) return 0;
  for (std::uint32_t t = k - 1; t-- > 0 && k - 1 - t <= 6;) {
    const Token& token = view.tokens[t];
    if (IsBeForm(token)) return t;
    bool noun_phrase_word = IsDeterminer(token) || (token.is_word && !IsPreposition(token) && !IsSayWord(token)) ||
                            token.text == "-";
    if (!noun_phrase_word || IsClausePunct(view, t)) return 0;
  }
  return 0;
}

// A noun that stands for an act or its outcome ("a move Beijing condemned",
// "a ruling that Odinga praised").
bool NamesAnAct(const Token& token) {
  return Is(token, {"result", "results", "ruling", "request", "election", "vote", "decision", "move", "verdict",
                    "report", "plan", "deal", "proposal", "demand", "offer", "agreement", "measure", "law", "bill",
                    "policy", "step", "statement", "resolution", "outcome", "referendum", "sanctions", "appeal",
                    "call", "claim"});
}

// The object: first group after `pos` in the clause; participants before places.
// "..., a decision that ECOWAS condemned": `that` opening a relative clause
// on a noun set off by a comma (not the "that" of "said that").
bool OpensAppositiveRelative(const SentenceView& view, std::uint32_t t) {
  if (view.tokens[t].lower != "that") return false;
  for (std::uint32_t k = t, words = 0; k-- > 0 && words < 4; ++words) {
    const Token& token = view.tokens[k];
    if (token.text == ",") return words > 0;
    if (!token.is_word || token.upper_initial || view.group_ending_at[k + 1] >= 0) return false;
  }
  return false;
}

std::int32_t FindObject(const SentenceView& view, std::uint32_t pos, std::int32_t quote, bool* from_place) {
  std::int32_t place = -1;
  *from_place = false;
  for (std::uint32_t t = pos; t < view.tokens.size() && t < pos + 15; ++t) {
    if (quote >= 0 && view.quote_of[t] != quote && !IsQuote(view.tokens[t])) break;
    if (IsHardBoundary(view, t) && !(t == pos && view.tokens[t].lower == "who")) break;
    if (OpensAppositiveRelative(view, t)) break;
    // "raided the offices of Mada Masr and briefly detained three journalists":
    // a coordinated past-tense verb starts another act with objects of its own.
    if (t > pos && view.tokens[t].lower == "and") {
      std::uint32_t v = t + 1;
      while (v < view.tokens.size() && Is(view.tokens[v], {"briefly", "later", "then", "also", "subsequently"})) ++v;
      const Token* verb = v < view.tokens.size() ? &view.tokens[v] : nullptr;
      if (verb && verb->is_word && !verb->upper_initial && view.group_starting_at[v] < 0 && verb->lower.size() > 4 &&
          verb->lower.ends_with("ed") && (v + 1 >= view.tokens.size() || !IsPreposition(view.tokens[v + 1]) ||
                                          view.group_starting_at[v + 1] >= 0))
        break;
    }
    // "killing at least eight officers, and the Pakistani Taliban claimed
    // responsibility": an actor after ", and" opens a clause of its own (a
    // list of objects is one group, so its ", and" is never reached here).
    if (t > pos && view.tokens[t].text == "," && t + 1 < view.tokens.size() && view.tokens[t + 1].lower == "and") {
      std::uint32_t k = t + 2;
      while (k < view.tokens.size() && IsDeterminer(view.tokens[k])) ++k;
      if (k < view.tokens.size() && view.group_starting_at[k] >= 0) break;
    }
    // "broke global trade law, handing a victory to the United States", "had
    // broken the law by failing to arrest Sudanese President Omar al-Bashir":
    // a participle clause after a comma, or a gerund after a preposition,
    // has objects of its own.
    // ("in neighboring Uzbekistan": an -ing adjective is no verb).
    if (t + 1 < view.tokens.size() && (view.tokens[t].text == "," || IsPreposition(view.tokens[t])) &&
        IsIngForm(view.tokens[t + 1]) && !view.tokens[t + 1].upper_initial && view.group_starting_at[t + 1] < 0 &&
        !Is(view.tokens[t + 1], {"neighboring", "neighbouring", "ruling", "leading", "warring", "governing",
                                 "opposing", "remaining", "emerging", "developing", "existing", "upcoming",
                                 "ongoing", "outgoing", "incoming", "following", "including", "regarding",
                                 "concerning", "surrounding", "during"}))
      break;
    // "sending a bomber to Doha and attacking Swedish facilities": a
    // coordinated gerund starts another act with objects of its own.
    if (t > pos && Is(view.tokens[t], {"and", "or"}) && t + 1 < view.tokens.size() &&
        IsIngForm(view.tokens[t + 1]) && !view.tokens[t + 1].upper_initial && view.group_starting_at[t + 1] < 0)
      break;
    // "raised duties on semiconductors, a move Beijing condemned": the
    // appositive names the act; what follows is not its object.
    if (view.tokens[t].text == "," && t + 2 < view.tokens.size() && Is(view.tokens[t + 1], {"a", "the"}) &&
        NamesAnAct(view.tokens[t + 2]))
      break;
    // "criticized reports that accused China": China is the reports' object.
    if (t > pos && RelativePronounAfterCommonNoun(view, t) && t + 1 < view.tokens.size() &&
        view.group_starting_at[t + 1] < 0 && !IsDeterminer(view.tokens[t + 1]))
      break;
    std::int32_t g = view.group_starting_at[t];
    if (g < 0 || view.speaker_token[t]) continue;
    // "arrested a Huawei executive at Washington's request": who asked is
    // not whom the act is done to.
    {
      std::uint32_t end = view.groups[g].end_token;
      if (t > 0 && Is(view.tokens[t - 1], {"at", "on", "upon"}) && end + 1 < view.tokens.size() &&
          view.tokens[end].lower == "'s" &&
          Is(view.tokens[end + 1], {"request", "behest", "invitation", "urging", "insistence", "initiative"}))
        continue;
    }
    if (!view.groups[g].place) return g;
    if (place < 0) place = g;
  }
  *from_place = place >= 0;
  return place;
}

// Whom a claim of responsibility ("X claimed responsibility ...") is aimed at:
// the victims of the claimed attack. Named after "for" ("for coordinated
// attacks by gunmen ... in Paris"), they are the first actor there that is
// not behind "by" (a place if nothing else); with only "for the attack" they
// were named before the claimant ("... killed 13 U.S. service members, and
// Islamic State claimed responsibility"), and the perpetrators there (armed
// non-state roles such as "a suicide bomber") are not them. `*phrase_end` is
// where the claimed attack's description ends: acts named inside it are what
// is claimed, not further acts.
std::int32_t ClaimedAttackVictims(const SentenceView& view, const PatternMatch& match, std::int32_t source,
                                  std::uint32_t* phrase_end) {
  const auto& tokens = view.tokens;
  std::uint32_t t = match.end;
  while (t < tokens.size() && t < match.end + 4 && tokens[t].lower != "for" && !IsClausePunct(view, t)) ++t;
  *phrase_end = match.end;
  std::int32_t victims = -1, place = -1;
  if (t < tokens.size() && tokens[t].lower == "for") {
    std::uint32_t k = t + 1;
    for (; k < tokens.size(); ++k) {
      if (tokens[k].text == "," || tokens[k].text == ";" || tokens[k].text == ":" || IsQuote(tokens[k])) break;
      std::int32_t g = view.group_starting_at[k];
      if (g < 0 || g == source || view.speaker_token[k] || tokens[k - 1].lower == "by") continue;
      if (view.groups[g].place) {
        if (place < 0) place = g;
      } else if (victims < 0) {
        victims = g;
      }
    }
    *phrase_end = k;
  }
  if (victims >= 0) return victims;
  if (place >= 0) return place;
  for (std::int32_t g = source; g-- > 0;) {
    const ActorGroup& group = view.groups[g];
    if (group.end_token > view.groups[source].first_token || view.speaker_token[group.first_token]) continue;
    bool perpetrators = true;
    for (std::uint32_t m : group.members) {
      const std::string& agent = view.mentions[m].ref.agent;
      perpetrators = perpetrators && (agent == "INS" || agent == "REB" || agent == "CRM");
    }
    if (perpetrators) continue;
    if (!group.place) return g;
    if (place < 0) place = g;
  }
  return place;
}

// The `by` agent of a passive: "was accredited by the Foreign Ministry".
std::int32_t FindByAgent(const SentenceView& view, std::uint32_t pos) {
  for (std::uint32_t t = pos; t < view.tokens.size() && t < pos + 5; ++t) {
    if (IsHardBoundary(view, t) || view.tokens[t].text == ",") return -1;
    if (view.tokens[t].lower != "by") continue;
    std::uint32_t group_end = 0;
    return SlotGroupAt(view, t + 1, &group_end);
  }
  return -1;
}

bool IsNegated(const SentenceView& view, std::uint32_t from, std::uint32_t to) {
  const auto& tokens = view.tokens;
  for (std::uint32_t t = from; t < to; ++t) {
    const Token& token = tokens[t];
    if (Is(token, {"not", "n't", "never", "no", "neither", "nor", "without", "cannot", "premature"})) return true;
    // "denied they had met": a denial negates what follows it.
    if (token.lemma == "deny" || token.lower == "denied") return true;
    bool next_is_to = t + 1 < tokens.size() && tokens[t + 1].lower == "to";
    if (next_is_to && (token.lemma == "refuse" || token.lemma == "decline" || token.lemma == "fail" ||
                       token.lower == "yet" || token.lemma == "reject" || token.lemma == "deny" ||
                       token.lower == "unable" || token.lower == "unwilling" || token.lower == "reluctant"))
      return true;
  }
  return false;
}

// "will", "'ll", "plans to", "intends to", "is set to" before the verb.
bool IsFuture(const SentenceView& view, std::uint32_t from, std::uint32_t to) {
  const auto& tokens = view.tokens;
  for (std::uint32_t t = from; t < to; ++t) {
    if (Is(tokens[t], {"will", "'ll", "shall"})) return true;
    bool next_is_to = t + 1 < tokens.size() && tokens[t + 1].lower == "to";
    if (next_is_to && (tokens[t].lemma == "plan" || tokens[t].lemma == "intend" || tokens[t].lower == "set" ||
                       tokens[t].lemma == "pledge" || tokens[t].lemma == "promise" || tokens[t].lemma == "vow"))
      return true;
  }
  return false;
}

// "could", "might", "may", "should", "if", "whether" before the verb: the act
// is a possibility, not a fact. "would" is reported future after a say word
// ("said it would send troops") and hypothetical otherwise.
enum class Modality { kFact, kHypothetical, kFuture };
// "about 10 countries have accepted Taliban diplomats, including China, Iran
// and Russia": a plural common noun as the subject ("countries", "nations")
// stands for the states listed after "including" or "such as" later in the
// clause. Returns that list's group, or -1.
std::int32_t ListedSubject(const SentenceView& view, std::uint32_t verb_first, std::uint32_t verb_end) {
  const auto& tokens = view.tokens;
  // The subject noun: just before the verb, past auxiliaries, adverbs and quotes.
  std::uint32_t t = verb_first;
  while (t > 0 && (IsAdverb(tokens[t - 1]) || IsQuote(tokens[t - 1]) ||
                   Is(tokens[t - 1], {"have", "has", "had", "already", "also", "all", "now", "reportedly"})))
    --t;
  if (t == 0 || view.group_ending_at[t] >= 0) return -1;
  if (!Is(tokens[t - 1], {"countries", "nations", "states", "governments", "members", "neighbours", "neighbors",
                          "allies", "capitals", "donors"}))
    return -1;
  for (std::uint32_t k = verb_end; k + 1 < tokens.size(); ++k) {
    if (IsHardBoundary(view, k)) return -1;
    std::uint32_t start = 0;
    if (tokens[k].lower == "including") start = k + 1;
    else if (tokens[k].lower == "such" && tokens[k + 1].lower == "as") start = k + 2;
    if (start == 0) continue;
    if (start < view.group_starting_at.size() && view.group_starting_at[start] >= 0) {
      std::int32_t g = view.group_starting_at[start];
      if (!view.groups[g].place) return g;
    }
    return -1;
  }
  return -1;
}

Modality ModalityOf(const SentenceView& view, std::uint32_t clause_start, std::uint32_t from, std::uint32_t to) {
  const auto& tokens = view.tokens;
  // Conditions open the clause: "If Russia attacks Ukraine, ...".
  for (std::uint32_t t = clause_start; t < to; ++t)
    if (Is(tokens[t], {"if", "unless", "whether"})) return Modality::kHypothetical;
  for (std::uint32_t t = from; t < to; ++t) {
    const Token& token = tokens[t];
    if (Is(token, {"could", "might", "may", "should", "ought", "possibly", "perhaps"})) return Modality::kHypothetical;
    if (token.lower == "would") {
      for (std::uint32_t k = 0; k < t; ++k)
        if (IsSayWord(tokens[k])) return Modality::kFuture;
      return Modality::kHypothetical;
    }
    bool next_is_to = t + 1 < tokens.size() && tokens[t + 1].lower == "to";
    if (next_is_to && (token.lemma == "consider" || token.lemma == "threaten" || token.lower == "likely" ||
                       token.lower == "unlikely" || token.lemma == "seek" || token.lemma == "want" ||
                       token.lemma == "hope" || token.lemma == "try" || token.lemma == "attempt"))
      return Modality::kHypothetical;
  }
  return Modality::kFact;
}

struct Speaker {
  std::uint32_t say_token = 0;
  std::uint32_t first_token = 0, end_token = 0;
  std::string text;
  std::string code;
  std::int32_t group = -1;
};

// "X said", "said X", "X told VOA", "according to X".
std::vector<Speaker> FindSpeakers(const SentenceView& view, std::string_view story_text) {
  std::vector<Speaker> speakers;
  const auto& tokens = view.tokens;
  auto mention_ending_at = [&](std::uint32_t end) -> std::int32_t {
    for (std::int32_t m = 0; m < std::int32_t(view.mentions.size()); ++m)
      if (view.mentions[m].end_token == end) return m;
    return -1;
  };
  auto mention_starting_at = [&](std::uint32_t first) -> std::int32_t {
    for (std::int32_t m = 0; m < std::int32_t(view.mentions.size()); ++m)
      if (view.mentions[m].first_token == first) return m;
    return -1;
  };
  auto group_of_mention = [&](std::int32_t m) -> std::int32_t {
    for (std::int32_t g = 0; g < std::int32_t(view.groups.size()); ++g)
      for (std::uint32_t member : view.groups[g].members)
        if (std::int32_t(member) == m) return g;
    return -1;
  };
  auto set_from_mention = [&](Speaker& s, std::int32_t m) {
    const ActorMention& mention = view.mentions[m];
    s.first_token = mention.first_token;
    s.end_token = mention.end_token;
    s.text = mention.ref.text;
    s.code = mention.ref.country.empty() ? "" : mention.ref.code;
    s.group = group_of_mention(m);
  };
  auto set_from_names = [&](Speaker& s, std::uint32_t first, std::uint32_t end) {
    s.first_token = first;
    s.end_token = end;
    s.text = std::string(story_text.substr(tokens[first].begin, tokens[end - 1].end - tokens[first].begin));
  };
  for (std::uint32_t t = 0; t < tokens.size(); ++t) {
    if (view.quote_of[t] >= 0) continue;
    Speaker speaker;
    speaker.say_token = t;
    bool found = false;
    // "told Afghan women to stay home" is an order, not a quotation.
    bool tell_to = false;
    if (tokens[t].lemma == "tell" && t + 1 < tokens.size()) {
      std::uint32_t k = t + 1;
      while (k < tokens.size() && IsDeterminer(tokens[k])) ++k;
      if (k < tokens.size() && view.group_starting_at[k] >= 0) {
        std::uint32_t end = view.groups[view.group_starting_at[k]].end_token;
        tell_to = end < tokens.size() && tokens[end].lower == "to";
      }
    }
    // "claimed responsibility for the attack" is an act, not a quotation.
    // "insisted on the formation of ..." is a demand, not a quotation either.
    bool claims_an_act = (tokens[t].lemma == "claim" && t + 1 < tokens.size() &&
                          Is(tokens[t + 1], {"responsibility", "credit", "victory"})) ||
                         (tokens[t].lemma == "insist" && t + 1 < tokens.size() && tokens[t + 1].lower == "on");
    if (IsSayWord(tokens[t]) && !tell_to && !claims_an_act) {
      // Left: "Neumann said", "the spokesperson also said".
      std::uint32_t end = t;
      while (end > 0 && Is(tokens[end - 1], {"also", "later", "reportedly", "has", "have", "had", "previously",
                                              "earlier", "further", "then", "separately"}))
        --end;
      // "Ronald Neumann, a former U.S. ambassador to Kabul, said": the name before the apposition.
      // Not for ", saying": that participle's speaker is its main clause's subject
      // ("France, Germany and Britain condemned the test, saying ...").
      if (end > 1 && tokens[end - 1].text == "," && !IsIngForm(tokens[t])) {
        for (std::uint32_t k = end - 1; k-- > 0 && end - k < 25;) {
          if (tokens[k].text == ",") {
            end = k;
            break;
          }
          if (IsQuote(tokens[k])) break;
        }
      }
      std::int32_t m = end > 0 ? mention_ending_at(end) : -1;
      if (m >= 0) {
        set_from_mention(speaker, m);
        found = true;
      } else {
        std::uint32_t first = end;
        while (first > 0 && end - first < 4 && tokens[first - 1].upper_initial && tokens[first - 1].is_word) --first;
        if (first < end && !(first == 0 && end - first == 1 && Is(tokens[0], {"he", "she", "it", "they"}))) {
          set_from_names(speaker, first, end);
          found = true;
        } else if (end > 0 && Is(tokens[end - 1], {"he", "she", "they"})) {
          set_from_names(speaker, end - 1, end);
          found = true;
        }
      }
      // Right: "said Shaheen", "said the spokesperson".
      if (!found && t + 1 < tokens.size()) {
        std::uint32_t first = t + 1;
        if (tokens[first].lower == "the" || tokens[first].lower == "a") ++first;
        std::int32_t right = first < tokens.size() ? mention_starting_at(first) : -1;
        if (right >= 0) {
          set_from_mention(speaker, right);
          found = true;
        } else {
          std::uint32_t end2 = first;
          while (end2 < tokens.size() && end2 - first < 4 && tokens[end2].upper_initial && tokens[end2].is_word) ++end2;
          if (end2 > first) {
            set_from_names(speaker, first, end2);
            found = true;
          }
        }
      }
    } else if (tokens[t].lower == "according" && t + 1 < tokens.size() && tokens[t + 1].lower == "to") {
      std::uint32_t first = t + 2;
      while (first < tokens.size() && IsDeterminer(tokens[first])) ++first;
      std::int32_t m = first < tokens.size() ? mention_starting_at(first) : -1;
      if (m >= 0) {
        set_from_mention(speaker, m);
        found = true;
      }
    }
    if (found) speakers.push_back(std::move(speaker));
  }
  return speakers;
}

}  // namespace

// Scare quotes ('have "accepted" Taliban diplomats') mark a word, not speech.
// Returns the sentence without such quote marks, and the mentions re-indexed
// to it, or nothing when the sentence has none. Offsets are untouched, so
// events coded from the copy point at the same bytes.
bool WithoutScareQuotes(const Sentence& sentence, const std::vector<ActorMention>& mentions, Sentence* out_sentence,
                        std::vector<ActorMention>* out_mentions) {
  const auto& tokens = sentence.tokens;
  std::vector<bool> drop(tokens.size(), false);
  bool any = false;
  for (std::uint32_t i = 0; i < tokens.size(); ++i) {
    if (!IsQuote(tokens[i])) continue;
    std::uint32_t j = i + 1;
    while (j < tokens.size() && j - i <= 4 && tokens[j].is_word) ++j;
    if (j >= tokens.size() || !IsQuote(tokens[j]) || j == i + 1 || j - i > 4) continue;
    // Speech follows a say-word or a colon: '... said "yes"'.
    if (i > 0 && (IsSayWord(tokens[i - 1]) || tokens[i - 1].text == ":" || tokens[i - 1].text == ",")) continue;
    bool has_actor = false;
    for (const ActorMention& mention : mentions) has_actor = has_actor || (mention.first_token < j && mention.end_token > i);
    if (has_actor) continue;
    drop[i] = drop[j] = true;
    any = true;
    i = j;
  }
  if (!any) return false;
  std::vector<std::uint32_t> new_index(tokens.size() + 1, 0);
  *out_sentence = sentence;
  out_sentence->tokens.clear();
  for (std::uint32_t i = 0; i < tokens.size(); ++i) {
    new_index[i] = std::uint32_t(out_sentence->tokens.size());
    if (!drop[i]) out_sentence->tokens.push_back(tokens[i]);
  }
  new_index[tokens.size()] = std::uint32_t(out_sentence->tokens.size());
  *out_mentions = mentions;
  for (ActorMention& mention : *out_mentions) {
    mention.first_token = new_index[mention.first_token];
    mention.end_token = new_index[mention.end_token];
  }
  return true;
}

std::vector<Event> EventCoder::CodeSentence(const Story& story, const Sentence& sentence,
                                            const std::vector<ActorMention>& mentions, SyntaxOracle* syntax) const {
  std::vector<Event> events;
  if (sentence.tokens.empty() || mentions.empty()) return events;
  {
    Sentence plain;
    std::vector<ActorMention> plain_mentions;
    if (WithoutScareQuotes(sentence, mentions, &plain, &plain_mentions))
      return CodeSentence(story, plain, plain_mentions, syntax);
  }
  SentenceView view = BuildView(sentence, mentions);
  if (view.groups.empty()) return events;
  const auto& tokens = view.tokens;

  // 1. Every pattern that matches, anchored at each token.
  std::vector<PatternMatch> matches;
  for (std::uint32_t t = 0; t < tokens.size(); ++t) {
    if (!tokens[t].is_word) continue;
    // "US-backed", "Iranian-supported": a modifier, not an event.
    if (t >= 2 && tokens[t - 1].text == "-" && tokens[t - 1].begin == tokens[t - 2].end &&
        tokens[t].begin == tokens[t - 1].end)
      continue;
    PatternMatch best;
    auto consider = [&](const std::vector<std::uint32_t>* candidates) {
      if (!candidates) return;
      for (std::uint32_t index : *candidates) {
        PatternMatch match;
        if (!MatchAt(view, verbs_.patterns()[index], t, &match)) continue;
        if (!best.pattern || match.literals > best.literals ||
            (match.literals == best.literals && match.end - match.first < best.end - best.first))
          best = match;
      }
    };
    consider(verbs_.Candidates(tokens[t].lemma));
    if (tokens[t].lower != tokens[t].lemma) consider(verbs_.Candidates(tokens[t].lower));
    if (best.pattern) matches.push_back(best);
  }
  // 2. Overlapping matches: the more specific pattern wins.
  std::stable_sort(matches.begin(), matches.end(), [](const PatternMatch& a, const PatternMatch& b) {
    return a.literals > b.literals;
  });
  std::vector<bool> taken(tokens.size(), false);
  std::vector<PatternMatch> accepted;
  for (const PatternMatch& match : matches) {
    bool overlap = false;
    for (std::uint32_t t = match.lit_first; t < match.lit_end && !overlap; ++t) overlap = taken[t];
    if (overlap) continue;
    for (std::uint32_t t = match.lit_first; t < match.lit_end; ++t) taken[t] = true;
    accepted.push_back(match);
  }
  std::sort(accepted.begin(), accepted.end(),
            [](const PatternMatch& a, const PatternMatch& b) { return a.lit_first < b.lit_first; });

  std::vector<Speaker> speakers = FindSpeakers(view, story.text);
  for (const Speaker& speaker : speakers)
    for (std::uint32_t t = speaker.first_token; t < speaker.end_token; ++t) view.speaker_token[t] = true;
  std::uint32_t claimed_from = 0, claimed_until = 0;  // an attack named in a claim of responsibility
  std::size_t denied_index = SIZE_MAX;  // the act a denial ("denied any role in") is about
  std::int32_t denier = -1;
  std::vector<std::int32_t> source_of_match(accepted.size(), -1);
  std::vector<std::int32_t> target_of_match(accepted.size(), -1);

  // 3. Source, target, negation and attribution for each match.
  for (std::size_t index = 0; index < accepted.size(); ++index) {
    const PatternMatch& match = accepted[index];
    const CameoCode* cameo = table_.Find(match.pattern->code);
    if (!cameo || IsAdjectivalParticiple(tokens, match.lit_first)) continue;
    if (IsFigurativeWar(tokens, match.lit_first, match.lit_end)) continue;
    if (match.lit_first >= claimed_from && match.lit_first < claimed_until) continue;
    // "sanctions against Russia, including asset freezes on Putin": the
    // "including" phrase details the act already coded, of the same root.
    if (index > 0 && accepted[index - 1].pattern->code.substr(0, 2) == match.pattern->code.substr(0, 2)) {
      bool detail = false;
      for (std::uint32_t k = accepted[index - 1].end; k < match.first && k < accepted[index - 1].end + 12; ++k) {
        if (IsHardBoundary(view, k)) break;
        if (tokens[k].lower == "including" && k > 0 && tokens[k - 1].text == ",") detail = true;
      }
      if (detail) continue;
    }
    // "journalists are in jail", "released from jail": a place of detention,
    // not the act of jailing.
    if (Is(tokens[match.lit_first], {"jail", "prison"}) && match.lit_end == match.lit_first + 1 &&
        match.lit_first > 0 && Is(tokens[match.lit_first - 1], {"in", "from", "of", "out"}))
      continue;
    std::int32_t quote = view.quote_of[match.lit_first];
    double confidence = 0.9;

    std::int32_t source = match.source_group;
    std::int32_t target = match.target_group;
    // "condemned the drone attack carried out by the Houthis against the UAE":
    // an event named in the object of another is not done by that one's
    // subject; it needs its own "by" agent.
    bool embedded = false;
    if (index > 0 && source < 0) {
      std::uint32_t t = accepted[index - 1].end;
      while (t < match.first && IsDeterminer(tokens[t])) ++t;
      // At least one determiner between: "condemned the attack", not "agreed to recognize".
      embedded = t == match.first && accepted[index - 1].end < match.first;
      // A noun event further on in the same clause ("condemned Russia's invasion
      // of Ukraine", "recalled its ambassador in protest at the bombing of Gaza").
      if (!embedded && IsNominal(view, match.first) && match.first - accepted[index - 1].end <= 10) {
        bool boundary = false;
        for (std::uint32_t k = accepted[index - 1].end; k < match.first && !boundary; ++k)
          boundary = IsHardBoundary(view, k) || tokens[k].text == "," || tokens[k].lower == "and";
        embedded = !boundary;
      }
    }
    if (!embedded && source < 0 && IsNominal(view, match.first) && IsReasonOrCharge(view, match.first))
      embedded = true;
    if (match.first == match.lit_first && IsNominal(view, match.first) &&
        IsTradeStatistic(view, match.first, match.end))
      continue;
    // "Hamas denied any role in the abduction of three Israeli teenagers": the
    // act named as what is denied is the denier's own act, negated.
    const bool denied = index == denied_index;
    if (denied && denier >= 0 && source < 0 && (embedded || IsNominal(view, match.first))) {
      source = denier;
      embedded = false;
    }
    if (embedded) {
      std::int32_t agent = FindByAgent(view, match.end);
      if (agent < 0) continue;
      source = agent;
      if (target < 0) {
        bool from_place = false;
        target = FindObject(view, view.groups[agent].end_token, quote, &from_place);
      }
      confidence -= 0.1;
    }
    std::uint32_t subject_end = 0;  // where the negation window may start
    bool passive = false;
    if (source < 0) {
      passive = IsPassive(tokens, match.first, match.lit_first);
      std::int32_t copula_subject = -1;
      if (!passive && HasCommonNounRelativeSubject(view, match.first)) {
        std::uint32_t copula = PredicateNounCopula(view, match.first);
        if (copula > 0) copula_subject = FindSubject(view, copula, quote);
        if (copula_subject < 0) continue;  // not an actor's act
      }
      std::int32_t subject = copula_subject >= 0 ? copula_subject : FindSubject(view, match.first, quote);
      // "officials are concerned it could confer legitimacy on the Taliban":
      // "it" standing for a thing (the move) is the subject; only "X said
      // (that) it would" makes "it" the speaker.
      if (!passive && quote < 0) {
        std::uint32_t k = match.first;
        while (k > 0 && (IsAdverb(tokens[k - 1]) || IsAuxiliary(tokens[k - 1]) ||
                         Is(tokens[k - 1], {"not", "n't", "never", "also", "even", "still"})))
          --k;
        if (k > 0 && tokens[k - 1].lower == "it") {
          // "Canada said on Monday that it would": a say verb a few words back.
          bool said_it = false;
          for (std::uint32_t t = k - 1; t-- > 0 && k - 1 - t <= 5 && !said_it;) {
            if (IsHardBoundary(view, t) && tokens[t].lower != "that") break;
            said_it = IsSayWord(tokens[t]) ||
                      Is(tokens[t], {"hoped", "hopes", "believes", "believed", "expects", "expected", "warned", "warns",
                                     "threatened", "threatens", "signalled", "signaled", "indicated", "announced",
                                     "confirmed", "denied", "denies"});
          }
          if (!said_it) continue;
        }
      }
      // "China, Pakistan, Russia and Turkmenistan have accredited envoys, even
      // though all have refused to recognize the government": "all"/"both" as a
      // subject stand for the sentence's last list of actors.
      for (std::uint32_t k = match.first; k-- > 0 && match.first - k <= 5;) {
        if (!tokens[k].is_word || tokens[k].upper_initial || view.group_starting_at[k] >= 0) break;
        if (!Is(tokens[k], {"all", "both"})) continue;
        bool opens_clause = k == 0 || tokens[k - 1].text == "," ||
                            Is(tokens[k - 1], {"though", "although", "and", "but", "while", "whereas"});
        if (!opens_clause) break;
        for (std::int32_t g = std::int32_t(view.groups.size()) - 1; g >= 0; --g) {
          if (view.groups[g].end_token > k || view.groups[g].members.size() < 2 || view.groups[g].place) continue;
          subject = g;
          break;
        }
        break;
      }
      // "Putin met with Raisi in January and the two discussed Afghanistan":
      // "the two" (men, leaders, sides ...) are the previous event's parties.
      if (index > 0 && source_of_match[index - 1] >= 0 && target_of_match[index - 1] >= 0 &&
          source_of_match[index - 1] != target_of_match[index - 1]) {
        std::uint32_t k = match.first;
        while (k > 0 && (IsAdverb(tokens[k - 1]) || Is(tokens[k - 1], {"have", "has", "had"}))) --k;
        if (k > 0 && Is(tokens[k - 1], {"men", "leaders", "sides", "countries", "presidents", "ministers",
                                         "governments", "nations", "delegations"}))
          --k;
        if (k >= 2 && Is(tokens[k - 1], {"two"}) && Is(tokens[k - 2], {"the"}) &&
            accepted[index - 1].end <= k - 2) {
          ActorGroup pair;
          for (std::int32_t g : {source_of_match[index - 1], target_of_match[index - 1]})
            pair.members.insert(pair.members.end(), view.groups[g].members.begin(), view.groups[g].members.end());
          pair.first_token = k - 2;
          pair.end_token = k;
          view.groups.push_back(std::move(pair));
          subject = std::int32_t(view.groups.size()) - 1;
        }
      }
      // "Switzerland said it would adopt the EU's sanctions against Russia":
      // an act named by a noun and taken over by the clause's subject is the
      // subject's act, not the possessor's.
      if (subject >= 0 && !passive) {
        const ActorGroup& owner = view.groups[subject];
        std::uint32_t after = owner.end_token;
        if (after < match.first && tokens[after].lower == "'s") ++after;
        std::uint32_t before = owner.first_token;
        if (before > 0 && IsDeterminer(tokens[before - 1])) --before;
        // "the Netherlands and Japan joined the United States in restricting
        // exports": the joiners do the act too.
        if (after < match.first && tokens[after].lower == "in" && before > 0 &&
            Is(tokens[before - 1], {"join", "joined", "joins", "joining"}))
          ++after;
        if (after == match.first && before > 0 &&
            Is(tokens[before - 1], {"adopt", "adopted", "adopts", "adopting", "join", "joined", "joins", "joining",
                                    "implement", "implemented", "implements", "implementing", "enforce", "enforced",
                                    "enforces", "enforcing", "follow", "followed", "follows", "following", "match",
                                    "matched", "mirror", "mirrored", "extend", "extended", "extends"})) {
          // With no actor before the verb, the pronoun-speaker rule below
          // ("said it would adopt") names the subject.
          std::vector<std::int32_t> candidates = SubjectCandidates(view, before - 1, quote, /*word_order=*/true);
          subject = candidates.empty() ? -1 : candidates.front();
        }
      }
      // Two or more actors before the verb: ask the parser which one does it,
      // including ones FindSubject skips ("Russia, whose envoy met X, condemned Y").
      // Not asked where link-grammar never links a subject: an infinitive ("to
      // release") or a participle after a comma (", accusing"); in the coder's
      // own logs these were a fifth of all parses and none gave an answer.
      const std::uint32_t lit = match.lit_first;
      const bool parser_has_no_subject =
          lit > 0 && (tokens[lit - 1].lower == "to" || (tokens[lit - 1].text == "," && IsIngForm(tokens[lit])));
      if (syntax && subject >= 0 && !passive && !parser_has_no_subject) {
        std::vector<std::int32_t> candidates = SubjectCandidates(view, match.first, quote, /*word_order=*/false);
        if (candidates.size() >= 2) {
          std::vector<NameSpan> names;
          names.reserve(view.groups.size());
          for (const ActorGroup& g : view.groups) names.push_back({g.first_token, g.end_token});
          for (int word : syntax->SubjectsOf(sentence, match.lit_first, names)) {
            auto chosen = std::find_if(candidates.begin(), candidates.end(), [&](std::int32_t g) {
              return view.groups[g].first_token <= std::uint32_t(word) && std::uint32_t(word) < view.groups[g].end_token;
            });
            if (chosen != candidates.end()) {
              subject = *chosen;
              break;
            }
          }
        }
      }
      // "Iran said it was ready to resume talks": the pronoun is the speaker.
      if (subject < 0 && quote < 0) {
        for (const Speaker& s : speakers) {
          if (s.group < 0 || s.say_token >= match.first) continue;
          for (std::uint32_t k = s.say_token + 1; k < match.first && subject < 0; ++k)
            if (Is(tokens[k], {"it", "they", "he", "she", "we"})) subject = s.group;
        }
      }
      // "visited Tehran and reportedly met with Massoud": a verb joined by "and"
      // to the previous event shares its subject.
      std::uint32_t joined = match.first;
      while (joined > 0 && IsAdverb(tokens[joined - 1])) --joined;
      // "Saudi Arabia expelled Canada's ambassador, froze new trade with
      // Ottawa and recalled its envoy": a comma also joins finite verbs of one
      // list (not "-ing" participles, nor a reduced passive: "..., expelled by").
      const Token& verb_token = tokens[match.first];
      bool comma_list_verb = joined > 0 && tokens[joined - 1].text == "," && verb_token.lower != verb_token.lemma &&
                             !IsIngForm(verb_token) &&
                             match.first + 1 < tokens.size() &&
                             !Is(tokens[match.first + 1], {"by", "in", "on", "at", "last", "earlier", ","});
      // ... but not the verb of a relative clause that the comma closes
      // ("Pakistan, whose troops clashed with X, accused Y").
      if (comma_list_verb && index > 0 && source_of_match[index - 1] >= 0) {
        std::uint32_t from = view.groups[source_of_match[index - 1]].first_token;
        from = from > 2 ? from - 2 : 0;
        for (std::uint32_t k = from; k < match.first && comma_list_verb; ++k)
          comma_list_verb = !Is(tokens[k], {"whose", "which", "who", "whom", "that"});
      }
      if (!passive && index > 0 && joined > 0 && (tokens[joined - 1].lower == "and" || comma_list_verb) &&
          source_of_match[index - 1] >= 0 && accepted[index - 1].end <= joined) {
        std::int32_t previous_target = target_of_match[index - 1];
        if (subject < 0 || subject == previous_target || view.groups[subject].end_token <= accepted[index - 1].lit_first)
          subject = source_of_match[index - 1];
      }
      // "The African Union suspended Mali after mutinous soldiers detained the
      // president, and demanded ...": a verb after ", and" with no subject of
      // its own continues the main clause (the act before the subordinator),
      // not the subordinate clause that interrupted it.
      if (subject >= 0 && !passive && index > 0) {
        std::uint32_t k = match.first;
        while (k > 0 && (IsAdverb(tokens[k - 1]) || Is(tokens[k - 1], {"also", "then", "later"}))) --k;
        if (k >= 2 && tokens[k - 1].lower == "and" && tokens[k - 2].text == ",") {
          std::uint32_t subordinator = 0;
          for (std::uint32_t t = view.groups[subject].first_token; t-- > 0;) {
            if (tokens[t].text == "," || tokens[t].text == ";") break;
            if (Is(tokens[t], {"after", "before", "when", "while", "because", "since", "until", "although", "though",
                               "as", "if", "once", "whereas"})) {
              subordinator = t;
              break;
            }
          }
          for (std::size_t j = index; subordinator > 0 && j-- > 0;) {
            if (accepted[j].end <= subordinator && source_of_match[j] >= 0) {
              subject = source_of_match[j];
              break;
            }
          }
        }
      }
      // "Venezuela expelled diplomats from Chile, accusing its government of
      // meddling": a participle after a comma has the main clause's subject.
      if (!passive && IsIngForm(tokens[match.first]) && joined > 0 && tokens[joined - 1].text == "," && quote < 0) {
        std::int32_t main_subject = -1;
        if (index > 0 && source_of_match[index - 1] >= 0 && accepted[index - 1].end <= joined)
          main_subject = source_of_match[index - 1];
        for (std::int32_t g = 0; g < std::int32_t(view.groups.size()) && main_subject < 0; ++g) {
          const ActorGroup& group = view.groups[g];
          if (group.first_token > 3 || group.end_token >= joined) break;
          if (!group.place && !view.speaker_token[group.first_token] && !PrecededByPreposition(view, group))
            main_subject = g;
        }
        if (main_subject >= 0) subject = main_subject;
      }
      // "IS-K considered sending a bomber to Doha and attacking Swedish
      // facilities": a gerund after "and" shares the subject of the gerund it
      // is coordinated with, whatever actor lies between.
      if (!passive && IsIngForm(tokens[match.first]) && match.first > 0 && tokens[match.first - 1].lower == "and") {
        for (std::uint32_t t = match.first - 1; t-- > 0 && match.first - t <= 15;) {
          if (IsHardBoundary(view, t) || IsClausePunct(view, t)) break;
          if (!IsIngForm(tokens[t]) || tokens[t].upper_initial || view.group_starting_at[t] >= 0 ||
              (t > 0 && (IsDeterminer(tokens[t - 1]) || IsPreposition(tokens[t - 1]))))
            continue;
          std::int32_t first_subject = FindSubject(view, t, quote);
          if (first_subject >= 0) subject = first_subject;
          break;
        }
      }
      if (!passive) {
        std::int32_t listed = ListedSubject(view, match.first, match.end);
        if (listed >= 0) subject = listed;
      }
      if (passive) {
        std::int32_t agent = FindByAgent(view, match.end);
        if (agent < 0 || target >= 0) continue;  // no agent, no event
        source = agent;
        target = subject;
        confidence -= 0.1;
      } else {
        source = subject;
      }
      if (subject >= 0) {
        subject_end = view.groups[subject].end_token;
        if (match.first - subject_end > 8) confidence -= 0.15;
      }
    }
    // A denial followed in its own clause by the act it denies ("denied any
    // involvement in drone attacks on ...", "denied that Russian agencies had
    // hacked ...") is coded as that act, negated, not as a separate denial
    // (016 stays for denials of no coded act: "denied the allegations").
    if (cameo->code.starts_with("016") && source >= 0 && index + 1 < accepted.size()) {
      const PatternMatch& next = accepted[index + 1];
      bool same_clause = next.first >= match.end && next.first - match.end <= 8;
      for (std::uint32_t k = match.end; k < next.first && same_clause; ++k)
        same_clause = !IsHardBoundary(view, k) && tokens[k].text != ",";
      if (same_clause) {
        denied_index = index + 1;
        denier = source;
        continue;
      }
    }
    bool target_from_place = false;  // the object is only a place ("in Kabul")
    bool weak_target = false;  // a place, or an actor behind "of"/"in"/"by": maybe not the object
    if (cameo->code == "015" && target < 0 && source >= 0) {
      std::uint32_t phrase_end = match.end;
      target = ClaimedAttackVictims(view, match, source, &phrase_end);
      claimed_from = match.end;
      claimed_until = phrase_end;
      if (target < 0) continue;
    }
    // "..., drawing condemnation from South Korea": the reaction is aimed at
    // the clause's subject.
    if (match.source_group >= 0 && target < 0) target = FindSubject(view, match.first, quote);
    if (target < 0) {
      bool from_place = false;
      target = FindObject(view, match.end, quote, &from_place);
      // "Iran arrested two French citizens, prompting Paris to demand their
      // release": a reaction with no object of its own answers whoever
      // prompted it.
      if (target < 0 && source >= 0 && index > 0 && source_of_match[index - 1] >= 0 &&
          source_of_match[index - 1] != source) {
        std::uint32_t before = view.groups[source].first_token;
        while (before > 0 && IsDeterminer(tokens[before - 1])) --before;
        if (before > 0 && Is(tokens[before - 1], {"prompting", "prompted", "forcing", "leading", "spurring",
                                                   "provoking", "provoked", "pushing"}))
          target = source_of_match[index - 1];
      }
      // A participle after a comma that names no actor object of its own is
      // aimed at the main clause's object when its object is a pronoun
      // ("Gambia filed a lawsuit against Myanmar, accusing it of genocide";
      // people are resolved by the recognizer, "it"/"them" are not) or when
      // it is an accusation ("detained Suu Kyi, alleging fraud in the vote").
      if (target < 0 && source >= 0 && index > 0 && target_of_match[index - 1] >= 0 &&
          target_of_match[index - 1] != source && source_of_match[index - 1] == source &&
          accepted[index - 1].end <= match.lit_first && match.lit_first > 0 &&
          tokens[match.lit_first - 1].text == "," && IsIngForm(tokens[match.lit_first])) {
        const bool pronoun_object =
            match.lit_first + 1 < tokens.size() && Is(tokens[match.lit_first + 1], {"it", "them"});
        const bool accusation = std::string_view(cameo->code).starts_with("112");
        if (pronoun_object || accusation) target = target_of_match[index - 1];
      }
      // "annulled the result, a ruling that Odinga praised", "the election,
      // which the United States denounced", "a request that the Chinese
      // authorities rejected", "raised duties, a move Beijing condemned": the
      // relative pronoun (said or not) is the verb's object, and what it stands
      // for was the act of the main clause's subject.
      if (target < 0 && source >= 0 && quote < 0) {
        std::uint32_t before = view.groups[source].first_token;
        while (before > 0 && IsDeterminer(tokens[before - 1])) --before;
        bool object_relative =
            before >= 2 && ((tokens[before - 1].lower == "which" && tokens[before - 2].text == ",") ||
                            (Is(tokens[before - 1], {"that", "which"}) && NamesAnAct(tokens[before - 2])) ||
                            (before >= 3 && NamesAnAct(tokens[before - 1]) && Is(tokens[before - 2], {"a", "the"}) &&
                             tokens[before - 3].text == ","));
        std::int32_t speaker_group = -1;
        for (std::int32_t g = 0; object_relative && g < std::int32_t(view.groups.size()); ++g) {
          const ActorGroup& group = view.groups[g];
          if (group.first_token > 3 || group.end_token >= before) break;
          if (g == source || group.place || PrecededByPreposition(view, group)) continue;
          if (view.speaker_token[group.first_token]) {
            if (speaker_group < 0) speaker_group = g;
            continue;
          }
          target = g;
          confidence -= 0.1;
          break;
        }
        // "X's electoral council said Ortega had won the election, which the
        // United States denounced": with no other subject, what is denounced
        // is the speaker's announcement.
        if (target < 0 && speaker_group >= 0) {
          target = speaker_group;
          confidence -= 0.2;
        }
      }
      // "vetoed a Security Council resolution on Gaza", "closed the Afghan
      // Embassy": an actor inside the pattern's words is its object, unless it
      // is the subject's own ("closed its embassy in Kabul").
      std::int32_t gap = match.gap_group;
      auto own_state = [&](std::int32_t group) {  // "its embassy": the subject's own
        if (source < 0) return false;
        const ActorMention& inner_mention = mentions[view.groups[group].members[0]];
        if (Is(tokens[inner_mention.first_token], {"its", "their", "his", "her"})) return true;
        const ActorRef& inner = inner_mention.ref;
        const ActorRef& subject = mentions[view.groups[source].members[0]].ref;
        // "Russia massed troops": forces that only took the subject's country
        // from context are the subject's instrument, not its target (unlike
        // "soldiers killed protesters").
        return inner.country == subject.country &&
               (inner.code.size() == 3 || inner.agent == "GOV" || inner.code == subject.code ||
                (inner_mention.country_from_context &&
                 (inner.agent == "MIL" || inner.agent == "COP" || inner.agent == "SPY")));
      };
      if (gap >= 0 && gap != source && !own_state(gap)) {
        target = gap;
        from_place = false;
      }
      if (from_place) confidence -= 0.1;
      target_from_place = from_place;
      weak_target = from_place;
      if (target >= 0 && !from_place) {
        std::uint32_t before = view.groups[target].first_token;
        while (before > 0 && IsDeterminer(tokens[before - 1])) --before;
        weak_target = before > 0 && Is(tokens[before - 1], {"of", "in", "at", "by", "from", "near", "during", "on",
                                                             "about", "over"});
        // "agreed on the need to reform the Security Council": the actor is
        // another verb's object.
        for (std::uint32_t k = match.end; k + 1 < before && !weak_target; ++k)
          weak_target = tokens[k].lower == "to" && tokens[k + 1].is_word && !tokens[k + 1].upper_initial &&
                        !IsDeterminer(tokens[k + 1]);
        // "hosted talks on Afghanistan with the United States": a "with" partner
        // later in the clause is the object, the topic is not.
        // Not when the preposition is the pattern's own ("concerned about
        // Washington's alignment with India": Washington is the object).
        if (weak_target && before - 1 >= match.end && Is(tokens[before - 1], {"on", "about", "over"})) {
          for (std::uint32_t k = view.groups[target].end_token; k + 1 < tokens.size() && k < match.end + 15; ++k) {
            if (IsHardBoundary(view, k)) break;
            if (!Is(tokens[k], {"with", "to", "against"})) continue;
            std::uint32_t group_end = 0;
            std::int32_t partner = SlotGroupAt(view, k + 1, &group_end);
            if (partner >= 0) {
              target = partner;
              weak_target = false;
            }
            break;
          }
        }
      }
    }

    // Reported speech.
    const Speaker* speaker = nullptr;
    for (const Speaker& s : speakers) {
      bool speaker_is_subject = source >= 0 && s.group == source && s.say_token < match.lit_first &&
                                s.say_token > view.groups[source].first_token && quote < 0;
      // "Iran said it was ready to...": the speaker is the event's own source,
      // so the event is a statement of X's own position, not a claim about others.
      if (speaker_is_subject) continue;
      if (s.first_token <= match.lit_first && match.lit_first < s.end_token) continue;
      speaker = &s;
      break;
    }
    bool speaker_as_source = false;
    // A quoted event with no subject of its own is the speaker's ("This move
    // sends the wrong signal", the spokesperson said) unless a third person
    // ("they", "he") is its subject.
    bool third_person = false;
    for (std::uint32_t t = match.first; t-- > 0 && quote >= 0 && view.quote_of[t] == quote;)
      third_person = third_person || Is(tokens[t], {"they", "he", "she", "it", "them"});
    if (source < 0 && quote >= 0 && speaker && speaker->group >= 0 && !third_person) {
      source = speaker->group;
      speaker_as_source = true;
      confidence -= 0.1;
    }
    if (source >= 0) source_of_match[index] = source;
    if (target >= 0) target_of_match[index] = target;
    // "Armenia and Azerbaijan signed a peace deal": with no object, the members
    // of a coordinated subject act on each other.
    // Only acts that two parties do together: intents, meetings, diplomacy,
    // cooperation, concessions and fighting ("US and British activists staged a
    // protest" is not a protest against each other).
    std::string_view root = std::string_view(cameo->code).substr(0, 2);
    bool mutual_act = cameo->code == "019" || root == "03" || root == "04" || root == "05" || root == "06" || root == "08" || root == "19";
    // "clashes between Iran and Taliban fighters broke out": with no subject,
    // the sides of a "between" list act on each other ("Qatar mediated talks
    // between X and Y" keeps its mediator).
    // "fighting broke out between X and Y": the event noun's own verb may
    // stand between it and "between".
    std::uint32_t between_reach = match.lit_end + 1;
    while (between_reach < tokens.size() && between_reach <= match.lit_end + 4 &&
           Is(tokens[between_reach - 1], {"broke", "breaks", "break", "out", "erupted", "erupts", "flared", "flare",
                                          "up", "resumed", "continued", "raged", "has", "have", "had"}))
      ++between_reach;
    for (std::uint32_t k = match.lit_end; source < 0 && mutual_act && !passive && k < tokens.size() && k <= between_reach; ++k) {
      if (tokens[k].lower != "between") continue;
      std::uint32_t group_end = 0;
      std::int32_t sides = SlotGroupAt(view, k + 1, &group_end);
      if (sides >= 0 && view.groups[sides].members.size() >= 2) {
        source = sides;
        target = -1;
      }
    }
    // "expelled diplomats from Argentina and Chile, accusing both governments
    // of meddling": "both"/"all" + a bare role stand for the last list of
    // states named before the verb.
    // "expelled diplomats from Argentina and Chile": a bare role that took its
    // country from a following list stands for every state in it.
    if (target >= 0 && view.groups[target].members.size() == 1 &&
        mentions[view.groups[target].members[0]].country_from_context) {
      std::uint32_t after = view.groups[target].end_token;
      if (after + 1 < tokens.size() && Is(tokens[after], {"from", "of"})) {
        std::uint32_t group_end = 0;
        std::int32_t list = SlotGroupAt(view, after + 1, &group_end);
        if (list >= 0 && list != source && view.groups[list].members.size() >= 2) target = list;
      }
    }
    if (target < 0 && source >= 0) {
      // In the pattern's gap ("accusing both governments of meddling in") or
      // right after it ("accused both governments").
      for (std::uint32_t k = match.lit_first + 1; k < tokens.size() && k <= match.end && target < 0; ++k) {
        if (!Is(tokens[k], {"both", "all"})) continue;
        std::uint32_t noun = k + 1;
        while (noun < tokens.size() && Is(tokens[noun], {"the", "two", "three"})) ++noun;
        if (noun >= tokens.size() || !Is(tokens[noun], {"governments", "countries", "nations", "states", "sides",
                                                          "capitals", "neighbours", "neighbors"}))
          continue;
        for (std::int32_t g = std::int32_t(view.groups.size()); g-- > 0;) {
          const ActorGroup& list = view.groups[g];
          if (list.end_token > match.first || list.members.size() < 2 || g == source) continue;
          target = g;
          break;
        }
      }
    }
    // "Kyrgyzstan and Tajikistan accused each other": any act can be mutual
    // when the sentence says so.
    bool each_other = false;
    for (std::uint32_t k = match.lit_first + 1; k + 1 < tokens.size() && k <= match.lit_end + 1 && !each_other; ++k)
      each_other = (tokens[k].lower == "each" && tokens[k + 1].lower == "other") ||
                   (tokens[k].lower == "one" && tokens[k + 1].lower == "another");
    // "Trump and Kim met in Singapore, the first summit between a U.S.
    // president and a North Korean leader": an object naming only the
    // subjects' own states restates the subject.
    bool restates_subject = source >= 0 && target >= 0 && target != source &&
                            view.groups[source].members.size() >= 2;
    if (restates_subject) {
      for (std::uint32_t t : view.groups[target].members) {
        bool among_subjects = false;
        for (std::uint32_t m : view.groups[source].members)
          among_subjects = among_subjects || (!mentions[t].ref.country.empty() &&
                                              mentions[m].ref.country == mentions[t].ref.country);
        restates_subject = restates_subject && among_subjects;
      }
    }
    // "launched a joint offensive": partners fighting together against a third
    // party ("held joint exercises" is cooperation between them).
    bool joint = false;
    for (std::uint32_t k = match.first; k < match.lit_end && !joint && root >= "14"; ++k)
      joint = Is(tokens[k], {"joint", "jointly"});
    bool reciprocal = (mutual_act || each_other) && !joint && source >= 0 &&
                      (target < 0 || weak_target || restates_subject) &&
                      view.groups[source].members.size() >= 2 && !passive;
    if (reciprocal) target = source;
    if (source < 0 || target < 0 || (source == target && !reciprocal)) continue;
    // "held a meeting in Pakistan", "talks in Geneva": where people meet is
    // not whom they meet (a visit's destination is, and stays).
    if (target_from_place && !reciprocal &&
        (cameo->code == "040" || cameo->code == "043" || cameo->code == "044" || cameo->code == "045" ||
         cameo->code == "046"))
      continue;
    if (match.literals <= 1) confidence -= 0.05;

    // The window ends where the pattern's words begin: "declined to comment" is
    // the pattern itself, not a negated comment.
    bool negated = denied || IsNegated(view, std::max(subject_end, match.first > 6 ? match.first - 6 : 0u), match.lit_first);
    // "Pakistan will send wheat to Afghanistan": an announced act keeps its
    // own code (07x) with the PLOVER mode "future", so it is not counted as
    // done; verbs of intent themselves ("pledged to", "offered to") are 03x
    // in the dictionary and need no mode.
    const CameoCode* coded = cameo;
    // "killed at least 223 villagers": a killing of a hundred or more
    // civilians named by number is a mass killing (202), as "killed hundreds
    // of civilians" is by pattern.
    if (cameo->code == "180" && target >= 0 && view.groups[target].members.size() == 1) {
      const ActorMention& victims = mentions[view.groups[target].members[0]];
      const std::string& agent = victims.ref.agent;
      if ((agent == "CVL" || agent == "REF") && NumberBefore(tokens, victims.first_token) >= 100)
        if (const CameoCode* mass = table_.Find("202")) coded = mass;
    }
    std::string mode = negated ? "negated" : "";
    std::string_view cameo_root = std::string_view(cameo->code).substr(0, 2);
    auto mark_future = [&] {
      if (cameo_root != "03") mode = "future";
    };
    std::uint32_t window = std::max(subject_end, match.first > 4 ? match.first - 4 : 0u);
    // A modal governs its whole verb phrase: "the United States should bite
    // the bullet and recognize the Taliban". Reach back to the subject when no
    // clause starts in between; across "and"/"or" only if the modal leads.
    if (subject_end < window && match.first - subject_end <= 10) {
      bool one_clause = true, coordinated = false;
      for (std::uint32_t t = subject_end; t < window && one_clause; ++t) {
        one_clause = !IsHardBoundary(view, t) && tokens[t].text != "," && tokens[t].lower != "that";
        coordinated = coordinated || Is(tokens[t], {"and", "or"});
      }
      bool modal_leads = Is(tokens[subject_end], {"could", "might", "may", "should", "would", "will"});
      if (one_clause && (!coordinated || modal_leads)) window = subject_end;
    }
    if (!negated && IsFuture(view, window, match.lit_first)) mark_future();
    if (mode.empty() && cameo_root != "03") {
      std::uint32_t clause_start = source >= 0 ? view.groups[source].first_token : window;
      clause_start = clause_start > 3 ? clause_start - 3 : 0;
      for (std::uint32_t t = clause_start; t < window; ++t)
        if (IsHardBoundary(view, t) && !Is(tokens[t], {"if", "unless", "whether"})) clause_start = t + 1;
      Modality modality = ModalityOf(view, clause_start, window, match.lit_first);
      if (modality == Modality::kHypothetical) mode = "hypothetical";
      if (modality == Modality::kFuture) mark_future();
    }

    for (std::uint32_t s : view.groups[source].members) {
      for (std::uint32_t t : view.groups[target].members) {
        if (s == t) continue;
        const ActorRef& src = mentions[s].ref;
        const ActorRef& tgt = mentions[t].ref;
        if (src.code == tgt.code) continue;
        // "Afghanistan hosted a conference in Kabul": a state acting on itself
        // as a place or as a whole is not an event between two parties.
        auto is_state_itself = [&](const ActorRef& actor) {
          return actor.code.size() == 3 || (actor.code.size() == 6 && actor.agent == "GOV");
        };
        if (src.country == tgt.country && is_state_itself(src) && is_state_itself(tgt)) continue;
        Event event;
        event.story_id = story.id;
        event.story_date = story.date;
        event.sentence_index = sentence.index;
        event.sentence_begin = sentence.begin;
        event.sentence_end = sentence.end;
        event.verb_begin = tokens[match.lit_first].begin;
        event.verb_end = tokens[match.lit_end - 1].end;
        event.source = src;
        event.target = tgt;
        const CameoCode* pair_code = CodeForPair(table_, coded, tokens, match, mentions[s], mentions[t]);
        event.code = pair_code->code;
        event.label = pair_code->label;
        event.goldstein = pair_code->goldstein;
        event.quad_class = pair_code->quad_class;
        event.plover_type = pair_code->plover_type;
        event.plover_mode = pair_code->plover_mode;
        event.negated = negated;
        event.mode = mode;
        if (speaker && (quote >= 0 || speaker_as_source || speaker->say_token != match.lit_first)) {
          event.attributed_to = speaker->text;
          event.attributed_code = speaker->code;
        }
        event.confidence = std::clamp(confidence, 0.05, 0.99);
        event.pattern = match.pattern->file + ":" + std::to_string(match.pattern->line) + " " + match.pattern->text;
        // "Taliban fighters exchanged rockets with Pakistani border units":
        // an exchange of fire is fire both ways.
        const bool exchange_of_fire = !reciprocal && tokens[match.lit_first].lemma == "exchange" &&
                                      std::string_view(event.code).starts_with("19");
        Event back;
        if (exchange_of_fire) {
          back = event;
          std::swap(back.source, back.target);
        }
        events.push_back(std::move(event));
        if (exchange_of_fire) events.push_back(std::move(back));
      }
    }
  }
  // "approved a $1.3 billion loan for Zambia": two patterns over different words
  // ("approve * billion", "loan for +") that name the same code for the same two
  // mentions state one fact; it is kept once, at the higher confidence.
  for (std::size_t i = 0; i < events.size(); ++i) {
    for (std::size_t j = i + 1; j < events.size();) {
      const Event& a = events[i];
      const Event& b = events[j];
      // A code and its own parent ("0871" observe a ceasefire, "087" end the
      // fighting) for the same mentions are one fact too; the finer code stays.
      const bool same_or_parent = a.code == b.code || a.code.starts_with(b.code) || b.code.starts_with(a.code);
      const bool same_mentions = a.source.begin == b.source.begin && a.source.end == b.source.end &&
                                 a.target.begin == b.target.begin && a.target.end == b.target.end;
      // "sanctions on Hong Kong leader Carrie Lam and 10 other senior
      // officials": two mentions with one actor code are one (source, target,
      // act), as the gold annotation rules count them.
      const bool same_actors = a.code == b.code && a.source.code == b.source.code && a.target.code == b.target.code &&
                               a.attributed_to == b.attributed_to;
      if (((same_or_parent && same_mentions) || same_actors) && a.mode == b.mode && a.negated == b.negated) {
        const double confidence = std::max(a.confidence, b.confidence);
        if (b.code.size() > a.code.size()) events[i] = b;
        events[i].confidence = confidence;
        events.erase(events.begin() + std::ptrdiff_t(j));
      } else {
        ++j;
      }
    }
  }
  if (!events.empty()) {
    std::vector<text::DateMention> dates = text::FindDateMentions(tokens, story.date);
    for (Event& event : events) {
      const text::DateMention* nearest = nullptr;
      std::uint32_t nearest_distance = 0;
      for (const text::DateMention& date : dates) {
        std::uint32_t begin = tokens[date.first_token].begin, end = tokens[date.end_token - 1].end;
        std::uint32_t distance = end <= event.verb_begin ? event.verb_begin - end
                                 : begin >= event.verb_end ? begin - event.verb_end : 0;
        if (!nearest || distance < nearest_distance) {
          nearest = &date;
          nearest_distance = distance;
        }
      }
      if (nearest) {
        std::uint32_t begin = tokens[nearest->first_token].begin, end = tokens[nearest->end_token - 1].end;
        event.date = nearest->date;
        event.date_granularity = nearest->granularity;
        event.date_text = story.text.substr(begin, end - begin);
      } else if (story.date.size() >= 10) {
        event.date = story.date.substr(0, 10);
        event.date_granularity = "day";
      }
    }
  }
  return events;
}

}  // namespace chancery::coding
