#include "pipeline_fixture.h"

#include <memory>

namespace chancery::testing {

const Pipeline& SharedPipeline() {
  static const Pipeline* pipeline = [] {
    PipelineOptions options;
    options.data_dir = CHANCERY_DATA_DIR;
    return new Pipeline(options);
  }();
  return *pipeline;
}

CodedStory CodeStory(const Story& story) {
  const Pipeline& pipeline = SharedPipeline();
  auto workspace = pipeline.NewWorkspace();
  return pipeline.Code(story, *workspace);
}

std::vector<Event> CodeText(const std::string& text, const std::string& date) {
  Story story;
  story.id = "test";
  story.date = date;
  story.text = text;
  return CodeStory(story).events;
}

std::string Describe(const Event& event) {
  std::string out = event.source.code + "->" + event.target.code + " " + event.code;
  if (event.negated) out += " neg";
  return out;
}

std::string DescribeAll(const std::vector<Event>& events) {
  std::string out;
  for (const Event& event : events) {
    if (!out.empty()) out += "; ";
    out += Describe(event);
  }
  return out.empty() ? "(no events)" : out;
}

}  // namespace chancery::testing
