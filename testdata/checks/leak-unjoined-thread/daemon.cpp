// RUN: %check_leakguard %s leak-unjoined-thread %t

// A detached thread that runs forever but is started at most once (under a
// flag the same branch sets, in std::call_once, in a static's initializer)
// is one background thread for the life of the process: a daemon by design.
// Started on every call, threads pile up.

#include <mutex>
#include <thread>

void work();

void serveForever() {
  for (;;)
    work();
}

class Env {
public:
  void schedule() {
    std::lock_guard<std::mutex> Lock(Mutex);
    if (!Started) {
      Started = true;
      std::thread Background(serveForever);
      Background.detach();
    }
  }
  void scheduleEveryTime() {
    if (!Enabled) {
      std::thread Background(serveForever);
      Background.detach();
      // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: detached thread runs an endless loop that never checks a stop signal [leak-unjoined-thread]
      // CHECK-NOTES: :[[@LINE-2]]:18: warning: detached thread runs an endless loop that never checks a stop signal
      // CHECK-NOTES: :[[@LINE-20]]:3: note: this loop never ends
      // CHECK-NOTES: :[[@LINE-4]]:18: note: give the loop a stop signal (a std::stop_token or an atomic flag) and join the thread, e.g. with std::jthread
    }
  }

private:
  std::mutex Mutex;
  bool Started = false;
  bool Enabled = false;
};

std::once_flag Once;
void startMonitor() {
  std::call_once(Once, [] { std::thread(serveForever).detach(); });
}

bool startReaper() {
  static bool Started = [] {
    std::thread(serveForever).detach();
    return true;
  }();
  return Started;
}

void startPerRequest() { std::thread(serveForever).detach(); }
// CHECK-MESSAGES: :[[@LINE-1]]:52: warning: detached thread runs an endless loop that never checks a stop signal [leak-unjoined-thread]
// CHECK-NOTES: :[[@LINE-2]]:52: warning: detached thread runs an endless loop that never checks a stop signal
// CHECK-NOTES: :[[@LINE-47]]:3: note: this loop never ends
// CHECK-NOTES: :[[@LINE-4]]:52: note: give the loop a stop signal (a std::stop_token or an atomic flag) and join the thread, e.g. with std::jthread
