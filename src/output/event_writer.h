// Event writer: one coded event per line, JSON Lines (default) or CSV.
//
// Contract: every record carries enough to trace it back: story id and date,
// sentence index, byte offsets of the sentence and of the verb into the story
// text, and the sentence text itself. CSV follows RFC 4180 quoting and has a
// header row; its columns are the JSON fields flattened (source.code ->
// source_code).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>

#include "coding/event.h"

namespace chancery::output {

enum class OutputFormat { kJsonLines, kCsv };

// `story_text` is the Story::text the event's offsets point into.
nlohmann::ordered_json EventToJson(const Event& event, std::string_view story_text);

class EventWriter {
 public:
  EventWriter(std::ostream& out, OutputFormat format) : out_(out), format_(format) {}
  void Write(const Event& event, std::string_view story_text);
  std::size_t written() const { return written_; }

 private:
  std::ostream& out_;
  OutputFormat format_;
  bool header_written_ = false;
  std::size_t written_ = 0;
};

}  // namespace chancery::output
