#include "pipeline/ingest.h"

namespace chancery {

bool Ingester::Admit(const Story& story) {
  ++counts_.stories;
  std::string hash = store::StoryHash(story);
  auto pending = in_flight_.find(story.id);
  bool stored = pending != in_flight_.end() ? pending->second.hash == hash : store_.HasStoryHash(hash);
  if (stored) {
    ++counts_.skipped;
    return false;
  }
  InFlight& entry = in_flight_[story.id];
  entry.hash = std::move(hash);
  ++entry.count;
  return true;
}

store::PutResult Ingester::Put(const Story& story, const CodedStory& coded) {
  store::PutResult result = store_.PutStory(story, coded.sentences, coded.events);
  auto pending = in_flight_.find(story.id);
  if (pending != in_flight_.end() && --pending->second.count == 0) in_flight_.erase(pending);
  switch (result) {
    case store::PutResult::kInserted: ++counts_.inserted; break;
    case store::PutResult::kReplaced: ++counts_.replaced; break;
    case store::PutResult::kSkipped: ++counts_.skipped; return result;
  }
  counts_.sentences += std::int64_t(coded.sentences.size());
  counts_.events += std::int64_t(coded.events.size());
  return result;
}

store::PutResult Ingester::Ingest(const Story& story) {
  if (!Admit(story)) return store::PutResult::kSkipped;
  if (!workspace_) workspace_ = pipeline_.NewWorkspace();
  return Put(story, pipeline_.Code(story, *workspace_));
}

}  // namespace chancery
