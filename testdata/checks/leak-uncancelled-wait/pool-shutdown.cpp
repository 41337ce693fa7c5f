// RUN: %check_leakguard %s leak-uncancelled-wait %t

// Thread-pool shutdown across the functions of a class: the workers wait in
// one method, the only way out is in another. Reduced from the shapes of
// real pools, each bug beside its fix.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

// 1. The stop path sets the flag the predicate reads, but never notifies.
class PoolWithoutNotify {
public:
  PoolWithoutNotify() {
    for (int I = 0; I < 4; ++I)
      Workers.emplace_back([this] { work(); });
  }
  ~PoolWithoutNotify() {
    {
      std::lock_guard<std::mutex> Guard(Mutex);
      Stop = true;
    }
    for (std::thread &W : Workers)
      W.join();
  }

private:
  void work() {
    for (;;) {
      std::unique_lock<std::mutex> Lock(Mutex);
      Ready.wait(Lock, [this] { return Stop || !Tasks.empty(); });
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the stop path sets 'Stop' but never notifies; 'Ready.wait' sleeps through the stop request, and whoever joins this thread waits forever [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: the stop path sets 'Stop' but never notifies; 'Ready.wait' sleeps through the stop request, and whoever joins this thread waits forever
      // CHECK-NOTES: :[[@LINE-13]]:7: note: 'Stop' is set here; notify the condition variable after setting it
      if (Stop)
        return;
      std::function<void()> Task = std::move(Tasks.front());
      Tasks.pop_front();
      Lock.unlock();
      Task();
    }
  }
  std::mutex Mutex;
  std::condition_variable Ready;
  std::deque<std::function<void()>> Tasks;
  bool Stop = false;
  std::vector<std::thread> Workers;
};

// 2. The stop path notifies, but sets the flag without the wait's mutex.
class PoolWithUnlockedStop {
public:
  PoolWithUnlockedStop() : Worker([this] { work(); }) {}
  ~PoolWithUnlockedStop() {
    Stop = true;
    Ready.notify_all();
    Worker.join();
  }

private:
  void work() {
    std::unique_lock<std::mutex> Lock(Mutex);
    while (true) {
      Ready.wait(Lock, [this] { return Stop || Pending > 0; });
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Stop' is set without holding the wait's mutex; a stop request made between the predicate check and 'Ready.wait' is lost, and the thread can sleep forever [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: 'Stop' is set without holding the wait's mutex; a stop request made between the predicate check and 'Ready.wait' is lost, and the thread can sleep forever
      // CHECK-NOTES: :[[@LINE-12]]:5: note: set 'Stop' while holding the mutex the wait uses, then notify
      if (Stop)
        return;
      --Pending;
    }
  }
  std::mutex Mutex;
  std::condition_variable Ready;
  int Pending = 0;
  bool Stop = false;
  std::thread Worker;
};

// The fix of both: set the flag under the lock, then notify.
class NoWarnPool {
public:
  NoWarnPool() : Worker([this] { work(); }) {}
  ~NoWarnPool() {
    {
      std::lock_guard<std::mutex> Guard(Mutex);
      Stop = true;
    }
    Ready.notify_all();
    Worker.join();
  }

private:
  void work() {
    std::unique_lock<std::mutex> Lock(Mutex);
    while (true) {
      Ready.wait(Lock, [this] { return Stop || Pending > 0; });
      if (Stop)
        return;
      --Pending;
    }
  }
  std::mutex Mutex;
  std::condition_variable Ready;
  int Pending = 0;
  bool Stop = false;
  std::thread Worker;
};

// 3. The worker's predicate cannot observe the stop at all.
class PoolBlindToStop {
public:
  PoolBlindToStop() : Worker([this] { work(); }) {}
  ~PoolBlindToStop() {
    {
      std::lock_guard<std::mutex> Guard(Mutex);
      Stop = true;
    }
    Ready.notify_all();
    Worker.join();
  }

private:
  void work() {
    while (!Stop) {
      std::unique_lock<std::mutex> Lock(Mutex);
      Ready.wait(Lock, [this] { return Pending > 0; });
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: wait predicate never checks a stop signal; 'Ready.wait' can block forever once the stop path has run [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: wait predicate never checks a stop signal; 'Ready.wait' can block forever once the stop path has run
      // CHECK-NOTES: :[[@LINE-5]]:5: note: the loop checks a stop signal here, but only between waits
      --Pending;
    }
  }
  std::mutex Mutex;
  std::condition_variable Ready;
  int Pending = 0;
  bool Stop = false;
  std::thread Worker;
};

// 4. The destructor joins a worker blocked on a queue that nothing closes.
class BlockingQueue {
public:
  int pop() {
    std::unique_lock<std::mutex> Lock(Mutex);
    NotEmpty.wait(Lock, [this] { return Closed || !Items.empty(); });
    if (Items.empty())
      return -1;
    int Item = Items.front();
    Items.pop_front();
    return Item;
  }
  void close() {
    {
      std::lock_guard<std::mutex> Guard(Mutex);
      Closed = true;
    }
    NotEmpty.notify_all();
  }

private:
  std::mutex Mutex;
  std::condition_variable NotEmpty;
  std::deque<int> Items;
  bool Closed = false;
};

void handle(int) noexcept;

class ConsumerNeverClosed {
public:
  ConsumerNeverClosed() : Worker([this] { drain(); }) {}
  ~ConsumerNeverClosed() { Worker.join(); }

private:
  void drain() {
    for (;;)
      handle(Queue.pop());
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'Queue.pop' blocks without a timeout inside a long-lived loop; a stop request cannot interrupt it [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-2]]:14: warning: 'Queue.pop' blocks without a timeout inside a long-lived loop; a stop request cannot interrupt it
      // CHECK-NOTES: :[[@LINE-8]]:3: note: the stop path is here
  }
  BlockingQueue Queue;
  std::thread Worker;
};

class NoWarnConsumerClosed {
public:
  NoWarnConsumerClosed() : Worker([this] { drain(); }) {}
  ~NoWarnConsumerClosed() {
    Queue.close();
    Worker.join();
  }

private:
  void drain() {
    for (;;) {
      int Item = Queue.pop();
      if (Item < 0)
        return;
      handle(Item);
    }
  }
  BlockingQueue Queue;
  std::thread Worker;
};

// Shapes real pools have, fixed or broken in ways the rules must tell apart.

#include <atomic>
#include <semaphore>
#include <stop_token>

// The flag is stored without the lock, but the lock is taken before the
// notification: a waiter between its check and its wait holds the mutex.
class NoWarnNotifyUnderLockAfterStore {
public:
  NoWarnNotifyUnderLockAfterStore() : Worker([this] { work(); }) {}
  ~NoWarnNotifyUnderLockAfterStore() {
    Running.store(false);
    {
      std::lock_guard<std::mutex> Guard(Mutex);
      Ready.notify_all();
    }
    Worker.join();
  }

private:
  void work() {
    std::unique_lock<std::mutex> Lock(Mutex);
    for (;;) {
      Ready.wait(Lock, [this] { return !Running.load() || Pending > 0; });
      if (!Running.load())
        return;
      --Pending;
    }
  }
  std::mutex Mutex;
  std::condition_variable Ready;
  int Pending = 0;
  std::atomic<bool> Running{true};
  std::thread Worker;
};

// The stop path releases the semaphore the worker waits on.
class NoWarnSemaphoreReleasedByStop {
public:
  NoWarnSemaphoreReleasedByStop()
      : Worker([this](std::stop_token Token) { work(Token); }) {}
  ~NoWarnSemaphoreReleasedByStop() {
    Worker.request_stop();
    Work.release();
    Worker.join();
  }

private:
  void work(std::stop_token Token) {
    do {
      Work.acquire();
      handle(0);
    } while (!Token.stop_requested());
  }
  std::counting_semaphore<> Work{0};
  std::jthread Worker;
};

// A queue closed by a method with another name: it notifies every popper.
class DoneQueue {
public:
  int pop() {
    std::unique_lock<std::mutex> Lock(Mutex);
    while (Items.empty() && !Finished)
      NotEmpty.wait(Lock);
    if (Items.empty())
      return -1;
    int Item = Items.front();
    Items.pop_front();
    return Item;
  }
  void done() {
    {
      std::lock_guard<std::mutex> Guard(Mutex);
      Finished = true;
    }
    NotEmpty.notify_all();
  }

private:
  std::mutex Mutex;
  std::condition_variable NotEmpty;
  std::deque<int> Items;
  bool Finished = false;
};

class NoWarnQueueMarkedDone {
public:
  NoWarnQueueMarkedDone() : Worker([this] { drain(); }) {}
  ~NoWarnQueueMarkedDone() {
    Queue.done();
    Worker.join();
  }

private:
  void drain() {
    for (;;) {
      int Item = Queue.pop();
      if (Item < 0)
        return;
      handle(Item);
    }
  }
  DoneQueue Queue;
  std::thread Worker;
};

// A hand-written predicate loop that reads the flag, which the destructor
// sets without the mutex.
class PoolWithUnlockedFlagAndLoop {
public:
  PoolWithUnlockedFlagAndLoop() : Worker([this] { work(); }) {}
  ~PoolWithUnlockedFlagAndLoop() {
    Stop = true;
    Ready.notify_all();
    Worker.join();
  }

private:
  void work() {
    for (;;) {
      std::unique_lock<std::mutex> Lock(Mutex);
      while (!Stop && Items.empty())
        Ready.wait(Lock);
        // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'Stop' is set without holding the wait's mutex; a stop request made between the predicate check and 'Ready.wait' is lost, and the thread can sleep forever [leak-uncancelled-wait]
        // CHECK-NOTES: :[[@LINE-2]]:9: warning: 'Stop' is set without holding the wait's mutex; a stop request made between the predicate check and 'Ready.wait' is lost, and the thread can sleep forever
        // CHECK-NOTES: :[[@LINE-13]]:5: note: set 'Stop' while holding the mutex the wait uses, then notify
      if (Stop)
        return;
      Items.pop_front();
    }
  }
  std::mutex Mutex;
  std::condition_variable Ready;
  std::deque<int> Items;
  bool Stop = false;
  std::thread Worker;
};

// The wait is in a helper that waits once; the loop is in its caller.
class PoolWaitingInAHelper {
public:
  PoolWaitingInAHelper() : Worker([this] { work(); }) {}
  ~PoolWaitingInAHelper() {
    Bail = true;
    Ready.notify_all();
    Worker.join();
  }

private:
  bool next() {
    std::unique_lock<std::mutex> Lock(Mutex);
    Ready.wait(Lock, [this] { return Bail.load() || Pending > 0; });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Bail' is set without holding the wait's mutex; a stop request made between the predicate check and 'Ready.wait' is lost, and the thread can sleep forever [leak-uncancelled-wait]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: 'Bail' is set without holding the wait's mutex; a stop request made between the predicate check and 'Ready.wait' is lost, and the thread can sleep forever
    // CHECK-NOTES: :[[@LINE-11]]:5: note: set 'Bail' while holding the mutex the wait uses, then notify
    if (Bail)
      return false;
    --Pending;
    return true;
  }
  void work() {
    while (next())
      handle(1);
  }
  std::mutex Mutex;
  std::condition_variable Ready;
  int Pending = 0;
  std::atomic<bool> Bail{false};
  std::thread Worker;
};

// A class template whose workers are an array sized by the template
// argument: the stop path's joins are calls on a dependent type.
#include <array>
template <unsigned Count> class TemplatePoolWithUnlockedStop {
public:
  TemplatePoolWithUnlockedStop() {
    for (unsigned I = 0; I < Count; ++I)
      Workers[I] = std::thread([this] { work(); });
  }
  ~TemplatePoolWithUnlockedStop() {
    Quit = true;
    Ready.notify_all();
    for (auto &W : Workers)
      W.join();
  }

private:
  void work() {
    std::unique_lock<std::mutex> Lock(Mutex);
    Ready.wait(Lock, [this] { return Quit.load() || Pending > 0; });
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Quit' is set without holding the wait's mutex; a stop request made between the predicate check and 'Ready.wait' is lost, and the thread can sleep forever [leak-uncancelled-wait]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: 'Quit' is set without holding the wait's mutex; a stop request made between the predicate check and 'Ready.wait' is lost, and the thread can sleep forever
    // CHECK-NOTES: :[[@LINE-12]]:5: note: set 'Quit' while holding the mutex the wait uses, then notify
  }
  std::array<std::thread, Count> Workers;
  std::mutex Mutex;
  std::condition_variable Ready;
  int Pending = 0;
  std::atomic<bool> Quit{false};
};
TemplatePoolWithUnlockedStop<2> *MakeTemplatePool() {
  return new TemplatePoolWithUnlockedStop<2>;
}
