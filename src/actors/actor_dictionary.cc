#include "actors/actor_dictionary.h"

#include <algorithm>
#include <fstream>
#include <stdexcept>

namespace chancery::actors {
namespace {

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab == std::string_view::npos ? line.npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

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
  if (!std::filesystem::is_directory(dir))
    throw std::runtime_error(dir.string() + ": actor dictionary directory not found");
  std::vector<std::filesystem::path> files;
  for (const auto& item : std::filesystem::directory_iterator(dir))
    if (item.is_regular_file() && item.path().extension() == ".tsv") files.push_back(item.path());
  std::sort(files.begin(), files.end());
  ActorDictionary dictionary;
  for (const auto& file : files) dictionary.LoadFile(file, problems);
  return dictionary;
}

void ActorDictionary::LoadFile(const std::filesystem::path& file, std::vector<std::string>* problems) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error(file.string() + ": cannot open actor dictionary");
  std::string line;
  std::size_t line_number = 0;
  auto complain = [&](const std::string& message) {
    if (problems) problems->push_back(file.string() + ":" + std::to_string(line_number) + ": " + message);
  };
  while (std::getline(in, line)) {
    ++line_number;
    std::string_view view = Trim(line);
    if (view.empty() || view.front() == '#') continue;
    std::vector<std::string_view> fields = SplitTabs(view);
    if (fields.size() < 3 || fields.size() > 6) {
      complain("expected 3 to 6 TAB-separated fields, found " + std::to_string(fields.size()));
      continue;
    }
    ActorEntry entry;
    entry.phrase = std::string(Trim(fields[0]));
    entry.code = std::string(Trim(fields[1]));
    if (entry.phrase.empty()) {
      complain("empty phrase");
      continue;
    }
    if (!ParseActorKind(Trim(fields[2]), &entry.kind)) {
      complain("unknown kind '" + std::string(fields[2]) + "'");
      continue;
    }
    if (!IsActorCode(entry.code) || (entry.kind == ActorKind::kAgent && entry.code.size() != 3)) {
      complain("bad actor code '" + entry.code + "'");
      continue;
    }
    if (fields.size() > 3) entry.valid_from = std::string(Trim(fields[3]));
    if (fields.size() > 4) entry.valid_to = std::string(Trim(fields[4]));
    if ((!entry.valid_from.empty() && !IsIsoDate(entry.valid_from)) ||
        (!entry.valid_to.empty() && !IsIsoDate(entry.valid_to))) {
      complain("dates must be YYYY-MM-DD");
      continue;
    }
    if (!entry.valid_from.empty() && !entry.valid_to.empty() && entry.valid_to < entry.valid_from) {
      complain("valid_to is before valid_from");
      continue;
    }
    entry.name = fields.size() > 5 && !Trim(fields[5]).empty() ? std::string(Trim(fields[5])) : entry.phrase;
    entry.file = file.filename().string();
    entry.line = line_number;
    entries_.push_back(std::move(entry));
  }
}

}  // namespace chancery::actors
