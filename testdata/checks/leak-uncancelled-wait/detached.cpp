// RUN: %check_leakguard %s leak-uncancelled-wait %t

// The endless loop of a detached thread is leak-unjoined-thread's to report,
// whether the thread is detached at once or as a named local later.

#include <chrono>
#include <thread>

void beat();

struct Heartbeat {
  void operator()() const {
    for (;;) {
      std::this_thread::sleep_for(std::chrono::seconds(2));
      beat();
    }
  }
};

void no_warn_detached_named_local() {
  std::thread T{Heartbeat{}};
  T.detach();
}

void no_warn_detached_at_once() { std::thread(Heartbeat{}).detach(); }
