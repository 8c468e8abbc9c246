// Plain data that flows out of the reading and text stages.
//
// Contract: Story::text is valid, NFC-normalised UTF-8. Every offset anywhere in
// chancery (sentences, tokens, actors, events) is a byte offset into Story::text,
// so any fact can be traced back to the exact bytes that state it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace chancery {

struct Story {
  std::string id;      // from metadata, else derived from the file name (and line)
  std::string date;    // story date, ISO "YYYY-MM-DD"; empty when unknown
  std::string source;  // publisher, free text
  std::string url;
  std::string title;
  std::string text;    // NFC-normalised UTF-8 body; all offsets point here
  std::string origin;  // file the story came from, or "<stdin>"
  std::size_t origin_line = 0;  // 1-based line in a JSON Lines file; 0 otherwise
};

struct Token {
  std::uint32_t begin = 0;  // byte offsets into Story::text, [begin, end)
  std::uint32_t end = 0;
  std::string text;   // matching form: curly quotes, dashes, no-break spaces folded to ASCII
  std::string lower;  // `text` lower-cased
  std::string lemma;  // lower-cased dictionary form ("accredited" -> "accredit")
  bool is_word = false;        // starts with a letter or digit
  bool upper_initial = false;  // first letter is upper case
};

struct Sentence {
  std::uint32_t index = 0;  // 0-based position in the story
  std::uint32_t begin = 0;  // byte offsets into Story::text, [begin, end), trimmed
  std::uint32_t end = 0;
  std::vector<Token> tokens;
};

struct AnalysedStory {
  Story story;
  std::vector<Sentence> sentences;
};

}  // namespace chancery
