#include "output/event_writer.h"

#include <cmath>
#include <string>
#include <vector>

namespace chancery::output {
namespace {

nlohmann::ordered_json ActorToJson(const ActorRef& actor) {
  nlohmann::ordered_json json;
  json["text"] = actor.text;
  json["code"] = actor.code;
  json["country"] = actor.country;
  json["agent"] = actor.agent;
  json["name"] = actor.name;
  json["begin"] = actor.begin;
  json["end"] = actor.end;
  return json;
}

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  quoted += '"';
  return quoted;
}

std::string Scalar(const nlohmann::ordered_json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_null()) return "";
  return value.dump();
}

void Flatten(const nlohmann::ordered_json& json, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>* fields) {
  for (auto it = json.begin(); it != json.end(); ++it) {
    std::string key = prefix.empty() ? it.key() : prefix + "_" + it.key();
    if (it->is_object()) Flatten(*it, key, fields);
    else fields->emplace_back(key, Scalar(*it));
  }
}

}  // namespace

nlohmann::ordered_json EventToJson(const Event& event, std::string_view story_text) {
  nlohmann::ordered_json json;
  json["story_id"] = event.story_id;
  json["story_date"] = event.story_date;
  json["sentence_index"] = event.sentence_index;
  json["sentence_begin"] = event.sentence_begin;
  json["sentence_end"] = event.sentence_end;
  json["source"] = ActorToJson(event.source);
  json["target"] = ActorToJson(event.target);
  json["code"] = event.code;
  json["root"] = event.code.substr(0, 2);
  json["label"] = event.label;
  json["goldstein"] = event.goldstein;
  json["quad_class"] = event.quad_class;
  json["plover_type"] = event.plover_type;
  json["plover_mode"] = event.plover_mode;
  json["date"] = event.date;
  json["date_granularity"] = event.date_granularity;
  json["date_text"] = event.date_text;
  json["negated"] = event.negated;
  json["mode"] = event.mode;
  json["attributed_to"] = event.attributed_to;
  json["attributed_code"] = event.attributed_code;
  json["confidence"] = std::round(event.confidence * 100.0) / 100.0;
  json["verb_begin"] = event.verb_begin;
  json["verb_end"] = event.verb_end;
  json["verb"] = std::string(story_text.substr(event.verb_begin, event.verb_end - event.verb_begin));
  json["sentence"] = std::string(story_text.substr(event.sentence_begin, event.sentence_end - event.sentence_begin));
  json["pattern"] = event.pattern;
  return json;
}

void EventWriter::Write(const Event& event, std::string_view story_text) {
  nlohmann::ordered_json json = EventToJson(event, story_text);
  if (format_ == OutputFormat::kJsonLines) {
    out_ << json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  } else {
    std::vector<std::pair<std::string, std::string>> fields;
    Flatten(json, "", &fields);
    if (!header_written_) {
      for (std::size_t i = 0; i < fields.size(); ++i) out_ << (i ? "," : "") << fields[i].first;
      out_ << "\r\n";
      header_written_ = true;
    }
    for (std::size_t i = 0; i < fields.size(); ++i) out_ << (i ? "," : "") << CsvField(fields[i].second);
    out_ << "\r\n";
  }
  ++written_;
}

}  // namespace chancery::output
