// RUN: %check_leakguard %s leak-unjoined-thread %t

// An explicit throw leaving the function destroys a joinable thread during
// unwinding (std::terminate), like an early return.

#include <thread>

void process(int);
struct Error {};

void warn_throw_before_join(int Rows) {
  std::thread Writer(process, Rows);
  if (Rows < 0)
    throw Error();
    // CHECK-MESSAGES: :[[@LINE-3]]:15: warning: thread 'Writer' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
    // CHECK-NOTES: :[[@LINE-4]]:15: warning: thread 'Writer' may be destroyed while still joinable, which calls std::terminate
    // CHECK-NOTES: :[[@LINE-3]]:5: note: throws here while 'Writer' is still joinable
    // CHECK-NOTES: :[[@LINE-6]]:15: note: join it on every path or use std::jthread
  Writer.join();
}

void no_warn_throw_after_join(int Rows) {
  std::thread Writer(process, Rows);
  Writer.join();
  if (Rows < 0)
    throw Error();
}

void no_warn_throw_caught_then_join(int Rows) {
  std::thread Writer(process, Rows);
  try {
    if (Rows < 0)
      throw Error();
  } catch (const Error &) {
  }
  Writer.join();
}

void no_warn_joined_before_rethrow(int Rows) {
  std::thread Writer(process, Rows);
  if (Rows < 0) {
    Writer.join();
    throw Error();
  }
  Writer.join();
}

// An exception leaving `main` or a noexcept function ends the program with
// std::terminate anyway: a thread still joinable then changes nothing.
void checked(int Rows) {
  if (Rows < 0)
    throw Error();
}

int main(int Argc, char **) {
  std::thread Reader(process, Argc);
  std::thread Writer(process, Argc + 1);
  checked(Argc);
  Reader.join();
  Writer.join();
}

void no_warn_noexcept(int Rows) noexcept {
  std::thread Writer(process, Rows);
  checked(Rows);
  Writer.join();
}

void warn_throw_from_call(int Rows) {
  std::thread Writer(process, Rows);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread 'Writer' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-2]]:15: warning: thread 'Writer' may be destroyed while still joinable, which calls std::terminate
  // CHECK-NOTES: :[[@LINE+2]]:3: note: an exception thrown here leaves 'Writer' joinable
  // CHECK-NOTES: :[[@LINE-4]]:15: note: join it on every path or use std::jthread
  checked(Rows);
  Writer.join();
}
