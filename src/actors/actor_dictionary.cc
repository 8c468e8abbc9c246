#include "actors/actor_dictionary.h"

#include "text/data_file.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace chancery::actors {
namespace {

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool IsActorCode(std::string_view s) {
  if (s.size() < 3) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
}

}  // namespace

std::string_view ActorKindName(ActorKind kind) {
  switch (kind) {
    case ActorKind::kState: return "state";
    case ActorKind::kDemonym: return "demonym";
    case ActorKind::kCapital: return "capital";
    case ActorKind::kOrgan: return "organ";
    case ActorKind::kIgo: return "igo";
    case ActorKind::kGroup: return "group";
    case ActorKind::kPerson: return "person";
    case ActorKind::kAgent: return "agent";
  }
  return "?";
}

bool ParseActorKind(std::string_view name, ActorKind* kind) {
  for (ActorKind k : {ActorKind::kState, ActorKind::kDemonym, ActorKind::kCapital, ActorKind::kOrgan,
                      ActorKind::kIgo, ActorKind::kGroup, ActorKind::kPerson, ActorKind::kAgent}) {
    if (ActorKindName(k) == name) {
      *kind = k;
      return true;
    }
  }
  return false;
}

bool ValidOn(const ActorEntry& entry, std::string_view date) {
  if (date.empty()) return entry.valid_to.empty();
  if (!entry.valid_from.empty() && date < entry.valid_from) return false;
  if (!entry.valid_to.empty() && date > entry.valid_to) return false;
  return true;
}

ActorDictionary ActorDictionary::LoadDirectory(const std::filesystem::path& dir,
                                               std::vector<std::string>* problems) {
  ActorDictionary dictionary;
  for (const auto& file : text::DataFilesIn(dir, ".tsv", "actor dictionary")) dictionary.LoadFile(file, problems);
  return dictionary;
}

void ActorDictionary::LoadFile(const std::filesystem::path& file, std::vector<std::string>* problems) {
  text::ForEachDataLine(file, "actor dictionary", problems, [&](std::string_view view, std::size_t line, auto complain) {
    std::vector<std::string_view> fields = text::SplitTabs(view);
    if (fields.size() < 3 || fields.size() > 6) {
      complain("expected 3 to 6 TAB-separated fields, found " + std::to_string(fields.size()));
      return;
    }
    ActorEntry entry;
    entry.phrase = std::string(text::TrimBlanks(fields[0]));
    entry.code = std::string(text::TrimBlanks(fields[1]));
    if (entry.phrase.empty()) {
      complain("empty phrase");
      return;
    }
    if (!ParseActorKind(text::TrimBlanks(fields[2]), &entry.kind)) {
      complain("unknown kind '" + std::string(fields[2]) + "'");
      return;
    }
    if (!IsActorCode(entry.code) || (entry.kind == ActorKind::kAgent && entry.code.size() != 3)) {
      complain("bad actor code '" + entry.code + "'");
      return;
    }
    if (fields.size() > 3) entry.valid_from = std::string(text::TrimBlanks(fields[3]));
    if (fields.size() > 4) entry.valid_to = std::string(text::TrimBlanks(fields[4]));
    if ((!entry.valid_from.empty() && !IsIsoDate(entry.valid_from)) ||
        (!entry.valid_to.empty() && !IsIsoDate(entry.valid_to))) {
      complain("dates must be YYYY-MM-DD");
      return;
    }
    if (!entry.valid_from.empty() && !entry.valid_to.empty() && entry.valid_to < entry.valid_from) {
      complain("valid_to is before valid_from");
      return;
    }
    entry.name = fields.size() > 5 && !text::TrimBlanks(fields[5]).empty() ? std::string(text::TrimBlanks(fields[5])) : entry.phrase;
    entry.file = file.filename().string();
    entry.line = line;
    entries_.push_back(std::move(entry));
  });
}

}  // namespace chancery::actors
