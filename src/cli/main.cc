// chancery command line.
//
//   chancery code [INPUT...]   read articles, write coded events (JSON Lines or CSV)
//   chancery eval GOLD...      code gold records and print precision, recall and F1
//   chancery ingest [INPUT...] code articles into a database (SQLite file or PostgreSQL)
//   chancery query WHAT ...    events, actors, dyads, relations, network, search (table or JSON)
//   chancery serve             the JSON API and the web page over a database
//   chancery dictionary import|export   TABARI / PETRARCH dictionaries in and out
//   chancery merge --db TARGET SHARD...   shard databases (ingest --shard) into one
//
// Exit status: 0 the run completed (stories that could not be read are listed
// on stderr and skipped); 2 bad usage or unusable dictionaries; 3 no input
// story could be read at all. eval: 0 scored (1 if below --min-f1), 2 bad
// usage or unreadable gold lines, 3 no gold record. ingest: as code, plus 4
// when the database failed (what was committed before stays). query: 0, 1 no
// result found, 2 bad usage, 4 database failure. serve: 0 after SIGINT or
// SIGTERM, 2 bad usage or a database or port that cannot be opened.
#include <CLI/CLI.hpp>

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>

#include "cli/dictionary_command.h"
#include "cli/merge_command.h"
#include "coding/cameo_table.h"
#include "coding/verb_dictionary.h"
#include "eval/evaluation.h"
#include "input/story_reader.h"
#include "output/event_writer.h"
#include "pipeline/ingest.h"
#include "pipeline/parallel_coder.h"
#include "pipeline/pipeline.h"
#include "serve/api.h"
#include "serve/http_server.h"
#include "store/store.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;
constexpr int kExitNoInput = 3;
constexpr int kExitStore = 4;

// All events are kept by default; --min-confidence trades recall for
// precision (measured on the gold sets: README, "Accuracy and speed").
constexpr double kDefaultMinConfidence = 0.0;

// What `code` and `ingest` share: which stories to read and how to code them.
struct CorpusOptions {
  std::vector<std::string> inputs;
  std::string date;
  std::string data_dir;
  bool no_cache = false;
  bool quiet = false;
  bool syntax = false;
  double min_confidence = kDefaultMinConfidence;
  unsigned jobs = 1;  // coding threads; 0 = one per hardware thread
  std::string shard;  // "I/N": keep only shard I of N; "" = all stories
  std::size_t max_story_bytes = chancery::input::ReadOptions{}.max_story_bytes;
};

struct CodeOptions : CorpusOptions {
  std::string output = "-";
  std::string format = "jsonl";
  bool strict_data = false;
  bool explain = false;
};

// --shard I/N: a story belongs to shard FNV-1a(id) % N. Hashing the id, not
// the position, puts a story in the same shard however the corpus is split
// into files or ordered, so N machines can each take one shard of the same
// inputs and together code every story exactly once.
struct Shard {
  std::uint64_t index = 0, count = 1;
  bool Keeps(const std::string& story_id) const {
    if (count == 1) return true;
    std::uint64_t hash = 14695981039346656037ull;  // FNV-1a, 64 bits
    for (unsigned char c : story_id) hash = (hash ^ c) * 1099511628211ull;
    return hash % count == index;
  }
};

// "I/N" with 0 <= I < N, or nullopt after saying what is wrong.
std::optional<Shard> ParseShard(const std::string& text) {
  if (text.empty()) return Shard{};
  Shard shard;
  std::size_t slash = text.find('/');
  auto number = [](std::string_view digits, std::uint64_t& value) {
    if (digits.empty() || digits.size() > 9) return false;
    value = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
      value = value * 10 + std::uint64_t(c - '0');
    }
    return true;
  };
  if (slash == std::string::npos || !number(std::string_view(text).substr(0, slash), shard.index) ||
      !number(std::string_view(text).substr(slash + 1), shard.count) || shard.count == 0 ||
      shard.index >= shard.count) {
    std::cerr << "chancery: --shard '" << text << "' is not I/N with 0 <= I < N (e.g. 0/4 ... 3/4)\n";
    return std::nullopt;
  }
  return shard;
}

unsigned Jobs(unsigned jobs) { return jobs == 0 ? chancery::HardwareThreads() : jobs; }

// The pipeline over the chosen data directory, or null after saying why.
std::unique_ptr<chancery::Pipeline> LoadPipeline(const std::string& data_dir, bool no_cache, bool syntax,
                                                 double min_confidence = kDefaultMinConfidence) {
  using namespace chancery;
  PipelineOptions options;
  options.data_dir = data_dir.empty() ? DefaultDataDir() : std::filesystem::path(data_dir);
  options.cache_dir = no_cache ? std::filesystem::path() : DefaultCacheDir();
  options.syntax = syntax;
  options.min_confidence = min_confidence;
  try {
    return std::make_unique<Pipeline>(options);
  } catch (const std::exception& error) {
    std::cerr << "chancery: " << error.what() << "\n";
    return nullptr;
  }
}

// Both commands' start: the checked --date and --shard, the pipeline (its
// data warnings printed), and what to read ("-" when no input is named);
// nullopt after saying what is wrong.
struct Corpus {
  Shard shard;
  std::unique_ptr<chancery::Pipeline> pipeline;
  std::vector<std::string> inputs;
  chancery::input::ReadOptions read_options;
};

std::optional<Corpus> OpenCorpus(const CorpusOptions& options) {
  using namespace chancery;
  Corpus corpus;
  if (!options.date.empty()) {
    std::optional<std::string> date = input::NormalizeDate(options.date);
    if (!date) {
      std::cerr << "chancery: --date '" << options.date << "' is not a date (use YYYY-MM-DD)\n";
      return std::nullopt;
    }
    corpus.read_options.default_date = *date;
  }
  corpus.read_options.max_story_bytes = options.max_story_bytes;
  std::optional<Shard> shard = ParseShard(options.shard);
  if (!shard) return std::nullopt;
  corpus.shard = *shard;
  corpus.pipeline = LoadPipeline(options.data_dir, options.no_cache, options.syntax, options.min_confidence);
  if (!corpus.pipeline) return std::nullopt;
  for (const std::string& problem : corpus.pipeline->data_problems())
    std::cerr << "chancery: warning: " << problem << "\n";
  corpus.inputs = options.inputs;
  if (corpus.inputs.empty()) corpus.inputs.push_back("-");
  return corpus;
}

int RunCode(const CodeOptions& options) {
  using namespace chancery;
  std::optional<Corpus> corpus = OpenCorpus(options);
  if (!corpus) return kExitUsage;
  const Shard& shard = corpus->shard;
  Pipeline& pipeline = *corpus->pipeline;
  if (options.strict_data && !pipeline.data_problems().empty()) return kExitUsage;

  std::ofstream file;
  std::ostream* out = &std::cout;
  if (options.output != "-") {
    file.open(options.output, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "chancery: " << options.output << ": cannot open for writing\n";
      return kExitUsage;
    }
    out = &file;
  }
  const output::OutputFormat format =
      options.format == "csv" ? output::OutputFormat::kCsv : output::OutputFormat::kJsonLines;

  input::StoryReader reader(corpus->inputs, corpus->read_options);
  std::size_t stories = 0, sentences = 0, undated = 0, other_shards = 0, events_written = 0;
  bool csv_header_written = false;
  std::size_t problems_reported = 0;
  auto report_problems = [&] {
    for (; problems_reported < reader.problems().size(); ++problems_reported)
      std::cerr << "chancery: " << input::FormatProblem(reader.problems()[problems_reported]) << "\n";
  };
  // Reading, writing and --explain stay on this thread, in input order; coding
  // and formatting each story's events run on the workers (none with -j 1).
  // Formatting costs a quarter of the time; left on this thread it would keep
  // two workers waiting.
  auto next = [&]() -> std::optional<Story> {
    while (std::optional<Story> story = reader.Next()) {
      report_problems();
      if (!shard.Keeps(story->id)) {
        ++other_shards;
        continue;
      }
      ++stories;
      if (story->date.empty()) ++undated;
      return story;
    }
    return std::nullopt;
  };
  auto render = [format](const Story& story, const CodedStory& coded) {
    std::ostringstream chunk;
    output::EventWriter story_writer(chunk, format);
    for (const Event& event : coded.events) story_writer.Write(event, story.text);
    return std::move(chunk).str();
  };
  auto deliver = [&](const Story& story, CodedStory& coded, std::string& rendered) {
    sentences += coded.sentences.size();
    if (options.explain) {
      // For dictionary authors: what each sentence was split into and who was found in it.
      for (std::size_t i = 0; i < coded.sentences.size(); ++i) {
        const Sentence& sentence = coded.sentences[i];
        std::cerr << "[" << story.id << " #" << sentence.index << "] "
                  << std::string_view(story.text).substr(sentence.begin, sentence.end - sentence.begin) << "\n  tokens:";
        for (const Token& token : sentence.tokens) std::cerr << ' ' << token.text << '/' << token.lemma;
        std::cerr << "\n  actors:";
        for (const auto& mention : coded.mentions[i])
          std::cerr << " [" << mention.ref.text << " = " << (mention.ref.code.empty() ? "?" : mention.ref.code)
                    << (mention.place_context ? " place" : "") << "]";
        std::cerr << "\n";
      }
    }
    // Each story was formatted by a fresh writer, so a CSV chunk starts with
    // the header row: keep the first one only, as one writer would have.
    std::string_view bytes = rendered;
    if (format == output::OutputFormat::kCsv && !bytes.empty() && csv_header_written)
      bytes.remove_prefix(bytes.find('\n') + 1);
    if (!bytes.empty()) csv_header_written = true;
    out->write(bytes.data(), std::streamsize(bytes.size()));
    events_written += coded.events.size();
  };
  ParallelCoder(pipeline, {.threads = Jobs(options.jobs)}).Run(next, render, deliver);
  report_problems();
  out->flush();
  if (!*out) {
    std::cerr << "chancery: error writing " << (options.output == "-" ? "standard output" : options.output) << "\n";
    return kExitUsage;
  }
  if (!options.quiet) {
    std::cerr << "chancery: " << stories << " stories, " << sentences << " sentences, " << events_written
              << " events";
    if (!reader.problems().empty()) std::cerr << "; " << input::SummarizeProblems(reader.problems());
    if (undated) std::cerr << "; " << undated << " stories without a date (use --date)";
    if (other_shards) std::cerr << "; " << other_shards << " stories in other shards (skipped)";
    std::cerr << "\n";
  }
  if (stories + other_shards == 0) {
    std::cerr << "chancery: no story could be read\n";
    return kExitNoInput;
  }
  return kExitOk;
}

struct EvalOptions {
  std::vector<std::string> gold;
  std::string data_dir;
  int list = 40;
  double min_f1 = 0.0;
  bool no_cache = false;
  bool syntax = false;
  double min_confidence = kDefaultMinConfidence;
};

// A ratio printed with three decimals ("0.573").
std::string Fraction(double value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.3f", value);
  return buffer;
}

void PrintCountsRow(std::ostream& out, const std::string& name, const chancery::eval::Counts& counts) {
  char line[160];
  std::snprintf(line, sizeof line, "  %-28s %6d %6d %6d   %.3f  %.3f  %.3f\n", name.c_str(), counts.true_positives,
                counts.false_positives, counts.false_negatives, counts.Precision(), counts.Recall(), counts.F1());
  out << line;
}

int RunEval(const EvalOptions& options) {
  using namespace chancery;
  std::vector<std::string> problems;
  std::vector<eval::GoldRecord> records = eval::ReadGold(options.gold, &problems);
  for (const std::string& problem : problems) std::cerr << "chancery: " << problem << "\n";
  if (records.empty()) {
    std::cerr << "chancery: no gold record could be read\n";
    return kExitNoInput;
  }
  std::unique_ptr<Pipeline> pipeline = LoadPipeline(options.data_dir, options.no_cache, options.syntax, options.min_confidence);
  if (!pipeline) return kExitUsage;
  eval::Report report = eval::Score(records, *pipeline);
  std::ostream& out = std::cout;
  const eval::Counts& root = report.levels[eval::kRoot];
  out << "gold records " << report.records << ", gold events " << report.gold_events << ", emitted events "
      << report.emitted_events;
  if (report.unscorable_events) out << " (" << report.unscorable_events << " gold events without a source or target left out)";
  out << "\n\n";
  out << "  level                            tp     fp     fn   precision recall F1\n";
  PrintCountsRow(out, "source/target country, root", report.levels[eval::kRoot]);
  PrintCountsRow(out, "source/target country, code", report.levels[eval::kCode]);
  PrintCountsRow(out, "full actors and code", report.levels[eval::kFull]);
  int emitted = root.true_positives + root.false_positives;
  out << "\nfalse events (root level): " << root.false_positives << " of " << emitted << " emitted ("
      << Fraction(emitted ? double(root.false_positives) / emitted : 0.0) << ")\n";
  out << "sentences with no gold event left clean: " << report.records_without_events_clean << " of "
      << report.records_without_events << "\n";
  if (report.matched)
    out << "of " << report.matched << " matched events: mode agrees " << Fraction(double(report.mode_agrees) / report.matched)
        << ", attribution agrees " << Fraction(double(report.attribution_agrees) / report.matched) << "\n";
  out << "\nby domain (root level)           tp     fp     fn   precision recall F1\n";
  for (const auto& [name, counts] : report.by_domain) PrintCountsRow(out, name, counts);
  out << "\nby CAMEO root (root level)       tp     fp     fn   precision recall F1\n";
  for (const auto& [name, counts] : report.by_root) {
    std::string label = name;
    if (const coding::CameoCode* code = pipeline->cameo().Find(name)) label += " " + code->label;
    if (label.size() > 28) label.resize(28);
    PrintCountsRow(out, label, counts);
  }
  auto list = [&](const char* title, const std::vector<eval::Mismatch>& items) {
    out << "\n" << title << " (" << items.size() << (int(items.size()) > options.list ? ", first " + std::to_string(options.list) : std::string()) << ")\n";
    for (int i = 0; i < int(items.size()) && i < options.list; ++i) {
      const eval::Mismatch& item = items[i];
      out << "  [" << item.record_id << "] " << item.key << (item.detail.empty() ? "" : "  -- " + item.detail) << "\n      "
          << item.sentence << "\n";
    }
  };
  list("misses", report.misses);
  list("false events", report.false_events);
  if (root.F1() < options.min_f1) {
    std::cerr << "chancery: root-level F1 " << Fraction(root.F1()) << " is below --min-f1 " << Fraction(options.min_f1) << "\n";
    return 1;
  }
  return problems.empty() ? kExitOk : kExitUsage;
}


// ---- ingest ----------------------------------------------------------------

struct IngestOptions : CorpusOptions {
  std::string db = "chancery.db";
  bool progress = false;     // force the progress bar
  bool no_progress = false;  // never draw it
  bool verbose = false;      // a line per story once its fate is committed
};

// Total bytes of the inputs (files, directories' files), for the progress bar;
// 0 when unknown (standard input).
std::uint64_t InputBytes(const std::vector<std::string>& inputs) {
  std::uint64_t total = 0;
  for (const std::string& input : inputs) {
    if (input == "-") return 0;
    std::error_code error;
    if (std::filesystem::is_directory(input, error)) {
      for (auto it = std::filesystem::recursive_directory_iterator(
               input, std::filesystem::directory_options::skip_permission_denied, error);
           !error && it != std::filesystem::recursive_directory_iterator(); it.increment(error))
        if (it->is_regular_file(error)) total += it->file_size(error);
    } else {
      auto size = std::filesystem::file_size(input, error);
      if (!error) total += size;
    }
  }
  return total;
}

// One line redrawn in place on a terminal: "[#####     ]  52%  1.2/2.3 MB  ...".
class ProgressBar {
 public:
  ProgressBar(bool enabled, std::uint64_t total_bytes)
      : enabled_(enabled), total_(total_bytes), start_(std::chrono::steady_clock::now()) {}
  void Update(std::uint64_t bytes, const chancery::IngestCounts& counts, bool force = false) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (!force && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    std::ostringstream line;
    line << "\r";
    if (total_ > 0) {
      double fraction = std::min(1.0, double(bytes) / double(total_));
      int filled = int(fraction * 24);
      line << "[" << std::string(filled, '#') << std::string(24 - filled, ' ') << "] " << std::setw(3)
           << int(fraction * 100) << "%  " << std::fixed << std::setprecision(1) << bytes / 1e6 << "/"
           << total_ / 1e6 << " MB  ";
    }
    line << counts.stories << " stories (" << counts.skipped << " already stored), " << counts.events << " events";
    if (seconds > 0.5) line << ", " << std::fixed << std::setprecision(0) << counts.sentences / seconds << " sentences/s";
    line << "\033[K";
    std::cerr << line.str() << std::flush;
    drawn_ = true;
  }
  void Finish() {
    if (drawn_) std::cerr << "\n";
  }

 private:
  bool enabled_;
  std::uint64_t total_;
  std::chrono::steady_clock::time_point start_, last_;
  bool drawn_ = false;
};

std::unique_ptr<chancery::store::Store> OpenStore(const std::string& db) {
  try {
    return chancery::store::Store::Open(db);
  } catch (const std::exception& error) {
    std::cerr << "chancery: " << error.what() << "\n";
    return nullptr;
  }
}

int RunIngest(const IngestOptions& options) {
  using namespace chancery;
  std::optional<Corpus> corpus = OpenCorpus(options);
  if (!corpus) return kExitUsage;
  const Shard& shard = corpus->shard;
  Pipeline& pipeline = *corpus->pipeline;
  std::unique_ptr<store::Store> store = OpenStore(options.db);
  if (!store) return kExitUsage;

  input::StoryReader reader(corpus->inputs, corpus->read_options);
  bool progress = !options.no_progress && (options.progress || (!options.quiet && isatty(STDERR_FILENO)));
  ProgressBar bar(progress, InputBytes(corpus->inputs));
  std::size_t problems_reported = 0, other_shards = 0;
  auto report_problems = [&] {
    if (problems_reported < reader.problems().size()) bar.Finish();
    for (; problems_reported < reader.problems().size(); ++problems_reported)
      std::cerr << "chancery: " << input::FormatProblem(reader.problems()[problems_reported]) << "\n";
  };

  // Coding runs on workers; the store (not thread-safe) is used on this
  // thread only: Admit when a story is read, Put when its turn comes.
  Ingester ingester(pipeline, *store);
  auto next = [&]() -> std::optional<Story> {
    while (std::optional<Story> story = reader.Next()) {
      report_problems();
      if (!shard.Keeps(story->id)) {
        ++other_shards;
        continue;
      }
      if (ingester.Admit(*story)) return story;
      bar.Update(reader.bytes_read(), ingester.counts());
    }
    return std::nullopt;
  };
  auto deliver = [&](const Story& story, CodedStory& coded) {
    const store::PutResult result = ingester.Put(story, coded);
    if (options.verbose) {
      // Written only after the transaction committed: a line here means the
      // story survives any crash from now on (tests/crash_safety_loop.sh).
      // One write per line: std::cerr is unbuffered, and a kill between the
      // pieces of a line would leave half of it.
      bar.Finish();
      std::string line = std::string("chancery: ") +
                         (result == store::PutResult::kInserted   ? "stored "
                          : result == store::PutResult::kReplaced ? "replaced "
                                                                  : "already stored ") +
                         story.id + " (" + std::to_string(coded.events.size()) + " events)\n";
      std::cerr.write(line.data(), std::streamsize(line.size()));
      std::cerr.flush();
    }
    bar.Update(reader.bytes_read(), ingester.counts());
  };
  try {
    ParallelCoder(pipeline, {.threads = Jobs(options.jobs)}).Run(next, deliver);
  } catch (const std::exception& error) {
    bar.Finish();
    const IngestCounts& counts = ingester.counts();
    std::cerr << "chancery: " << store->Describe() << ": " << error.what() << "\n"
              << "chancery: stopped; " << counts.inserted + counts.replaced
              << " stories were committed before and are kept; run the same command again to resume\n";
    return kExitStore;
  }
  const IngestCounts& counts = ingester.counts();
  bar.Update(reader.bytes_read(), counts, true);
  bar.Finish();
  report_problems();
  if (!options.quiet)
    std::cerr << "chancery: " << store->Describe() << ": " << counts.stories << " stories read, " << counts.inserted
              << " new, " << counts.replaced << " replaced, " << counts.skipped << " already stored; "
              << counts.sentences << " sentences, " << counts.events << " events coded"
              << (reader.problems().empty() ? "" : "; " + input::SummarizeProblems(reader.problems()))
              << (other_shards ? "; " + std::to_string(other_shards) + " stories in other shards (skipped)" : "")
              << "\n";
  if (counts.stories + std::int64_t(other_shards) == 0) {
    std::cerr << "chancery: no story could be read\n";
    return kExitNoInput;
  }
  return kExitOk;
}

// ---- query -----------------------------------------------------------------

struct QueryOptions {
  std::string db = "chancery.db";
  bool json = false;
  std::map<std::string, std::string> params;  // API parameters
  std::string path;                           // API path
};

std::string Cell(const chancery::serve::Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null()) return "";
  if (value.is_number_float()) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", value.get<double>());
    return buffer;
  }
  if (value.is_array()) {
    std::string joined;
    for (const auto& item : value) joined += (joined.empty() ? "" : ",") + Cell(item);
    return joined;
  }
  return value.dump();
}

// Rows of objects as an aligned table; columns are JSON pointers ("/source/code").
void PrintTable(const chancery::serve::Json& rows, const std::vector<std::pair<std::string, std::string>>& columns,
                std::size_t max_width = 60) {
  std::vector<std::vector<std::string>> cells;
  std::vector<std::size_t> widths;
  for (const auto& [title, pointer] : columns) widths.push_back(title.size());
  for (const auto& row : rows) {
    std::vector<std::string> line;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      nlohmann::json::json_pointer pointer(columns[c].second);
      std::string text = row.contains(pointer) ? Cell(row.at(pointer)) : "";
      for (char& ch : text)
        if (ch == '\n' || ch == '\t') ch = ' ';
      if (text.size() > max_width) text = text.substr(0, max_width - 3) + "...";
      widths[c] = std::max(widths[c], text.size());
      line.push_back(std::move(text));
    }
    cells.push_back(std::move(line));
  }
  auto print_line = [&](const std::vector<std::string>& line) {
    std::string out;
    for (std::size_t c = 0; c < line.size(); ++c) {
      out += line[c];
      if (c + 1 < line.size()) out += std::string(widths[c] - line[c].size() + 2, ' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    std::cout << out << "\n";
  };
  std::vector<std::string> header;
  for (const auto& [title, pointer] : columns) header.push_back(title);
  print_line(header);
  for (const auto& line : cells) print_line(line);
}

int RunQuery(const QueryOptions& options) {
  using namespace chancery;
  using serve::Json;
  if (!OpenStore(options.db)) return kExitUsage;  // says why, before any query
  serve::RelationRules rules;
  serve::Countries countries;
  try {
    rules = serve::RelationRules::Load(DefaultDataDir() / "relations" / "relations.tsv");
    countries = serve::Countries::Load(serve::Countries::kDefaultFile, DefaultDataDir() / "actors" / "states.tsv");
  } catch (const std::exception& error) {
    std::cerr << "chancery: " << error.what() << "\n";
    return kExitUsage;
  }
  serve::Api api([&] { return store::Store::Open(options.db); }, std::move(rules), std::move(countries));
  serve::ApiRequest request;
  request.path = options.path;
  for (const auto& [name, value] : options.params)
    if (!value.empty()) request.params[name] = value;
  serve::ApiResponse response = api.Handle(request);
  if (response.status != 200) {
    std::cerr << "chancery: " << response.body.value("error", "query failed") << "\n";
    return response.status == 400 ? kExitUsage : response.status == 404 ? 1 : kExitStore;
  }
  const Json& body = response.body;
  if (options.json) {
    std::cout << body.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  const std::string& path = options.path;
  if (path == "/api/events") {
    PrintTable(body["events"], {{"id", "/id"}, {"date", "/date"}, {"source", "/source/code"}, {"target", "/target/code"},
                                {"code", "/code"}, {"label", "/label"}, {"mode", "/mode"}, {"said by", "/attributed_to"},
                                {"sentence", "/sentence"}});
    std::cout << "(" << body["events"].size() << " of " << body["total"] << " events)\n";
  } else if (path.rfind("/api/events/", 0) == 0) {
    PrintTable(Json::array({body}), {{"id", "/id"}, {"date", "/date"}, {"source", "/source/code"},
                                     {"target", "/target/code"}, {"code", "/code"}, {"label", "/label"},
                                     {"mode", "/mode"}, {"said by", "/attributed_to"}});
    std::cout << body["sentence"].get<std::string>() << "\n";
  } else if (path == "/api/actors") {
    PrintTable(body, {{"code", "/code"}, {"name", "/name"}, {"as source", "/as_source"}, {"as target", "/as_target"},
                      {"first", "/first_date"}, {"last", "/last_date"}});
  } else if (path.rfind("/api/actors/", 0) == 0) {
    PrintTable(Json::array({body["actor"]}), {{"code", "/code"}, {"name", "/name"}, {"as source", "/as_source"},
                                              {"as target", "/as_target"}, {"first", "/first_date"}, {"last", "/last_date"}});
    std::cout << "\nas source, by CAMEO root:\n";
    PrintTable(body["roots_as_source"], {{"root", "/key"}, {"label", "/label"}, {"events", "/events"}});
    std::cout << "\nas target, by CAMEO root:\n";
    PrintTable(body["roots_as_target"], {{"root", "/key"}, {"label", "/label"}, {"events", "/events"}});
    std::cout << "\npartners:\n";
    PrintTable(body["partners"], {{"actor", "/key"}, {"name", "/label"}, {"events", "/events"}});
  } else if (path == "/api/dyads") {
    PrintTable(body["points"], {{"period", "/period"}, {"events", "/events"}, {"mean goldstein", "/mean_goldstein"},
                                {"verbal coop", "/verbal_cooperation"}, {"material coop", "/material_cooperation"},
                                {"verbal conflict", "/verbal_conflict"}, {"material conflict", "/material_conflict"}});
  } else if (path == "/api/relations") {
    PrintTable(body["relations"], {{"a", "/a_name"}, {"b", "/b_name"}, {"kind", "/kind"}, {"value", "/value"},
                                   {"status", "/status"}, {"last date", "/last_date"}, {"events", "/events"},
                                   {"claimed by", "/claimed_by"}, {"sources", "/sources"}});
  } else if (path == "/api/network") {
    PrintTable(body["edges"], {{"source", "/source"}, {"target", "/target"}, {"events", "/events"},
                               {"mean goldstein", "/mean_goldstein"}, {"cooperation", "/cooperation"},
                               {"conflict", "/conflict"}, {"last date", "/last_date"}});
  } else if (path == "/api/search") {
    PrintTable(body, {{"story", "/story_id"}, {"sentence", "/sentence_index"}, {"events", "/events"}, {"match", "/snippet"}},
               100);
  } else {
    std::cout << body.dump(2) << "\n";
  }
  bool empty = (body.is_array() && body.empty()) || (body.contains("events") && body["events"].empty()) ||
               (body.contains("relations") && body["relations"].empty()) ||
               (body.contains("points") && body["points"].empty());
  return empty ? 1 : kExitOk;
}

// ---- serve -----------------------------------------------------------------

struct ServeOptions {
  std::string db = "chancery.db";
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web_dir;
  std::string token_file;
  std::string data_dir;
  std::size_t threads = 8;
};

int RunServe(const ServeOptions& options) {
  using namespace chancery;
  if (!OpenStore(options.db)) return kExitUsage;
  std::filesystem::path data_dir = options.data_dir.empty() ? DefaultDataDir() : std::filesystem::path(options.data_dir);
  serve::RelationRules rules;
  serve::Countries countries;
  try {
    rules = serve::RelationRules::Load(data_dir / "relations" / "relations.tsv");
    countries = serve::Countries::Load(serve::Countries::kDefaultFile, data_dir / "actors" / "states.tsv");
  } catch (const std::exception& error) {
    std::cerr << "chancery: " << error.what() << "\n";
    return kExitUsage;
  }
  std::string token;
  std::unique_ptr<Pipeline> pipeline;
  serve::Api::IngestFunction ingest;
  if (!options.token_file.empty()) {
    std::ifstream in(options.token_file);
    if (!in || !std::getline(in, token)) {
      std::cerr << "chancery: " << options.token_file << ": cannot read the token\n";
      return kExitUsage;
    }
    while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back()))) token.pop_back();
    if (token.size() < 16) {
      std::cerr << "chancery: " << options.token_file << ": the token must be at least 16 characters\n";
      return kExitUsage;
    }
    pipeline = LoadPipeline(options.data_dir, false, false);
    if (!pipeline) return kExitUsage;
    const Pipeline& shared_pipeline = *pipeline;
    ingest = [&shared_pipeline](store::Store& store, const std::string& body) {
      std::istringstream stream(body);
      input::StoryReader reader({"-"}, input::ReadOptions{}, stream);
      Ingester ingester(shared_pipeline, store);
      while (auto story = reader.Next()) ingester.Ingest(*story);
      serve::Json problems = serve::Json::array();
      for (const auto& problem : reader.problems()) problems.push_back(input::FormatProblem(problem));
      if (ingester.counts().stories == 0)
        throw std::invalid_argument("no story could be read from the body" +
                                    (problems.empty() ? std::string() : ": " + problems[0].get<std::string>()));
      const IngestCounts& counts = ingester.counts();
      return serve::Json{{"inserted", counts.inserted}, {"replaced", counts.replaced}, {"skipped", counts.skipped},
                         {"events", counts.events}, {"problems", problems}};
    };
  }
  std::string db = options.db;
  serve::Api api([db] { return store::Store::Open(db); }, std::move(rules), std::move(countries), token, ingest);
  serve::ServerOptions server_options;
  server_options.host = options.host;
  server_options.port = options.port;
  server_options.threads = std::max<std::size_t>(1, options.threads);
  server_options.web_dir = options.web_dir.empty() ? std::string(CHANCERY_WEB_DIR) : options.web_dir;
  if (!std::filesystem::is_directory(server_options.web_dir)) {
    std::cerr << "chancery: " << server_options.web_dir << ": no web folder; serving the API only\n";
    server_options.web_dir.clear();
  }
  serve::HttpServer server(api, server_options);

  // SIGINT/SIGTERM are taken by a waiting thread, which stops the server: no
  // handler runs in signal context, and no global is needed.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread stopper([&] {
    int signal_number = 0;
    sigwait(&signals, &signal_number);
    if (signal_number != 0) server.Stop();
  });
  bool served = server.Run([&](int port) {
    std::cerr << "chancery: serving " << options.db << (token.empty() ? " read-only" : " (ingest allowed with the token)")
              << "\nlistening on http://" << options.host << ":" << port << std::endl;
  });
  // Wake the waiting thread if the server ended on its own (bind failure).
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  if (!served && !server.error().empty()) {
    std::cerr << "chancery: " << server.error() << "\n";
    return kExitUsage;
  }
  std::cerr << "chancery: stopped\n";
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);  // stdin is read byte by byte for JSON Lines
  CLI::App app{"chancery: political event data from news text (CAMEO / PLOVER)", "chancery"};
  app.set_version_flag("--version", "chancery 0.1.0");
  app.require_subcommand(1);

  CodeOptions code;
  CLI::App* code_command = app.add_subcommand(
      "code", "Read articles (text, JSON Lines, HTML, directories, '-' for stdin) and write coded events");
  code_command->add_option("inputs", code.inputs, "Files or directories; '-' or nothing reads standard input");
  code_command->add_option("-o,--output", code.output, "Output file ('-' = standard output)");
  code_command->add_option("-f,--format", code.format, "Output format")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  code_command->add_option("--date", code.date, "Story date for stories without one (YYYY-MM-DD)");
  code_command->add_option("--data", code.data_dir, "Data directory (default: $CHANCERY_DATA or the built-in one)");
  code_command->add_flag("--no-cache", code.no_cache, "Do not read or write the compiled dictionary cache");
  code_command->add_flag("--strict-data", code.strict_data, "Fail (exit 2) if any dictionary line is malformed");
  code_command->add_flag("-q,--quiet", code.quiet, "No summary on standard error");
  code_command->add_option("--min-confidence", code.min_confidence, "Leave out events the coder is less sure of (0..1; 0 keeps all)")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  code_command->add_flag("--syntax", code.syntax, "Ask link-grammar for the subject where several actors precede a verb (slower)");
  code_command->add_flag("--explain", code.explain, "Print each sentence's tokens, lemmas and actors on standard error");
  code_command->add_option("-j,--jobs", code.jobs, "Coding threads (0 = one per hardware thread); output stays in input order")
      ->capture_default_str()->check(CLI::Range(0u, 1024u));
  code_command->add_option("--max-story-bytes", code.max_story_bytes,
                           "Skip (and report) stories larger than this; coding takes ~200 bytes of memory per byte of text")
      ->capture_default_str()->transform(CLI::AsSizeValue(false));
  code_command->add_option("--shard", code.shard,
                           "Code only shard I of N (0-based, e.g. 2/4): the stories whose id hashes (FNV-1a) to I mod N, "
                           "whatever the input order; the N shards together are the whole input");

  EvalOptions eval_options;
  CLI::App* eval_command = app.add_subcommand(
      "eval", "Code gold records (JSON Lines: id, date, text, events) and print precision, recall and F1");
  eval_command->add_option("gold", eval_options.gold, "Gold files or directories of .jsonl files")->required();
  eval_command->add_option("--data", eval_options.data_dir, "Data directory (default: $CHANCERY_DATA or the built-in one)");
  eval_command->add_option("--list", eval_options.list, "List at most this many misses and false events")->capture_default_str();
  eval_command->add_option("--min-f1", eval_options.min_f1, "Exit 1 if the root-level F1 is below this");
  eval_command->add_option("--min-confidence", eval_options.min_confidence, "Leave out events the coder is less sure of (0..1; 0 keeps all)")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  eval_command->add_flag("--syntax", eval_options.syntax, "Code with link-grammar subject checks (as chancery code --syntax)");
  eval_command->add_flag("--no-cache", eval_options.no_cache, "Do not read or write the compiled dictionary cache");

  IngestOptions ingest;
  CLI::App* ingest_command = app.add_subcommand(
      "ingest", "Code articles into a database: a SQLite file (default) or postgresql://...; stories already stored are skipped");
  ingest_command->add_option("inputs", ingest.inputs, "Files or directories; '-' or nothing reads standard input");
  ingest_command->add_option("--db", ingest.db, "SQLite file or postgresql:// URL")->capture_default_str();
  ingest_command->add_option("--date", ingest.date, "Story date for stories without one (YYYY-MM-DD)");
  ingest_command->add_option("--data", ingest.data_dir, "Data directory (default: $CHANCERY_DATA or the built-in one)");
  ingest_command->add_flag("--no-cache", ingest.no_cache, "Do not read or write the compiled dictionary cache");
  ingest_command->add_option("--min-confidence", ingest.min_confidence, "Leave out events the coder is less sure of (0..1; 0 keeps all)")
      ->capture_default_str()->check(CLI::Range(0.0, 1.0));
  ingest_command->add_flag("--syntax", ingest.syntax, "Ask link-grammar for the subject where several actors precede a verb (slower)");
  ingest_command->add_flag("-q,--quiet", ingest.quiet, "No progress bar and no summary");
  ingest_command->add_flag("--progress", ingest.progress, "Draw the progress bar even when standard error is not a terminal");
  ingest_command->add_flag("--no-progress", ingest.no_progress, "Never draw the progress bar");
  ingest_command->add_flag("-v,--verbose", ingest.verbose,
                           "Print a line per story coded (stored, replaced) once it is committed");
  ingest_command->add_option("-j,--jobs", ingest.jobs,
                             "Coding threads (0 = one per hardware thread); stories are stored in input order on one thread")
      ->capture_default_str()->check(CLI::Range(0u, 1024u));
  ingest_command->add_option("--max-story-bytes", ingest.max_story_bytes,
                           "Skip (and report) stories larger than this; coding takes ~200 bytes of memory per byte of text")
      ->capture_default_str()->transform(CLI::AsSizeValue(false));
  ingest_command->add_option("--shard", ingest.shard,
                             "Ingest only shard I of N (0-based, e.g. 2/4): the stories whose id hashes (FNV-1a) to I mod N, "
                             "whatever the input order; the N shards together are the whole input");

  QueryOptions query;
  CLI::App* query_command = app.add_subcommand("query", "Ask a database: events, actors, dyads, relations, network, search");
  query_command->require_subcommand(1);
  query_command->add_option("--db", query.db, "SQLite file or postgresql:// URL")->capture_default_str();
  query_command->add_flag("--json", query.json, "Print the JSON the HTTP API would answer");
  std::map<std::string, std::string>& p = query.params;
  CLI::App* q_events = query_command->add_subcommand("events", "Coded events, newest filters first");
  q_events->add_option("--actor", p["actor"], "Actor or country code, either side");
  q_events->add_option("--source", p["source"], "Source actor or country code");
  q_events->add_option("--target", p["target"], "Target actor or country code");
  q_events->add_option("--code", p["code"], "CAMEO code or prefix (05, 054)");
  q_events->add_option("--from", p["from"], "First date (YYYY, YYYY-MM or YYYY-MM-DD)");
  q_events->add_option("--to", p["to"], "Last date, inclusive");
  q_events->add_option("--story", p["story"], "Story id");
  q_events->add_option("--mode", p["mode"], "fact, negated, hypothetical or future");
  q_events->add_option("--text", p["q"], "Words the sentence must contain");
  q_events->add_option("--limit", p["limit"], "At most this many (1..1000, default 50)");
  q_events->add_option("--offset", p["offset"], "Skip this many");
  std::string event_id;
  CLI::App* q_event = query_command->add_subcommand("event", "One event by id, with its sentence");
  q_event->add_option("id", event_id, "Event id")->required();
  CLI::App* q_actors = query_command->add_subcommand("actors", "Actors with events, most active first");
  q_actors->add_option("query", p["q"], "Code prefix or part of the name");
  q_actors->add_option("--limit", p["limit"], "At most this many");
  std::string actor_code;
  CLI::App* q_actor = query_command->add_subcommand("actor", "One actor's profile: roots, partners, timeline");
  q_actor->add_option("code", actor_code, "Actor or country code")->required();
  CLI::App* q_dyad = query_command->add_subcommand("dyad", "Events between two actors over time");
  q_dyad->add_option("a", p["a"], "Actor or country code")->required();
  q_dyad->add_option("b", p["b"], "Actor or country code")->required();
  q_dyad->add_option("--by", p["by"], "day, week or month (default month)");
  CLI::App* q_relations = query_command->add_subcommand(
      "relations", "Recognition, accreditation, embassies, ties: confirmed or claimed, with their events");
  q_relations->add_option("actor", p["actor"], "Actor or country code")->required();
  CLI::App* q_network = query_command->add_subcommand("network", "Directed pairs with event counts and mean Goldstein");
  q_network->add_option("--actor", p["actor"], "Keep pairs with this actor or country");
  q_network->add_option("--level", p["level"], "country (default) or actor");
  q_network->add_option("--limit", p["limit"], "At most this many pairs");
  CLI::App* q_search = query_command->add_subcommand("search", "Full-text search over sentences");
  q_search->add_option("words", p["q"], "Words to find")->required();
  q_search->add_option("--limit", p["limit"], "At most this many");
  CLI::App* q_stats = query_command->add_subcommand("stats", "How many stories and events are stored");

  ServeOptions serve_options;
  CLI::App* serve_command = app.add_subcommand("serve", "Serve the JSON API (docs/api.md) and the web page over a database");
  serve_command->add_option("--db", serve_options.db, "SQLite file or postgresql:// URL")->capture_default_str();
  serve_command->add_option("--host", serve_options.host, "Address to listen on")->capture_default_str();
  serve_command->add_option("--port", serve_options.port, "Port (0 = any free port)")->capture_default_str()->check(CLI::Range(0, 65535));
  serve_command->add_option("--web", serve_options.web_dir, "Folder of the web page (default: the built-in one)");
  serve_command->add_option("--token-file", serve_options.token_file, "File holding the bearer token that allows POST /api/ingest");
  serve_command->add_option("--data", serve_options.data_dir, "Data directory (default: $CHANCERY_DATA or the built-in one)");
  serve_command->add_option("--threads", serve_options.threads, "Worker threads")->capture_default_str()->check(CLI::Range(1, 256));

  DictionaryCommandOptions dictionary_options;
  AddDictionaryCommand(app, dictionary_options);
  MergeCommandOptions merge_options;
  AddMergeCommand(app, merge_options);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? kExitOk : kExitUsage;
  }
  if (*code_command) return RunCode(code);
  if (*eval_command) return RunEval(eval_options);
  if (*ingest_command) return RunIngest(ingest);
  if (DictionaryCommandChosen(dictionary_options)) return RunDictionaryCommand(dictionary_options);
  if (MergeCommandChosen(merge_options)) return RunMergeCommand(merge_options);
  if (*serve_command) return RunServe(serve_options);
  if (*query_command) {
    if (*q_events) query.path = "/api/events";
    else if (*q_event) query.path = "/api/events/" + event_id;
    else if (*q_actors) query.path = "/api/actors";
    else if (*q_actor) query.path = "/api/actors/" + actor_code;
    else if (*q_dyad) query.path = "/api/dyads";
    else if (*q_relations) query.path = "/api/relations";
    else if (*q_network) query.path = "/api/network";
    else if (*q_search) query.path = "/api/search";
    else if (*q_stats) query.path = "/api/stats";
    return RunQuery(query);
  }
  return kExitUsage;
}
