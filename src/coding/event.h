// Plain data that flows out of the coding stage: one coded event.
//
// Contract: offsets are byte offsets into Story::text; `code` is a CAMEO code
// present in data/cameo/codes.tsv, and label/goldstein/quad_class/plover come
// from that table, never from the coder's guess.
#pragma once

#include <cstdint>
#include <string>

namespace chancery {

struct ActorRef {
  std::string text;     // surface text of the mention, as written
  std::uint32_t begin = 0, end = 0;
  std::string code;     // full CAMEO-style actor code, e.g. "RUSGOV", "AFGMIL", "IGOEU"
  std::string country;  // first three letters for states ("RUS"), "IGO" for organisations
  std::string agent;    // role code ("GOV", "MIL", ...) or empty
  std::string name;     // canonical name, e.g. "Russia", "European Union"
};

struct Event {
  std::string story_id;
  std::string story_date;
  std::uint32_t sentence_index = 0;
  std::uint32_t sentence_begin = 0, sentence_end = 0;
  std::uint32_t verb_begin = 0, verb_end = 0;  // the words that triggered the code
  ActorRef source;
  ActorRef target;
  std::string code;        // CAMEO code, e.g. "054"
  std::string label;       // CAMEO label
  double goldstein = 0.0;  // Goldstein scale, -10 .. +10
  int quad_class = 0;      // 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
  std::string plover_type; // PLOVER event type, e.g. "COOPERATE"
  std::string plover_mode; // PLOVER mode, may be empty
  bool negated = false;    // "refused to recognize", "did not attend"
  // How the sentence states the act: "" a narrated fact, "negated" (also sets
  // `negated`), "hypothetical" ("could", "may", "if", "whether", "is premature
  // to talk about" is negated), "future" ("will impose", "plans to send": the act's
  // own code; verbs of intent such as "pledged to" are coded 03x and stay "").
  std::string mode;
  // When the act happened: the date expression of the sentence nearest the verb
  // ("last month" in a story of 2022-04-09 -> "2022-03", granularity "month"),
  // else the story date with granularity "day" and an empty date_text.
  std::string date;
  std::string date_granularity;  // "day", "week", "month", "quarter", "year"; empty without any date
  std::string date_text;         // the words that gave the date, as written
  std::string attributed_to;    // speaker for reported speech; empty for narrated facts
  std::string attributed_code;  // the speaker's actor code, when known
  double confidence = 0.0;    // 0..1
  std::string pattern;        // the verb-dictionary pattern that fired, for audit
};

}  // namespace chancery
