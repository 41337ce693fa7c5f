// RUN: %check_leakguard --config="{CheckOptions: {leak-uncancelled-wait.BlockingFunctions: '::mq_receive', leak-uncancelled-wait.StopSignalTypes: '::std::stop_token;::acme::CancelToken', leak-uncancelled-wait.ThreadTypes: '::std::thread;::acme::Thread'}}" %s leak-uncancelled-wait %t
// Options: extra blocking functions, stop-signal types and thread types.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

extern "C" int mq_receive(int Queue, char *Buf, unsigned Len, unsigned *Prio);
extern "C" int sem_wait_like(int);

namespace acme {
class CancelToken {
public:
  bool requested() const noexcept;
};
class Thread {
public:
  template <class F> explicit Thread(F &&Fn) {}
  ~Thread();
  void join();
};
} // namespace acme

void tick() noexcept;

class WarnReceiver {
public:
  ~WarnReceiver() { Running = false; }
  void run() {
    char Buf[64];
    while (Running)
      mq_receive(Fd, Buf, sizeof(Buf), nullptr);
      // CHECK-NOTES: :[[@LINE-1]]:7: warning: 'mq_receive' blocks without a timeout inside a long-lived loop; a stop request cannot interrupt it [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-3]]:5: note: the loop checks a stop signal here, but only between waits
  }

private:
  int Fd = -1;
  std::atomic<bool> Running{true};
};

void poller() {
  for (;;)
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: thread loops forever and never checks a stop signal; it can only end with the process [leak-uncancelled-wait]
  // CHECK-NOTES: :[[@LINE+2]]:5: note: it sleeps or polls here
  // CHECK-NOTES: :[[@LINE-3]]:3: note: check a std::stop_token or an atomic flag in the loop condition
    std::this_thread::sleep_for(std::chrono::seconds(1));
}
void warn_project_thread_body() {
  acme::Thread T(poller);
  T.join();
}

// ---- Negatives ---------------------------------------------------------

// The predicate reads a project stop type (by a method not named like one).
class NoWarnProjectStopType {
public:
  explicit NoWarnProjectStopType(acme::CancelToken &Token) : Token(Token) {}
  ~NoWarnProjectStopType() { CondVar.notify_all(); }
  void run() {
    for (;;) {
      std::unique_lock<std::mutex> Lock(Mutex);
      CondVar.wait(Lock, [this] { return Token.requested() || Pending > 0; });
      if (Pending > 0)
        --Pending;
    }
  }

private:
  acme::CancelToken &Token;
  std::mutex Mutex;
  std::condition_variable CondVar;
  int Pending = 0;
};

class NoWarnNotListed {
public:
  ~NoWarnNotListed() { Running = false; }
  void run() {
    while (Running)
      sem_wait_like(Fd);
  }

private:
  int Fd = -1;
  std::atomic<bool> Running{true};
};
