// chancery command line.
//
//   chancery code [INPUT...]   read articles, write coded events (JSON Lines or CSV)
//
// Exit status: 0 the run completed (stories that could not be read are listed
// on stderr and skipped); 2 bad usage or unusable dictionaries; 3 no input
// story could be read at all.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <memory>

#include "coding/cameo_table.h"
#include "coding/verb_dictionary.h"
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
};

int RunCode(const CodeOptions& options) {
  using namespace chancery;
  if (!options.date.empty() && !input::NormalizeDate(options.date)) {
    std::cerr << "chancery: --date '" << options.date << "' is not a date (use YYYY-MM-DD)\n";
    return kExitUsage;
  }
  PipelineOptions pipeline_options;
  pipeline_options.data_dir = options.data_dir.empty() ? DefaultDataDir() : std::filesystem::path(options.data_dir);
  pipeline_options.cache_dir = options.no_cache ? std::filesystem::path() : DefaultCacheDir();
  std::unique_ptr<Pipeline> pipeline;
  try {
    pipeline = std::make_unique<Pipeline>(pipeline_options);
  } catch (const std::exception& error) {
    std::cerr << "chancery: " << error.what() << "\n";
    return kExitUsage;
  }
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
  code_command->add_flag("--explain", code.explain, "Print each sentence's tokens, lemmas and actors on standard error");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return app.exit(error) == 0 ? kExitOk : kExitUsage;
  }
  if (*code_command) return RunCode(code);
  return kExitUsage;
}
