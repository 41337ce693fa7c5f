//===- leaky.cpp - Example 5: one thread per request ----------------------===//
//
// A request dispatcher reads --rate N simulated requests per tick (default
// 20) and starts one detached std::thread per request; each handler works for
// about a second. Live threads grow with the request rate (~4 * rate at
// steady state) and nothing bounds them. Compare with fixed.cpp.
//
//===----------------------------------------------------------------------===//

#include "proc_stats.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace leakguard::examples;

namespace {

// Safety valve for the demo only: past this many live handlers a new handler
// returns at once. Threads are still started one per request; the valve just
// keeps a high --rate from exhausting the machine.
constexpr long MaxDemoThreads = 400;

struct Request {
  long Id;
  int Priority;
};

std::atomic<long> Live{0};
std::atomic<long> Served{0};
std::atomic<long> Refused{0};

// Simulates accepting the next request from a socket.
Request readRequest(long Id) { return Request{Id, static_cast<int>(Id % 3)}; }

void handle(Request R) {
  if (Live.fetch_add(1) >= MaxDemoThreads) {
    --Live;
    ++Refused;
    return;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1000 + R.Priority));
  ++Served;
  --Live;
}

} // namespace

int main(int Argc, char **Argv) {
  TickLoop Loop(Argc, Argv);
  const long Rate = intOption(Argc, Argv, "--rate", 20);
  long NextId = 0;
  for (;;) { // The dispatcher's accept loop.
    if (!Loop.next())
      break;
    for (long I = 0; I < Rate; ++I) {
      Request R = readRequest(NextId++);
      // LEAK: one thread per request, detached: the number of live threads
      // (and their stacks) is set by the clients' request rate.
      std::thread([R] { handle(R); }).detach();
    }
  }
  Loop.finish();
  std::fprintf(stderr, "requests=%ld served=%ld refused_by_demo_cap=%ld\n",
               NextId, Served.load(), Refused.load());
  // Handlers still running are killed by exit(); they touch only atomics.
  return 0;
}
