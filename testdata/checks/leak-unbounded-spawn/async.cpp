// RUN: %check_leakguard %s leak-unbounded-spawn %t -- -std=c++17

// std::async: the launch policy decides whether a thread starts, and the
// future decides whether it outlives the iteration.

#include <future>
#include <vector>

int work(int Req);
int nextRequest();

void warn_default_policy(std::vector<std::future<int>> &Out) {
  while (true)
    Out.push_back(std::async(work, nextRequest()));
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: task spawned once per iteration of an unbounded loop; the number of live tasks grows with the input [leak-unbounded-spawn]
}

void warn_launch_async(const std::vector<int> &Requests) {
  std::vector<std::future<int>> Results;
  for (int Req : Requests)
    Results.push_back(std::async(std::launch::async, work, Req));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: task spawned once per iteration of an unbounded loop; the number of live tasks grows with the input [leak-unbounded-spawn]
  for (std::future<int> &F : Results)
    F.get();
}

void warn_async_or_deferred(std::vector<std::future<int>> &Out) {
  for (;;)
    Out.emplace_back(std::async(std::launch::async | std::launch::deferred, work, 1));
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: task spawned once per iteration of an unbounded loop; the number of live tasks grows with the input [leak-unbounded-spawn]
}

void warn_future_moved_out(std::vector<std::future<int>> &Out) {
  while (true) {
    auto F = std::async(std::launch::async, work, nextRequest());
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: task spawned once per iteration of an unbounded loop; the number of live tasks grows with the input [leak-unbounded-spawn]
    Out.push_back(std::move(F));
  }
}

// Deferred tasks run lazily on the thread that calls get().
void no_warn_deferred(const std::vector<int> &Requests) {
  std::vector<std::future<int>> Results;
  for (int Req : Requests)
    Results.push_back(std::async(std::launch::deferred, work, Req));
}

// The future is destroyed at the end of the iteration and waits for the task.
void no_warn_future_local_to_iteration() {
  while (true) {
    auto F = std::async(std::launch::async, work, nextRequest());
    F.get();
  }
}

// A discarded future blocks in its destructor: the loop runs one task at a
// time.
void no_warn_discarded_future() {
  while (true)
    std::async(std::launch::async, work, nextRequest());
}

void no_warn_fixed_fan_out(std::vector<std::future<int>> &Out) {
  constexpr int kShards = 8;
  for (int I = 0; I < kShards; ++I)
    Out.push_back(std::async(std::launch::async, work, I));
}
