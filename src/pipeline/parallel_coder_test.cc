#include "pipeline/parallel_coder.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "input/story_reader.h"
#include "output/event_writer.h"

namespace chancery {
namespace {

// Stories "0", "1", ... up to `count`.
ParallelCoder::NextFunction Numbered(int count, int* produced) {
  return [count, produced]() -> std::optional<Story> {
    if (*produced == count) return std::nullopt;
    Story story;
    story.id = std::to_string((*produced)++);
    story.text = "story " + story.id;
    return story;
  };
}

// A stand-in for Pipeline::Code that marks its result with the story's
// number (as the first sentence's begin), so order can be checked without
// loading dictionaries.
CodedStory Mark(const Story& story) {
  CodedStory coded;
  coded.sentences.emplace_back();
  coded.sentences.back().begin = std::uint32_t(std::stoi(story.id));
  return coded;
}

ParallelCoder::WorkspaceFactory EmptyWorkspaces() {
  return [] { return std::make_unique<Pipeline::Workspace>(); };
}

TEST(ParallelCoder, DeliversInInputOrderWhateverTheCodingTimes) {
  // Random delays make later stories finish first more often than not.
  ParallelCoder coder(
      [](const Story& story, Pipeline::Workspace&) {
        thread_local std::mt19937 random(std::hash<std::thread::id>()(std::this_thread::get_id()));
        std::this_thread::sleep_for(std::chrono::microseconds(random() % 2000));
        return Mark(story);
      },
      EmptyWorkspaces(), {.threads = 4});
  int produced = 0;
  std::vector<std::string> ids;
  std::vector<std::uint32_t> marks;
  coder.Run(Numbered(300, &produced), [&](const Story& story, CodedStory& coded) {
    ids.push_back(story.id);
    marks.push_back(coded.sentences.at(0).begin);
  });
  ASSERT_EQ(ids.size(), 300u);
  for (std::uint32_t i = 0; i < 300; ++i) {
    EXPECT_EQ(ids[i], std::to_string(i));
    EXPECT_EQ(marks[i], i) << "story " << ids[i] << " got another story's result";
  }
}

TEST(ParallelCoder, OneThreadCodesInlineOnTheCallingThread) {
  std::thread::id caller = std::this_thread::get_id();
  std::vector<std::thread::id> coded_on;
  ParallelCoder coder(
      [&](const Story& story, Pipeline::Workspace&) {
        coded_on.push_back(std::this_thread::get_id());
        return Mark(story);
      },
      EmptyWorkspaces(), {.threads = 1});
  int produced = 0, delivered = 0;
  coder.Run(Numbered(20, &produced), [&](const Story&, CodedStory&) {
    // Inline: each story is coded and delivered before the next is read.
    EXPECT_EQ(produced, delivered + 1);
    ++delivered;
  });
  EXPECT_EQ(delivered, 20);
  ASSERT_EQ(coded_on.size(), 20u);
  for (std::thread::id id : coded_on) EXPECT_EQ(id, caller);
}

TEST(ParallelCoder, NeverHoldsMoreStoriesThanTheWindow) {
  std::atomic<int> coding{0}, most_coding{0};
  ParallelCoder coder(
      [&](const Story& story, Pipeline::Workspace&) {
        int now = ++coding;
        for (int seen = most_coding; now > seen && !most_coding.compare_exchange_weak(seen, now);) {
        }
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        --coding;
        return Mark(story);
      },
      EmptyWorkspaces(), {.threads = 3, .window = 5});
  EXPECT_EQ(coder.window(), 5u);
  int produced = 0, delivered = 0, most_in_flight = 0;
  auto numbered = Numbered(500, &produced);
  coder.Run(
      [&] {
        auto story = numbered();
        if (story) most_in_flight = std::max(most_in_flight, produced - delivered);
        return story;
      },
      [&](const Story&, CodedStory&) { ++delivered; });
  EXPECT_EQ(delivered, 500);
  EXPECT_LE(most_in_flight, 5);
  EXPECT_GE(most_in_flight, 2) << "the reader should run ahead of the oldest story";
  EXPECT_LE(most_coding.load(), 3);
}

TEST(ParallelCoder, TheDefaultWindowIsSixteenStoriesPerThread) {
  ParallelCoder coder([](const Story& story, Pipeline::Workspace&) { return Mark(story); }, EmptyWorkspaces(),
                      {.threads = 3});
  EXPECT_EQ(coder.window(), 48u);
}

TEST(ParallelCoder, StopsReadingAheadAtTheByteBudget) {
  ParallelCoder coder(
      [](const Story& story, Pipeline::Workspace&) {
        std::this_thread::sleep_for(std::chrono::microseconds(100));
        return Mark(story);
      },
      EmptyWorkspaces(), {.threads = 2, .window = 100, .max_bytes = 1});
  int produced = 0, delivered = 0, most_in_flight = 0;
  auto numbered = Numbered(50, &produced);
  coder.Run(
      [&] {
        auto story = numbered();
        if (story) most_in_flight = std::max(most_in_flight, produced - delivered);
        return story;
      },
      [&](const Story&, CodedStory&) { ++delivered; });
  EXPECT_EQ(delivered, 50);
  EXPECT_EQ(most_in_flight, 1) << "every story is over the budget, so only one at a time";
}

TEST(ParallelCoder, AWorkersExceptionReachesTheCallerAfterTheStoriesBeforeIt) {
  ParallelCoder coder(
      [](const Story& story, Pipeline::Workspace&) {
        if (story.id == "37") throw std::runtime_error("cannot code story 37");
        return Mark(story);
      },
      EmptyWorkspaces(), {.threads = 4});
  int produced = 0;
  std::vector<std::string> delivered;
  try {
    coder.Run(Numbered(1000, &produced), [&](const Story& story, CodedStory&) { delivered.push_back(story.id); });
    FAIL() << "no exception";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "cannot code story 37");
  }
  ASSERT_EQ(delivered.size(), 37u);
  EXPECT_EQ(delivered.back(), "36");
  EXPECT_LT(produced, 1000) << "reading stops at the failure";
}

TEST(ParallelCoder, AnExceptionWhileDeliveringStopsTheWorkers) {
  ParallelCoder coder([](const Story& story, Pipeline::Workspace&) { return Mark(story); }, EmptyWorkspaces(),
                      {.threads = 2});
  int produced = 0;
  EXPECT_THROW(coder.Run(Numbered(1000, &produced),
                         [&](const Story& story, CodedStory&) {
                           if (story.id == "5") throw std::runtime_error("disk full");
                         }),
               std::runtime_error);
  EXPECT_LT(produced, 1000);
}

TEST(ParallelCoder, EachWorkerGetsItsOwnWorkspace) {
  std::atomic<int> made{0};
  std::mutex mutex;
  std::map<Pipeline::Workspace*, std::thread::id> owner;
  ParallelCoder coder(
      [&](const Story& story, Pipeline::Workspace& workspace) {
        std::lock_guard lock(mutex);
        auto [it, fresh] = owner.emplace(&workspace, std::this_thread::get_id());
        EXPECT_EQ(it->second, std::this_thread::get_id()) << "a workspace was shared between threads";
        return Mark(story);
      },
      [&] {
        ++made;
        return std::make_unique<Pipeline::Workspace>();
      },
      {.threads = 3});
  int produced = 0;
  coder.Run(Numbered(200, &produced), [](const Story&, CodedStory&) {});
  EXPECT_EQ(made.load(), 3);
}

TEST(ParallelCoder, RendersOnTheWorkersAndHandsTheTextOverInOrder) {
  std::thread::id caller = std::this_thread::get_id();
  std::atomic<int> rendered_on_caller{0};
  ParallelCoder coder([](const Story& story, Pipeline::Workspace&) { return Mark(story); }, EmptyWorkspaces(),
                      {.threads = 2});
  int produced = 0;
  std::string output;
  coder.Run(
      Numbered(100, &produced),
      [&](const Story& story, const CodedStory& coded) {
        if (std::this_thread::get_id() == caller) ++rendered_on_caller;
        return story.id + "=" + std::to_string(coded.sentences.at(0).begin) + "\n";
      },
      [&](const Story&, CodedStory&, std::string& rendered) { output += rendered; });
  std::string expected;
  for (int i = 0; i < 100; ++i) expected += std::to_string(i) + "=" + std::to_string(i) + "\n";
  EXPECT_EQ(output, expected);
  EXPECT_EQ(rendered_on_caller.load(), 0);
}

// The real pipeline: the seed articles, copied, coded on one thread and on
// three give the same output, byte for byte.
std::string CodeSeeds(const Pipeline& pipeline, unsigned threads) {
  std::vector<Story> seeds;
  input::StoryReader reader({std::string(CHANCERY_SOURCE_DIR) + "/samples/seeds.jsonl"}, {});
  while (auto story = reader.Next()) seeds.push_back(std::move(*story));
  std::ostringstream out;
  output::EventWriter writer(out, output::OutputFormat::kJsonLines);
  std::size_t next = 0;
  ParallelCoder coder(pipeline, {.threads = threads});
  coder.Run(
      [&]() -> std::optional<Story> {
        if (next == 20 * seeds.size()) return std::nullopt;
        Story story = seeds[next % seeds.size()];
        story.id += "#" + std::to_string(next++);
        return story;
      },
      [&](const Story& story, CodedStory& coded) {
        for (const Event& event : coded.events) writer.Write(event, story.text);
      });
  return out.str();
}

TEST(ParallelCoder, ThreadsGiveTheSameEventsAsOneThreadByteForByte) {
  PipelineOptions options;
  options.data_dir = CHANCERY_DATA_DIR;
  Pipeline pipeline(options);
  std::string one = CodeSeeds(pipeline, 1);
  EXPECT_GT(one.size(), 10000u);
  EXPECT_EQ(CodeSeeds(pipeline, 3), one);
}

}  // namespace
}  // namespace chancery
