// RUN: %check_leakguard %s leak-uncancelled-wait %t
// condition_variable waits: a predicate, and a way out when the owner stops.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stop_token>
#include <thread>

std::mutex M;
std::condition_variable Cv;
std::condition_variable_any AnyCv;
std::deque<int> Queue;
bool Ready = false;
void handle(int) noexcept;

void warn_no_predicate() {
  std::unique_lock<std::mutex> Lock(M);
  Cv.wait(Lock);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'Cv.wait' has no predicate and no stop condition; the thread can block forever [leak-uncancelled-wait]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait with a predicate that also checks a stop flag, or pass a std::stop_token to condition_variable_any::wait
}

void warn_no_predicate_in_endless_loop() {
  for (;;) {
    std::unique_lock<std::mutex> Lock(M);
    Cv.wait(Lock);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'Cv.wait' has no predicate and no stop condition; the thread can block forever [leak-uncancelled-wait]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: wait with a predicate that also checks a stop flag, or pass a std::stop_token to condition_variable_any::wait
    while (!Queue.empty())
      Queue.pop_front();
  }
}

void warn_condition_variable_any() {
  std::unique_lock<std::mutex> Lock(M);
  AnyCv.wait(Lock);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: 'AnyCv.wait' has no predicate and no stop condition; the thread can block forever [leak-uncancelled-wait]
  // CHECK-NOTES: :[[@LINE-2]]:3: note: wait with a predicate that also checks a stop flag, or pass a std::stop_token to condition_variable_any::wait
}

#define WAIT_FOR_WORK(cv, lock) cv.wait(lock)
void warn_macro() {
  std::unique_lock<std::mutex> Lock(M);
  WAIT_FOR_WORK(Cv, Lock);
  // CHECK-NOTES: :[[@LINE-1]]:17: warning: 'wait' has no predicate and no stop condition; the thread can block forever [leak-uncancelled-wait]
  // CHECK-NOTES: :[[@LINE-2]]:17: note: wait with a predicate that also checks a stop flag, or pass a std::stop_token to condition_variable_any::wait
}

class WarnWorker {
public:
  WarnWorker() : Thread([this] { run(); }) {}
  ~WarnWorker() {
    {
      std::lock_guard<std::mutex> Guard(Mutex);
      Stopping = true;
    }
    CondVar.notify_all();
    Thread.join();
  }

private:
  // The loop checks Stopping, but the wait predicate does not: once the
  // queue is empty, the destructor's notify cannot wake it for good.
  void run() {
    while (!Stopping) {
      std::unique_lock<std::mutex> Lock(Mutex);
      CondVar.wait(Lock, [this] { return !Items.empty(); });
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: wait predicate never checks a stop signal; 'CondVar.wait' can block forever once the stop path has run [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-4]]:5: note: the loop checks a stop signal here, but only between waits
      handle(Items.front());
      Items.pop_front();
    }
  }
  std::mutex Mutex;
  std::condition_variable CondVar;
  std::deque<int> Items;
  bool Stopping = false;
  std::thread Thread;
};

class WarnPredicateLoop {
public:
  ~WarnPredicateLoop() { shutdown(); }
  void shutdown() {
    Done = true;
    CondVar.notify_all();
  }
  void serve() {
    for (;;) {
      std::unique_lock<std::mutex> Lock(Mutex);
      while (Items.empty())
        CondVar.wait(Lock);
        // CHECK-NOTES: :[[@LINE-1]]:9: warning: wait loop condition never checks a stop signal; 'CondVar.wait' can block forever once the stop path has run [leak-uncancelled-wait]
        // CHECK-NOTES: :[[@LINE-11]]:3: note: the stop path is here
      Items.pop_front();
    }
  }

private:
  std::mutex Mutex;
  std::condition_variable CondVar;
  std::deque<int> Items;
  std::atomic<bool> Done{false};
};

template <class T> class WarnTemplateWorker {
public:
  ~WarnTemplateWorker() { Quit = true; }
  void run() {
    while (!Quit) {
      std::unique_lock<std::mutex> Lock(Mutex);
      CondVar.wait(Lock, [this] { return Pending > 0; });
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: wait predicate never checks a stop signal; 'CondVar.wait' can block forever once the stop path has run [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-4]]:5: note: the loop checks a stop signal here, but only between waits
    }
  }

private:
  std::mutex Mutex;
  std::condition_variable CondVar;
  int Pending = 0;
  bool Quit = false;
  T Payload;
};
template class WarnTemplateWorker<int>;

// ---- Negatives ---------------------------------------------------------

void no_warn_predicate_one_shot() {
  std::unique_lock<std::mutex> Lock(M);
  Cv.wait(Lock, [] { return Ready; });
}

void no_warn_hand_written_predicate_loop() {
  std::unique_lock<std::mutex> Lock(M);
  while (!Ready)
    Cv.wait(Lock);
}

void no_warn_stop_token(std::stop_token Token) {
  std::unique_lock<std::mutex> Lock(M);
  while (AnyCv.wait(Lock, Token, [] { return !Queue.empty(); }))
    Queue.pop_front();
}

void no_warn_timed_wait_in_flag_loop(std::atomic<bool> &Running) {
  while (Running) {
    std::unique_lock<std::mutex> Lock(M);
    Cv.wait_for(Lock, std::chrono::milliseconds(100));
  }
}

class NoWarnPredicateReadsStop {
public:
  ~NoWarnPredicateReadsStop() {
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

// The destructor sets Wake, whatever its name: the predicate reads it.
class NoWarnPredicateReadsFlagTheStopPathSets {
public:
  ~NoWarnPredicateReadsFlagTheStopPathSets() {
    {
      std::lock_guard<std::mutex> Guard(Mutex);
      Wake = true;
    }
    CondVar.notify_all();
  }
  void run() {
    while (true) {
      std::unique_lock<std::mutex> Lock(Mutex);
      CondVar.wait(Lock, [this] { return Wake || Pending > 0; });
      if (Wake)
        break;
      --Pending;
    }
  }

private:
  std::mutex Mutex;
  std::condition_variable CondVar;
  int Pending = 0;
  bool Wake = false;
};

// The stop check and the wait are not under one hold of the lock: a stop
// request (and its notification) between them is missed.
void warn_bare_wait_then_stop_check(std::atomic<bool> &Stop) {
  for (;;) {
    std::unique_lock<std::mutex> Lock(M);
    Cv.wait(Lock);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'Cv.wait' has no predicate and 'Lock' is taken anew in each iteration: a stop request made between the loop's stop check and the wait is missed, and the thread blocks forever [leak-uncancelled-wait]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: wait with a predicate that checks the stop signal, e.g. 'wait(Lock, [&] { return stop || ready; })'
    if (Stop)
      return;
  }
}

void warn_stop_checked_before_lock(std::atomic<bool> &Stop) {
  while (!Stop) {
    std::unique_lock<std::mutex> Lock(M);
    Cv.wait(Lock);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: 'Cv.wait' has no predicate and 'Lock' is taken anew in each iteration: a stop request made between the loop's stop check and the wait is missed, and the thread blocks forever [leak-uncancelled-wait]
    // CHECK-NOTES: :[[@LINE-2]]:5: note: wait with a predicate that checks the stop signal, e.g. 'wait(Lock, [&] { return stop || ready; })'
  }
}

// The correct twin of the two above: the lock is taken in each iteration,
// but the wait's own predicate checks the stop signal under it.
void no_warn_predicate_under_loop_lock(std::atomic<bool> &Stop, bool &Ready) {
  while (!Stop) {
    std::unique_lock<std::mutex> Lock(M);
    Cv.wait(Lock, [&] { return Stop || Ready; });
    Ready = false;
  }
}

// A hand-written predicate loop: the lock is held while the stop signal is
// tested and released only by the wait itself.
void no_warn_stop_checked_under_lock(std::atomic<bool> &Stop) {
  std::unique_lock<std::mutex> Lock(M);
  while (!Stop)
    Cv.wait(Lock);
}

// No stop path anywhere: a blocking queue's pop waits by design.
class NoWarnBlockingQueue {
public:
  int pop() {
    std::unique_lock<std::mutex> Lock(Mutex);
    CondVar.wait(Lock, [this] { return !Items.empty(); });
    int V = Items.front();
    Items.pop_front();
    return V;
  }

private:
  std::mutex Mutex;
  std::condition_variable CondVar;
  std::deque<int> Items;
};

// A wrapper of the primitive: its callers loop on their own predicate.
class NoWarnCondVarWrapper {
public:
  explicit NoWarnCondVarWrapper(std::mutex *Mu) : Mu(Mu) {}
  ~NoWarnCondVarWrapper() { CondVar.notify_all(); }
  void Wait() {
    std::unique_lock<std::mutex> Lock(*Mu, std::adopt_lock);
    CondVar.wait(Lock);
    Lock.release();
  }

private:
  std::mutex *Mu;
  std::condition_variable CondVar;
};
