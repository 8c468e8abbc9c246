// ParallelCoder: codes a stream of stories on N threads and hands the results
// back in input order, with bounded memory whatever the stream's length.
//
// Contract:
// - Run() asks `next` for stories and calls `deliver` with each story and its
//   CodedStory, in the order `next` produced them. Both callbacks run on the
//   calling thread, never concurrently, so they may use things that are not
//   thread-safe (a reader, a writer, a store). Only coding runs on workers.
// - At most `window` stories are in flight (read and not yet delivered), and
//   no new story is read while their texts hold `max_bytes` or more (one story
//   is always allowed), so memory does not grow with the stream.
// - threads == 1 codes inline on the calling thread: no thread is started.
// - An optional `render` step (e.g. formatting the output lines) runs on the
//   worker right after coding, and its string is handed to `deliver`, so the
//   calling thread only has to write bytes and does not become the bottleneck.
// - Each worker has its own Pipeline::Workspace. Results are the same, byte
//   for byte, as coding one story after another on one thread (Pipeline::Code
//   is deterministic).
// - An exception thrown while coding a story is rethrown by Run() when that
//   story's turn to be delivered comes (every earlier story is delivered
//   first); an exception from `next` or `deliver` leaves Run() at once. Either
//   way the workers are stopped and joined before Run() returns or throws.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "pipeline/pipeline.h"

namespace chancery {

struct ParallelOptions {
  unsigned threads = 1;               // >= 1; see HardwareThreads() for "all cores"
  std::size_t window = 0;             // stories in flight; 0 = 16 per thread
  std::size_t max_bytes = 64u << 20;  // story text in flight, bytes
};

// The number of hardware threads (at least 1): what `-j 0` means.
unsigned HardwareThreads();

class ParallelCoder {
 public:
  // How a worker codes one story. The default is Pipeline::Code; tests swap
  // in slow or failing functions.
  using CodeFunction = std::function<CodedStory(const Story&, Pipeline::Workspace&)>;
  using WorkspaceFactory = std::function<std::unique_ptr<Pipeline::Workspace>()>;
  using NextFunction = std::function<std::optional<Story>()>;
  using DeliverFunction = std::function<void(const Story&, CodedStory&)>;
  using RenderFunction = std::function<std::string(const Story&, const CodedStory&)>;
  using DeliverRenderedFunction = std::function<void(const Story&, CodedStory&, std::string& rendered)>;

  ParallelCoder(const Pipeline& pipeline, ParallelOptions options);
  ParallelCoder(CodeFunction code, WorkspaceFactory new_workspace, ParallelOptions options);

  void Run(const NextFunction& next, const DeliverFunction& deliver);
  void Run(const NextFunction& next, const RenderFunction& render, const DeliverRenderedFunction& deliver);

  unsigned threads() const { return options_.threads; }
  std::size_t window() const { return options_.window; }

 private:
  void RunInline(const NextFunction& next, const RenderFunction& render, const DeliverRenderedFunction& deliver);
  void RunThreaded(const NextFunction& next, const RenderFunction& render, const DeliverRenderedFunction& deliver);

  CodeFunction code_;
  WorkspaceFactory new_workspace_;
  ParallelOptions options_;
};

}  // namespace chancery
