// TextAnalyzer specification: loading errors, lemmas in context, thread safety, speed, and
// the sample articles in /work/shared/corpus/seeds (printed when CHANCERY_PRINT_SEEDS is set).
#include "text/text_analyzer.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

namespace chancery::text {
namespace {

namespace fs = std::filesystem;

const TextAnalyzer& Analyzer() {
  static const TextAnalyzer analyzer(CHANCERY_DATA_DIR);
  return analyzer;
}

// A copy of the data directory in a temporary folder, for corrupting files.
fs::path CopyData(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("chancery_text_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir / "text");
  fs::create_directories(dir / "lexicon");
  fs::path data(CHANCERY_DATA_DIR);
  fs::copy(data / "text" / "abbreviations.txt", dir / "text" / "abbreviations.txt");
  for (const char* f : {"verbs.txt", "nouns.txt", "adjectives.txt", "exceptions.tsv"})
    fs::copy(data / "lexicon" / f, dir / "lexicon" / f);
  return dir;
}

std::string ErrorOf(const fs::path& dir) {
  try {
    TextAnalyzer analyzer(dir);
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(TextAnalyzer, MissingFileIsNamed) {
  fs::path dir = CopyData("missing");
  fs::remove(dir / "lexicon" / "nouns.txt");
  EXPECT_NE(ErrorOf(dir).find("nouns.txt"), std::string::npos) << ErrorOf(dir);
  fs::remove_all(dir);
}

TEST(TextAnalyzer, MalformedLineIsReportedAsFileColonLine) {
  fs::path dir = CopyData("malformed");
  {
    std::ofstream out(dir / "text" / "abbreviations.txt");
    out << "# header\nmr.\ttitle\n\ngen.\tgeneral\n";
  }
  EXPECT_EQ(ErrorOf(dir), (dir / "text" / "abbreviations.txt").string() +
                              ":4: unknown kind 'general' (title, name, abbrev, numeric, starter)");
  {
    std::ofstream out(dir / "text" / "abbreviations.txt");
    out << "mr.\ttitle\n";
    std::ofstream exc(dir / "lexicon" / "exceptions.tsv");
    exc << "# header\nmet\tmeet\nbroken line\n";
  }
  EXPECT_EQ(ErrorOf(dir),
            (dir / "lexicon" / "exceptions.tsv").string() + ":3: expected FORM <TAB> LEMMA");
  fs::remove_all(dir);
}

TEST(TextAnalyzer, EveryTokenFieldIsFilled) {
  const std::string text = "Afghanistan\u2019s ruling Taliban hosted talks.";
  std::vector<Sentence> sentences = Analyzer().Analyze(text);
  ASSERT_EQ(sentences.size(), 1u);
  const std::vector<Token>& t = sentences[0].tokens;
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(t[0].lemma, "afghanistan");
  EXPECT_EQ(t[1].text, "'s");
  EXPECT_EQ(t[2].lemma, "rule");
  EXPECT_EQ(t[4].lemma, "host");
  EXPECT_EQ(t[5].lemma, "talk");
  EXPECT_EQ(t[6].lemma, ".");
  for (const Token& token : t)
    EXPECT_EQ(text.substr(token.begin, token.end - token.begin).empty(), false);
  EXPECT_EQ(sentences[0].begin, 0u);
  EXPECT_EQ(sentences[0].end, text.size());
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A ~5 KB news story made from the VOA sample (or a synthetic one when it is absent).
std::string Story5K() {
  std::string story = ReadFile("/work/shared/corpus/seeds/voa-2022-04-taliban-diplomats.txt");
  if (story.empty()) {
    while (story.size() < 5000)
      story += "Gen. Smith met Mr. Jones in the U.S. on Aug. 5. Russia's envoy hosted talks.\n";
  }
  return story.substr(0, story.find(' ', 5000));
}

TEST(TextAnalyzer, ConcurrentCallsAgree) {
  const std::string story = Story5K();
  const std::vector<Sentence> expected = Analyzer().Analyze(story);
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        std::vector<Sentence> got = Analyzer().Analyze(story);
        if (got.size() != expected.size()) ++mismatches[t];
        for (std::size_t s = 0; s < got.size() && s < expected.size(); ++s)
          if (got[s].tokens.size() != expected[s].tokens.size()) ++mismatches[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

TEST(TextAnalyzer, SeedArticles) {
  const fs::path seeds = "/work/shared/corpus/seeds";
  if (!fs::exists(seeds)) GTEST_SKIP() << "no sample articles";
  const bool print = std::getenv("CHANCERY_PRINT_SEEDS") != nullptr;
  for (const auto& entry : fs::directory_iterator(seeds)) {
    if (entry.path().extension() != ".txt") continue;
    const std::string text = ReadFile(entry.path());
    std::vector<Sentence> sentences = Analyzer().Analyze(text);
    EXPECT_GT(sentences.size(), 5u) << entry.path();
    for (const Sentence& s : sentences) {
      ASSERT_FALSE(s.tokens.empty());
      EXPECT_EQ(s.begin, s.tokens.front().begin);
      EXPECT_EQ(s.end, s.tokens.back().end);
      if (print) std::cout << "[" << s.index << "] " << text.substr(s.begin, s.end - s.begin) << "\n";
    }
    if (print) std::cout << "----\n";
  }
}

}  // namespace
}  // namespace chancery::text
