//===- fixed.cpp - Example 5: a fixed pool with admission control ---------===//
//
// The same dispatcher as leaky.cpp. A fixed pool of --workers N std::jthread
// workers (default: hardware_concurrency, or 4) takes requests from a bounded
// queue; a std::counting_semaphore limits the requests queued or running, and
// the rest are rejected at once. Peak threads stay at the pool size plus one.
//
//===----------------------------------------------------------------------===//

#include "proc_stats.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <semaphore>
#include <stop_token>
#include <thread>
#include <vector>

using namespace leakguard::examples;

namespace {

struct Request {
  long Id;
  int Priority;
};

class BoundedQueue {
public:
  explicit BoundedQueue(std::size_t Capacity) : Capacity(Capacity) {}

  bool tryPush(Request R) {
    {
      std::lock_guard<std::mutex> Lock(Mutex);
      if (Items.size() >= Capacity)
        return false;
      Items.push_back(R);
    }
    Ready.notify_one();
    return true;
  }

  // Returns nothing once stop is requested and the queue is empty.
  std::optional<Request> pop(const std::stop_token &Stop) {
    std::unique_lock<std::mutex> Lock(Mutex);
    if (!Ready.wait(Lock, Stop, [this] { return !Items.empty(); }))
      return std::nullopt;
    Request R = Items.front();
    Items.pop_front();
    return R;
  }

private:
  const std::size_t Capacity;
  std::mutex Mutex;
  std::condition_variable_any Ready;
  std::deque<Request> Items;
};

std::atomic<long> Served{0};

// Simulates accepting the next request from a socket.
Request readRequest(long Id) { return Request{Id, static_cast<int>(Id % 3)}; }

// The same ~1 s of work as in leaky.cpp, cut short at shutdown.
void handle(Request R, const std::stop_token &Stop) {
  for (int Ms = 0; Ms < 1000 + R.Priority; Ms += 10) {
    if (Stop.stop_requested())
      return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ++Served;
}

long defaultWorkers() {
  unsigned N = std::thread::hardware_concurrency();
  return N ? N : 4;
}

} // namespace

int main(int Argc, char **Argv) {
  TickLoop Loop(Argc, Argv);
  const long Rate = intOption(Argc, Argv, "--rate", 20);
  const long Workers = intOption(Argc, Argv, "--workers", defaultWorkers());
  // FIX: at most 2 * Workers requests are queued or running at any time.
  std::counting_semaphore<> InFlightSlots(2 * Workers);
  BoundedQueue Queue(2 * Workers);
  // FIX: a fixed pool, created once; declared last, so it is joined first.
  std::vector<std::jthread> Pool;
  Pool.reserve(Workers);
  for (long I = 0; I < Workers; ++I) {
    Pool.emplace_back([&](const std::stop_token &Stop) {
      while (std::optional<Request> R = Queue.pop(Stop)) {
        handle(*R, Stop);
        InFlightSlots.release();
      }
    });
  }

  long NextId = 0, Rejected = 0;
  for (;;) { // The dispatcher's accept loop.
    if (!Loop.next())
      break;
    for (long I = 0; I < Rate; ++I) {
      Request R = readRequest(NextId++);
      // FIX: admission control instead of a thread per request: when every
      // slot is taken the request is rejected at once (e.g. HTTP 503).
      if (!InFlightSlots.try_acquire()) {
        ++Rejected;
        continue;
      }
      if (!Queue.tryPush(R)) {
        InFlightSlots.release();
        ++Rejected;
      }
    }
  }
  Loop.finish();
  // FIX: ask every worker to stop first, then join them all.
  for (std::jthread &Worker : Pool)
    Worker.request_stop();
  Pool.clear();
  std::fprintf(stderr, "requests=%ld served=%ld rejected=%ld workers=%ld\n",
               NextId, Served.load(), Rejected, Workers);
  return 0;
}
