// Event coder: turns one analysed sentence and its actor mentions into CAMEO
// events.
//
// Contract (this is the shallow coder: word patterns and clause heuristics;
// the syntax stage refines it):
// - A verb pattern fires where its words match; overlapping patterns are
//   resolved in favour of the one with more required words.
// - Source: the `$` slot, else the nearest actor to the left in the same clause
//   that is not the object of a preposition or a place ("in Kabul"). Passive
//   ("was accredited by X") swaps in the `by` agent. Coordinated actors ("China,
//   Pakistan, Russia and Turkmenistan") give one event each.
// - Target: the `+` slot, else the first actor after the pattern in the same
//   clause, preferring participants over places.
// - Negation ("refused to", "did not", "has yet to") sets `negated`; it never
//   turns into a different code.
// - Reported speech: events inside a quote or a "X said" clause carry the
//   speaker in `attributed_to`; a quoted event with no source of its own takes
//   the speaker as source.
// - Events whose source or target is unknown, or identical, are not emitted.
#pragma once

#include <vector>

#include "actors/actor_recognizer.h"
#include "coding/cameo_table.h"
#include "coding/event.h"
#include "coding/verb_dictionary.h"
#include "text/story.h"

namespace chancery::coding {

// Syntax the coder may ask for when word order leaves the subject open ("X,
// which borders Y, condemned Z"). The pipeline answers from link-grammar; the
// coder asks only for sentences where two or more actors could be the subject,
// so most sentences are never parsed.
// A run of tokens [first_token, end_token) naming one actor ("Russian Foreign
// Ministry spokesperson Maria Zakharova").
struct NameSpan {
  std::uint32_t first_token = 0, end_token = 0;
};

class SyntaxOracle {
 public:
  virtual ~SyntaxOracle() = default;
  // Token indices of the doer of the verb at `verb_token` (empty if unknown).
  // `names` are the sentence's actor names; the oracle may treat each as a single
  // word (its last token), so an answer inside a name may be any of its tokens.
  virtual std::vector<int> SubjectsOf(const Sentence& sentence, std::uint32_t verb_token,
                                      const std::vector<NameSpan>& names) = 0;
};

class EventCoder {
 public:
  EventCoder(const VerbDictionary& verbs, const CameoTable& table) : verbs_(verbs), table_(table) {}

  std::vector<Event> CodeSentence(const Story& story, const Sentence& sentence,
                                  const std::vector<actors::ActorMention>& mentions,
                                  SyntaxOracle* syntax = nullptr) const;

 private:
  const VerbDictionary& verbs_;
  const CameoTable& table_;
};

}  // namespace chancery::coding
