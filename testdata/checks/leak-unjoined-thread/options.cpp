// RUN: %check_leakguard --config="{CheckOptions: {leak-unjoined-thread.ThreadTypes: '::std::thread;::acme::Thread', leak-unjoined-thread.StopSignalNames: 'retire'}}" %s leak-unjoined-thread %t
// Options: an extra thread type, and a stop word of the project's own
// (a method named with it is a stop method that may join members).

#include <thread>

namespace acme {
class Thread {
public:
  template <class F> explicit Thread(F &&Fn);
  Thread(Thread &&) noexcept;
  ~Thread();
  void join();
  void detach();
};
} // namespace acme

void work();
bool cond() noexcept;
void warn_project_thread_type() {
  acme::Thread Worker(work);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: thread 'Worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: returns here while 'Worker' is still joinable
  // CHECK-NOTES: :[[@LINE-3]]:16: note: join it on every path or use std::jthread
  if (cond())
    return;
  Worker.join();
}

class WarnStopWordNotConfigured {
public:
  WarnStopWordNotConfigured() : Worker(work) {}
  void decommission() { Worker.join(); }

private:
  std::thread Worker;
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: thread member 'Worker' is started but never joined by the destructor or a stop method; destroying it while joinable calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-6]]:33: note: started here
  // CHECK-NOTES: :[[@LINE-3]]:15: note: join it in the destructor (or a stop method it calls) or use std::jthread
};

// ---- Negatives ---------------------------------------------------------

class NoWarnConfiguredStopWord {
public:
  NoWarnConfiguredStopWord() : Worker(work) {}
  void retire() { Worker.join(); }

private:
  std::thread Worker;
};

void no_warn_project_thread_joined() {
  acme::Thread Worker(work);
  Worker.join();
}
