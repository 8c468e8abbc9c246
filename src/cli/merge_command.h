// `chancery merge --db TARGET SHARD...`: copies every stored story (its fields,
// sentences and events) of shard databases into one target database, through
// the Store interface, so SQLite shards merge into SQLite or postgresql://.
// Shards are what `chancery ingest --shard I/N` writes on N machines
// (contrib/slurm/ runs that as a Slurm job array).
//
// Contract: AddMergeCommand registers the subcommand on `app`, storing its
// options in `options` (which must outlive parsing); after parsing,
// MergeCommandChosen says whether it was given and RunMergeCommand runs it.
// - Every shard is checked and opened before the target is touched: a missing
//   or unreadable shard (or one that is not a chancery database) is named on
//   stderr and exits 2 with the target unchanged (not even created).
// - Stories are put in one deterministic order whatever the shard order or
//   count: by (date, id), then by shard position. Each story is one
//   transaction (PutStory), so a failure midway keeps every story committed
//   before it; the exit is then 4, and running the same command again resumes.
// - Merging is idempotent: a story whose content hash is already in the target
//   is skipped without being read; a stored id with other content is replaced
//   (ingest's rule). A story id stored with different content in several
//   shards is reported on stderr; the last in the merge order wins.
// - Exit 0 when every story was merged (also when there were none).
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

struct MergeCommandOptions {
  std::string db;                   // target: SQLite file or postgresql:// URL
  std::vector<std::string> shards;  // SQLite files or postgresql:// URLs
  bool quiet = false;
  CLI::App* command = nullptr;  // set by AddMergeCommand
};

void AddMergeCommand(CLI::App& app, MergeCommandOptions& options);
bool MergeCommandChosen(const MergeCommandOptions& options);
int RunMergeCommand(const MergeCommandOptions& options);
