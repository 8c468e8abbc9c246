// `chancery dictionary import|export`: TABARI / PETRARCH dictionaries in and
// out of chancery's formats (src/interchange; docs/dictionary-interchange.md).
//
// Contract: AddDictionaryCommand registers the subcommand on `app`, storing
// its options in `options` (which must outlive parsing). After parsing,
// DictionaryCommandChosen says whether it was given, and RunDictionaryCommand
// runs it: every unmapped input line is printed as "FILE:LINE: reason" on
// stderr; exit 0 when something was converted, 2 on bad usage, when nothing
// could be read, or when the output cannot be written.
#pragma once

#include <string>

namespace CLI {
class App;
}

struct DictionaryCommandOptions {
  std::string from = "tabari";  // import: tabari | petrarch
  std::string to = "tabari";    // export: tabari | petrarch
  std::string actors, agents, verbs;
  std::string data_dir;         // export: chancery data folder ("" = the default one)
  std::string output;
  bool quiet = false;
  CLI::App* command = nullptr;  // set by AddDictionaryCommand
  CLI::App* import_command = nullptr;
  CLI::App* export_command = nullptr;
};

void AddDictionaryCommand(CLI::App& app, DictionaryCommandOptions& options);
bool DictionaryCommandChosen(const DictionaryCommandOptions& options);
int RunDictionaryCommand(const DictionaryCommandOptions& options);
