// The input stage: turns files, directories and standard input into Stories.
//
// Contract:
// - Paths are read in the order given; a directory is read recursively, its
//   files sorted by path, hidden files and folders (".name") skipped; "-" is
//   standard input (JSON Lines if its first non-space byte is '{', else one
//   plain-text story).
// - Format is chosen by extension: .jsonl/.ndjson/.json-lines are JSON Lines
//   (one story per line), .html/.htm are HTML (one story, main text only),
//   anything else is plain text (one story per file).
// - Every Story returned has valid, NFC-normalised UTF-8 text that is not
//   empty, an id, and a date in "YYYY-MM-DD" form or "" when none is known.
// - Bad input never stops the run: it is recorded in problems() and skipped.
// - Memory stays bounded by ReadOptions::max_story_bytes: JSON Lines are read
//   line by line, and larger stories are reported without being held whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <fstream>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "text/story.h"

namespace chancery::input {

struct ReadProblem {
  std::string file;     // path as given, or "<stdin>"
  std::size_t line;     // 1-based line of the file; 0 = the whole file
  std::string message;  // without the "FILE:LINE: " prefix, e.g. "invalid date 'X'"
  std::string kind;     // short category for summaries: "invalid JSON", "invalid UTF-8", "binary",
                        // "empty", "too large", "no text", "unreadable", "invalid date"
  bool skipped = true;  // the story (or file) was dropped; false: read anyway (an invalid date)
};

// "FILE:LINE: message", or "FILE: message" when line is 0.
std::string FormatProblem(const ReadProblem& problem);

// One line for the end of a run, counting problems by kind: "skipped 5 inputs
// (3 invalid JSON, 2 binary); 1 kept with a warning (1 invalid date)". Empty
// when there were none.
std::string SummarizeProblems(const std::vector<ReadProblem>& problems);

struct ReadOptions {
  std::string default_date;                 // --date: used when a story has none; "" = none
  // Larger stories are reported and skipped. A news story is rarely over
  // 100 KB; coding holds ~200 bytes per byte of text (tokens, lemmas, events),
  // so 4 MiB keeps one hostile story under ~1 GB.
  std::size_t max_story_bytes = 4u << 20;
};

class StoryReader {
 public:
  StoryReader(std::vector<std::string> paths, ReadOptions options);
  // As above, but "-" reads `standard_input` instead of std::cin (for tests
  // and embedding). The stream must outlive the reader.
  StoryReader(std::vector<std::string> paths, ReadOptions options, std::istream& standard_input);
  ~StoryReader();
  StoryReader(StoryReader&&) noexcept;
  StoryReader& operator=(StoryReader&&) noexcept;

  // The next good story, or std::nullopt at the end.
  std::optional<Story> Next();
  const std::vector<ReadProblem>& problems() const { return problems_; }
  std::size_t stories_read() const { return stories_read_; }
  // Bytes of input consumed so far (files' bytes and JSON Lines' lines), for
  // progress reports against the inputs' total size.
  std::uint64_t bytes_read() const { return bytes_read_; }

 private:
  enum class Format { kPlainText, kJsonLines, kHtml };
  static Format FormatOf(const std::string& path);  // by extension

  // An open JSON Lines source being read line by line.
  struct LineSource {
    std::string name;       // for problems and Story::origin
    std::string stem;       // for ids of lines without "id"
    std::string name_date;  // date found in the file name, or ""
    std::unique_ptr<std::ifstream> file;  // the owned stream; null for standard input
    std::istream* stream = nullptr;
    std::size_t line = 0;         // number of the line last read
    std::size_t line_offset = 0;  // byte offset in the source where the next line starts
    bool saw_content = false;     // any non-blank line yet (else the source is "empty")
  };

  // Queues the files of `path` (itself, or a directory's files in order).
  void ExpandPath(const std::string& path);
  // Reads a whole-file story, or opens a JSON Lines source (returning nullopt).
  std::optional<Story> OpenFile(const std::string& path);
  std::optional<Story> OpenStandardInput();
  std::optional<Story> StoryFromBytes(const std::string& name, const std::string& stem,
                                      const std::string& name_date, Format format,
                                      std::string_view bytes);
  // The next good story of lines_; closes lines_ and returns nullopt at its end.
  std::optional<Story> NextJsonLine();
  std::optional<Story> StoryFromJsonLine(const LineSource& source, std::size_t line_number,
                                         std::size_t line_offset, std::string_view line);
  // The given date if valid (else a problem), the file-name date, or the default.
  std::string ChooseDate(const std::string& file, std::size_t line, const std::string* given,
                         const std::string& name_date);
  void AddProblem(std::string file, std::size_t line, std::string kind, std::string message,
                  bool skipped = true);

  std::vector<std::string> paths_;
  ReadOptions options_;
  std::istream* standard_input_;
  std::size_t next_path_ = 0;
  std::deque<std::string> pending_files_;  // files of the directory being read
  std::optional<LineSource> lines_;         // the JSON Lines source being read
  std::vector<ReadProblem> problems_;
  std::size_t stories_read_ = 0;
  std::uint64_t bytes_read_ = 0;
};

// Normalises a date string to "YYYY-MM-DD": accepts "2022-04-09",
// "2022-04-09T10:00:00Z" and other ISO 8601 datetimes, "20220409",
// "April 9, 2022", "9 April 2022", "Apr. 9, 2022" (a leading weekday and a
// trailing time are allowed). Rejects impossible dates (2022-02-30) and years
// outside 1800..2100. Returns std::nullopt when `text` is not a date. The
// date is the one written; times with offsets are not converted to UTC.
std::optional<std::string> NormalizeDate(std::string_view text);

// Finds a "YYYY-MM-DD" date inside a file name ("2022-04-09-kabul.txt"), or "".
std::string DateInFileName(std::string_view file_name);

}  // namespace chancery::input
