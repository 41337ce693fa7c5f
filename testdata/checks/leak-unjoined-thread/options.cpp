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
