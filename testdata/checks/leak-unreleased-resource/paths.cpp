// RUN: %check_leakguard %s leak-unreleased-resource %t

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

bool ready() noexcept;
void log(const char *) noexcept;

int warn_early_return(const char *path) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: file descriptor 'fd'
  if (fd < 0)
    return -1;
  if (!ready())
    return -2;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'fd' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'close' on this path, or hold 'fd' in an RAII owner
  close(fd);
  return 0;
}

int no_warn_released_on_every_path(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd == -1)
    return -1;
  if (!ready()) {
    close(fd);
    return -2;
  }
  close(fd);
  return 0;
}

void warn_fall_off_end(const char *path) {
  std::FILE *f = std::fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: FILE stream 'f' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:18: warning: FILE stream 'f'
  if (!f)
    return;
  char buf[16];
  std::fgets(buf, sizeof(buf), f);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks 'f' at the end of the function
// CHECK-NOTES: :[[@LINE-2]]:1: note: call 'fclose' on this path, or hold 'f' in an RAII owner

void no_warn_positive_test(const char *path) {
  std::FILE *f = std::fopen(path, "r");
  if (f) {
    log("opened");
    std::fclose(f);
  }
}

int no_warn_assignment_in_condition(const char *path) {
  int fd;
  if ((fd = open(path, O_RDONLY)) < 0)
    return -1;
  close(fd);
  return 0;
}

int no_warn_greater_equal(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd >= 0) {
    close(fd);
    return 0;
  }
  return -1;
}

int warn_overwritten(const char *a, const char *b) {
  int fd = open(a, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: file descriptor 'fd'
  if (fd < 0)
    return -1;
  fd = open(b, O_RDONLY);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: 'fd' is overwritten here while it still holds the file descriptor
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'close' on this path, or hold 'fd' in an RAII owner
  // CHECK-MESSAGES: :[[@LINE-3]]:8: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-4]]:8: warning: file descriptor 'fd'
  if (fd < 0)
    return -1;
  return 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'fd' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'close' on this path, or hold 'fd' in an RAII owner
}

int no_warn_closed_before_reuse(const char *a, const char *b) {
  int fd = open(a, O_RDONLY);
  if (fd < 0)
    return -1;
  close(fd);
  fd = open(b, O_RDONLY);
  if (fd < 0)
    return -1;
  close(fd);
  return 0;
}

char *warn_malloc_error_branch(unsigned n) {
  char *p = static_cast<char *>(std::malloc(n));
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: heap memory 'p' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:33: warning: heap memory 'p'
  if (p == nullptr)
    return nullptr;
  if (n > 100)
    return nullptr;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'p' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'free' on this path, or hold 'p' in an RAII owner
  return p;
}

int warn_realloc_self_assign(char *p, unsigned n) {
  p = static_cast<char *>(std::realloc(p, n));
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: if 'realloc' fails, the block 'p' still points to is leaked: assigning the result to it loses the only pointer [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:27: warning: if 'realloc' fails
  // CHECK-NOTES: :[[@LINE-3]]:27: note: assign the result to a temporary and keep the old pointer until it is known to be non-null
  if (p == nullptr)
    return -1;
  std::free(p);
  return 0;
}

// A failure the code never tests dereferences null first (and a shrinking
// realloc does not fail in practice): not reported as a leak.
void no_warn_realloc_self_assign_untested(char *p, unsigned n) {
  p = static_cast<char *>(std::realloc(p, n));
  p[0] = 0;
  std::free(p);
}

void no_warn_realloc_temporary(char *p, unsigned n) {
  char *q = static_cast<char *>(std::realloc(p, n));
  if (!q) {
    std::free(p);
    return;
  }
  std::free(q);
}

void warn_discarded(const char *s) {
  strdup(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: the heap memory allocated by 'strdup' is discarded and never freed [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: the heap memory
}

void no_warn_infinite_server_loop() {
  int fd = socket(2, 1, 0);
  if (fd < 0)
    return;
  for (;;)
    (void)read(fd, nullptr, 0);
}
