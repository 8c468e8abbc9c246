#include "cli/dictionary_command.h"

#include <CLI/CLI.hpp>

#include <iostream>

#include "interchange/dictionary_formats.h"
#include "pipeline/pipeline.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;

void PrintWarnings(const std::vector<std::string>& warnings) {
  for (const std::string& warning : warnings) std::cerr << "chancery: " << warning << "\n";
}

int RunImport(const DictionaryCommandOptions& options) {
  using namespace chancery::interchange;
  ImportRequest request;
  ParseFlavor(options.from, &request.from);
  request.actors = options.actors;
  request.agents = options.agents;
  request.verbs = options.verbs;
  request.output_dir = options.output;
  // Codes are checked against the table the imported patterns will be loaded with.
  std::filesystem::path data = options.data_dir.empty() ? chancery::DefaultDataDir() : std::filesystem::path(options.data_dir);
  request.codes_file = data / "cameo" / "codes.tsv";
  request.existing_verbs_dir = data / "verbs";
  if (options.actors.empty() && options.agents.empty() && options.verbs.empty()) {
    std::cerr << "chancery: dictionary import needs --actors, --agents or --verbs\n";
    return kExitUsage;
  }
  ImportResult result;
  try {
    result = ImportDictionaries(request);
  } catch (const std::exception& error) {
    std::cerr << "chancery: " << error.what() << "\n";
    return kExitUsage;
  }
  PrintWarnings(result.warnings);
  if (!options.quiet) {
    std::cerr << "chancery: imported " << result.actor_rows << " actor rows, " << result.agent_rows << " agent rows, "
              << result.verb_records << " verb patterns; " << result.warnings.size() << " warnings\n";
    for (const auto& path : result.written) std::cerr << "chancery: wrote " << path.string() << "\n";
  }
  if (result.inputs_read == 0 || result.actor_rows + result.agent_rows + result.verb_records == 0) {
    std::cerr << "chancery: nothing could be read\n";
    return kExitUsage;
  }
  return kExitOk;
}

int RunExport(const DictionaryCommandOptions& options) {
  using namespace chancery::interchange;
  ExportRequest request;
  ParseFlavor(options.to, &request.to);
  request.data_dir = options.data_dir.empty() ? chancery::DefaultDataDir() : std::filesystem::path(options.data_dir);
  request.output_dir = options.output;
  ExportResult result;
  try {
    result = ExportDictionaries(request);
  } catch (const std::exception& error) {
    std::cerr << "chancery: " << error.what() << "\n";
    return kExitUsage;
  }
  PrintWarnings(result.warnings);
  if (!options.quiet) {
    std::cerr << "chancery: exported " << result.actor_rows << " actor rows, " << result.agent_rows << " agent rows, "
              << result.verb_records << " verb patterns; " << result.warnings.size() << " warnings\n";
    for (const auto& path : result.written) std::cerr << "chancery: wrote " << path.string() << "\n";
  }
  if (result.actor_rows + result.agent_rows + result.verb_records == 0) {
    std::cerr << "chancery: nothing could be read\n";
    return kExitUsage;
  }
  return kExitOk;
}

}  // namespace

void AddDictionaryCommand(CLI::App& app, DictionaryCommandOptions& options) {
  options.command = app.add_subcommand("dictionary", "Import TABARI/PETRARCH dictionaries, or export chancery's to them");
  options.command->require_subcommand(1);
  CLI::App* in = options.import_command = options.command->add_subcommand(
      "import", "Convert TABARI/PETRARCH actors, agents and verbs into chancery files under -o DIR");
  in->add_option("--from", options.from, "Dialect of the input files")->check(CLI::IsMember({"tabari", "petrarch"}))->capture_default_str();
  in->add_option("--actors", options.actors, "Actors dictionary (.actors, Phoenix.*.actors.txt)");
  in->add_option("--agents", options.agents, "Agents dictionary (.agents, Phoenix.agents.txt)");
  in->add_option("--verbs", options.verbs, "Verbs dictionary (.verbs, CAMEO.2.0.txt style)");
  in->add_option("--data", options.data_dir, "Data directory the imported files will join: its CAMEO table checks the codes, its verb patterns are not repeated (default: $CHANCERY_DATA or the built-in one)");
  in->add_option("-o,--output", options.output, "Output directory (gets actors/ and verbs/)")->required();
  in->add_flag("-q,--quiet", options.quiet, "No summary");
  CLI::App* out = options.export_command = options.command->add_subcommand(
      "export", "Write chancery's actors, agents and verbs as TABARI/PETRARCH dictionaries under -o DIR");
  out->add_option("--to", options.to, "Dialect to write")->check(CLI::IsMember({"tabari", "petrarch"}))->capture_default_str();
  out->add_option("--data", options.data_dir, "Data directory (default: $CHANCERY_DATA or the built-in one)");
  out->add_option("-o,--output", options.output, "Output directory")->required();
  out->add_flag("-q,--quiet", options.quiet, "No summary");
}

bool DictionaryCommandChosen(const DictionaryCommandOptions& options) { return options.command && *options.command; }

int RunDictionaryCommand(const DictionaryCommandOptions& options) {
  if (options.import_command && *options.import_command) return RunImport(options);
  if (options.export_command && *options.export_command) return RunExport(options);
  return kExitUsage;
}
