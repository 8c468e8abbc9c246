// chancery command line.
//
//   chancery code [INPUT...]   read articles, write coded events (JSON Lines or CSV)
//   chancery eval GOLD...      code gold records and print precision, recall and F1
//
// Exit status: 0 the run completed (stories that could not be read are listed
// on stderr and skipped); 2 bad usage or unusable dictionaries; 3 no input
// story could be read at all. eval: 0 scored (1 if below --min-f1), 2 bad
// usage or unreadable gold lines, 3 no gold record.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>

#include "coding/cameo_table.h"
#include "coding/verb_dictionary.h"
#include "eval/evaluation.h"
#include "input/story_reader.h"
#include "output/event_writer.h"
#include "pipeline/pipeline.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;
constexpr int kExitNoInput = 3;

struct CodeOptions {
  std::vector<std::string> inputs;
  std::string output = "-";
  std::string format = "jsonl";
  std::string date;
  std::string data_dir;
  bool no_cache = false;
  bool quiet = false;
  bool strict_data = false;
  bool explain = false;
  bool syntax = false;
};

// The pipeline over the chosen data directory, or null after saying why.
std::unique_ptr<chancery::Pipeline> LoadPipeline(const std::string& data_dir, bool no_cache, bool syntax) {
  using namespace chancery;
  PipelineOptions options;
  options.data_dir = data_dir.empty() ? DefaultDataDir() : std::filesystem::path(data_dir);
  options.cache_dir = no_cache ? std::filesystem::path() : DefaultCacheDir();
  options.syntax = syntax;
  try {
    return std::make_unique<Pipeline>(options);
  } catch (const std::exception& error) {
    std::cerr << "chancery: " << error.what() << "\n";
    return nullptr;
  }
}

int RunCode(const CodeOptions& options) {
  using namespace chancery;
  if (!options.date.empty() && !input::NormalizeDate(options.date)) {
    std::cerr << "chancery: --date '" << options.date << "' is not a date (use YYYY-MM-DD)\n";
    return kExitUsage;
  }
  std::unique_ptr<Pipeline> pipeline = LoadPipeline(options.data_dir, options.no_cache, options.syntax);
  if (!pipeline) return kExitUsage;
  for (const std::string& problem : pipeline->data_problems()) std::cerr << "chancery: warning: " << problem << "\n";
  if (options.strict_data && !pipeline->data_problems().empty()) return kExitUsage;

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
  output::EventWriter writer(*out, options.format == "csv" ? output::OutputFormat::kCsv
                                                           : output::OutputFormat::kJsonLines);

  input::ReadOptions read_options;
  if (!options.date.empty()) read_options.default_date = *input::NormalizeDate(options.date);
  std::vector<std::string> inputs = options.inputs;
  if (inputs.empty()) inputs.push_back("-");
  input::StoryReader reader(inputs, read_options);
  auto workspace = pipeline->NewWorkspace();
  std::size_t stories = 0, sentences = 0, undated = 0;
  std::size_t problems_reported = 0;
  auto report_problems = [&] {
    for (; problems_reported < reader.problems().size(); ++problems_reported)
      std::cerr << "chancery: " << input::FormatProblem(reader.problems()[problems_reported]) << "\n";
  };
  while (auto story = reader.Next()) {
    report_problems();
    ++stories;
    if (story->date.empty()) ++undated;
    CodedStory coded = pipeline->Code(*story, *workspace);
    sentences += coded.sentences.size();
    if (options.explain) {
      // For dictionary authors: what each sentence was split into and who was found in it.
      for (std::size_t i = 0; i < coded.sentences.size(); ++i) {
        const Sentence& sentence = coded.sentences[i];
        std::cerr << "[" << story->id << " #" << sentence.index << "] "
                  << std::string_view(story->text).substr(sentence.begin, sentence.end - sentence.begin) << "\n  tokens:";
        for (const Token& token : sentence.tokens) std::cerr << ' ' << token.text << '/' << token.lemma;
        std::cerr << "\n  actors:";
        for (const auto& mention : coded.mentions[i])
          std::cerr << " [" << mention.ref.text << " = " << (mention.ref.code.empty() ? "?" : mention.ref.code)
                    << (mention.place_context ? " place" : "") << "]";
        std::cerr << "\n";
      }
    }
    for (const Event& event : coded.events) writer.Write(event, story->text);
  }
  report_problems();
  out->flush();
  if (!*out) {
    std::cerr << "chancery: error writing " << (options.output == "-" ? "standard output" : options.output) << "\n";
    return kExitUsage;
  }
  if (!options.quiet) {
    std::cerr << "chancery: " << stories << " stories, " << sentences << " sentences, " << writer.written()
              << " events";
    if (!reader.problems().empty()) std::cerr << "; " << reader.problems().size() << " input problems (skipped)";
    if (undated) std::cerr << "; " << undated << " stories without a date (use --date)";
    std::cerr << "\n";
  }
  if (stories == 0) {
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
  std::unique_ptr<Pipeline> pipeline = LoadPipeline(options.data_dir, options.no_cache, options.syntax);
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
  code_command->add_flag("--syntax", code.syntax, "Ask link-grammar for the subject where several actors precede a verb (slower)");
  code_command->add_flag("--explain", code.explain, "Print each sentence's tokens, lemmas and actors on standard error");

  EvalOptions eval_options;
  CLI::App* eval_command = app.add_subcommand(
      "eval", "Code gold records (JSON Lines: id, date, text, events) and print precision, recall and F1");
  eval_command->add_option("gold", eval_options.gold, "Gold files or directories of .jsonl files")->required();
  eval_command->add_option("--data", eval_options.data_dir, "Data directory (default: $CHANCERY_DATA or the built-in one)");
  eval_command->add_option("--list", eval_options.list, "List at most this many misses and false events")->capture_default_str();
  eval_command->add_option("--min-f1", eval_options.min_f1, "Exit 1 if the root-level F1 is below this");
  eval_command->add_flag("--syntax", eval_options.syntax, "Code with link-grammar subject checks (as chancery code --syntax)");
  eval_command->add_flag("--no-cache", eval_options.no_cache, "Do not read or write the compiled dictionary cache");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? kExitOk : kExitUsage;
  }
  if (*code_command) return RunCode(code);
  if (*eval_command) return RunEval(eval_options);
  return kExitUsage;
}
