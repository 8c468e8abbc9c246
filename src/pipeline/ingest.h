// Ingest: code stories and keep them in a store, once.
//
// Contract: Ingest() looks the story's hash up first and does not code a story
// already stored (resuming a killed run costs a hash per story done). Each
// story is stored in one transaction (see store.h), so a crash loses at most
// the story being written. Store errors propagate as store::StoreError; the
// counts then say what was committed before.
//
// Admit() and Put() are Ingest()'s two halves, for callers that code stories
// elsewhere (`chancery ingest -j N` codes on workers; the store is used on one
// thread only): Admit says whether a story must be coded, judging a story
// whose id is still being coded as if that one were stored already, so that
// coding in parallel skips exactly what coding in order skips; Put stores what
// was coded. Every admitted story must be Put, in the order admitted.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "pipeline/pipeline.h"
#include "store/store.h"

namespace chancery {

struct IngestCounts {
  std::int64_t stories = 0, inserted = 0, replaced = 0, skipped = 0;
  std::int64_t sentences = 0, events = 0;  // of the stories coded this run
};

class Ingester {
 public:
  Ingester(const Pipeline& pipeline, store::Store& store) : pipeline_(pipeline), store_(store) {}

  store::PutResult Ingest(const Story& story);
  bool Admit(const Story& story);
  store::PutResult Put(const Story& story, const CodedStory& coded);
  const IngestCounts& counts() const { return counts_; }

 private:
  struct InFlight {
    std::string hash;  // of the newest admitted version
    int count = 0;     // admitted and not yet Put
  };

  const Pipeline& pipeline_;
  store::Store& store_;
  std::unique_ptr<Pipeline::Workspace> workspace_;  // made on first Ingest()
  std::map<std::string, InFlight> in_flight_;       // by story id
  IngestCounts counts_;
};

}  // namespace chancery
