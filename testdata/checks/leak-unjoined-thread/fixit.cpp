// RUN: %check_leakguard --fix-notes %s leak-unjoined-thread %t
// RUN: %check_leakguard --check-suffix=CXX17 %s leak-unjoined-thread %t.17 -- -std=c++17

// The note offers std::jthread as a fix (applied with --fix-notes, a code
// action in clangd); only where the type is spelled std::thread, in C++20.
#include <thread>

void work();
bool failed();

#define THREAD_TYPE std::thread
using Worker = std::thread;

void fixable() {
  std::thread T(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread 'T' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-MESSAGES-CXX17: :[[@LINE-2]]:15: warning: thread 'T' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-FIXES: {{^}}  std::jthread T(work);{{$}}
  if (failed())
    return;
  T.join();
}

void throughAlias() {
  Worker W(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: thread 'W' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-MESSAGES-CXX17: :[[@LINE-2]]:10: warning: thread 'W' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-FIXES: {{^}}  Worker W(work);{{$}}
  if (failed())
    return;
  W.join();
}

void throughMacro() {
  THREAD_TYPE M(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread 'M' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-MESSAGES-CXX17: :[[@LINE-2]]:15: warning: thread 'M' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-FIXES: {{^}}  THREAD_TYPE M(work);{{$}}
  if (failed())
    return;
  M.join();
}
