#include "input/story_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <system_error>
#include <utility>

#include <nlohmann/json.hpp>

#include "input/html_extractor.h"
#include "text/utf8.h"

namespace chancery::input {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kStandardInputName = "<stdin>";
constexpr std::size_t kBinarySniffBytes = 8192;  // where a NUL byte marks a file as binary
constexpr std::size_t kMaxJsonMessageBytes = 160;

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool IsBlank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  });
}

// Reads up to `max_bytes` from `in` into `out`; false if the stream holds more.
bool ReadBounded(std::istream& in, std::size_t max_bytes, std::string& out) {
  out.clear();
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    const auto count = static_cast<std::size_t>(in.gcount());
    if (out.size() + count > max_bytes) return false;
    out.append(buffer, count);
  }
  return true;
}

// Reads one line (without its '\n') keeping at most `max_bytes` of it; the
// rest of a longer line is consumed and dropped so memory stays bounded.
// Returns false at the end of the stream. `consumed` counts every byte read.
bool ReadLine(std::istream& in, std::size_t max_bytes, std::string& line, bool& too_long,
              std::size_t& consumed) {
  line.clear();
  too_long = false;
  consumed = 0;
  std::streambuf* buffer = in.rdbuf();
  if (!buffer) return false;
  for (;;) {
    const int c = buffer->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      return consumed > 0;
    }
    ++consumed;
    if (c == '\n') return true;
    if (line.size() < max_bytes) {
      line.push_back(static_cast<char>(c));
    } else {
      too_long = true;
    }
  }
}

// Plain text: line endings become '\n' and surrounding blank space goes, so
// the story body starts at its first word.
std::string CleanPlainText(std::string_view raw) {
  std::string text;
  text.reserve(raw.size());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\r') {
      text.push_back('\n');
      if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
    } else {
      text.push_back(raw[i]);
    }
  }
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\v'; };
  std::size_t begin = 0, end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return text.substr(begin, end - begin);
}

// nlohmann's messages start with "[json.exception.parse_error.101] parse
// error at line 1, " which says nothing on a single line; keep the rest, cut.
std::string ShortenJsonMessage(std::string message) {
  if (const auto bracket = message.find("] "); message.rfind("[json.exception", 0) == 0 &&
                                              bracket != std::string::npos) {
    message.erase(0, bracket + 2);
  }
  if (message.rfind("parse error at line 1, ", 0) == 0) {
    message.erase(0, std::strlen("parse error at line 1, "));
  }
  if (message.size() > kMaxJsonMessageBytes) {
    std::size_t cut = kMaxJsonMessageBytes;
    while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xC0) == 0x80) --cut;
    message.resize(cut);
    message += "...";
  }
  return message;
}

// A JSON scalar as a metadata string: strings as they are, numbers written
// out (ids like 12345), anything else absent.
std::optional<std::string> ScalarField(const nlohmann::json& object, const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer() || it->is_number_unsigned()) return it->dump();
  if (it->is_number_float()) return it->dump();
  return std::nullopt;
}

}  // namespace

std::string FormatProblem(const ReadProblem& problem) {
  std::string out = problem.file;
  if (problem.line > 0) out += ":" + std::to_string(problem.line);
  out += ": ";
  out += problem.message;
  return out;
}

std::string SummarizeProblems(const std::vector<ReadProblem>& problems) {
  // Kinds in order of first appearance, so the summary follows the input.
  std::vector<std::pair<std::string, std::size_t>> skipped, kept;
  std::size_t skipped_total = 0, kept_total = 0;
  for (const ReadProblem& problem : problems) {
    auto& counts = problem.skipped ? skipped : kept;
    (problem.skipped ? skipped_total : kept_total) += 1;
    auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == problem.kind; });
    if (it == counts.end()) counts.emplace_back(problem.kind, 1);
    else ++it->second;
  }
  auto list = [](const std::vector<std::pair<std::string, std::size_t>>& counts) {
    std::string out;
    for (const auto& [kind, count] : counts) out += (out.empty() ? "" : ", ") + std::to_string(count) + " " + kind;
    return out;
  };
  std::string out;
  if (skipped_total)
    out = "skipped " + std::to_string(skipped_total) + (skipped_total == 1 ? " input (" : " inputs (") +
          list(skipped) + ")";
  if (kept_total)
    out += (out.empty() ? "" : "; ") + std::to_string(kept_total) + " kept with a warning (" + list(kept) + ")";
  return out;
}

StoryReader::Format StoryReader::FormatOf(const std::string& path) {
  const std::string extension = Lower(fs::path(path).extension().string());
  if (extension == ".jsonl" || extension == ".ndjson" || extension == ".json-lines") {
    return Format::kJsonLines;
  }
  if (extension == ".html" || extension == ".htm") return Format::kHtml;
  return Format::kPlainText;
}

StoryReader::StoryReader(std::vector<std::string> paths, ReadOptions options)
    : StoryReader(std::move(paths), std::move(options), std::cin) {}

StoryReader::StoryReader(std::vector<std::string> paths, ReadOptions options,
                         std::istream& standard_input)
    : paths_(std::move(paths)), options_(std::move(options)), standard_input_(&standard_input) {
  if (auto date = NormalizeDate(options_.default_date)) options_.default_date = *date;
}

StoryReader::~StoryReader() = default;
StoryReader::StoryReader(StoryReader&&) noexcept = default;
StoryReader& StoryReader::operator=(StoryReader&&) noexcept = default;

void StoryReader::AddProblem(std::string file, std::size_t line, std::string kind, std::string message,
                             bool skipped) {
  problems_.push_back(ReadProblem{std::move(file), line, std::move(message), std::move(kind), skipped});
}

std::optional<Story> StoryReader::Next() {
  for (;;) {
    if (lines_) {
      if (auto story = NextJsonLine()) {
        ++stories_read_;
        return story;
      }
      continue;  // NextJsonLine closed the exhausted source
    }
    if (!pending_files_.empty()) {
      const std::string path = std::move(pending_files_.front());
      pending_files_.pop_front();
      if (auto story = OpenFile(path)) {
        ++stories_read_;
        return story;
      }
      continue;
    }
    if (next_path_ < paths_.size()) {
      const std::string path = paths_[next_path_++];
      if (path == "-") {
        if (auto story = OpenStandardInput()) {
          ++stories_read_;
          return story;
        }
      } else {
        ExpandPath(path);
      }
      continue;
    }
    return std::nullopt;
  }
}

void StoryReader::ExpandPath(const std::string& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) {
    AddProblem(path, 0, "unreadable", !error || error == std::errc::no_such_file_or_directory
                            ? "no such file or directory"
                            : error.message());
    return;
  }
  if (!fs::is_directory(status)) {
    pending_files_.push_back(path);
    return;
  }
  std::vector<std::string> files;
  fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error);
  if (error) {
    AddProblem(path, 0, "unreadable", "cannot read directory: " + error.message());
    return;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (error) {
      AddProblem(path, 0, "unreadable", "cannot read directory: " + error.message());
      break;
    }
    const fs::path& entry = it->path();
    if (entry.filename().string().rfind('.', 0) == 0) {
      if (it->is_directory(error)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(error)) files.push_back(entry.string());
  }
  std::sort(files.begin(), files.end());
  pending_files_.insert(pending_files_.begin(), files.begin(), files.end());
}

std::optional<Story> StoryReader::OpenFile(const std::string& path) {
  const Format format = FormatOf(path);
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file) {
    AddProblem(path, 0, "unreadable", std::string("cannot open: ") + std::strerror(errno));
    return std::nullopt;
  }
  if (format == Format::kJsonLines) {
    LineSource source;
    source.name = path;
    source.stem = fs::path(path).stem().string();
    source.name_date = DateInFileName(fs::path(path).filename().string());
    source.stream = file.get();
    source.file = std::move(file);
    lines_ = std::move(source);
    return std::nullopt;
  }
  std::error_code error;
  const auto size = fs::file_size(path, error);
  std::string bytes;
  if ((!error && size > options_.max_story_bytes) ||
      !ReadBounded(*file, options_.max_story_bytes, bytes)) {
    AddProblem(path, 0, "too large", "larger than the limit of " + std::to_string(options_.max_story_bytes) +
                            " bytes, skipped");
    return std::nullopt;
  }
  bytes_read_ += bytes.size();
  if (file->bad()) {
    AddProblem(path, 0, "unreadable", "read error");
    return std::nullopt;
  }
  return StoryFromBytes(path, fs::path(path).stem().string(),
                        DateInFileName(fs::path(path).filename().string()), format, bytes);
}

std::optional<Story> StoryReader::OpenStandardInput() {
  const std::string name(kStandardInputName);
  std::istream& in = *standard_input_;
  // Skip leading white space to see whether this is JSON Lines, counting the
  // lines and bytes consumed so later line numbers stay right.
  std::size_t newlines = 0, consumed = 0;
  std::streambuf* buffer = in.rdbuf();
  int c = buffer ? buffer->sgetc() : std::char_traits<char>::eof();
  while (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
    if (c == '\n') ++newlines;
    ++consumed;
    buffer->sbumpc();
    c = buffer->sgetc();
  }
  if (c == '{') {
    LineSource source;
    source.name = name;
    source.stem = "stdin";
    source.stream = &in;
    source.line = newlines;
    source.line_offset = consumed;
    lines_ = std::move(source);
    return std::nullopt;
  }
  std::string bytes;
  if (!ReadBounded(in, options_.max_story_bytes, bytes)) {
    AddProblem(name, 0, "too large", "larger than the limit of " + std::to_string(options_.max_story_bytes) +
                            " bytes, skipped");
    in.ignore(std::numeric_limits<std::streamsize>::max());
    return std::nullopt;
  }
  // The skipped white space carried no text; line numbers of problems count
  // from the first line read.
  return StoryFromBytes(name, "stdin", "", Format::kPlainText, bytes);
}

std::optional<Story> StoryReader::StoryFromBytes(const std::string& name, const std::string& stem,
                                                 const std::string& name_date, Format format,
                                                 std::string_view bytes) {
  if (bytes.substr(0, std::min(bytes.size(), kBinarySniffBytes)).find('\0') !=
      std::string_view::npos) {
    AddProblem(name, 0, "binary", "binary or not UTF-8");
    return std::nullopt;
  }
  if (auto problem = text::ValidateUtf8(bytes)) {
    AddProblem(name, problem->line, "invalid UTF-8",
               "invalid UTF-8 at byte " + std::to_string(problem->byte_offset) + " (" + problem->message + ")");
    return std::nullopt;
  }
  Story story;
  story.id = stem;
  story.origin = name;
  const std::string* given_date = nullptr;
  HtmlDocument html;
  if (format == Format::kHtml) {
    html = ExtractHtml(bytes);
    story.text = text::NormalizeNfc(html.text);
    story.title = text::NormalizeNfc(html.title);
    story.source = text::NormalizeNfc(html.source);
    story.url = html.url;
    if (!html.date.empty()) given_date = &html.date;
  } else {
    story.text = text::NormalizeNfc(CleanPlainText(bytes));
  }
  if (IsBlank(story.text)) {
    AddProblem(name, 0, "empty", "empty");
    return std::nullopt;
  }
  story.date = ChooseDate(name, 0, given_date, name_date);
  return story;
}

std::string StoryReader::ChooseDate(const std::string& file, std::size_t line,
                                    const std::string* given, const std::string& name_date) {
  if (given) {
    if (auto date = NormalizeDate(*given)) return *date;
    // The story is still read: its date falls back to the file name's or --date.
    AddProblem(file, line, "invalid date",
               "invalid date '" + given->substr(0, 40) + "' (not a calendar date in 1800-2100); using " +
                   (!name_date.empty() ? "the file name's date" : options_.default_date.empty() ? "no date" : "--date"),
               /*skipped=*/false);
  }
  if (!name_date.empty()) return name_date;
  return options_.default_date;
}

std::optional<Story> StoryReader::NextJsonLine() {
  LineSource& source = *lines_;
  std::string line;
  bool too_long = false;
  std::size_t consumed = 0;
  while (ReadLine(*source.stream, options_.max_story_bytes, line, too_long, consumed)) {
    const std::size_t line_number = ++source.line;
    const std::size_t line_offset = source.line_offset;
    source.line_offset += consumed;
    bytes_read_ += consumed;
    if (too_long) {
      source.saw_content = true;
      AddProblem(source.name, line_number, "too large",
                 "line longer than the limit of " + std::to_string(options_.max_story_bytes) +
                     " bytes, skipped");
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (IsBlank(line)) continue;
    source.saw_content = true;
    if (auto story = StoryFromJsonLine(source, line_number, line_offset, line)) return story;
  }
  if (source.stream->bad()) AddProblem(source.name, 0, "unreadable", "read error");
  if (!source.saw_content) AddProblem(source.name, 0, "empty", "empty");
  lines_.reset();
  return std::nullopt;
}

std::optional<Story> StoryReader::StoryFromJsonLine(const LineSource& source,
                                                    std::size_t line_number,
                                                    std::size_t line_offset,
                                                    std::string_view line) {
  if (auto problem = text::ValidateUtf8(line)) {
    AddProblem(source.name, line_number, "invalid UTF-8",
               "invalid UTF-8 at byte " + std::to_string(line_offset + problem->byte_offset) + " (" +
                   problem->message + ")");
    return std::nullopt;
  }
  if (line_number == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
  nlohmann::json object;
  try {
    object = nlohmann::json::parse(line);
  } catch (const nlohmann::json::exception& error) {
    AddProblem(source.name, line_number, "invalid JSON", "invalid JSON: " + ShortenJsonMessage(error.what()));
    return std::nullopt;
  }
  if (!object.is_object()) {
    AddProblem(source.name, line_number, "invalid JSON", "not a JSON object");
    return std::nullopt;
  }
  const auto text = object.find("text");
  if (text == object.end() || !text->is_string()) {
    AddProblem(source.name, line_number, "no text",
               text == object.end() ? "missing \"text\" field" : "\"text\" field is not a string");
    return std::nullopt;
  }
  Story story;
  story.text = text->get<std::string>();
  // "\u0000" escapes decode to NUL, which the text contract forbids.
  if (auto problem = text::ValidateUtf8(story.text)) {
    AddProblem(source.name, line_number, "invalid UTF-8",
               "\"text\" field: " + problem->message + " at byte " +
                   std::to_string(problem->byte_offset));
    return std::nullopt;
  }
  story.text = text::NormalizeNfc(story.text);
  if (IsBlank(story.text)) {
    AddProblem(source.name, line_number, "empty", "empty text");
    return std::nullopt;
  }
  auto id = ScalarField(object, "id");
  story.id = id && !id->empty() ? *id : source.stem + ":" + std::to_string(line_number);
  if (auto title = ScalarField(object, "title")) story.title = text::NormalizeNfc(*title);
  if (auto publisher = ScalarField(object, "source")) story.source = text::NormalizeNfc(*publisher);
  if (auto url = ScalarField(object, "url")) story.url = *url;
  auto given_date = ScalarField(object, "date");
  if (given_date && IsBlank(*given_date)) given_date.reset();
  story.date = ChooseDate(source.name, line_number, given_date ? &*given_date : nullptr,
                          source.name_date);
  story.origin = source.name;
  story.origin_line = line_number;
  return story;
}

}  // namespace chancery::input
