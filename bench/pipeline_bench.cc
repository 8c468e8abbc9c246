// Whole-pipeline throughput: text -> sentences -> actors -> events, on a corpus
// made by repeating the three seed articles. Prints sentences per second (per
// core: one thread), events per second and the process's peak resident memory.
//
//   build/bench/pipeline_bench [--benchmark_min_time=2]
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "pipeline/pipeline.h"

namespace {

std::vector<chancery::Story> SeedCorpus(int copies) {
  static const char* const kSeeds[][2] = {
      {"voa-2022-04-taliban-diplomats", "2022-04-09"},
      {"analysis-2022-02-iran-pakistan", "2022-02-07"},
      {"opinion-2023-normalizing-taliban", "2023-06-01"},
  };
  std::vector<chancery::Story> corpus;
  for (int copy = 0; copy < copies; ++copy) {
    for (const auto& seed : kSeeds) {
      std::ifstream in(std::string(CHANCERY_SOURCE_DIR) + "/tests/fixtures/seeds/" + seed[0] + ".txt");
      std::stringstream text;
      text << in.rdbuf();
      chancery::Story story;
      story.id = std::string(seed[0]) + "#" + std::to_string(copy);
      story.date = seed[1];
      story.text = text.str();
      corpus.push_back(std::move(story));
    }
  }
  return corpus;
}

const chancery::Pipeline& SharedPipeline() {
  static const chancery::Pipeline* pipeline = [] {
    chancery::PipelineOptions options;
    options.data_dir = CHANCERY_DATA_DIR;
    options.cache_dir = chancery::DefaultCacheDir();
    return new chancery::Pipeline(options);
  }();
  return *pipeline;
}

long PeakRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

void BM_WholePipeline(benchmark::State& state) {
  const chancery::Pipeline& pipeline = SharedPipeline();
  std::vector<chancery::Story> corpus = SeedCorpus(int(state.range(0)));
  auto workspace = pipeline.NewWorkspace();
  std::int64_t sentences = 0, events = 0, bytes = 0;
  for (auto _ : state) {
    for (const chancery::Story& story : corpus) {
      chancery::CodedStory coded = pipeline.Code(story, *workspace);
      sentences += std::int64_t(coded.sentences.size());
      events += std::int64_t(coded.events.size());
      bytes += std::int64_t(story.text.size());
      benchmark::DoNotOptimize(coded);
    }
  }
  state.counters["sentences_per_s"] = benchmark::Counter(double(sentences), benchmark::Counter::kIsRate);
  state.counters["events_per_s"] = benchmark::Counter(double(events), benchmark::Counter::kIsRate);
  state.counters["peak_rss_MiB"] = double(PeakRssKiB()) / 1024.0;
  state.SetBytesProcessed(bytes);
}
BENCHMARK(BM_WholePipeline)->Arg(10)->Arg(100)->Unit(benchmark::kMillisecond)->UseRealTime();

// The same corpus with link-grammar asked for the subject where several actors
// precede a verb (chancery code --syntax): what the parser costs.
void BM_WholePipelineWithSyntax(benchmark::State& state) {
  chancery::PipelineOptions options;
  options.data_dir = CHANCERY_DATA_DIR;
  options.cache_dir = chancery::DefaultCacheDir();
  options.syntax = true;
  chancery::Pipeline pipeline(options);
  std::vector<chancery::Story> corpus = SeedCorpus(int(state.range(0)));
  auto workspace = pipeline.NewWorkspace();
  std::int64_t sentences = 0;
  for (auto _ : state) {
    for (const chancery::Story& story : corpus) {
      chancery::CodedStory coded = pipeline.Code(story, *workspace);
      sentences += std::int64_t(coded.sentences.size());
      benchmark::DoNotOptimize(coded);
    }
  }
  state.counters["sentences_per_s"] = benchmark::Counter(double(sentences), benchmark::Counter::kIsRate);
  state.counters["parsed_share"] = sentences ? double(workspace->parsed_sentences) / double(sentences) : 0.0;
  state.counters["peak_rss_MiB"] = double(PeakRssKiB()) / 1024.0;
}
BENCHMARK(BM_WholePipelineWithSyntax)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

void BM_StartUp(benchmark::State& state) {
  for (auto _ : state) {
    chancery::PipelineOptions options;
    options.data_dir = CHANCERY_DATA_DIR;
    options.cache_dir = chancery::DefaultCacheDir();
    chancery::Pipeline pipeline(options);
    benchmark::DoNotOptimize(pipeline.recognizer().pattern_count());
  }
}
BENCHMARK(BM_StartUp)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
