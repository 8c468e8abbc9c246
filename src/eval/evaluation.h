// Evaluation: score coded events against hand-annotated gold records.
//
// Contract: ReadGold() reads JSON Lines gold files (format in docs/formats.md,
// "Gold files"); a line that is not a valid record is reported as FILE:LINE and
// skipped, never guessed at. Score() codes every record's text with the given
// pipeline (the record's date is the story date) and matches emitted events to
// gold events one to one, separately at three levels:
//   root  (source country, target country, CAMEO root)   -- the headline figure
//   code  (source country, target country, CAMEO code)
//   full  (source actor code, target actor code, CAMEO code)
// A gold event with `evidence` matches only events from the sentence that
// contains that text, so whole-article records are scored sentence by sentence.
// Matching is greedy in gold order; an emitted event counts once at most.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"

namespace chancery::eval {

struct GoldEvent {
  std::string source, target;                  // actor codes, e.g. "USAGOV", "RUS"
  std::string source_country, target_country;  // first three letters of the codes
  std::string code, root;                      // CAMEO code and its first two digits
  std::string mode;                            // "", "negated", "hypothetical", "future"
  std::string attributed_to;                   // speaker's actor code, "" for narrated facts
  std::string evidence;                        // verbatim text of the event's sentence, may be empty
};

struct GoldRecord {
  std::string file;
  int line = 0;
  std::string id, date, domain, text;
  std::vector<GoldEvent> events;
  int unscorable_events = 0;  // gold events without a source or a target actor
};

// Reads every path (files, or directories whose *.jsonl files are read in name
// order). Problems are "FILE:LINE: message".
std::vector<GoldRecord> ReadGold(const std::vector<std::string>& paths, std::vector<std::string>* problems);

struct Counts {
  int true_positives = 0, false_positives = 0, false_negatives = 0;
  double Precision() const;
  double Recall() const;
  double F1() const;
};

enum Level { kRoot = 0, kCode = 1, kFull = 2 };
inline constexpr int kLevels = 3;

struct Mismatch {
  std::string record_id;
  std::string sentence;  // the sentence of the event (for misses with no evidence: the record text)
  std::string key;       // "USA -> RUS 16 (163)" style description
  std::string detail;    // what the coder emitted or the gold said instead, if anything
};

struct Report {
  int records = 0, gold_events = 0, emitted_events = 0;
  int unscorable_events = 0;  // gold events with no source or target, left out
  Counts levels[kLevels];
  std::map<std::string, Counts> by_domain;  // at the root level
  std::map<std::string, Counts> by_root;    // gold root for misses, emitted root otherwise
  // Of the root-level matches: how many carry the gold's mode and attribution.
  int matched = 0, mode_agrees = 0, attribution_agrees = 0;
  int records_without_events = 0, records_without_events_clean = 0;  // clean: nothing emitted
  std::vector<Mismatch> misses, false_events;
};

Report Score(const std::vector<GoldRecord>& records, const Pipeline& pipeline);

// The mode the coder gives an event: "negated", "hypothetical", "future" or "".
std::string ModeOf(const Event& event);

}  // namespace chancery::eval
