// Dictionary interchange: reading TABARI / PETRARCH dictionaries (.actors,
// .agents, .verbs, PETRARCH-2 CAMEO.2.0-style verb blocks) into chancery's own
// formats (docs/formats.md), and writing chancery's dictionaries back out in
// those formats. The mapping and what it loses: docs/dictionary-interchange.md.
//
// Contract: readers never throw for a bad line. Every input line that cannot be
// mapped, or is mapped only approximately, is reported in `warnings` as
// "FILE:LINE: message" (skipped lines say "skipped"), so nothing is dropped
// silently. Writers produce files that the chancery loaders (actors, verbs) and
// scripts/check-verb-data accept. Import/Export throw std::runtime_error only
// when an output file cannot be written or the data folder is missing.
#pragma once

#include <filesystem>
#include <iosfwd>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "actors/actor_dictionary.h"

namespace chancery::interchange {

// The two dialects differ only in layout details (verb block headers, file
// names); the readers accept both.
enum class Flavor { kTabari, kPetrarch };
bool ParseFlavor(std::string_view name, Flavor* flavor);

// One chancery verb record: CODE <TAB> PATTERN [<TAB> comment].
struct VerbRecord {
  std::string code;
  std::string pattern;
  std::string comment;  // where it came from, for audit
};

// --- Reading the foreign formats -------------------------------------------

// A TABARI/PETRARCH actors file: records of a phrase with optional inline
// codes, `+` synonym lines and tab-indented `[CODE restriction]` lines. Each
// phrase x dated code becomes one chancery row; an undated (default) code fills
// the periods no dated code covers. `file` names the input in warnings.
std::vector<actors::ActorEntry> ReadForeignActors(std::istream& in, const std::string& file,
                                                  std::vector<std::string>* warnings);

// A TABARI/PETRARCH agents file: `PHRASE {plurals} [~CODE]`, `!X! = A, B`
// substitution sets. Rows come out with kind `agent`, singular and plural.
std::vector<actors::ActorEntry> ReadForeignAgents(std::istream& in, const std::string& file,
                                                  std::vector<std::string>* warnings);

// A TABARI .verbs file or a PETRARCH(-2) verb dictionary: `&SYNSET` lists,
// verb lines (`VERB {FORMS} [CODE]`, optionally under `--- NAME [CODE] ---`),
// and `- PATTERN [CODE] # comment` lines. `known_codes`, when given, is the set
// of CAMEO codes a pattern may carry (data/cameo/codes.tsv). With kTabari each
// verb line owns the patterns under it; with kPetrarch consecutive verb lines
// form one synonym block sharing them.
std::vector<VerbRecord> ReadForeignVerbs(std::istream& in, const std::string& file, Flavor flavor,
                                         const std::set<std::string>* known_codes,
                                         std::vector<std::string>* warnings);

// --- Writing chancery's formats ---------------------------------------------

// `header` lines are written as `# ` comments first (the loaders want a header).
void WriteChanceryActors(std::ostream& out, const std::vector<actors::ActorEntry>& entries,
                         const std::vector<std::string>& header);
void WriteChanceryVerbs(std::ostream& out, const std::vector<VerbRecord>& records,
                        const std::vector<std::string>& header);

// --- Writing the foreign formats --------------------------------------------

// Non-agent entries, grouped by name into records with `+` synonyms and
// tab-indented dated codes (dates written YYYYMMDD). The chancery kind is kept
// in a `# kind=...` comment that ReadForeignActors reads back.
void WriteForeignActors(std::ostream& out, const std::vector<actors::ActorEntry>& entries, Flavor flavor,
                        std::vector<std::string>* warnings);
// Agent entries as `PHRASE_ {} [~CODE]` (plurals are listed, so none generated).
void WriteForeignAgents(std::ostream& out, const std::vector<actors::ActorEntry>& entries, Flavor flavor,
                        std::vector<std::string>* warnings);
// Chancery verb records as verb blocks keyed by each pattern's first required
// word; alternatives become `&CHANCERY_n` synsets, optional words expand.
// `where` (same size as records, may be empty) names each record in warnings.
void WriteForeignVerbs(std::ostream& out, const std::vector<VerbRecord>& records, Flavor flavor,
                       const std::vector<std::string>& where, std::vector<std::string>* warnings);

// --- Whole operations, as `chancery dictionary import|export` runs them -------

struct ImportRequest {
  Flavor from = Flavor::kTabari;
  std::filesystem::path actors, agents, verbs;  // any may be empty
  std::filesystem::path output_dir;              // gets actors/ and verbs/ subfolders
  std::filesystem::path codes_file;              // data/cameo/codes.tsv; empty = no code check
  // data/verbs of the folder the imported patterns will join: patterns it already
  // has are left out with a warning. Empty = no such check.
  std::filesystem::path existing_verbs_dir;
};

struct ImportResult {
  std::size_t actor_rows = 0, agent_rows = 0, verb_records = 0;
  std::size_t inputs_read = 0;  // input files that could be opened
  std::vector<std::string> warnings;
  std::vector<std::filesystem::path> written;
};

ImportResult ImportDictionaries(const ImportRequest& request);

struct ExportRequest {
  Flavor to = Flavor::kTabari;
  std::filesystem::path data_dir;  // a chancery data folder (actors/, verbs/)
  std::filesystem::path output_dir;
};

struct ExportResult {
  std::size_t actor_rows = 0, agent_rows = 0, verb_records = 0;
  std::vector<std::string> warnings;
  std::vector<std::filesystem::path> written;
};

ExportResult ExportDictionaries(const ExportRequest& request);

}  // namespace chancery::interchange
