// RUN: %check_leakguard_real %s leak-uncancelled-wait %t -- -std=c++17
// RUN: %check_leakguard_real %s leak-uncancelled-wait %t -- -std=c++20
// The same shapes against the system's libstdc++ headers.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

std::mutex M;
std::condition_variable Cv;
std::deque<int> Queue;
bool Ready = false;

void warn_no_predicate() {
  std::unique_lock<std::mutex> Lock(M);
  Cv.wait(Lock);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'Cv.wait' has no predicate and no stop condition; the thread can block forever [leak-uncancelled-wait]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait with a predicate that also checks a stop flag, or pass a std::stop_token to condition_variable_any::wait
}

class WarnWorker {
public:
  ~WarnWorker() {
    Stopping = true;
    CondVar.notify_all();
  }
  void run() {
    while (!Stopping) {
      std::unique_lock<std::mutex> Lock(Mutex);
      CondVar.wait(Lock, [this] { return !Items.empty(); });
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: wait predicate never checks a stop signal; 'CondVar.wait' can block forever once the stop path has run [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-4]]:5: note: the loop checks a stop signal here, but only between waits
      Items.pop_front();
    }
  }

private:
  std::mutex Mutex;
  std::condition_variable CondVar;
  std::deque<int> Items;
  std::atomic<bool> Stopping{false};
};

void tick() noexcept;
void heartbeat() {
  for (;;) {
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: thread loops forever and never checks a stop signal; it can only end with the process [leak-uncancelled-wait]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: it sleeps or polls here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: check a std::stop_token or an atomic flag in the loop condition
    tick();
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}
void warn_sleeping_thread() {
  std::thread T(heartbeat);
  T.join();
}

class WarnFutureLoop {
public:
  ~WarnFutureLoop() { Stopped = true; }
  void run(std::vector<std::future<int>> &Results) {
    while (!Stopped)
      for (std::future<int> &F : Results)
        Total += F.get();
        // CHECK-NOTES: :[[@LINE-1]]:18: warning: 'F.get' blocks without a timeout inside a long-lived loop; a stop request cannot interrupt it [leak-uncancelled-wait]
        // CHECK-NOTES: :[[@LINE-4]]:5: note: the loop checks a stop signal here, but only between waits
  }

private:
  std::atomic<bool> Stopped{false};
  int Total = 0;
};

void no_warn_predicate() {
  std::unique_lock<std::mutex> Lock(M);
  Cv.wait(Lock, [] { return Ready; });
}

void no_warn_predicate_loop() {
  std::unique_lock<std::mutex> Lock(M);
  while (!Ready)
    Cv.wait(Lock);
}

int no_warn_one_shot_futures() {
  std::future<int> A = std::async(std::launch::async, [] { return 1; });
  std::future<int> B = std::async(std::launch::async, [] { return 2; });
  return A.get() + B.get();
}

class NoWarnStoppable {
public:
  ~NoWarnStoppable() {
    {
      std::lock_guard<std::mutex> Guard(Mutex);
      Stopping = true;
    }
    CondVar.notify_all();
  }
  void run() {
    for (;;) {
      std::unique_lock<std::mutex> Lock(Mutex);
      CondVar.wait(Lock, [this] { return Stopping || !Items.empty(); });
      if (Stopping)
        return;
      Items.pop_front();
    }
  }

private:
  std::mutex Mutex;
  std::condition_variable CondVar;
  std::deque<int> Items;
  bool Stopping = false;
};
