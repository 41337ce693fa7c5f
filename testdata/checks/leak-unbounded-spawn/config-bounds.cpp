// RUN: %check_leakguard %s leak-unbounded-spawn %t

// A pool sized by configuration: a loop bounded by a field that only
// constructors write (or nothing in this unit: a configuration struct
// filled elsewhere) runs a fixed number of times. A field the unit's code
// keeps changing is no such bound.

#include <pthread.h>
#include <thread>
#include <vector>

struct io_config {
  int io_threads;
};
void *io_main(void *);
static pthread_t io_pool[64];

void no_warn_pool_sized_by_configuration(struct io_config *cfg) {
  for (int i = 0; i < cfg->io_threads; i++)
    pthread_create(&io_pool[i], nullptr, io_main, nullptr);
}

class NotificationCenter {
public:
  explicit NotificationCenter(int Workers) : WorkersCount(Workers) { start(); }
  NotificationCenter() : WorkersCount(4) { start(); }
  ~NotificationCenter() {
    for (std::jthread &W : Pool)
      W.request_stop();
  }

private:
  void start() {
    for (int I = 0; I < WorkersCount; ++I)
      Pool.emplace_back([](std::stop_token) {});
  }
  int WorkersCount;
  std::vector<std::jthread> Pool;
};

struct Batch {
  int Pending = 0;
  void add() { ++Pending; }
};

void handle(int);

void warn_bound_the_code_keeps_changing(Batch &B,
                                        std::vector<std::thread> &Out) {
  for (int I = 0; I < B.Pending; ++I)
    Out.emplace_back(handle, I);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input
    // CHECK-NOTES: :[[@LINE-4]]:3: note: one thread per iteration of this loop, which has no bound
    // CHECK-NOTES: :[[@LINE-4]]:9: note: bound the number of threads: use a fixed worker pool, acquire a counting_semaphore before spawning, or feed a bounded queue served by a fixed pool
}

// Grown up to a constant cap: the size the loop compares is what it grows.
class CappedPool {
public:
  void addWorkers(int N) {
    while (N-- > 0 && Workers.size() < 16)
      Workers.emplace_back([] {});
  }
  ~CappedPool() {
    for (std::thread &W : Workers)
      W.join();
  }

private:
  std::vector<std::thread> Workers;
};
