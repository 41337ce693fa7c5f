// RUN: %check_leakguard %s leak-unbounded-spawn %t

// A spawn in a function that a dispatch loop calls once per iteration.

#include <pthread.h>
#include <vector>
#include <semaphore>
#include <thread>
#include <utility>
#include <sys/socket.h>

void handle(int Fd);
int nextMessage();

struct Connection {
  std::vector<std::thread> Workers;

  void on_message(int Msg) {
    std::thread(handle, Msg).detach();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
    // CHECK-NOTES: :[[@LINE+7]]:5: note: one detached thread per iteration of this loop, which has no bound
    // CHECK-NOTES: :[[@LINE+7]]:7: note: 'on_message' is called here, once per iteration
    // CHECK-NOTES: :[[@LINE-4]]:5: note: bound the number of threads: use a fixed worker pool, acquire a counting_semaphore before spawning, or feed a bounded queue served by a fixed pool
  }

  // The dispatch loop: the spawn is one call level down.
  void run() {
    while (true)
      on_message(nextMessage());
  }
};

// Two levels: loop -> dispatch -> start_worker.
std::vector<std::thread> Threads;
void start_worker(int Req) {
  Threads.emplace_back(handle, Req);
  // CHECK-NOTES: :[[@LINE-1]]:11: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
  // CHECK-NOTES: :[[@LINE+12]]:3: note: one thread per iteration of this loop, which has no bound
  // CHECK-NOTES: :[[@LINE+12]]:5: note: 'dispatch' is called here, once per iteration
  // CHECK-NOTES: :[[@LINE+6]]:5: note: 'start_worker' is called here, once per iteration
  // CHECK-NOTES: :[[@LINE-5]]:11: note: bound the number of threads: use a fixed worker pool, acquire a counting_semaphore before spawning, or feed a bounded queue served by a fixed pool
}

void dispatch(int Req) {
  if (Req > 0)
    start_worker(Req);
}

void serve(int Listen) {
  for (;;)
    dispatch(accept(Listen, nullptr, nullptr));
}

// A lambda handler called from the accept loop.
void serve_with_lambda(int Listen) {
  auto OnAccept = [](int Fd) {
    std::thread(handle, Fd).detach();
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
    // CHECK-NOTES: :[[@LINE+4]]:3: note: one detached thread per iteration of this loop, which has no bound
    // CHECK-NOTES: :[[@LINE+4]]:5: note: 'OnAccept' is called here, once per iteration
    // CHECK-NOTES: :[[@LINE-4]]:5: note: bound the number of threads: use a fixed worker pool, acquire a counting_semaphore before spawning, or feed a bounded queue served by a fixed pool
  };
  while (true)
    OnAccept(accept(Listen, nullptr, nullptr));
}

// Called from a fixed pool's start-up loop only.
void start_pool_thread(std::vector<std::thread> &Pool, int I) {
  Pool.emplace_back(handle, I);
}
void no_warn_called_from_bounded_loop(std::vector<std::thread> &Pool) {
  for (int I = 0; I < 4; ++I)
    start_pool_thread(Pool, I);
}

// Called once, not from a loop.
void start_listener(std::vector<std::thread> &Pool) {
  Pool.emplace_back(handle, 0);
}
void no_warn_called_once(std::vector<std::thread> &Pool) {
  start_listener(Pool);
}

// The callee joins its thread before returning.
void handle_and_wait(int Fd) {
  std::thread T(handle, Fd);
  T.join();
}
void no_warn_callee_joins(int Listen) {
  while (true)
    handle_and_wait(accept(Listen, nullptr, nullptr));
}

// The dispatch loop acquires a slot before calling the spawning function.
std::counting_semaphore<16> Slots(16);
void spawn_guarded(int Fd) {
  std::thread([Fd] {
    handle(Fd);
    Slots.release();
  }).detach();
}
void no_warn_caller_holds_semaphore(int Listen) {
  while (true) {
    int Fd = accept(Listen, nullptr, nullptr);
    Slots.acquire();
    spawn_guarded(Fd);
  }
}

// Recursion does not loop the analysis.
void recurse(int N) {
  if (N > 0)
    recurse(N - 1);
}

// A spawn wrapper: the thread runs what its caller passes. Each loop that
// calls it is its own finding, reported at its call (a NOLINT on the wrapper
// would silence every caller).
typedef void *(*Routine)(void *);
static pthread_t start_thread(Routine Body, void *Arg) {
  pthread_t T;
  pthread_create(&T, nullptr, Body, Arg);
  return T;
}
void *serve_one(void *);
void *run_job(void *);
std::vector<pthread_t> Started;
void serve_clients() {
  for (;;)
    Started.push_back(start_thread(serve_one, nullptr));
  // CHECK-NOTES: :[[@LINE-1]]:23: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: one thread per iteration of this loop, which has no bound
  // CHECK-NOTES: :[[@LINE-11]]:3: note: 'start_thread' starts the thread here, running what its caller gives it
  // CHECK-NOTES: :[[@LINE-4]]:23: note: bound the number of threads: {{.*}}
}
void serve_jobs() {
  while (int Job = nextMessage())
    if (Job > 0)
      Started.push_back(start_thread(run_job, nullptr));
  // CHECK-NOTES: :[[@LINE-1]]:25: warning: thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
  // CHECK-NOTES: :[[@LINE-4]]:3: note: one thread per iteration of this loop, which has no bound
  // CHECK-NOTES: :[[@LINE-20]]:3: note: 'start_thread' starts the thread here, running what its caller gives it
  // CHECK-NOTES: :[[@LINE-4]]:25: note: bound the number of threads: {{.*}}
}
void no_warn_wrapper_called_once() {
  Started.push_back(start_thread(serve_one, nullptr));
}

// A template wrapper forwarding a callable.
template <class Fn> void run_detached(Fn &&F) {
  std::thread(std::forward<Fn>(F)).detach();
}
void serve_events() {
  while (true)
    run_detached([] {});
  // CHECK-NOTES: :[[@LINE-1]]:5: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
  // CHECK-NOTES: :[[@LINE-3]]:3: note: one detached thread per iteration of this loop, which has no bound
  // CHECK-NOTES: :[[@LINE-7]]:3: note: 'run_detached' starts the thread here, running what its caller gives it
  // CHECK-NOTES: :[[@LINE-4]]:5: note: bound the number of threads: {{.*}}
}

// A worker spawner that runs a fixed body is no wrapper: reported at the
// spawn (above, on_message).
