//===- leaky.cpp - Example 1: threads that never finish -------------------===//
//
// A batch service starts one worker per job batch and one progress reporter
// per batch. The workers wait on a condition variable without a predicate or
// a stop path, the reporters are detached and loop forever: every tick leaves
// two more threads behind. Compare with fixed.cpp.
//
//===----------------------------------------------------------------------===//

#include "proc_stats.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

using namespace leakguard::examples;

namespace {

// Safety cap for the demo: stop starting batches past this many live threads.
constexpr long MaxLiveThreads = 400;

struct Batch {
  std::vector<int> Jobs;
};

std::mutex QueueMutex;
std::condition_variable QueueCv;
std::vector<int> Queue;
std::atomic<long> JobsDone{0};
std::atomic<long> ProgressReports{0};
std::vector<std::thread> Workers;

void workerLoop() {
  for (;;) {
    std::unique_lock<std::mutex> Lock(QueueMutex);
    // LEAK: no predicate and no stop path: a notification sent before this
    // wait is lost, and nothing ever wakes the worker up to return.
    QueueCv.wait(Lock);
    while (!Queue.empty()) {
      Queue.pop_back();
      ++JobsDone;
    }
  }
}

bool startBatch(const Batch &B) {
  std::thread Worker(workerLoop);
  // LEAK: this early return leaves Worker joinable; its destructor then calls
  // std::terminate(). The demo never submits an empty batch, so it keeps
  // running, but LeakGuard flags the path.
  if (B.Jobs.empty())
    return false;
  {
    std::lock_guard<std::mutex> Lock(QueueMutex);
    Queue.insert(Queue.end(), B.Jobs.begin(), B.Jobs.end());
  }
  QueueCv.notify_one();
  // LEAK: kept but never joined: workerLoop() never returns.
  Workers.push_back(std::move(Worker));
  return true;
}

void startProgressReporter() {
  // LEAK: a detached thread whose loop has no stop signal: it runs until the
  // process dies, long after its batch is done.
  std::thread([] {
    for (;;) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      ++ProgressReports;
    }
  }).detach();
}

} // namespace

int main(int Argc, char **Argv) {
  TickLoop Loop(Argc, Argv);
  int BatchId = 0;
  while (Loop.next()) {
    if (Loop.last().Threads + 2 > MaxLiveThreads)
      continue;
    startBatch(Batch{{BatchId, BatchId + 1, BatchId + 2}});
    startProgressReporter();
    ++BatchId;
  }
  Loop.finish();
  std::fprintf(stderr, "batches=%d jobs_done=%ld\n", BatchId, JobsDone.load());
  // The blocked workers can never be joined, and destroying them while
  // joinable would abort: leave without running destructors.
  std::_Exit(0);
}
