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

// Set through a setter before the pool starts: configuration too, in a
// class and in C style.
class LoopPool {
public:
  void setThreadNum(int N) { ThreadNum = N; }
  LoopPool &setName(const char *N) {
    Name = N;
    return *this;
  }
  void start() {
    for (int I = 0; I < ThreadNum; ++I)
      Loops.emplace_back([] {});
  }
  ~LoopPool() {
    for (std::thread &L : Loops)
      L.join();
  }

private:
  int ThreadNum = 0;
  const char *Name = nullptr;
  std::vector<std::thread> Loops;
};

struct http_settings {
  int worker_threads;
  pthread_t *handles;
};
void settings_set_workers(struct http_settings *s, int n) {
  s->worker_threads = n;
}
void no_warn_setter_sized_pool(struct http_settings *s) {
  if (s->worker_threads == 0)
    s->worker_threads = 1;
  for (int i = 0; i < s->worker_threads; ++i)
    pthread_create(&s->handles[i], nullptr, io_main, nullptr);
}

// A field computed from what arrives is no setter's: still reported.
struct Request {
  int Parts = 0;
  void parse(const char *Header) { Parts = Header[0] - '0' + Parts; }
};
void warn_bound_computed_from_input(Request &R,
                                    std::vector<std::thread> &Out) {
  for (int I = 0; I < R.Parts; ++I)
    Out.emplace_back(handle, I);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input
    // CHECK-NOTES: :[[@LINE-4]]:3: note: one thread per iteration of this loop, which has no bound
    // CHECK-NOTES: :[[@LINE-4]]:9: note: bound the number of threads: use a fixed worker pool, acquire a counting_semaphore before spawning, or feed a bounded queue served by a fixed pool
}

// A setter with a check and a return, and a default for an unset count
// from a helper (the CPU count): still configuration.
unsigned online_cpus();
struct packer {
  unsigned nr_threads = 1;
  pthread_t *tids = nullptr;
};
unsigned packer_set_threads(packer *p, unsigned n) {
  if (!p)
    return 0;
  p->nr_threads = n;
  return p->nr_threads;
}
void no_warn_defaulted_to_the_cpu_count(packer *p) {
  if (!p->nr_threads)
    p->nr_threads = online_cpus();
  for (unsigned i = 0; i < p->nr_threads; ++i)
    pthread_create(&p->tids[i], nullptr, io_main, nullptr);
}

// Set from what a request holds, not only when unset: no bound.
unsigned items_in(const char *request);
struct splitter {
  unsigned parts = 1;
  pthread_t *tids = nullptr;
};
void warn_count_taken_from_the_request(splitter *s, const char *request) {
  s->parts = items_in(request);
  for (unsigned i = 0; i < s->parts; ++i)
    pthread_create(&s->tids[i], nullptr, io_main, nullptr);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input
    // CHECK-NOTES: :[[@LINE-4]]:3: note: one thread per iteration of this loop, which has no bound
    // CHECK-NOTES: :[[@LINE-4]]:5: note: bound the number of threads: use a fixed worker pool, acquire a counting_semaphore before spawning, or feed a bounded queue served by a fixed pool
}

// Topped up to a limit a setter keeps within bounds (`std::max(0, n)`):
// the limit is configuration, the loop grows the pool up to it.
#include <algorithm>
class Workers {
public:
  void resize(int N) {
    if (N > Limit) {
      Limit = std::max(0, N);
      grow();
    }
  }
  ~Workers() {
    for (std::thread &T : Threads)
      T.join();
  }

private:
  void grow() {
    while (static_cast<int>(Threads.size()) < Limit)
      Threads.emplace_back([] {});
  }
  int Limit = 0;
  std::vector<std::thread> Threads;
};
