// RUN: %check_leakguard %s leak-unbounded-cache %t

// Containers of threads are pools, not caches: a thread per request is
// leak-unbounded-spawn's finding, a pool never joined leak-unjoined-thread's.
// Other grow-only containers next to them are still reported.

#include <thread>
#include <vector>

void work();

std::vector<std::thread> Workers;
std::vector<int> warn_started_ids;
void startWorker(int Id) {
  Workers.emplace_back(work);
  warn_started_ids.push_back(Id);
  // CHECK-MESSAGES: :[[@LINE-4]]:18: warning: 'warn_started_ids' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-5]]:18: warning: 'warn_started_ids' is a long-lived container that only grows; entries are never removed
  // CHECK-NOTES: :[[@LINE-6]]:18: note: bound it: evict when size() reaches a limit (e.g. an LRU), erase expired entries periodically, or clear it on a periodic path
  // CHECK-NOTES: :[[@LINE-4]]:20: note: grows here; no code path removes entries
}
void stopWorkers() {
  for (std::thread &T : Workers)
    T.join();
}
