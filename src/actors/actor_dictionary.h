// Actor dictionary: the shipped, dated lists of states, roles, organisations,
// groups and people (data/actors/*.tsv; format in docs/formats.md).
//
// Contract: Load* never throws for a bad line; it records "FILE:LINE: message"
// in `problems` and skips the line, so one typo does not disable a dictionary.
// A missing directory or file is an error (std::runtime_error).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::actors {

enum class ActorKind { kState, kDemonym, kCapital, kOrgan, kIgo, kGroup, kPerson, kAgent };

std::string_view ActorKindName(ActorKind kind);
bool ParseActorKind(std::string_view name, ActorKind* kind);

struct ActorEntry {
  std::string phrase;
  std::string code;
  ActorKind kind = ActorKind::kState;
  std::string valid_from;  // inclusive ISO date, "" = unbounded
  std::string valid_to;    // inclusive ISO date, "" = unbounded
  std::string name;        // canonical name (defaults to phrase)
  std::string file;        // where it came from, for error messages and audit
  std::size_t line = 0;
};

// True when the entry applies to a story dated `date` ("" = undated: only
// entries still valid today, i.e. with an open end, apply).
bool ValidOn(const ActorEntry& entry, std::string_view date);

class ActorDictionary {
 public:
  // Every *.tsv file of `dir`, in file-name order.
  static ActorDictionary LoadDirectory(const std::filesystem::path& dir,
                                       std::vector<std::string>* problems);
  void LoadFile(const std::filesystem::path& file, std::vector<std::string>* problems);
  void Add(ActorEntry entry) { entries_.push_back(std::move(entry)); }
  const std::vector<ActorEntry>& entries() const { return entries_; }

 private:
  std::vector<ActorEntry> entries_;
};

}  // namespace chancery::actors
