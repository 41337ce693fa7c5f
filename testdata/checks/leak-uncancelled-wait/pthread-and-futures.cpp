// RUN: %check_leakguard %s leak-uncancelled-wait %t

// pthread_cond_wait in a hand-written predicate loop is judged by the loop's
// condition, like std::condition_variable::wait(lock); a future's get() after
// a timed wait that found it ready cannot block.

#include <atomic>
#include <chrono>
#include <future>
#include <pthread.h>
#include <thread>

void handle(int);

pthread_mutex_t Mutex = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t Cond = PTHREAD_COND_INITIALIZER;
int Pending = 0;
bool Stopping = false;

// ---- Positives ---------------------------------------------------------------

class Pump {
public:
  Pump() : T([this] { run(); }) {}
  ~Pump() {
    Stop = true;
    T.join();
  }

private:
  void run() {
    while (!Stop) {
      pthread_mutex_lock(&Mutex);
      while (Pending == 0)
        pthread_cond_wait(&Cond, &Mutex);
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: wait loop condition never checks a stop signal; 'pthread_cond_wait' can block forever once the stop path has run [leak-uncancelled-wait]
        // CHECK-NOTES: :[[@LINE-2]]:9: warning: wait loop condition never checks a stop signal; 'pthread_cond_wait' can block forever once the stop path has run
        // CHECK-NOTES: :[[@LINE-6]]:5: note: the loop checks a stop signal here, but only between waits
      --Pending;
      pthread_mutex_unlock(&Mutex);
    }
  }
  std::atomic<bool> Stop{false};
  std::thread T;
};

class Collector {
public:
  Collector() : T([this] { run(); }) {}
  ~Collector() {
    Stop = true;
    T.join();
  }
  std::shared_future<int> Result;

private:
  void run() {
    while (!Stop)
      if (Result.valid())
        handle(Result.get());
        // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: 'Result.get' blocks without a timeout inside a long-lived loop; a stop request cannot interrupt it [leak-uncancelled-wait]
        // CHECK-NOTES: :[[@LINE-2]]:16: warning: 'Result.get' blocks without a timeout inside a long-lived loop; a stop request cannot interrupt it
        // CHECK-NOTES: :[[@LINE-5]]:5: note: the loop checks a stop signal here, but only between waits
  }
  std::atomic<bool> Stop{false};
  std::thread T;
};

// ---- Negatives ---------------------------------------------------------------

void *worker(void *) {
  pthread_mutex_lock(&Mutex);
  while (!Stopping) {
    while (Pending == 0 && !Stopping)
      pthread_cond_wait(&Cond, &Mutex);
    if (Pending > 0)
      --Pending;
  }
  pthread_mutex_unlock(&Mutex);
  return nullptr;
}
void stopWorker() {
  pthread_mutex_lock(&Mutex);
  Stopping = true;
  pthread_cond_broadcast(&Cond);
  pthread_mutex_unlock(&Mutex);
}

class Aggregator {
public:
  Aggregator() : T([this] { run(); }) {}
  ~Aggregator() {
    Stop = true;
    T.join();
  }
  std::shared_future<int> Result;

private:
  void run() {
    using namespace std::chrono_literals;
    while (!Stop)
      if (Result.valid() &&
          Result.wait_for(100ms) == std::future_status::ready)
        handle(Result.get());
  }
  std::atomic<bool> Stop{false};
  std::thread T;
};
