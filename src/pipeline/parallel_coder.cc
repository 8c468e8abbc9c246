#include "pipeline/parallel_coder.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace chancery {

namespace {

// One story from the moment it is read until it is delivered. Owned by the
// calling thread; a worker writes `coded`, `error` and `done` under the lock.
struct Slot {
  Story story;
  CodedStory coded;
  std::string rendered;
  std::exception_ptr error;
  bool done = false;
  bool awaited = false;  // the calling thread is waiting for this one (and others)
};

// What the calling thread and the workers share; everything under `mutex`.
struct Shared {
  std::mutex mutex;
  std::condition_variable work_ready;  // a slot is queued, or stop was set
  std::condition_variable slot_done;   // a worker finished a slot
  std::deque<Slot*> queue;             // read, not yet taken by a worker
  std::size_t awaited = 0;             // awaited slots not done yet
  bool stop = false;
};

void Work(Shared& shared, const ParallelCoder::CodeFunction& code, const ParallelCoder::RenderFunction& render,
          Pipeline::Workspace& workspace) {
  for (;;) {
    Slot* slot = nullptr;
    {
      std::unique_lock lock(shared.mutex);
      shared.work_ready.wait(lock, [&] { return shared.stop || !shared.queue.empty(); });
      if (shared.stop) return;
      slot = shared.queue.front();
      shared.queue.pop_front();
    }
    // The story is not touched by anyone else while it is queued or coded, so
    // coding needs no lock; only publishing the result does.
    CodedStory coded;
    std::string rendered;
    std::exception_ptr error;
    try {
      coded = code(slot->story, workspace);
      if (render) rendered = render(slot->story, coded);
    } catch (...) {
      error = std::current_exception();
    }
    bool wake = false;
    {
      std::lock_guard lock(shared.mutex);
      slot->coded = std::move(coded);
      slot->rendered = std::move(rendered);
      slot->error = error;
      slot->done = true;
      wake = slot->awaited && --shared.awaited == 0;
    }
    // Only the calling thread waits on slot_done, and only once the whole batch
    // it waits for is done: waking it for every story costs more than the
    // delivery itself on a busy machine.
    if (wake) shared.slot_done.notify_one();
  }
}

// Stops and joins the workers however RunThreaded() is left (return or throw).
struct WorkerJoiner {
  Shared& shared;
  std::vector<std::thread>& workers;
  ~WorkerJoiner() {
    {
      std::lock_guard lock(shared.mutex);
      shared.stop = true;
    }
    shared.work_ready.notify_all();
    for (std::thread& worker : workers) worker.join();
  }
};

}  // namespace

unsigned HardwareThreads() { return std::max(1u, std::thread::hardware_concurrency()); }

ParallelCoder::ParallelCoder(const Pipeline& pipeline, ParallelOptions options)
    : ParallelCoder([&pipeline](const Story& story, Pipeline::Workspace& workspace) {
                      return pipeline.Code(story, workspace);
                    },
                    [&pipeline] { return pipeline.NewWorkspace(); }, options) {}

ParallelCoder::ParallelCoder(CodeFunction code, WorkspaceFactory new_workspace, ParallelOptions options)
    : code_(std::move(code)), new_workspace_(std::move(new_workspace)), options_(options) {
  options_.threads = std::max(1u, options_.threads);
  if (options_.window == 0) options_.window = 16 * std::size_t(options_.threads);
}

void ParallelCoder::Run(const NextFunction& next, const DeliverFunction& deliver) {
  Run(next, nullptr, [&deliver](const Story& story, CodedStory& coded, std::string&) { deliver(story, coded); });
}

void ParallelCoder::Run(const NextFunction& next, const RenderFunction& render, const DeliverRenderedFunction& deliver) {
  if (options_.threads == 1)
    RunInline(next, render, deliver);
  else
    RunThreaded(next, render, deliver);
}

void ParallelCoder::RunInline(const NextFunction& next, const RenderFunction& render,
                              const DeliverRenderedFunction& deliver) {
  std::unique_ptr<Pipeline::Workspace> workspace = new_workspace_();
  while (std::optional<Story> story = next()) {
    CodedStory coded = code_(*story, *workspace);
    std::string rendered = render ? render(*story, coded) : std::string();
    deliver(*story, coded, rendered);
  }
}

void ParallelCoder::RunThreaded(const NextFunction& next, const RenderFunction& render,
                                const DeliverRenderedFunction& deliver) {
  Shared shared;
  std::deque<std::unique_ptr<Slot>> in_flight;  // input order; the calling thread's own
  std::size_t bytes_in_flight = 0;
  // Workspaces are made here, before any thread starts, so a failure to make
  // one is an ordinary exception on the calling thread.
  std::vector<std::unique_ptr<Pipeline::Workspace>> workspaces;
  for (unsigned i = 0; i < options_.threads; ++i) workspaces.push_back(new_workspace_());
  std::vector<std::thread> workers;
  // Declared after everything the workers use, so it joins them first.
  WorkerJoiner joiner{shared, workers};
  for (unsigned i = 0; i < options_.threads; ++i)
    workers.emplace_back(Work, std::ref(shared), std::cref(code_), std::cref(render), std::ref(*workspaces[i]));

  bool input_done = false;
  for (;;) {
    // Read ahead while the window has room, so workers never wait on the
    // reader while the oldest story is still being coded.
    while (!input_done && in_flight.size() < options_.window &&
           (in_flight.empty() || bytes_in_flight < options_.max_bytes)) {
      std::optional<Story> story = next();
      if (!story) {
        input_done = true;
        break;
      }
      auto slot = std::make_unique<Slot>();
      slot->story = std::move(*story);
      bytes_in_flight += slot->story.text.size();
      Slot* queued = slot.get();
      in_flight.push_back(std::move(slot));
      {
        std::lock_guard lock(shared.mutex);
        shared.queue.push_back(queued);
      }
      shared.work_ready.notify_one();
    }
    if (in_flight.empty()) break;

    // Deliver the oldest story once it is coded: that is what keeps the order.
    // When it is not done yet, wait for a batch (the oldest half of the
    // window) so that one wake-up delivers several stories.
    {
      std::unique_lock lock(shared.mutex);
      if (!in_flight.front()->done) {
        std::size_t batch = std::min(in_flight.size(), std::max<std::size_t>(1, options_.window / 2));
        for (std::size_t i = 0; i < batch; ++i) {
          Slot& slot = *in_flight[i];
          if (!slot.done && !slot.awaited) {
            slot.awaited = true;
            ++shared.awaited;
          }
        }
        shared.slot_done.wait(lock, [&] { return shared.awaited == 0; });
      }
    }
    std::unique_ptr<Slot> slot = std::move(in_flight.front());
    in_flight.pop_front();
    bytes_in_flight -= slot->story.text.size();
    if (slot->error) std::rethrow_exception(slot->error);
    deliver(slot->story, slot->coded, slot->rendered);
  }
}

}  // namespace chancery
