#include "pipeline/pipeline.h"

#include <cstdlib>
#include <stdexcept>

#include "coding/cameo_table.h"
#include "coding/event_coder.h"
#include "coding/verb_dictionary.h"
#include "text/text_analyzer.h"

namespace chancery {

std::filesystem::path DefaultDataDir() {
  if (const char* env = std::getenv("CHANCERY_DATA"); env && *env) return env;
  return CHANCERY_DATA_DIR;
}

std::filesystem::path DefaultCacheDir() {
  if (const char* env = std::getenv("CHANCERY_CACHE"); env) return env;  // "" disables the cache
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "chancery";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".cache" / "chancery";
  return {};
}

Pipeline::Pipeline(const PipelineOptions& options) {
  const std::filesystem::path& data = options.data_dir;
  if (!std::filesystem::is_directory(data))
    throw std::runtime_error(data.string() + ": data directory not found (set --data or CHANCERY_DATA)");
  analyzer_ = std::make_unique<text::TextAnalyzer>(data);
  cameo_ = std::make_unique<coding::CameoTable>(coding::CameoTable::Load(data / "cameo" / "codes.tsv"));
  verbs_ = std::make_unique<coding::VerbDictionary>(
      coding::VerbDictionary::LoadDirectory(data / "verbs", cameo_.get(), &data_problems_));
  recognizer_ = std::make_unique<actors::ActorRecognizer>(
      actors::ActorDictionary::LoadDirectory(data / "actors", &data_problems_), *analyzer_, options.cache_dir);
  coder_ = std::make_unique<coding::EventCoder>(*verbs_, *cameo_);
}

Pipeline::~Pipeline() = default;

std::unique_ptr<Pipeline::Workspace> Pipeline::NewWorkspace() const {
  auto workspace = std::make_unique<Workspace>();
  workspace->scratch = recognizer_->NewScratch();
  return workspace;
}

CodedStory Pipeline::Code(const Story& story, Workspace& workspace) const {
  CodedStory coded;
  coded.sentences = analyzer_->Analyze(story.text);
  coded.mentions.reserve(coded.sentences.size());
  actors::StoryActorMemory memory;
  for (const Sentence& sentence : coded.sentences) {
    coded.mentions.push_back(recognizer_->Recognize(sentence, story.text, story.date, memory, *workspace.scratch));
    std::vector<Event> events = coder_->CodeSentence(story, sentence, coded.mentions.back());
    for (Event& event : events) coded.events.push_back(std::move(event));
  }
  return coded;
}

}  // namespace chancery
