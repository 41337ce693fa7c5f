// RUN: %check_leakguard %s leak-unbounded-cache %t -- -std=c++17
// RUN: %check_leakguard --check-suffix=CAP --config="{CheckOptions: {leak-unbounded-cache.RetainedCapacity: true, leak-unbounded-cache.ContainerTypes: 'project::FlatMap', leak-unbounded-cache.GrowMethods: 'Put', leak-unbounded-cache.ShrinkMethods: 'Evict'}}" %s leak-unbounded-cache %t -- -std=c++17

#include <deque>
#include <string>
#include <vector>

// A project container, configured through ContainerTypes/GrowMethods/
// ShrinkMethods (only in the second run).
namespace project {
template <typename K, typename V> class FlatMap {
public:
  void Put(const K &Key, const V &Value);
  void Evict(const K &Key);
  unsigned long size() const;
};
} // namespace project

project::FlatMap<int, int> warn_project_type;
// CHECK-MESSAGES-CAP: :[[@LINE-1]]:28: warning: 'warn_project_type' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
void store(int K) { warn_project_type.Put(K, K); }

project::FlatMap<int, int> no_warn_project_evicted;
void store2(int K) { no_warn_project_evicted.Put(K, K); }
void drop(int K) { no_warn_project_evicted.Evict(K); }

// Retained capacity (RetainedCapacity, second run only): grows, is only
// cleared, never shrunk.
std::vector<char> warn_retained;
// CHECK-MESSAGES-CAP: :[[@LINE-1]]:19: warning: 'warn_retained' is a long-lived container that is only cleared; its capacity is never released [leak-unbounded-cache]
void receive(unsigned long N) { warn_retained.resize(warn_retained.size() + N); }
void done() { warn_retained.clear(); }

// Shrunk after the clear: no warning in either run.
std::string no_warn_shrunk;
void append(const std::string &S) { no_warn_shrunk += S; }
void reset() {
  no_warn_shrunk.clear();
  no_warn_shrunk.shrink_to_fit();
}

// Cleared and swapped with an empty buffer.
std::vector<int> no_warn_swapped_buffer;
void push(int X) { no_warn_swapped_buffer.push_back(X); }
void release() {
  no_warn_swapped_buffer.clear();
  std::vector<int>().swap(no_warn_swapped_buffer);
}

// A function-local buffer keeps nothing.
void no_warn_local_buffer() {
  std::vector<char> Buf;
  Buf.resize(1 << 20);
  Buf.clear();
}

// A work queue that is drained and cleared: a deque frees its blocks as it
// shrinks, so retained capacity is not reported even with the option on.
std::deque<int> PendingJobs;
void enqueueJob(int Job) { PendingJobs.push_back(Job); }
void drainJobs() {
  while (!PendingJobs.empty())
    PendingJobs.pop_front();
  PendingJobs.clear();
}
