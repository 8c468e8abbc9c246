// Specification of StoryReader: files, directories and standard input in,
// Stories and problems out.
#include "input/story_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace chancery::input {
namespace {

namespace fs = std::filesystem;

// Each test writes its files into a fresh temporary directory.
class StoryReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("chancery_input_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    const fs::path path = dir_ / name;
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
    return path.string();
  }

  fs::path dir_;
};

std::vector<Story> ReadAll(StoryReader& reader) {
  std::vector<Story> stories;
  while (auto story = reader.Next()) stories.push_back(std::move(*story));
  return stories;
}

std::vector<std::string> Problems(const StoryReader& reader) {
  std::vector<std::string> lines;
  for (const ReadProblem& problem : reader.problems()) lines.push_back(FormatProblem(problem));
  return lines;
}

TEST_F(StoryReaderTest, JsonLinesTruncatedLineIsReportedAndSkipped) {
  const std::string path = Write("wire.jsonl",
                                 "{\"id\": \"a\", \"text\": \"First story.\"}\n"
                                 "{\"id\": \"b\", \"text\": \"Cut off in the mid\n"
                                 "{\"id\": \"c\", \"text\": \"Third story.\"}\n");
  StoryReader reader({path}, {});
  const auto stories = ReadAll(reader);
  ASSERT_EQ(stories.size(), 2u);
  EXPECT_EQ(stories[0].id, "a");
  EXPECT_EQ(stories[1].id, "c");
  EXPECT_EQ(stories[1].origin_line, 3u);
  ASSERT_EQ(reader.problems().size(), 1u);
  EXPECT_EQ(reader.problems()[0].file, path);
  EXPECT_EQ(reader.problems()[0].line, 2u);
  EXPECT_EQ(reader.problems()[0].message.rfind("invalid JSON: ", 0), 0u)
      << reader.problems()[0].message;
  EXPECT_EQ(reader.problems()[0].message.find("json.exception"), std::string::npos);
  EXPECT_EQ(reader.stories_read(), 2u);
}

TEST_F(StoryReaderTest, JsonLinesFieldsBecomeStoryFields) {
  const std::string path = Write("feed-2021-01-01.ndjson",
                                 "{\"id\": 12345, \"date\": \"April 9, 2022\", \"source\": \"Wire\","
                                 " \"url\": \"https://x.org/1\", \"title\": \"Headline\","
                                 " \"text\": \"Body only.\"}\n"
                                 "\n"
                                 "   \n"
                                 "{\"text\": \"No id, no date.\", \"extra\": [1, 2]}\r\n");
  StoryReader reader({path}, {.default_date = "2000-01-01"});
  const auto stories = ReadAll(reader);
  ASSERT_EQ(stories.size(), 2u);
  EXPECT_EQ(stories[0].id, "12345");
  EXPECT_EQ(stories[0].date, "2022-04-09");
  EXPECT_EQ(stories[0].source, "Wire");
  EXPECT_EQ(stories[0].url, "https://x.org/1");
  EXPECT_EQ(stories[0].title, "Headline");
  EXPECT_EQ(stories[0].text, "Body only.");  // the title is not prepended
  EXPECT_EQ(stories[0].origin, path);
  EXPECT_EQ(stories[0].origin_line, 1u);
  EXPECT_EQ(stories[1].id, "feed-2021-01-01:4");
  EXPECT_EQ(stories[1].date, "2021-01-01");  // from the file name, before --date
  EXPECT_EQ(stories[1].text, "No id, no date.");
  EXPECT_EQ(stories[1].origin_line, 4u);
  EXPECT_TRUE(reader.problems().empty());
}

TEST_F(StoryReaderTest, JsonLinesBadRecordsAreReportedAndTheRestRead) {
  const std::string path = Write("bad.jsonl",
                                 "[1, 2, 3]\n"
                                 "{\"title\": \"no text\"}\n"
                                 "{\"text\": 42}\n"
                                 "{\"text\": \"  \"}\n"
                                 "{\"text\": \"Bad date.\", \"date\": \"2022-02-30\"}\n"
                                 "{\"text\": \"Good.\"}\n");
  StoryReader reader({path}, {.default_date = "2022-04-09"});
  const auto stories = ReadAll(reader);
  ASSERT_EQ(stories.size(), 2u);
  EXPECT_EQ(stories[0].text, "Bad date.");
  EXPECT_EQ(stories[0].date, "2022-04-09");  // falls back to the default date
  EXPECT_EQ(stories[1].text, "Good.");
  EXPECT_EQ(Problems(reader), (std::vector<std::string>{
                                  path + ":1: not a JSON object",
                                  path + ":2: missing \"text\" field",
                                  path + ":3: \"text\" field is not a string",
                                  path + ":4: empty text",
                                  path + ":5: invalid date '2022-02-30' (not a calendar date in 1800-2100); using --date",
                              }));
}

TEST_F(StoryReaderTest, InvalidUtf8IsReportedWithFileAndLine) {
  const std::string text_path = Write("latin1.txt", "line one\nline two\nna\xEFve\n");
  const std::string jsonl_path = Write("mixed.jsonl",
                                       "{\"text\": \"ok one\"}\n"
                                       "{\"text\": \"caf\xE9\"}\n"
                                       "{\"text\": \"ok three\"}\n");
  StoryReader reader({text_path, jsonl_path}, {});
  const auto stories = ReadAll(reader);
  ASSERT_EQ(stories.size(), 2u);
  EXPECT_EQ(stories[0].text, "ok one");
  EXPECT_EQ(stories[1].text, "ok three");
  EXPECT_EQ(Problems(reader), (std::vector<std::string>{
                                  text_path + ":3: invalid UTF-8 at byte 20 (truncated sequence)",
                                  jsonl_path + ":2: invalid UTF-8 at byte 32 (truncated sequence)",
                              }));
}

TEST_F(StoryReaderTest, BinaryAndEmptyFilesAreReportedAndSkipped) {
  const std::string binary = Write("image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  const std::string empty = Write("empty.txt", "");
  const std::string blank = Write("blank.txt", " \n\t\n");
  const std::string empty_jsonl = Write("empty.jsonl", "\n\n");
  const std::string empty_html = Write("empty.html", "<html><body><script>x()</script></body></html>");
  StoryReader reader({binary, empty, blank, empty_jsonl, empty_html}, {});
  EXPECT_TRUE(ReadAll(reader).empty());
  EXPECT_EQ(Problems(reader), (std::vector<std::string>{
                                  binary + ": binary or not UTF-8",
                                  empty + ": empty",
                                  blank + ": empty",
                                  empty_jsonl + ": empty",
                                  empty_html + ": empty",
                              }));
}

TEST_F(StoryReaderTest, TextIsNfcNormalised) {
  const std::string text = Write("accent.txt", "\xEF\xBB\xBFPe\xCC\x81rez said\r\nso.\r\n");
  const std::string jsonl =
      Write("accent.jsonl", "{\"title\": \"Pe\\u0301rez\", \"text\": \"Pe\\u0301rez spoke.\"}\n");
  StoryReader reader({text, jsonl}, {});
  const auto stories = ReadAll(reader);
  ASSERT_EQ(stories.size(), 2u);
  EXPECT_EQ(stories[0].text, "P\xC3\xA9rez said\nso.");  // no BOM, CRLF -> LF, trimmed
  EXPECT_EQ(stories[0].id, "accent");
  EXPECT_EQ(stories[0].origin_line, 0u);
  EXPECT_EQ(stories[1].text, "P\xC3\xA9rez spoke.");
  EXPECT_EQ(stories[1].title, "P\xC3\xA9rez");
}

TEST_F(StoryReaderTest, DirectoryIsReadRecursivelyInPathOrderSkippingHiddenFiles) {
  const std::string corpus = std::string(CHANCERY_INPUT_FIXTURES) + "/corpus";
  StoryReader reader({corpus}, {});
  const auto stories = ReadAll(reader);
  EXPECT_TRUE(reader.problems().empty()) << ::testing::PrintToString(Problems(reader));
  ASSERT_EQ(stories.size(), 4u);

  EXPECT_EQ(stories[0].origin, corpus + "/2022-04-09-kabul.txt");
  EXPECT_EQ(stories[0].id, "2022-04-09-kabul");
  EXPECT_EQ(stories[0].date, "2022-04-09");
  EXPECT_EQ(stories[0].text,
            "KABUL, April 9 - The Taliban appointed an envoy to Moscow.\n\n"
            "Russia said it would accredit him.");

  EXPECT_EQ(stories[1].origin, corpus + "/pages/moscow.html");
  EXPECT_EQ(stories[1].id, "moscow");
  EXPECT_EQ(stories[1].date, "2022-04-12");
  EXPECT_EQ(stories[1].title, "Kremlin hosts talks");
  EXPECT_EQ(stories[1].text,
            "Kremlin hosts talks\n\n"
            "MOSCOW \xE2\x80\x93 Russia hosted talks with a Taliban delegation.\n\n"
            "The foreign ministry called the meeting \"constructive\".");

  EXPECT_EQ(stories[2].origin, corpus + "/wire.jsonl");
  EXPECT_EQ(stories[2].id, "wire-1");
  EXPECT_EQ(stories[2].source, "Example Wire");
  EXPECT_EQ(stories[3].id, "wire:2");
  EXPECT_EQ(stories[3].date, "2022-04-11");
  EXPECT_EQ(reader.stories_read(), 4u);
}

TEST_F(StoryReaderTest, HtmlUsesArticleTextAndMetaDate) {
  const std::string path = Write("page.htm", R"(<html><head>
    <meta name="date" content="9 April 2022"><title>T</title></head>
    <body><nav>Menu text</nav><script>var s = "script text";</script>
    <p>First paragraph.</p><p>Second
    paragraph.</p></body></html>)");
  StoryReader reader({path}, {});
  const auto stories = ReadAll(reader);
  ASSERT_EQ(stories.size(), 1u);
  EXPECT_EQ(stories[0].text, "First paragraph.\n\nSecond paragraph.");
  EXPECT_EQ(stories[0].date, "2022-04-09");
  EXPECT_EQ(stories[0].title, "T");
}

TEST_F(StoryReaderTest, MissingPathIsReportedAndTheRunContinues) {
  const std::string missing = (dir_ / "nope.txt").string();
  const std::string present = Write("here.txt", "Still read.");
  StoryReader reader({missing, present}, {});
  const auto stories = ReadAll(reader);
  ASSERT_EQ(stories.size(), 1u);
  EXPECT_EQ(stories[0].text, "Still read.");
  EXPECT_EQ(Problems(reader), (std::vector<std::string>{missing + ": no such file or directory"}));
}

TEST_F(StoryReaderTest, DatesComeFromFileNameThenDefault) {
  const std::string dated = Write("2021-08-15 report.txt", "Dated by name.");
  const std::string undated = Write("report.txt", "Dated by option.");
  const std::string bad_meta =
      Write("bad.html", "<meta name=\"date\" content=\"soon\"><p>Bad meta date.</p>");
  StoryReader reader({dated, undated, bad_meta}, {.default_date = "2022-04-09"});
  const auto stories = ReadAll(reader);
  ASSERT_EQ(stories.size(), 3u);
  EXPECT_EQ(stories[0].date, "2021-08-15");
  EXPECT_EQ(stories[1].date, "2022-04-09");
  EXPECT_EQ(stories[2].date, "2022-04-09");
  EXPECT_EQ(Problems(reader), (std::vector<std::string>{bad_meta + ": invalid date 'soon' (not a calendar date in 1800-2100); using --date"}));

  StoryReader no_default({undated}, {});
  ASSERT_EQ(ReadAll(no_default).at(0).date, "");
}

TEST_F(StoryReaderTest, StandardInputJsonLines) {
  std::istringstream in("\n  {\"text\": \"From a pipe.\"}\n{\"text\": \"Second\"\n{\"text\": \"Third.\"}");
  StoryReader reader({"-"}, {}, in);
  const auto stories = ReadAll(reader);
  ASSERT_EQ(stories.size(), 2u);
  EXPECT_EQ(stories[0].id, "stdin:2");
  EXPECT_EQ(stories[0].origin, "<stdin>");
  EXPECT_EQ(stories[0].origin_line, 2u);
  EXPECT_EQ(stories[1].id, "stdin:4");  // last line without a final newline
  ASSERT_EQ(reader.problems().size(), 1u);
  EXPECT_EQ(reader.problems()[0].file, "<stdin>");
  EXPECT_EQ(reader.problems()[0].line, 3u);
}

TEST_F(StoryReaderTest, StandardInputPlainText) {
  std::istringstream in("  The whole input\nis one story.\n");
  StoryReader reader({"-"}, {.default_date = "April 9, 2022"}, in);
  const auto stories = ReadAll(reader);
  ASSERT_EQ(stories.size(), 1u);
  EXPECT_EQ(stories[0].id, "stdin");
  EXPECT_EQ(stories[0].origin, "<stdin>");
  EXPECT_EQ(stories[0].text, "The whole input\nis one story.");
  EXPECT_EQ(stories[0].date, "2022-04-09");  // the default date is normalised too
}

TEST_F(StoryReaderTest, StoriesOverTheSizeLimitAreSkipped) {
  const std::string big_text = Write("big.txt", std::string(200, 'x'));
  const std::string big_html = Write("big.html", "<p>" + std::string(200, 'y') + "</p>");
  const std::string lines = Write("lines.jsonl",
                                  "{\"text\": \"short\"}\n"
                                  "{\"text\": \"" + std::string(500, 'z') + "\"}\n"
                                  "{\"text\": \"short too\"}\n");
  StoryReader reader({big_text, big_html, lines}, {.default_date = "", .max_story_bytes = 100});
  const auto stories = ReadAll(reader);
  ASSERT_EQ(stories.size(), 2u);
  EXPECT_EQ(stories[0].text, "short");
  EXPECT_EQ(stories[1].text, "short too");
  EXPECT_EQ(stories[1].origin_line, 3u);
  EXPECT_EQ(Problems(reader),
            (std::vector<std::string>{
                big_text + ": larger than the limit of 100 bytes, skipped",
                big_html + ": larger than the limit of 100 bytes, skipped",
                lines + ":2: line longer than the limit of 100 bytes, skipped",
            }));

  std::istringstream in(std::string(300, 'w'));
  StoryReader from_stdin({"-"}, {.default_date = "", .max_story_bytes = 100}, in);
  EXPECT_TRUE(ReadAll(from_stdin).empty());
  EXPECT_EQ(Problems(from_stdin),
            (std::vector<std::string>{"<stdin>: larger than the limit of 100 bytes, skipped"}));
}

// What a hostile corpus does to the reader: each bad story is reported with its
// file and line, the good ones around it are still read, and the run ends with
// a summary by kind.
TEST_F(StoryReaderTest, HostileJsonLinesAreReportedByLineAndTheGoodStoriesAroundThemRead) {
  std::string deep = "{\"id\": \"deep\", \"text\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  const std::string path = Write("hostile.jsonl",
                                 "{\"id\": \"first\", \"date\": \"2022-04-09\", \"text\": \"Russia met China.\"}\n"
                                 "{\"id\": \"nul\", \"text\": \"Kabul \\u0000 said\"}\n"
                                 "{\"id\": \"bytes\", \"text\": \"Kabul \xC3\x28 said\"}\n" +
                                     deep + "\n"
                                 "{\"id\": \"year\", \"date\": \"9999-01-01\", \"text\": \"Iran met Iraq.\"}\n"
                                 "{\"id\": \"cut\", \"text\": \"Russia acc");
  StoryReader reader({path}, {.default_date = "2022-01-01"});
  const auto stories = ReadAll(reader);
  ASSERT_EQ(stories.size(), 2u);
  EXPECT_EQ(stories[0].id, "first");
  EXPECT_EQ(stories[1].id, "year");
  EXPECT_EQ(stories[1].date, "2022-01-01");  // the out-of-range date falls back to --date
  EXPECT_EQ(Problems(reader),
            (std::vector<std::string>{
                path + ":2: \"text\" field: NUL byte at byte 6",
                path + ":3: invalid UTF-8 at byte 141 (truncated sequence)",
                path + ":4: \"text\" field is not a string",
                path + ":5: invalid date '9999-01-01' (not a calendar date in 1800-2100); using --date",
                path + ":6: invalid JSON: column 34: syntax error while parsing value - invalid string: missing "
                       "closing quote; last read: '\"Russia acc'",
            }));
  EXPECT_EQ(SummarizeProblems(reader.problems()),
            "skipped 4 inputs (2 invalid UTF-8, 1 no text, 1 invalid JSON); 1 kept with a warning (1 invalid date)");
}

TEST_F(StoryReaderTest, ManyNestedQuotesAndA50MegabyteLineAreOrdinaryText) {
  const std::string quotes = Write("quotes.txt", "Russia said " + std::string(100000, '"') + " China met Iran.");
  std::string line = "{\"id\": \"long\", \"text\": \"" + std::string(50u << 20, 'a') + "\"}\n";
  const std::string huge = Write("huge.jsonl", line + "{\"id\": \"after\", \"text\": \"Iran met Iraq.\"}\n");
  line.clear();
  line.shrink_to_fit();
  StoryReader reader({quotes, huge}, {.default_date = "", .max_story_bytes = 64u << 20});
  const auto stories = ReadAll(reader);
  ASSERT_EQ(stories.size(), 3u);
  EXPECT_EQ(stories[0].text.size(), 12u + 100000u + 16u);
  EXPECT_EQ(stories[1].text.size(), 50u << 20);
  EXPECT_EQ(stories[2].id, "after");
  EXPECT_TRUE(reader.problems().empty());
  EXPECT_EQ(SummarizeProblems(reader.problems()), "");

  // With the default limit the 50 MB line is reported, not held, and the next line is still read.
  StoryReader limited({huge}, {});
  const auto kept = ReadAll(limited);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].id, "after");
  EXPECT_EQ(Problems(limited),
            (std::vector<std::string>{huge + ":1: line longer than the limit of 4194304 bytes, skipped"}));
  EXPECT_EQ(SummarizeProblems(limited.problems()), "skipped 1 input (1 too large)");
}

TEST(FormatProblem, OmitsLineZero) {
  EXPECT_EQ(FormatProblem({"a.jsonl", 7, "invalid date 'x'", "invalid date", false}), "a.jsonl:7: invalid date 'x'");
  EXPECT_EQ(FormatProblem({"a.txt", 0, "empty", "empty"}), "a.txt: empty");
}

}  // namespace
}  // namespace chancery::input
