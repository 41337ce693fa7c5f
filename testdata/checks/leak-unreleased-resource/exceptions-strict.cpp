// With UnknownCallsThrow, a call whose body is not visible may throw in a
// file that throws or catches (the stricter policy of earlier versions).
// RUN: %check_leakguard %s leak-unreleased-resource %t --config="{CheckOptions: {leak-unreleased-resource.UnknownCallsThrow: true}}"

#include <fcntl.h>
#include <unistd.h>

void unknown_callee();
void no_throw() noexcept;

void warn_unknown_callee(const char *path) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: file descriptor 'fd' opened by 'open'
  if (fd < 0)
    return;
  unknown_callee();
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'fd' if this call throws
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'close' on this path, or hold 'fd' in an RAII owner
  close(fd);
}

void no_warn_noexcept_callee(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return;
  no_throw();
  close(fd);
}

void rethrow() {
  try {
    no_throw();
  } catch (...) {
    throw;
  }
}
