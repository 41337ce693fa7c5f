// RUN: %check_leakguard_real %s leak-unbounded-spawn %t -- -std=c++17
// RUN: %check_leakguard_real %s leak-unbounded-spawn %t -- -std=c++20

// Against the system's libstdc++: std::async's own thread, emplace_back into
// vector<thread> and the launch policies look as in the mocks.

#include <future>
#include <thread>
#include <vector>

int work(int Req);
int nextRequest();

void warn_thread_per_request(std::vector<std::thread> &Out) {
  while (true)
    Out.emplace_back(work, nextRequest());
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
}

void warn_detached_per_request() {
  for (;;)
    std::thread(work, nextRequest()).detach();
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
}

void warn_async_per_element(const std::vector<int> &Requests) {
  std::vector<std::future<int>> Results;
  for (int Req : Requests)
    Results.push_back(std::async(std::launch::async, work, Req));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: task spawned once per iteration of an unbounded loop; the number of live tasks grows with the input [leak-unbounded-spawn]
}

void no_warn_deferred(const std::vector<int> &Requests) {
  std::vector<std::future<int>> Results;
  for (int Req : Requests)
    Results.push_back(std::async(std::launch::deferred, work, Req));
}

void no_warn_hardware_pool(std::vector<std::thread> &Pool) {
  for (unsigned I = 0; I < std::thread::hardware_concurrency(); ++I)
    Pool.emplace_back(work, int(I));
}

void no_warn_joined_per_iteration() {
  while (true) {
    std::thread T(work, nextRequest());
    T.join();
  }
}
