// RUN: %check_leakguard %s leak-unbounded-spawn %t -- -std=c++17
// RUN: %check_leakguard --check-suffix=OPT %s leak-unbounded-spawn %t \
// RUN:   --config="{CheckOptions: {leak-unbounded-spawn.SpawnFunctions: 'spawn_detached;Worker::start', leak-unbounded-spawn.WorkerCountNames: 'kShards', leak-unbounded-spawn.SemaphoreTypes: 'Limiter', leak-unbounded-spawn.PoolTypes: 'ShardPool;ThreadPool'}}" -- -std=c++17

// The options: project spawn helpers, worker-count names, semaphore and pool
// types.

#include <vector>
#include <thread>

void handle(int Req);
int nextRequest();

// A project helper that starts a detached thread.
void spawn_detached(void (*Fn)(int), int Arg);

void helper_in_loop() {
  while (true)
    spawn_detached(handle, nextRequest());
  // CHECK-MESSAGES-OPT: :[[@LINE-1]]:5: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
}

// A worker count only the project knows.
extern int kShards;
void sized_by_project_name(std::vector<std::thread> &Pool) {
  for (int I = 0; I < kShards; ++I)
    Pool.emplace_back(handle, I);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
}

// A project semaphore type.
struct Limiter {
  void acquire();
  void release();
};
Limiter Limit;
void guarded_by_project_semaphore() {
  while (true) {
    Limit.acquire();
    std::thread(handle, nextRequest()).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
  }
}

// A project pool type whose growth loop is its own business.
class ShardPool {
public:
  void grow(int By) {
    for (int I = 0; I < By; ++I)
      Threads.emplace_back(handle, I);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
  }

private:
  std::vector<std::thread> Threads;
};

// Default pool types: a class named ThreadPool sizes itself.
class ThreadPool {
public:
  explicit ThreadPool(int Size) {
    for (int I = 0; I < Size; ++I)
      Threads.emplace_back(handle, I);
  }

private:
  std::vector<std::thread> Threads;
};

// A project thread class whose start() is configured as a spawn.
struct Worker {
  void start();
};

void start_each_existing_worker(std::vector<Worker *> &Workers) {
  for (Worker *W : Workers)
    W->start();
}

void new_worker_per_request(std::vector<Worker *> &Workers) {
  while (nextRequest() > 0) {
    Workers.push_back(new Worker);
    Workers.back()->start();
    // CHECK-MESSAGES-OPT: :[[@LINE-1]]:21: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
  }
}

// A constructor filling the object's own threads is a pool, whatever its
// class is called.
class TaskQueue {
public:
  explicit TaskQueue(unsigned Count) : QueueCount(Count) {
    for (unsigned I = 0; I < QueueCount; ++I)
      Threads.push_back(std::thread(handle, int(I)));
  }

private:
  unsigned QueueCount;
  std::vector<std::thread> Threads;
};
