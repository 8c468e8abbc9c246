#include "cli/merge_command.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <tuple>

#include "store/store.h"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitUsage = 2;
constexpr int kExitStore = 4;

using chancery::store::Store;

bool IsPostgresUrl(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
}

// Store::Open creates a SQLite file that does not exist, which would turn a
// mistyped shard name into an empty shard and a silently smaller merge: check
// first that the file is there and can be read.
std::optional<std::string> ShardFileProblem(const std::string& shard) {
  if (IsPostgresUrl(shard)) return std::nullopt;
  std::error_code ec;
  std::filesystem::file_status status = std::filesystem::status(shard, ec);
  if (ec || !std::filesystem::exists(status)) return "no such file";
  if (!std::filesystem::is_regular_file(status)) return "not a regular file";
  if (!std::ifstream(shard, std::ios::binary)) return "cannot be read";
  return std::nullopt;
}

// Whether two SQLite paths name one file (the target may not be a shard).
bool SameFile(const std::string& a, const std::string& b) {
  if (IsPostgresUrl(a) || IsPostgresUrl(b)) return a == b;
  std::error_code ec;
  return std::filesystem::equivalent(a, b, ec);
}

// One story of one shard, in merge order.
struct Entry {
  std::string date, id, hash;
  std::size_t shard = 0;
};

// Every story of a shard, paging through Stories() (capped at 1000 a call).
void ListStories(Store& store, std::size_t shard, std::vector<Entry>& out) {
  constexpr std::int64_t kPage = 1000;
  for (std::int64_t offset = 0;; offset += kPage) {
    std::vector<chancery::store::StoryInfo> page = store.Stories(kPage, offset);
    for (auto& info : page) out.push_back({info.date, info.id, info.hash, shard});
    if (static_cast<std::int64_t>(page.size()) < kPage) return;
  }
}

}  // namespace

void AddMergeCommand(CLI::App& app, MergeCommandOptions& options) {
  options.command = app.add_subcommand(
      "merge", "Copy every story, sentence and event of shard databases (from ingest --shard) into one database");
  options.command->add_option("--db", options.db, "Target: SQLite file or postgresql:// URL")->required();
  options.command->add_option("shards", options.shards, "Shard databases: SQLite files or postgresql:// URLs")
      ->required();
  options.command->add_flag("-q,--quiet", options.quiet, "No summary");
}

bool MergeCommandChosen(const MergeCommandOptions& options) { return options.command && *options.command; }

int RunMergeCommand(const MergeCommandOptions& options) {
  // Check and open every shard before the target, so a bad shard leaves the
  // target as it was.
  for (const std::string& shard : options.shards) {
    if (std::optional<std::string> problem = ShardFileProblem(shard)) {
      std::cerr << "chancery: merge: shard " << shard << ": " << *problem << "\n";
      return kExitUsage;
    }
    if (SameFile(shard, options.db)) {
      std::cerr << "chancery: merge: shard " << shard << " is the target database\n";
      return kExitUsage;
    }
  }
  std::vector<std::unique_ptr<Store>> shards;
  std::vector<Entry> entries;
  for (std::size_t i = 0; i < options.shards.size(); ++i) {
    try {
      shards.push_back(Store::Open(options.shards[i]));
      ListStories(*shards.back(), i, entries);
    } catch (const std::exception& error) {
      // The store's message names the database (sqlite:FILE or the url).
      std::cerr << "chancery: merge: shard " << error.what() << "\n";
      return kExitUsage;
    }
  }
  // (date, id) is the order Stories() lists, so stories (and their event ids)
  // land in the same order whichever way the corpus was split into shards.
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.date, a.id, a.shard) < std::tie(b.date, b.id, b.shard);
  });
  std::map<std::string, std::string> hash_of_id;
  for (const Entry& e : entries) {
    auto [it, fresh] = hash_of_id.try_emplace(e.id, e.hash);
    if (!fresh && it->second != e.hash) {
      std::cerr << "chancery: merge: story " << e.id << " is stored with different content in several shards; "
                << options.shards[e.shard] << " (last in merge order) wins\n";
      it->second = e.hash;
    }
  }

  std::unique_ptr<Store> target;
  try {
    target = Store::Open(options.db);
  } catch (const std::exception& error) {
    std::cerr << "chancery: merge: " << error.what() << "\n";
    return kExitUsage;
  }
  std::int64_t inserted = 0, replaced = 0, skipped = 0, events = 0, vanished = 0;
  try {
    for (const Entry& e : entries) {
      // Already there with this content: nothing to read (makes re-runs cheap).
      if (target->HasStoryHash(e.hash)) {
        ++skipped;
        continue;
      }
      std::optional<chancery::store::StoredStory> story = shards[e.shard]->GetStory(e.id);
      if (!story) {  // replaced or removed by another writer since it was listed
        std::cerr << "chancery: merge: shard " << options.shards[e.shard] << ": story " << e.id
                  << " is no longer stored (skipped)\n";
        ++vanished;
        continue;
      }
      switch (target->PutStory(story->story, story->sentences, story->events)) {
        case chancery::store::PutResult::kInserted: ++inserted; break;
        case chancery::store::PutResult::kReplaced: ++replaced; break;
        case chancery::store::PutResult::kSkipped: ++skipped; continue;
      }
      events += static_cast<std::int64_t>(story->events.size());
    }
  } catch (const std::exception& error) {
    std::cerr << "chancery: merge: " << error.what() << "\n"
              << "chancery: merge: stopped; " << inserted + replaced
              << " stories were committed before and are kept; run the same command again to resume\n";
    return kExitStore;
  }
  if (!options.quiet)
    std::cerr << "chancery: " << target->Describe() << ": " << entries.size() << " stories in "
              << options.shards.size() << " shards: " << inserted << " new, " << replaced << " replaced, "
              << skipped << " already stored; " << events << " events copied"
              << (vanished ? "; " + std::to_string(vanished) + " no longer stored (skipped)" : "") << "\n";
  return kExitOk;
}
