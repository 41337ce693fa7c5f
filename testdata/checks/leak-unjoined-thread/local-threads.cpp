// RUN: %check_leakguard %s leak-unjoined-thread %t
// Local std::thread objects: can one reach its destructor while joinable?

#include <mutex>
#include <thread>
#include <utility>
#include <vector>

void work();
void workWith(int) noexcept;
bool cond() noexcept;
// Declared to throw: a call to it is an exception exit. (A function whose
// body is not visible and says nothing is not: see UnknownCallsThrow.)
void mayThrow() noexcept(false);
void noThrow() noexcept;
extern "C" void cFunction();

using Thread = std::thread;
typedef std::thread LegacyThread;

void warn_early_return() {
  std::thread worker(work);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: thread 'worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: returns here while 'worker' is still joinable
  // CHECK-NOTES: :[[@LINE-3]]:15: note: join it on every path or use std::jthread
  if (cond())
    return;
  worker.join();
}

void warn_break_out_of_scope() {
  for (int I = 0; I < 3; ++I) {
    std::thread worker(work);
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: thread 'worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
    // CHECK-NOTES: :[[@LINE+3]]:7: note: 'break' here leaves the scope of 'worker' while it is still joinable
    // CHECK-NOTES: :[[@LINE-3]]:17: note: join it on every path or use std::jthread
    if (cond())
      break;
    worker.join();
  }
}

void warn_continue_out_of_scope() {
  for (int I = 0; I < 3; ++I) {
    std::thread worker(workWith, I);
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: thread 'worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
    // CHECK-NOTES: :[[@LINE+3]]:7: note: 'continue' here leaves the scope of 'worker' while it is still joinable
    // CHECK-NOTES: :[[@LINE-3]]:17: note: join it on every path or use std::jthread
    if (cond())
      continue;
    worker.join();
  }
}

void warn_goto_past_join() {
  std::thread worker(work);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: thread 'worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: 'goto' here leaves the scope of 'worker' while it is still joinable
  // CHECK-NOTES: :[[@LINE-3]]:15: note: join it on every path or use std::jthread
  if (cond())
    goto done;
  worker.join();
done:
  noThrow();
}

void warn_exception_between_start_and_join() {
  std::thread worker(work);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: thread 'worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: an exception thrown here leaves 'worker' joinable
  // CHECK-NOTES: :[[@LINE-3]]:15: note: join it on every path or use std::jthread
  mayThrow();
  worker.join();
}

void warn_never_joined() {
  std::thread worker([] { work(); });
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: thread 'worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+2]]:1: note: 'worker' goes out of scope here while still joinable
  // CHECK-NOTES: :[[@LINE-3]]:15: note: join it on every path or use std::jthread
}

void warn_reassigned_while_joinable() {
  std::thread worker(work);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: thread 'worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+2]]:3: note: assigned here while 'worker' is still joinable
  // CHECK-NOTES: :[[@LINE-3]]:15: note: join it on every path or use std::jthread
  worker = std::thread(work);
  worker.join();
}

void warn_alias() {
  Thread worker(work);
  // CHECK-NOTES: :[[@LINE-1]]:10: warning: thread 'worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: returns here while 'worker' is still joinable
  // CHECK-NOTES: :[[@LINE-3]]:10: note: join it on every path or use std::jthread
  if (cond())
    return;
  worker.join();
}

void warn_typedef() {
  LegacyThread worker(work);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: thread 'worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: returns here while 'worker' is still joinable
  // CHECK-NOTES: :[[@LINE-3]]:16: note: join it on every path or use std::jthread
  if (cond())
    return;
  worker.join();
}

#define SPAWN(name, fn) std::thread name(fn)
void warn_macro() {
  SPAWN(worker, work);
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: thread 'worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: returns here while 'worker' is still joinable
  // CHECK-NOTES: :[[@LINE-3]]:9: note: join it on every path or use std::jthread
  if (cond())
    return;
  worker.join();
}

struct Pool {
  void warn_member_body_lambda() {
    std::thread worker([this] { run(); });
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: thread 'worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
    // CHECK-NOTES: :[[@LINE+3]]:7: note: returns here while 'worker' is still joinable
    // CHECK-NOTES: :[[@LINE-3]]:17: note: join it on every path or use std::jthread
    if (cond())
      return;
    worker.join();
  }
  void run() {}
};

template <class F> void warn_template(F Fn) {
  std::thread worker(Fn);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: thread 'worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: returns here while 'worker' is still joinable
  // CHECK-NOTES: :[[@LINE-3]]:15: note: join it on every path or use std::jthread
  if (cond())
    return;
  worker.join();
}
void instantiate() { warn_template(work); }

void warn_nested_loops() {
  for (int I = 0; I < 3; ++I)
    for (int J = 0; J < 3; ++J) {
      std::thread worker(work);
      // CHECK-NOTES: :[[@LINE-1]]:19: warning: thread 'worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
      // CHECK-NOTES: :[[@LINE+3]]:9: note: 'break' here leaves the scope of 'worker' while it is still joinable
      // CHECK-NOTES: :[[@LINE-3]]:19: note: join it on every path or use std::jthread
      if (J == I)
        break;
      worker.join();
    }
}

void warn_inside_lambda() {
  auto Start = [] {
    std::thread worker(work);
    // CHECK-NOTES: :[[@LINE-1]]:17: warning: thread 'worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
    // CHECK-NOTES: :[[@LINE+3]]:7: note: returns here while 'worker' is still joinable
    // CHECK-NOTES: :[[@LINE-3]]:17: note: join it on every path or use std::jthread
    if (cond())
      return;
    worker.join();
  };
  Start();
}

// ---- Negatives ---------------------------------------------------------

void no_warn_join_on_every_path() {
  std::thread worker(work);
  if (cond()) {
    worker.join();
    return;
  }
  worker.join();
}

void no_warn_joinable_guard() {
  std::thread worker(work);
  noThrow();
  if (worker.joinable())
    worker.join();
}

void no_warn_detach() {
  std::thread worker(work);
  worker.detach();
}

void no_warn_noexcept_and_c_calls() {
  std::thread worker(work);
  noThrow();
  cFunction();
  worker.join();
}

void no_warn_exception_caught() {
  std::thread worker(work);
  try {
    mayThrow();
  } catch (...) {
  }
  worker.join();
}

std::thread no_warn_returned() {
  std::thread worker(work);
  return worker;
}

void no_warn_moved_into_container(std::vector<std::thread> &Out) {
  std::thread worker(work);
  Out.push_back(std::move(worker));
}

struct JoinGuard {
  explicit JoinGuard(std::thread &T) : T(T) {}
  ~JoinGuard() {
    if (T.joinable())
      T.join();
  }
  std::thread &T;
};

void no_warn_raii_guard() {
  std::thread worker(work);
  JoinGuard Guard(worker);
  if (cond())
    return;
  mayThrow();
}

void no_warn_jthread() {
  std::jthread worker(work);
  if (cond())
    return;
  mayThrow();
}

void no_warn_default_constructed() {
  std::thread worker;
  if (cond())
    return;
}

void no_warn_moved_to_another_owner() {
  std::thread worker(work);
  std::thread owner(std::move(worker));
  owner.join();
}

void no_warn_join_in_loop_iteration() {
  for (int I = 0; I < 3; ++I) {
    std::thread worker(workWith, I);
    if (cond()) {
      worker.join();
      continue;
    }
    worker.join();
  }
}

void no_warn_scope_exit_lambda() {
  std::thread worker(work);
  auto JoinLater = [&worker] { worker.join(); };
  JoinLater();
}

void no_warn_endless_owner() {
  std::thread worker(work);
  for (;;)
    noThrow();
}
