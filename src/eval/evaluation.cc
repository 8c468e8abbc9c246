#include "eval/evaluation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace chancery::eval {
namespace {

const char* const kModes[] = {"", "negated", "hypothetical", "future"};

std::string Str(const nlohmann::json& object, const char* key) {
  auto found = object.find(key);
  if (found == object.end() || found->is_null()) return "";
  if (!found->is_string()) throw std::runtime_error(std::string("'") + key + "' is not a string");
  return found->get<std::string>();
}

GoldEvent ParseEvent(const nlohmann::json& value) {
  if (!value.is_object()) throw std::runtime_error("an event is not an object");
  GoldEvent event;
  event.source = Str(value, "source");
  event.target = Str(value, "target");
  event.code = Str(value, "code");
  event.root = Str(value, "root");
  event.source_country = Str(value, "source_country");
  event.target_country = Str(value, "target_country");
  event.mode = Str(value, "mode");
  event.attributed_to = Str(value, "attributed_to");
  event.evidence = Str(value, "evidence");
  if (event.code.size() < 2) throw std::runtime_error("event without a CAMEO code");
  if (event.root.empty()) event.root = event.code.substr(0, 2);
  if (event.root != event.code.substr(0, 2)) throw std::runtime_error("root '" + event.root + "' is not the first two digits of code '" + event.code + "'");
  if (event.source_country.empty()) event.source_country = event.source.substr(0, 3);
  if (event.target_country.empty()) event.target_country = event.target.substr(0, 3);
  // Other suites use "mode" for PLOVER's how-it-was-done modes ("troops",
  // "demo-org"); only the three modalities are scored.
  if (std::find(std::begin(kModes), std::end(kModes), event.mode) == std::end(kModes)) event.mode.clear();
  return event;
}

void ReadFile(const std::filesystem::path& path, std::vector<GoldRecord>* records, std::vector<std::string>* problems) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems->push_back(path.string() + ": cannot open");
    return;
  }
  std::string line;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    try {
      nlohmann::json value = nlohmann::json::parse(line);
      if (!value.is_object()) throw std::runtime_error("not a JSON object");
      GoldRecord record;
      record.file = path.string();
      record.line = line_number;
      record.id = Str(value, "id");
      record.date = Str(value, "date");
      record.domain = Str(value, "domain");
      if (record.domain.empty()) record.domain = Str(value, "category");
      record.text = Str(value, "text");
      if (record.id.empty()) record.id = path.filename().string() + ":" + std::to_string(line_number);
      if (record.text.empty()) throw std::runtime_error("no text");
      auto events = value.find("events");
      if (events == value.end() || !events->is_array()) throw std::runtime_error("no 'events' array");
      for (const auto& event : *events) {
        GoldEvent parsed = ParseEvent(event);
        // An act with no source or no target cannot be scored as a dyad.
        if (parsed.source_country.empty() || parsed.target_country.empty()) ++record.unscorable_events;
        else record.events.push_back(std::move(parsed));
      }
      records->push_back(std::move(record));
    } catch (const std::exception& error) {
      problems->push_back(path.string() + ":" + std::to_string(line_number) + ": " + error.what());
    }
  }
}

std::string Key(Level level, const std::string& source_country, const std::string& target_country,
                const std::string& source, const std::string& target, const std::string& code) {
  switch (level) {
    case kRoot: return source_country + " -> " + target_country + " " + code.substr(0, 2);
    case kCode: return source_country + " -> " + target_country + " " + code;
    case kFull: return source + " -> " + target + " " + code;
  }
  return "";
}

std::string GoldKey(Level level, const GoldEvent& event) {
  return Key(level, event.source_country, event.target_country, event.source, event.target, event.code);
}

std::string EmittedKey(Level level, const Event& event) {
  return Key(level, event.source.code.substr(0, 3), event.target.code.substr(0, 3), event.source.code,
             event.target.code, event.code);
}

void AddTo(Counts& counts, int tp, int fp, int fn) {
  counts.true_positives += tp;
  counts.false_positives += fp;
  counts.false_negatives += fn;
}

}  // namespace

double Counts::Precision() const {
  int emitted = true_positives + false_positives;
  return emitted ? double(true_positives) / emitted : 0.0;
}
double Counts::Recall() const {
  int gold = true_positives + false_negatives;
  return gold ? double(true_positives) / gold : 0.0;
}
double Counts::F1() const {
  double p = Precision(), r = Recall();
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

std::string ModeOf(const Event& event) {
  if (event.negated) return "negated";
  return event.mode;
}

std::vector<GoldRecord> ReadGold(const std::vector<std::string>& paths, std::vector<std::string>* problems) {
  std::vector<GoldRecord> records;
  for (const std::string& path : paths) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      std::vector<std::filesystem::path> files;
      for (const auto& entry : std::filesystem::directory_iterator(path, error))
        if (entry.is_regular_file() && entry.path().extension() == ".jsonl") files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      if (files.empty()) problems->push_back(path + ": no .jsonl files in this directory");
      for (const auto& file : files) ReadFile(file, &records, problems);
    } else {
      ReadFile(path, &records, problems);
    }
  }
  return records;
}

Report Score(const std::vector<GoldRecord>& records, const Pipeline& pipeline) {
  Report report;
  auto workspace = pipeline.NewWorkspace();
  for (const GoldRecord& record : records) {
    Story story;
    story.id = record.id;
    story.date = record.date;
    story.text = record.text;
    CodedStory coded = pipeline.Code(story, *workspace);
    const std::vector<Event>& emitted = coded.events;
    ++report.records;
    report.unscorable_events += record.unscorable_events;
    report.gold_events += int(record.events.size());
    report.emitted_events += int(emitted.size());
    if (record.events.empty()) {
      ++report.records_without_events;
      if (emitted.empty()) ++report.records_without_events_clean;
    }
    auto sentence_of = [&](const Event& event) {
      return std::string_view(record.text).substr(event.sentence_begin, event.sentence_end - event.sentence_begin);
    };
    // A gold event with evidence may only match events of the sentence holding it.
    auto same_sentence = [&](const GoldEvent& gold, const Event& event) {
      return gold.evidence.empty() || sentence_of(event).find(gold.evidence) != std::string_view::npos;
    };
    auto gold_sentence = [&](const GoldEvent& gold) -> std::string {
      if (gold.evidence.empty()) return record.text;
      for (const Sentence& sentence : coded.sentences) {
        std::string_view text = std::string_view(record.text).substr(sentence.begin, sentence.end - sentence.begin);
        if (text.find(gold.evidence) != std::string_view::npos) return std::string(text);
      }
      return gold.evidence;
    };

    for (int level = 0; level < kLevels; ++level) {
      std::vector<int> gold_match(record.events.size(), -1);
      std::vector<bool> used(emitted.size(), false);
      for (std::size_t g = 0; g < record.events.size(); ++g) {
        std::string key = GoldKey(Level(level), record.events[g]);
        for (std::size_t e = 0; e < emitted.size(); ++e) {
          if (used[e] || EmittedKey(Level(level), emitted[e]) != key || !same_sentence(record.events[g], emitted[e])) continue;
          used[e] = true;
          gold_match[g] = int(e);
          break;
        }
      }
      int tp = 0;
      for (int m : gold_match) tp += m >= 0;
      int fp = int(emitted.size()) - tp, fn = int(record.events.size()) - tp;
      AddTo(report.levels[level], tp, fp, fn);
      if (level != kRoot) continue;

      AddTo(report.by_domain[record.domain.empty() ? "(none)" : record.domain], tp, fp, fn);
      for (std::size_t g = 0; g < record.events.size(); ++g) {
        const GoldEvent& gold = record.events[g];
        if (gold_match[g] >= 0) {
          const Event& event = emitted[gold_match[g]];
          AddTo(report.by_root[gold.root], 1, 0, 0);
          ++report.matched;
          report.mode_agrees += ModeOf(event) == gold.mode;
          report.attribution_agrees += (event.attributed_code.empty() == gold.attributed_to.empty()) &&
                                       (gold.attributed_to.empty() || event.attributed_code.substr(0, 3) == gold.attributed_to.substr(0, 3));
          continue;
        }
        AddTo(report.by_root[gold.root], 0, 0, 1);
        Mismatch miss{record.id, gold_sentence(gold), GoldKey(kRoot, gold) + " (" + gold.code + ")", ""};
        for (std::size_t e = 0; e < emitted.size(); ++e) {
          if (used[e] || !same_sentence(gold, emitted[e])) continue;
          if (!miss.detail.empty()) miss.detail += "; ";
          miss.detail += "coded " + EmittedKey(kFull, emitted[e]);
        }
        if (!gold.mode.empty()) miss.key += " [" + gold.mode + "]";
        report.misses.push_back(std::move(miss));
      }
      for (std::size_t e = 0; e < emitted.size(); ++e) {
        if (used[e]) continue;
        const Event& event = emitted[e];
        AddTo(report.by_root[event.code.substr(0, 2)], 0, 1, 0);
        std::string key = EmittedKey(kFull, event);
        std::string mode = ModeOf(event);
        if (!mode.empty()) key += " [" + mode + "]";
        report.false_events.push_back(Mismatch{record.id, std::string(sentence_of(event)), key,
                                               "\"" + event.source.text + "\" -> \"" + event.target.text + "\" by " + event.pattern});
      }
    }
  }
  return report;
}

}  // namespace chancery::eval
