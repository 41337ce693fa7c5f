// RUN: %check_leakguard %s leak-unbounded-spawn %t

// Spawns bounded by a semaphore, an in-flight counter or a bounded queue.

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <queue>
#include <semaphore>
#include <thread>
#include <vector>
#include <pthread.h>
#include <semaphore.h>
#include <sys/socket.h>

void handle(int Fd);
int nextRequest();
constexpr int kMaxInFlight = 64;

std::counting_semaphore<kMaxInFlight> Slots(kMaxInFlight);

void no_warn_semaphore_acquired_before_spawn(int Listen) {
  while (true) {
    int Fd = accept(Listen, nullptr, nullptr);
    Slots.acquire();
    std::thread([Fd] {
      handle(Fd);
      Slots.release();
    }).detach();
  }
}

void no_warn_semaphore_try_acquire(int Listen) {
  while (true) {
    int Fd = accept(Listen, nullptr, nullptr);
    if (!Slots.try_acquire())
      continue;
    std::thread([Fd] {
      handle(Fd);
      Slots.release();
    }).detach();
  }
}

sem_t CSlots;
void no_warn_posix_semaphore(int Listen) {
  for (;;) {
    int Fd = accept(Listen, nullptr, nullptr);
    sem_wait(&CSlots);
    std::thread(handle, Fd).detach();
  }
}

// Acquiring inside the new thread bounds the work, not the threads: every
// connection still gets its own (blocked) thread.
void warn_semaphore_inside_spawned_thread(int Listen) {
  while (true) {
    int Fd = accept(Listen, nullptr, nullptr);
    std::thread([Fd] {
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
      Slots.acquire();
      handle(Fd);
      Slots.release();
    }).detach();
  }
}

std::atomic<int> InFlight{0};

void no_warn_in_flight_counter(int Listen) {
  while (true) {
    int Fd = accept(Listen, nullptr, nullptr);
    if (InFlight.load() >= kMaxInFlight) {
      handle(-1);
      continue;
    }
    ++InFlight;
    std::thread([Fd] {
      handle(Fd);
      --InFlight;
    }).detach();
  }
}

std::mutex Mu;
std::condition_variable Cv;
int Active = 0;

void no_warn_wait_for_a_free_slot(int Listen) {
  while (true) {
    int Fd = accept(Listen, nullptr, nullptr);
    {
      std::unique_lock<std::mutex> Lock(Mu);
      Cv.wait(Lock, [] { return Active < kMaxInFlight; });
      Active++;
    }
    std::thread([Fd] {
      handle(Fd);
      std::lock_guard<std::mutex> Lock(Mu);
      Active--;
      Cv.notify_one();
    }).detach();
  }
}

// A comparison with the accepted descriptor is not a bound on threads.
void warn_error_check_is_no_bound(int Listen) {
  while (true) {
    int Fd = accept(Listen, nullptr, nullptr);
    if (Fd < 0)
      continue;
    std::thread(handle, Fd).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
  }
}

// A counter that only counts (never decremented) is not an in-flight bound.
void warn_request_counter_is_no_bound(int Listen) {
  int Served = 0;
  while (true) {
    int Fd = accept(Listen, nullptr, nullptr);
    if (++Served > 1000000)
      Served = 0;
    std::thread(handle, Fd).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
  }
}

// Requests go through a bounded queue to a fixed pool: the loop spawns
// nothing.
struct BoundedQueue {
  void push(int Req);
  int pop();
};
BoundedQueue Queue;

void worker() {
  while (true)
    handle(Queue.pop());
}

void no_warn_bounded_queue_to_fixed_pool(int Listen) {
  std::vector<std::thread> Pool;
  for (unsigned I = 0; I < std::thread::hardware_concurrency(); ++I)
    Pool.emplace_back(worker);
  while (true)
    Queue.push(accept(Listen, nullptr, nullptr));
}

// A cap on the threads ever started: the starter returns once the count of
// starts reaches the limit, and counts each start.
static unsigned StartedWorkers = 0;
unsigned MaxWorkers = 4;
void *drain(void *);
static void no_warn_start_capped_by_count() {
  if (StartedWorkers == MaxWorkers)
    return;
  pthread_t T;
  if (pthread_create(&T, nullptr, drain, nullptr) != 0)
    return;
  pthread_detach(T);
  ++StartedWorkers;
}
void onQueued() {
  for (;;)
    no_warn_start_capped_by_count();
}

// A count compared but not guarding the spawn: no cap.
static unsigned SeenRequests = 0;
void logMilestone();
static void warn_counted_but_not_capped() {
  ++SeenRequests;
  if (SeenRequests == 1000)
    logMilestone();
  pthread_t T;
  pthread_create(&T, nullptr, drain, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
  pthread_detach(T);
}
void onRequests() {
  for (;;)
    warn_counted_but_not_capped();
}
