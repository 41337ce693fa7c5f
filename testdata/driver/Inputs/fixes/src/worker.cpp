// A thread that is not joined on the early return: LeakGuard's note offers
// std::jthread, whose destructor joins.
#include <thread>

void work();
bool failed();

void start() {
  std::thread T(work);
  if (failed())
    return;
  T.join();
}

// The same through an alias: no fix-it (the alias may be used elsewhere).
using Worker = std::thread;

void startAliased() {
  Worker W(work);
  if (failed())
    return;
  W.join();
}
