#include "pipeline/ingest.h"

namespace chancery {

store::PutResult Ingester::Ingest(const Story& story) {
  ++counts_.stories;
  if (store_.HasStoryHash(store::StoryHash(story))) {
    ++counts_.skipped;
    return store::PutResult::kSkipped;
  }
  CodedStory coded = pipeline_.Code(story, *workspace_);
  store::PutResult result = store_.PutStory(story, coded.sentences, coded.events);
  switch (result) {
    case store::PutResult::kInserted: ++counts_.inserted; break;
    case store::PutResult::kReplaced: ++counts_.replaced; break;
    case store::PutResult::kSkipped: ++counts_.skipped; return result;
  }
  counts_.sentences += std::int64_t(coded.sentences.size());
  counts_.events += std::int64_t(coded.events.size());
  return result;
}

}  // namespace chancery
