// RUN: %check_leakguard %s leak-unjoined-thread %t
// detach() of a thread whose body never ends and never checks a stop signal.

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <stop_token>
#include <thread>

void tick() noexcept;
bool cond() noexcept;
std::atomic<bool> Stop{false};

void endlessFunction() {
  for (;;)
    tick();
}

struct Poller {
  void run() {
    while (true) {
      tick();
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  void warn_member_function_pointer() {
    std::thread(&Poller::run, this).detach();
    // CHECK-NOTES: :[[@LINE-1]]:37: warning: detached thread runs an endless loop that never checks a stop signal [leak-unjoined-thread]
    // CHECK-NOTES: :[[@LINE-8]]:5: note: this loop never ends
    // CHECK-NOTES: :[[@LINE-3]]:37: note: give the loop a stop signal (a std::stop_token or an atomic flag) and join the thread, e.g. with std::jthread
  }
  void warn_lambda_calling_member() {
    std::thread T([this] { run(); });
    T.detach();
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: detached thread runs an endless loop that never checks a stop signal [leak-unjoined-thread]
    // CHECK-NOTES: :[[@LINE-15]]:5: note: this loop never ends
    // CHECK-NOTES: :[[@LINE-3]]:7: note: give the loop a stop signal (a std::stop_token or an atomic flag) and join the thread, e.g. with std::jthread
  }
};

struct Spinner {
  void operator()() const {
    do
      tick();
    while (1);
  }
};

void warn_lambda() {
  std::thread([] {
    for (;;)
      tick();
  }).detach();
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: detached thread runs an endless loop that never checks a stop signal [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-4]]:5: note: this loop never ends
  // CHECK-NOTES: :[[@LINE-3]]:6: note: give the loop a stop signal (a std::stop_token or an atomic flag) and join the thread, e.g. with std::jthread
}

void warn_free_function() { std::thread(endlessFunction).detach(); }
// CHECK-NOTES: :[[@LINE-1]]:58: warning: detached thread runs an endless loop that never checks a stop signal [leak-unjoined-thread]
// CHECK-NOTES: :[[@LINE-46]]:3: note: this loop never ends
// CHECK-NOTES: :[[@LINE-3]]:58: note: give the loop a stop signal (a std::stop_token or an atomic flag) and join the thread, e.g. with std::jthread

void warn_functor() { std::thread(Spinner{}).detach(); }
// CHECK-NOTES: :[[@LINE-1]]:46: warning: detached thread runs an endless loop that never checks a stop signal [leak-unjoined-thread]
// CHECK-NOTES: :[[@LINE-23]]:5: note: this loop never ends
// CHECK-NOTES: :[[@LINE-3]]:46: note: give the loop a stop signal (a std::stop_token or an atomic flag) and join the thread, e.g. with std::jthread

void warn_bind() { std::thread(std::bind(endlessFunction)).detach(); }
// CHECK-NOTES: :[[@LINE-1]]:60: warning: detached thread runs an endless loop that never checks a stop signal [leak-unjoined-thread]
// CHECK-NOTES: :[[@LINE-56]]:3: note: this loop never ends
// CHECK-NOTES: :[[@LINE-3]]:60: note: give the loop a stop signal (a std::stop_token or an atomic flag) and join the thread, e.g. with std::jthread

#define DETACHED(fn) std::thread(fn).detach()
void warn_macro() { DETACHED(endlessFunction); }
// CHECK-NOTES: :[[@LINE-1]]:21: warning: detached thread runs an endless loop that never checks a stop signal [leak-unjoined-thread]
// CHECK-NOTES: :[[@LINE-3]]:38: note: expanded from macro 'DETACHED'
// CHECK-NOTES: :[[@LINE-63]]:3: note: this loop never ends
// CHECK-NOTES: :[[@LINE-4]]:21: note: give the loop a stop signal (a std::stop_token or an atomic flag) and join the thread, e.g. with std::jthread
// CHECK-NOTES: :[[@LINE-6]]:38: note: expanded from macro 'DETACHED'

template <class T> void warn_template(T Value) {
  std::thread([Value] {
    for (;;)
      tick();
  }).detach();
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: detached thread runs an endless loop that never checks a stop signal [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-4]]:5: note: this loop never ends
  // CHECK-NOTES: :[[@LINE-3]]:6: note: give the loop a stop signal (a std::stop_token or an atomic flag) and join the thread, e.g. with std::jthread
}
void instantiate() {
  warn_template(1);
  warn_template(2.0);
}

void warn_nested_loops() {
  std::thread([] {
    for (;;)
      for (int I = 0; I < 3; ++I) {
        if (cond())
          break;
        tick();
      }
  }).detach();
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: detached thread runs an endless loop that never checks a stop signal [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-8]]:5: note: this loop never ends
  // CHECK-NOTES: :[[@LINE-3]]:6: note: give the loop a stop signal (a std::stop_token or an atomic flag) and join the thread, e.g. with std::jthread
}

// abort() (or a failed assert) ends the process, not the loop.
void warn_abort_is_no_way_out() {
  std::thread([] {
    for (;;) {
      if (!cond())
        abort();
      tick();
    }
  }).detach();
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: detached thread runs an endless loop that never checks a stop signal [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-7]]:5: note: this loop never ends
  // CHECK-NOTES: :[[@LINE-3]]:6: note: give the loop a stop signal (a std::stop_token or an atomic flag) and join the thread, e.g. with std::jthread
}

// ---- Negatives ---------------------------------------------------------

void no_warn_finite_body() {
  std::thread([] {
    for (int I = 0; I < 10; ++I)
      tick();
  }).detach();
}

void no_warn_atomic_flag_loop() {
  std::thread([] {
    while (!Stop)
      tick();
  }).detach();
}

void no_warn_flag_guards_break() {
  std::thread([] {
    for (;;) {
      if (Stop.load())
        break;
      tick();
    }
  }).detach();
}

void no_warn_stop_token(std::stop_token Token) {
  std::thread([Token] {
    while (!Token.stop_requested())
      tick();
  }).detach();
}

void no_warn_loop_with_return() {
  std::thread([] {
    while (true) {
      if (cond())
        return;
      tick();
    }
  }).detach();
}

void unknownBody();
void no_warn_body_not_visible() { std::thread(unknownBody).detach(); }

void no_warn_joined_endless_thread_is_other_checks_business() {
  std::thread T(endlessFunction);
  T.join();
}
