// RUN: %check_leakguard %s leak-unbounded-spawn %t

// Spawns directly inside loops: which loops have no bound, and which spawns
// outlive their iteration.

#include <algorithm>
#include <array>
#include <future>
#include <map>
#include <memory>
#include <thread>
#include <vector>
#include <pthread.h>
#include <sys/socket.h>

void handle(int Fd);
void *run(void *Arg);
int nextRequest();
constexpr int kWorkers = 4;

struct Server {
  std::vector<std::thread> Threads;
  std::map<int, std::thread> ByClient;
  std::thread Current;

  // The accept loop: one detached thread per connection.
  void warn_accept_loop_detached(int Listen) {
    while (true) {
      int Fd = accept(Listen, nullptr, nullptr);
      if (Fd < 0)
        continue;
      std::thread(handle, Fd).detach();
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
    }
  }

  // A dispatch loop that keeps every thread in a member vector.
  void warn_dispatch_loop_member_vector() {
    for (;;) {
      int Req = nextRequest();
      Threads.emplace_back(handle, Req);
      // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
    }
  }

  // A map keyed by client: operator[] creates a new element each time.
  void warn_map_slot(int Listen) {
    while (int Fd = accept(Listen, nullptr, nullptr)) {
      ByClient[Fd] = std::thread(handle, Fd);
      // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
    }
  }

  // One member slot reassigned: at most one thread at a time.
  void no_warn_single_slot() {
    while (true) {
      if (Current.joinable())
        Current.join();
      Current = std::thread(handle, nextRequest());
    }
  }
};

void warn_range_for_over_input(const std::vector<int> &Requests) {
  std::vector<std::thread> Threads;
  for (int Req : Requests)
    Threads.push_back(std::thread(handle, Req));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
  for (std::thread &T : Threads)
    T.join();
}

void warn_counted_by_parameter(int N, std::vector<std::thread> &Out) {
  for (int I = 0; I < N; ++I)
    Out.emplace_back(handle, I);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
}

void warn_index_over_input_size(const std::vector<int> &Requests,
                                std::vector<std::thread> &Out) {
  for (size_t I = 0; I < Requests.size(); ++I)
    Out.emplace_back(handle, Requests[I]);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
}

void warn_recv_loop_heap_thread(int Fd, std::vector<std::unique_ptr<std::thread>> &Out) {
  char Buf[64];
  do {
    Out.push_back(std::make_unique<std::thread>(handle, Buf[0]));
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
  } while (recv(Fd, Buf, sizeof(Buf), 0) > 0);
}

void warn_new_thread(std::vector<std::thread *> &Out) {
  while (true)
    Out.push_back(new std::thread(handle, nextRequest()));
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
}

void warn_pthread_detached() {
  for (;;) {
    pthread_t Tid;
    pthread_create(&Tid, nullptr, run, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
    pthread_detach(Tid);
  }
}

void warn_jthread_vector(std::vector<std::jthread> &Out) {
  while (true)
    Out.emplace_back(handle, nextRequest());
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
}

// A bounded fan-out per request still adds threads on every request.
void warn_bounded_inner_loop_in_unbounded_loop() {
  while (true) {
    int Req = nextRequest();
    for (int I = 0; I < kWorkers; ++I)
      std::thread(handle, Req + I).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
  }
}

void warn_local_moved_out(std::vector<std::thread> &Out) {
  while (true) {
    std::thread T(handle, nextRequest());
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
    Out.push_back(std::move(T));
  }
}

// Fixed pools: the trip count is a constant, hardware_concurrency() or a
// worker count.
void no_warn_constexpr_pool(std::vector<std::thread> &Pool) {
  for (int I = 0; I < kWorkers; ++I)
    Pool.emplace_back(handle, I);
}

void no_warn_hardware_concurrency(std::vector<std::thread> &Pool) {
  const unsigned N = std::thread::hardware_concurrency();
  for (unsigned I = 0; I < N; ++I)
    Pool.emplace_back(handle, I);
  for (unsigned I = 0; I != std::thread::hardware_concurrency() * 2; ++I)
    Pool.emplace_back(handle, I);
}

void no_warn_worker_count_name(int num_threads, std::vector<std::thread> &Pool) {
  for (int I = 0; I < num_threads; ++I)
    Pool.emplace_back(handle, I);
}

void no_warn_fixed_arrays() {
  std::thread CPool[8];
  for (std::thread &T : CPool)
    T = std::thread(handle, 0);
  std::array<int, 4> Shards = {0, 1, 2, 3};
  std::vector<std::thread> Pool;
  for (int Shard : Shards)
    Pool.emplace_back(handle, Shard);
  for (size_t I = 0; I < Shards.size(); ++I)
    Pool.emplace_back(handle, Shards[I]);
  for (int Shard : {10, 11})
    Pool.emplace_back(handle, Shard);
  for (std::thread &T : Pool)
    T.join();
}

void no_warn_counted_while_and_countdown(std::vector<std::thread> &Pool) {
  int Started = 0;
  while (Started < kWorkers) {
    Pool.emplace_back(handle, Started);
    ++Started;
  }
  int Left = std::min(16, kWorkers * 2);
  while (Left--)
    Pool.emplace_back(handle, Left);
}

// Joined (or auto-joined) within the same iteration: at most one at a time.
void no_warn_joined_in_iteration() {
  while (true) {
    std::thread T(handle, nextRequest());
    T.join();
  }
}

void no_warn_jthread_local_to_iteration() {
  while (true) {
    std::jthread T(handle, nextRequest());
  }
}

void no_warn_batch_local_to_iteration() {
  while (true) {
    std::vector<std::thread> Batch;
    for (int I = 0; I < kWorkers; ++I)
      Batch.emplace_back(handle, I);
    for (std::thread &T : Batch)
      T.join();
  }
}

void no_warn_pthread_joined() {
  for (;;) {
    pthread_t Tid;
    pthread_create(&Tid, nullptr, run, nullptr);
    pthread_join(Tid, nullptr);
  }
}

// Silenced in code.
void no_warn_nolint(const std::vector<int> &Shards, std::vector<std::thread> &Out) {
  for (int Shard : Shards)
    Out.emplace_back(handle, Shard); // NOLINT(leak-unbounded-spawn)
}
