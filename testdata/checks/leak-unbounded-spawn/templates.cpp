// RUN: %check_leakguard %s leak-unbounded-spawn %t

// Templates are judged by their instantiations.

#include <vector>
#include <future>
#include <thread>

void handle(int Item);

// One thread per element of whatever range the caller passes.
template <class Range, class F> void parallel_for_each(Range &R, F Fn) {
  std::vector<std::thread> Threads;
  for (auto &Item : R)
    Threads.emplace_back(Fn, Item);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
  for (std::thread &T : Threads)
    T.join();
}

// The same, with tasks.
template <class Range, class F> void async_for_each(const Range &R, F Fn) {
  std::vector<std::future<void>> Done;
  for (const auto &Item : R)
    Done.push_back(std::async(std::launch::async, Fn, Item));
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: task spawned once per iteration of an unbounded loop; the number of live tasks grows with the input [leak-unbounded-spawn]
}

// A pool sized by a template argument is fixed.
template <int N> void start_pool(std::vector<std::thread> &Pool) {
  for (int I = 0; I < N; ++I)
    Pool.emplace_back(handle, I);
}

// Never instantiated: nothing to judge.
template <class T> void never_used(std::vector<T> &Items) {
  for (auto &Item : Items)
    std::thread(handle, Item).detach();
}

void use() {
  std::vector<int> Items;
  std::vector<long> Longs;
  parallel_for_each(Items, handle);
  parallel_for_each(Longs, handle);
  async_for_each(Items, handle);
  std::vector<std::thread> Pool;
  start_pool<4>(Pool);
  start_pool<8>(Pool);
}
