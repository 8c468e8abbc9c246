// Reading chancery's plain-text data files (docs/formats.md): the files of a
// data folder in name order, and their lines without comments and blanks,
// each with its 1-based number, so loaders can report "FILE:LINE: message".
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "text/utf8.h"

namespace chancery::text {

inline std::string_view TrimBlanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

inline std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? line.npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields;
}

// The regular files of `dir` whose names end in `extension` (".tsv"), sorted.
// Throws std::runtime_error naming `dir` (and `what` it should hold) when it is not a folder.
inline std::vector<std::filesystem::path> DataFilesIn(const std::filesystem::path& dir, std::string_view extension,
                                                      std::string_view what) {
  if (!std::filesystem::is_directory(dir))
    throw std::runtime_error(dir.string() + ": " + std::string(what) + " directory not found");
  std::vector<std::filesystem::path> files;
  for (const auto& item : std::filesystem::directory_iterator(dir))
    if (item.is_regular_file() && item.path().extension() == extension) files.push_back(item.path());
  std::sort(files.begin(), files.end());
  return files;
}

// Calls visit(line, line_number, complain) for every line of `file` that is neither blank
// nor a comment, trimmed, and valid UTF-8 (other lines are reported and skipped); complain(message) records "FILE:LINE: message" in
// `problems`. Throws std::runtime_error when the file cannot be opened.
template <typename Visit>
void ForEachDataLine(const std::filesystem::path& file, std::string_view what, std::vector<std::string>* problems,
                     Visit visit) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot open " + std::string(what));
  std::string line;
  std::size_t line_number = 0;
  auto complain = [&](const std::string& message) {
    if (problems) problems->push_back(file.string() + ":" + std::to_string(line_number) + ": " + message);
  };
  while (std::getline(in, line)) {
    ++line_number;
    std::string_view view = TrimBlanks(line);
    if (view.empty() || view.front() == '#') continue;
    // Every later stage assumes valid UTF-8; a line in another encoding is
    // reported, not half-matched.
    if (auto bad = ValidateUtf8(view)) {
      complain("invalid UTF-8 at column " + std::to_string(bad->column) + " (" + bad->message + "), line skipped");
      continue;
    }
    visit(view, line_number, complain);
  }
}

}  // namespace chancery::text
