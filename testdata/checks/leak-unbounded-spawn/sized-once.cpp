// RUN: %check_leakguard %s leak-unbounded-spawn %t

// Pools sized once: a loop that counts up to a value it does not change,
// in `main` or in what only `main` calls, starts a number of threads fixed
// at start-up (the command line, the CPU count, a file-static setting). So
// does a loop whose count is capped right before it (`if (n > max_) n =
// max_;`), or bounded by a configuration field the code only defaults.
// The same loop in code that runs again and again grows with the input.

#include <cstdlib>
#include <pthread.h>
#include <thread>
#include <vector>

void *serve_loop(void *);

// ---- Positives --------------------------------------------------------------

// Per request: the count comes with each request.
void warn_per_request(int requested) {
  for (int i = 0; i < requested; ++i) {
    pthread_t t;
    pthread_create(&t, nullptr, serve_loop, nullptr);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
    // CHECK-NOTES: :[[@LINE-4]]:3: note: one detached thread per iteration of this loop, which has no bound
    // CHECK-NOTES: :[[@LINE-3]]:5: note: bound the number of threads: {{.*}}
    pthread_detach(t);
  }
}

// A counted loop in main, but inside a loop that serves forever.
static int per_batch = 2;
void refill(int *);
static int serve_forever() {
  for (;;) {
    refill(&per_batch);
    for (int i = 0; i < per_batch; ++i) {
      pthread_t t;
      pthread_create(&t, nullptr, serve_loop, nullptr);
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
      // CHECK-NOTES: :[[@LINE-6]]:3: note: one detached thread per iteration of this loop, which has no bound
      // CHECK-NOTES: :[[@LINE-3]]:7: note: bound the number of threads: {{.*}}
      pthread_detach(t);
    }
  }
}

// Capped, but the cap is itself the caller's.
struct Crew {
  void launch(int n, int limit) {
    if (n > limit)
      n = limit;
    for (int i = 0; i < n; ++i)
      Threads.emplace_back([] {});
    // CHECK-NOTES: :[[@LINE-1]]:15: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
    // CHECK-NOTES: :[[@LINE-3]]:5: note: one thread per iteration of this loop, which has no bound
    // CHECK-NOTES: :[[@LINE-3]]:15: note: bound the number of threads: {{.*}}
  }
  std::vector<std::thread> Threads;
};

// ---- Negatives --------------------------------------------------------------

// From the command line, in main.
int main(int argc, char **argv) {
  int loops = argc > 1 ? atoi(argv[1]) : 1;
  if (loops < 1)
    loops = 1;
  for (int i = 0; i < loops; ++i) {
    pthread_t t;
    pthread_create(&t, nullptr, serve_loop, nullptr);
    pthread_detach(t);
  }
  return serve_forever();
}

// A file-static setting, in a start-up helper only a static's initializer
// calls.
static int pool_size = 4;
static bool start_pool() {
  for (int i = 0; i < pool_size; ++i) {
    pthread_t t;
    pthread_create(&t, nullptr, serve_loop, nullptr);
    pthread_detach(t);
  }
  return true;
}
static bool pool_started = start_pool();

// Capped right before the loop by a field only the constructor sets.
class CappedCrew {
public:
  explicit CappedCrew(int Max) : Max(Max) {}
  ~CappedCrew() {
    for (std::thread &T : Threads)
      T.join();
  }
  void launch(int N) {
    if (N > Max)
      N = Max;
    for (int I = 0; I < N; ++I)
      Threads.emplace_back([] {});
  }

private:
  int Max;
  std::vector<std::thread> Threads;
};

// A configuration field the start path only defaults.
struct Server {
  int loop_threads = 0;
  std::vector<pthread_t> handles;
};
int server_start(Server *s) {
  if (s->loop_threads == 0)
    s->loop_threads = 1;
  for (int i = 0; i < s->loop_threads; ++i) {
    pthread_t t;
    if (pthread_create(&t, nullptr, serve_loop, s) == 0)
      s->handles.push_back(t);
  }
  return 0;
}
