// Specifications of the scorer: gold records in, counts out.
#include "eval/evaluation.h"

#include <gtest/gtest.h>

#include <fstream>

#include "pipeline_fixture.h"

namespace chancery::eval {
namespace {

std::string WriteGold(const std::string& name, const std::string& lines) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << lines;
  return path;
}

TEST(ReadGold, NamesTheFileAndLineOfABadRecord) {
  std::string path = WriteGold("bad.jsonl",
                               "{\"id\":\"1\",\"text\":\"Russia condemned Ukraine.\",\"events\":[]}\n"
                               "{\"id\":\"2\",\"text\":\"truncated\n"
                               "{\"id\":\"3\",\"text\":\"x\",\"events\":[{\"source\":\"RUS\",\"target\":\"UKR\",\"code\":\"111\",\"root\":\"12\"}]}\n");
  std::vector<std::string> problems;
  std::vector<GoldRecord> records = ReadGold({path}, &problems);
  ASSERT_EQ(records.size(), 1u);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_NE(problems[0].find("bad.jsonl:2:"), std::string::npos) << problems[0];
  EXPECT_NE(problems[1].find("bad.jsonl:3:"), std::string::npos) << problems[1];
  EXPECT_NE(problems[1].find("root"), std::string::npos) << problems[1];
}

TEST(Score, CountsMatchesMissesAndFalseEventsAtEachLevel) {
  // One right event (RUS -> UKR 112 is coded as an accusation), one gold event
  // the coder cannot know about (a miss), and one sentence with no gold event.
  std::string path = WriteGold("score.jsonl",
      "{\"id\":\"r1\",\"date\":\"2022-03-01\",\"domain\":\"conflict\",\"text\":\"Russia accused Ukraine of shelling civilians.\","
      "\"events\":[{\"source\":\"RUS\",\"target\":\"UKR\",\"code\":\"112\"},{\"source\":\"UKR\",\"target\":\"RUS\",\"code\":\"190\"}]}\n"
      "{\"id\":\"r2\",\"date\":\"2022-03-01\",\"domain\":\"trade\",\"text\":\"Oil prices rose on Monday.\",\"events\":[]}\n");
  std::vector<std::string> problems;
  std::vector<GoldRecord> records = ReadGold({path}, &problems);
  ASSERT_TRUE(problems.empty());
  Report report = Score(records, chancery::testing::SharedPipeline());
  EXPECT_EQ(report.records, 2);
  EXPECT_EQ(report.gold_events, 2);
  EXPECT_EQ(report.levels[kRoot].true_positives, 1);
  EXPECT_EQ(report.levels[kRoot].false_negatives, 1);
  EXPECT_EQ(report.levels[kRoot].false_positives, report.emitted_events - 1);
  EXPECT_DOUBLE_EQ(report.levels[kRoot].Recall(), 0.5);
  EXPECT_EQ(report.records_without_events, 1);
  EXPECT_EQ(report.records_without_events_clean, 1);
  ASSERT_EQ(report.misses.size(), 1u);
  EXPECT_EQ(report.misses[0].key, "UKR -> RUS 19 (190)");
  EXPECT_EQ(report.by_domain["conflict"].true_positives, 1);
}

TEST(Score, EvidenceTiesAGoldEventToItsSentence) {
  // The same dyad and root in two sentences: each gold event must be matched
  // by the event of its own sentence, not the first one found.
  std::string text = "Russia condemned Ukraine on Monday. Officials met in Geneva.";
  std::string path = WriteGold("evidence.jsonl",
      "{\"id\":\"e1\",\"date\":\"2022-03-01\",\"text\":\"" + text + "\",\"events\":[{\"source\":\"RUS\",\"target\":\"UKR\","
      "\"code\":\"111\",\"evidence\":\"Officials met in Geneva\"}]}\n");
  std::vector<std::string> problems;
  Report report = Score(ReadGold({path}, &problems), chancery::testing::SharedPipeline());
  EXPECT_EQ(report.levels[kRoot].true_positives, 0);
  EXPECT_EQ(report.levels[kRoot].false_negatives, 1);
}

}  // namespace
}  // namespace chancery::eval
