//===- fixed.cpp - Example 1: workers that stop and are joined ------------===//
//
// The same batch service as leaky.cpp. Each batch's worker and progress
// reporter is a std::jthread that waits with a stop_token; at the end of the
// batch both are asked to stop and joined, on every path, so the number of
// live threads stays flat.
//
//===----------------------------------------------------------------------===//

#include "proc_stats.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

using namespace leakguard::examples;

namespace {

struct Batch {
  std::vector<int> Jobs;
};

class BatchService {
public:
  bool runBatch(const Batch &B) {
    // FIX: a jthread requests stop and joins in its destructor, so the early
    // return below cannot leave a joinable thread behind.
    std::jthread Reporter(
        [this](const std::stop_token &Stop) { report(Stop); });
    std::jthread Worker(
        [this](const std::stop_token &Stop) { workerLoop(Stop); });
    if (B.Jobs.empty())
      return false;
    {
      std::lock_guard<std::mutex> Lock(QueueMutex);
      Queue.insert(Queue.end(), B.Jobs.begin(), B.Jobs.end());
    }
    QueueCv.notify_one();
    // FIX: stop the worker explicitly; it drains the queue, then returns and
    // is joined when it goes out of scope (so is the reporter).
    Worker.request_stop();
    return true;
  }

  long jobsDone() const { return JobsDone; }

private:
  void workerLoop(const std::stop_token &Stop) {
    std::unique_lock<std::mutex> Lock(QueueMutex);
    // FIX: the wait has a predicate (no lost wake-up) and a stop_token: it
    // returns false once stop is requested and the queue is empty.
    while (QueueCv.wait(Lock, Stop, [this] { return !Queue.empty(); })) {
      Queue.pop_front();
      ++JobsDone;
    }
  }

  void report(const std::stop_token &Stop) {
    // FIX: the loop ends when the batch asks it to stop.
    while (!Stop.stop_requested()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      ++ProgressReports;
    }
  }

  std::mutex QueueMutex;
  std::condition_variable_any QueueCv;
  std::deque<int> Queue;
  std::atomic<long> JobsDone{0};
  std::atomic<long> ProgressReports{0};
};

} // namespace

int main(int Argc, char **Argv) {
  TickLoop Loop(Argc, Argv);
  BatchService Service;
  int BatchId = 0;
  while (Loop.next()) {
    Service.runBatch(Batch{{BatchId, BatchId + 1, BatchId + 2}});
    ++BatchId;
  }
  Loop.finish();
  std::fprintf(stderr, "batches=%d jobs_done=%ld\n", BatchId,
               Service.jobsDone());
  return 0;
}
