// Fuzzes the whole coding path (text -> actors -> events, without the
// link-grammar parser) on a story made of the input, and checks what the
// coder promises about each event: offsets inside its sentence, a code from
// the CAMEO table, a source and a target, a confidence in [0, 1].
#include <memory>
#include <string>
#include <string_view>

#include "coding/cameo_table.h"
#include "fuzz_target.h"
#include "pipeline/pipeline.h"
#include "text/utf8.h"

namespace {

struct Loaded {
  std::unique_ptr<chancery::Pipeline> pipeline;
  std::unique_ptr<chancery::Pipeline::Workspace> workspace;
};

Loaded& Resources() {
  static Loaded* loaded = [] {
    auto* made = new Loaded;
    chancery::PipelineOptions options;
    options.data_dir = CHANCERY_DATA_DIR;
    made->pipeline = std::make_unique<chancery::Pipeline>(options);
    made->workspace = made->pipeline->NewWorkspace();
    return made;
  }();
  return *loaded;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (chancery::text::ValidateUtf8(bytes)) return 0;
  chancery::Story story;
  story.id = "fuzz";
  story.date = "2022-04-09";
  story.text = chancery::text::NormalizeNfc(bytes);
  if (story.text.empty()) return 0;
  Loaded& loaded = Resources();
  const chancery::CodedStory coded = loaded.pipeline->Code(story, *loaded.workspace);
  FUZZ_CHECK(coded.mentions.size() == coded.sentences.size());
  for (const chancery::Event& event : coded.events) {
    FUZZ_CHECK(event.sentence_index < coded.sentences.size());
    const auto& sentence = coded.sentences[event.sentence_index];
    FUZZ_CHECK(event.sentence_begin == sentence.begin && event.sentence_end == sentence.end);
    FUZZ_CHECK(sentence.begin <= event.verb_begin && event.verb_begin < event.verb_end &&
               event.verb_end <= sentence.end);
    for (const chancery::ActorRef* actor : {&event.source, &event.target}) {
      FUZZ_CHECK(!actor->code.empty());
      FUZZ_CHECK(actor->begin <= actor->end && actor->end <= story.text.size());
    }
    FUZZ_CHECK(loaded.pipeline->cameo().Find(event.code) != nullptr);
    FUZZ_CHECK(event.confidence >= 0.0 && event.confidence <= 1.0);
    FUZZ_CHECK(!event.date.empty());
  }
  return 0;
}
