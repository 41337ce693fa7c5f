// RUN: %check_leakguard %s leak-uncancelled-wait %t
// Long-lived loops in thread bodies: sleeping forever, blocking calls that a
// stop request cannot interrupt.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <future>
#include <mutex>
#include <semaphore.h>
#include <semaphore>
#include <stop_token>
#include <thread>
#include <vector>

void tick() noexcept;
bool cond() noexcept;

// A blocking queue with no close(): pop() waits until an item arrives.
class BlockingQueue {
public:
  void push(int V);
  int pop();
  bool pop_for(int &Out, std::chrono::milliseconds Timeout);

private:
  std::mutex Mutex;
  std::condition_variable CondVar;
  std::deque<int> Items;
};

// A queue that can be closed: pop() returns once it is.
class ClosableQueue {
public:
  int pop();
  void close();

private:
  std::mutex Mutex;
  std::condition_variable CondVar;
  std::deque<int> Items;
};

void heartbeat() {
  for (;;) {
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: thread loops forever and never checks a stop signal; it can only end with the process [leak-uncancelled-wait]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: it sleeps or polls here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: check a std::stop_token or an atomic flag in the loop condition
    tick();
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

void warn_sleeping_thread_body() {
  std::thread T(heartbeat);
  T.join();
}

struct Monitor {
  void warn_lambda_body() {
    Thread = std::thread([this] {
      while (true) {
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: thread loops forever and never checks a stop signal; it can only end with the process [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE+3]]:9: note: it sleeps or polls here
      // CHECK-NOTES: :[[@LINE-3]]:7: note: check a std::stop_token or an atomic flag in the loop condition
        sample();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    });
  }
  void sample() noexcept;
  ~Monitor() { Thread.join(); }
  std::thread Thread;
};

class WarnConsumer {
public:
  WarnConsumer() : Thread(&WarnConsumer::run, this) {}
  ~WarnConsumer() {
    Running = false;
    Thread.join();
  }

private:
  void run() {
    while (Running) {
      int V = Queue.pop();
      // CHECK-NOTES: :[[@LINE-1]]:15: warning: 'Queue.pop' blocks without a timeout inside a long-lived loop; a stop request cannot interrupt it [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-3]]:5: note: the loop checks a stop signal here, but only between waits
      (void)V;
    }
  }
  std::atomic<bool> Running{true};
  BlockingQueue Queue;
  std::thread Thread;
};

class WarnFutureLoop {
public:
  ~WarnFutureLoop() { stop(); }
  void stop() { Stopped = true; }
  void run(std::vector<std::future<int>> &Results) {
    while (!Stopped) {
      for (std::future<int> &F : Results)
        Total += F.get();
        // CHECK-NOTES: :[[@LINE-1]]:18: warning: 'F.get' blocks without a timeout inside a long-lived loop; a stop request cannot interrupt it [leak-uncancelled-wait]
        // CHECK-NOTES: :[[@LINE-4]]:5: note: the loop checks a stop signal here, but only between waits
    }
  }

private:
  std::atomic<bool> Stopped{false};
  int Total = 0;
};

class WarnSemaphoreLoop {
public:
  ~WarnSemaphoreLoop() { Quit = true; }
  void run() {
    while (!Quit) {
      Slots.acquire();
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'Slots.acquire' blocks without a timeout inside a long-lived loop; a stop request cannot interrupt it [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-3]]:5: note: the loop checks a stop signal here, but only between waits
      tick();
    }
  }

private:
  std::counting_semaphore<8> Slots{0};
  std::atomic<bool> Quit{false};
};

class WarnPosixSemaphore {
public:
  void shutdown() { Active = false; }
  void run() {
    while (Active) {
      sem_wait(&Sem);
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'sem_wait' blocks without a timeout inside a long-lived loop; a stop request cannot interrupt it [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-3]]:5: note: the loop checks a stop signal here, but only between waits
      tick();
    }
  }

private:
  sem_t Sem;
  std::atomic<bool> Active{true};
};

// ---- Negatives ---------------------------------------------------------

void no_warn_stop_token_loop(std::stop_token Token) {
  while (!Token.stop_requested())
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
}
void startStopTokenLoop() { std::jthread T(no_warn_stop_token_loop); }

std::atomic<bool> Running{true};
void flagLoop() {
  while (Running.load()) {
    tick();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}
void no_warn_flag_loop() {
  std::thread T(flagLoop);
  Running = false;
  T.join();
}

// Not a thread body: main-style service loops are the process's lifetime.
void no_warn_not_a_thread_body() {
  for (;;) {
    tick();
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

// Detached endless loops are leak-unjoined-thread's to report.
void no_warn_detached_here() {
  std::thread([] {
    for (;;)
      std::this_thread::sleep_for(std::chrono::seconds(1));
  }).detach();
}

// Two std::async results in a request handler: bounded, one-shot waits.
int no_warn_one_shot_futures() {
  std::future<int> A = std::async(std::launch::async, [] { return 1; });
  std::future<int> B = std::async(std::launch::async, [] { return 2; });
  return A.get() + B.get();
}

class NoWarnTimedPop {
public:
  ~NoWarnTimedPop() { Running = false; }
  void run() {
    while (Running) {
      int V;
      if (Queue.pop_for(V, std::chrono::milliseconds(100)))
        tick();
    }
  }

private:
  std::atomic<bool> Running{true};
  BlockingQueue Queue;
};

class NoWarnClosableQueue {
public:
  ~NoWarnClosableQueue() {
    Running = false;
    Queue.close();
  }
  void run() {
    while (Running)
      (void)Queue.pop();
  }

private:
  std::atomic<bool> Running{true};
  ClosableQueue Queue;
};

class NoWarnNoStopPath {
public:
  void run() {
    for (int I = 0; I < 3; ++I)
      Slots.acquire();
  }

private:
  std::counting_semaphore<8> Slots{0};
};

// `while (true)` with an exit is a retry loop, not a long-lived one.
class NoWarnRetryLoop {
public:
  ~NoWarnRetryLoop() { Closed = true; }
  int take() {
    while (true) {
      if (sem_wait(&Sem) == 0)
        return 0;
    }
  }

private:
  sem_t Sem;
  bool Closed = false;
};
