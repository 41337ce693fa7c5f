// RUN: %check_leakguard %s leak-raii-gap-in-loop,leak-unreleased-resource %t

#include <cstdio>
#include <fcntl.h>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

bool bad(const char *) noexcept;

struct FileCloser {
  void operator()(std::FILE *f) const noexcept { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

int warn_continue_skips_release(const std::vector<const char *> &paths) {
  int n = 0;
  for (const char *p : paths) {
    std::FILE *f = std::fopen(p, "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'f' is acquired in each iteration but not released in the same iteration [leak-raii-gap-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:20: warning: 'f' is acquired
    if (!f)
      continue;
    if (bad(p))
      continue;
    // CHECK-NOTES: :[[@LINE-1]]:7: note: 'continue' here skips the release
    // CHECK-NOTES: :[[@LINE-2]]:7: note: call 'fclose' in the same iteration, or hold 'f' in an RAII type declared in the loop body
    ++n;
    std::fclose(f);
  }
  return n;
}

int warn_break_skips_release(const std::vector<const char *> &paths) {
  for (const char *p : paths) {
    int fd = open(p, O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fd' is acquired in each iteration but not released in the same iteration [leak-raii-gap-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:14: warning: 'fd' is acquired
    if (fd < 0)
      continue;
    if (bad(p))
      break;
    // CHECK-NOTES: :[[@LINE-1]]:7: note: 'break' here skips the release
    // CHECK-NOTES: :[[@LINE-2]]:7: note: call 'close' in the same iteration, or hold 'fd' in an RAII type declared in the loop body
    close(fd);
  }
  return 0;
}

int warn_return_in_loop(int count) {
  for (int i = 0; i < count; ++i) {
    int fd = open("/dev/null", O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fd' is acquired in each iteration but not released in the same iteration [leak-raii-gap-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:14: warning: 'fd' is acquired
    if (fd < 0)
      return -1;
    if (i == 3)
      return i;
    // CHECK-NOTES: :[[@LINE-1]]:7: note: 'return' here skips the release
    // CHECK-NOTES: :[[@LINE-2]]:7: note: call 'close' in the same iteration, or hold 'fd' in an RAII type declared in the loop body
    close(fd);
  }
  return 0;
}

void warn_never_released_in_body(int count) {
  int i = 0;
  while (i++ < count) {
    char *p = new char[64];
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'p' is acquired in each iteration but not released in the same iteration [leak-raii-gap-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:15: warning: 'p' is acquired
    p[0] = 0;
  }
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the iteration ends here without releasing 'p'
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'delete[]' in the same iteration, or hold 'p' in an RAII type declared in the loop body
}

int no_warn_raii_in_body(const std::vector<const char *> &paths) {
  int n = 0;
  for (const char *p : paths) {
    FilePtr f(std::fopen(p, "r"));
    if (!f)
      continue;
    if (bad(p))
      continue;
    ++n;
  }
  return n;
}

int no_warn_released_before_continue(const std::vector<const char *> &paths) {
  int n = 0;
  for (const char *p : paths) {
    std::FILE *f = std::fopen(p, "r");
    if (!f)
      continue;
    if (bad(p)) {
      std::fclose(f);
      continue;
    }
    ++n;
    std::fclose(f);
  }
  return n;
}

const char *no_warn_handle_outlives_loop(const std::vector<const char *> &paths) {
  std::FILE *found = nullptr;
  for (const char *p : paths) {
    found = std::fopen(p, "r");
    if (found)
      break;
  }
  if (found)
    std::fclose(found);
  return nullptr;
}

int no_warn_do_while_released(int count) {
  do {
    int fd = open("/dev/null", O_RDONLY);
    if (fd < 0)
      return -1;
    close(fd);
  } while (--count > 0);
  return 0;
}

void no_warn_failed_acquisition_continue(int count) {
  for (int i = 0; i < count; ++i) {
    int fd = open("/dev/null", O_RDONLY);
    if (fd == -1)
      continue;
    close(fd);
  }
}

int warn_reported_once(const std::vector<const char *> &paths) {
  // Both checks see this acquisition; only the loop check reports it.
  for (const char *p : paths) {
    int fd = open(p, O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fd' is acquired in each iteration but not released in the same iteration [leak-raii-gap-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:14: warning: 'fd' is acquired
    if (fd < 0)
      continue;
  }
  // CHECK-NOTES: :[[@LINE-1]]:3: note: the iteration ends here without releasing 'fd'
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'close' in the same iteration, or hold 'fd' in an RAII type declared in the loop body
  return 0;
}

void warn_handle_reused_across_iterations(int count) {
  std::FILE *f = nullptr;
  for (int i = 0; i < count; ++i) {
    f = std::fopen("/tmp/x", "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: FILE stream 'f' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: FILE stream 'f'
    // CHECK-NOTES: :[[@LINE-3]]:9: note: leaks 'f' when the loop acquires it again
    // CHECK-NOTES: :[[@LINE-4]]:9: note: call 'fclose' on this path, or hold 'f' in an RAII owner
  }
  if (f)
    std::fclose(f);
}
