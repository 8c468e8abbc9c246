// Fuzzes the input stage: StoryReader over standard input (JSON Lines or plain
// text, chosen by the first byte as for a user's pipe), over an .html file,
// and the date and HTML helpers it uses. The first input byte picks the path;
// the rest is the file.
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "fuzz_target.h"
#include "input/html_extractor.h"
#include "input/story_reader.h"
#include "text/utf8.h"

namespace {

using chancery::Story;
using chancery::input::ReadOptions;
using chancery::input::StoryReader;

bool IsIsoDate(const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (date[i] < '0' || date[i] > '9') return false;
  return true;
}

// What the reader promises about every story it returns (story_reader.h).
void CheckStory(const Story& story) {
  FUZZ_CHECK(!story.id.empty());
  FUZZ_CHECK(!story.text.empty());
  FUZZ_CHECK(!chancery::text::ValidateUtf8(story.text).has_value());
  FUZZ_CHECK(story.date.empty() || IsIsoDate(story.date));
  for (const std::string* field : {&story.id, &story.source, &story.url, &story.title})
    FUZZ_CHECK(!chancery::text::ValidateUtf8(*field).has_value());
}

void ReadAll(StoryReader& reader, std::size_t max_bytes) {
  while (auto story = reader.Next()) {
    CheckStory(*story);
    FUZZ_CHECK(story->text.size() <= max_bytes * 4);  // NFC may grow text, never by much
  }
  for (const auto& problem : reader.problems()) FUZZ_CHECK(!problem.message.empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  ReadOptions options;
  options.default_date = "2022-04-09";
  options.max_story_bytes = 2048;  // small, so the over-size path is reached too
  switch (data[0] % 4) {
    case 0: {  // a pipe: JSON Lines when it starts with '{', else one text story
      std::istringstream in{std::string(bytes)};
      StoryReader reader({"-"}, options, in);
      ReadAll(reader, options.max_story_bytes);
      break;
    }
    case 1: {  // an HTML page on disk, through the whole reader
      char path[] = "/tmp/chancery-fuzz-XXXXXX.html";
      int fd = mkstemps(path, 5);
      if (fd < 0) return 0;
      FUZZ_CHECK(write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
      close(fd);
      {
        StoryReader reader({path}, options);
        ReadAll(reader, options.max_story_bytes);
      }
      unlink(path);
      break;
    }
    case 2: {  // the HTML extractor alone (its input must be valid UTF-8)
      if (chancery::text::ValidateUtf8(bytes)) return 0;
      chancery::input::HtmlDocument document = chancery::input::ExtractHtml(bytes);
      for (const std::string* field :
           {&document.text, &document.title, &document.date, &document.source, &document.url})
        FUZZ_CHECK(!chancery::text::ValidateUtf8(*field).has_value());
      break;
    }
    case 3: {  // dates as stories and file names give them
      std::optional<std::string> date = chancery::input::NormalizeDate(bytes);
      if (date) FUZZ_CHECK(IsIsoDate(*date));
      std::string in_name = chancery::input::DateInFileName(bytes);
      FUZZ_CHECK(in_name.empty() || IsIsoDate(in_name));
      break;
    }
  }
  return 0;
}
