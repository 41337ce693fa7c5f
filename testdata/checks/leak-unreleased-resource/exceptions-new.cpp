// RUN: %check_leakguard %s leak-unreleased-resource %t

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <functional>
#include <mutex>
#include <new>
#include <unistd.h>

// Declared to throw: a call to it is an exception exit. (A function whose
// body is not visible and says nothing is not: see UnknownCallsThrow.)
void may_throw() noexcept(false);
void unknown_callee();
void no_throw() noexcept;

struct Widget {
  int x = 0;
};

void warn_exception_from_call(const char *path) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: file descriptor 'fd'
  if (fd < 0)
    return;
  may_throw();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'fd' if this call throws
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'close' on this path, or hold 'fd' in an RAII owner
  close(fd);
}

void no_warn_noexcept_call(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return;
  no_throw();
  close(fd);
}

// A helper defined in this file that cannot throw is no way out.
static bool is_header_line(const char *line) { return line[0] == '#'; }

void no_warn_defined_helper_cannot_throw(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f)
    return;
  char line[128];
  if (fgets(line, sizeof line, f) && is_header_line(line))
    (void)line;
  fclose(f);
}

// A defined helper that throws is.
static void check_header(const char *line) {
  if (line[0] != '#')
    throw 1;
}

void warn_defined_helper_throws(const char *path) {
  FILE *f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: FILE stream 'f' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:13: warning: FILE stream 'f'
  if (!f)
    return;
  char line[128];
  if (fgets(line, sizeof line, f))
    check_header(line);
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'f' if this call throws
  // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'fclose' on this path, or hold 'f' in an RAII owner
  fclose(f);
}

void no_warn_call_inside_try(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return;
  try {
    may_throw();
  } catch (...) {
  }
  close(fd);
}

void warn_throw(const char *path, bool bad) {
  std::FILE *f = std::fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: FILE stream 'f' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:18: warning: FILE stream 'f'
  if (!f)
    return;
  if (bad)
    throw 1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'f' when throwing here
  // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'fclose' on this path, or hold 'f' in an RAII owner
  std::fclose(f);
}

int warn_new_early_return(bool bad) {
  Widget *w = new Widget;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: object 'w' allocated by 'new' is not deleted on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:15: warning: object 'w'
  if (bad)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'w' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'delete' on this path, or hold 'w' in an RAII owner
  int x = w->x;
  delete w;
  return x;
}

int no_warn_new_deleted() {
  Widget *w = new Widget;
  int x = w->x;
  delete w;
  return x;
}

void warn_delete_mismatch() {
  int *a = new int[8];
  delete a;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'a' is allocated with 'new[]' but released with 'delete'; use 'delete[]' [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: 'a' is allocated
  // CHECK-NOTES: :[[@LINE-4]]:12: note: allocated here
}

void warn_malloc_deleted() {
  char *p = static_cast<char *>(std::malloc(4));
  delete p;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'p' is allocated with 'malloc' but released with 'delete'; use 'free' [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: 'p' is allocated
  // CHECK-NOTES: :[[@LINE-4]]:33: note: allocated here
}

void no_warn_array_delete_matches() {
  int *a = new int[8];
  delete[] a;
}

Widget *no_warn_new_returned() {
  Widget *w = new Widget;
  w->x = 1;
  return w;
}

void no_warn_placement_new(void *buf) {
  Widget *w = new (buf) Widget;
  w->x = 2;
}

void no_warn_unknown_callee(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return;
  unknown_callee(); // not seen to throw
  close(fd);
}

// Helpers of this file are read once each and followed to any depth: a
// throw four calls down is a way out; the same chain without the throw is
// not (and a recursion that never throws proves nothing).
static void level4(int n) {
  if (n < 0)
    throw n;
}
static void level3(int n) { level4(n); }
static void level2(int n) { level3(n); }
static void level1(int n) { level2(n); }

static void quiet4(int n) { (void)n; }
static void quiet3(int n) { quiet4(n); }
static void quiet2(int n) { quiet3(n); }
static void quiet1(int n) { quiet2(n); }

static int countdown(int n) { return n <= 0 ? 0 : countdown(n - 1); }

void warn_throw_four_calls_down(const char *path, int n) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: file descriptor 'fd'
  if (fd < 0)
    return;
  level1(n);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'fd' if this call throws
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'close' on this path, or hold 'fd' in an RAII owner
  close(fd);
}

void no_warn_deep_chain_that_cannot_throw(const char *path, int n) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return;
  quiet1(n);
  countdown(n);
  close(fd);
}

// A standard function that runs a callable throws what the callable throws:
// std::call_once with a lambda that cannot throw is no exception exit; with
// one that throws, it is. A std::function's target is not known: like any
// call through a pointer (see UnknownCallsThrow).
bool probe_fast(int fd) noexcept;
static std::once_flag probed;
static bool slow_disk = false;
int *no_warn_call_once_with_quiet_lambda(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return nullptr;
  std::call_once(probed, [] {
    if (!probe_fast(0))
      slow_disk = true;
  });
  return new int(fd);
}
int *warn_call_once_with_throwing_lambda(const char *path) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: file descriptor 'fd'
  if (fd < 0)
    return nullptr;
  std::call_once(probed, [] { may_throw(); });
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'fd' if this call throws
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'close' on this path, or hold 'fd' in an RAII owner
  return new int(fd);
}
struct Dropper {
  std::function<bool(int)> OnOpen;
  int *no_warn_unknown_callback(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
      return nullptr;
    if (OnOpen && !OnOpen(0))
      slow_disk = true;
    return new int(fd);
  }
};
