// Ingest: code stories and keep them in a store, once.
//
// Contract: Ingest() looks the story's hash up first and does not code a story
// already stored (resuming a killed run costs a hash per story done). Each
// story is stored in one transaction (see store.h), so a crash loses at most
// the story being written. Store errors propagate as store::StoreError; the
// counts then say what was committed before.
#pragma once

#include <cstdint>

#include "pipeline/pipeline.h"
#include "store/store.h"

namespace chancery {

struct IngestCounts {
  std::int64_t stories = 0, inserted = 0, replaced = 0, skipped = 0;
  std::int64_t sentences = 0, events = 0;  // of the stories coded this run
};

class Ingester {
 public:
  Ingester(const Pipeline& pipeline, store::Store& store)
      : pipeline_(pipeline), store_(store), workspace_(pipeline.NewWorkspace()) {}

  store::PutResult Ingest(const Story& story);
  const IngestCounts& counts() const { return counts_; }

 private:
  const Pipeline& pipeline_;
  store::Store& store_;
  std::unique_ptr<Pipeline::Workspace> workspace_;
  IngestCounts counts_;
};

}  // namespace chancery
