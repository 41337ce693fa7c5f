// RUN: %check_leakguard %s leak-unreleased-resource,leak-unjoined-thread %t

// Branches on a condition that cannot change in between agree: a const member
// (or any member in a const member function), a parameter or local the
// function never writes, a member nothing between the tests may change. A
// flag written, passed by address, a member function called in between, or
// a condition that calls a function makes the branches independent again.

#include <fcntl.h>
#include <unistd.h>
#include <thread>

bool compute() noexcept;
void set_flag(bool *b) noexcept;
void work();

int no_warn_same_parameter(const char *path, bool owned) {
  int fd = 3;
  if (!owned)
    fd = open(path, O_RDONLY);
  int r = read(fd, nullptr, 0);
  if (!owned)
    close(fd);
  return r;
}

class Reader {
public:
  int no_warn_const_member(const char *path) const {
    int fd = fd_;
    if (!permanent_) {
      fd = open(path, O_RDONLY);
      if (fd < 0)
        return -1;
    }
    int r = read(fd, nullptr, 0);
    if (!permanent_)
      close(fd);
    return r;
  }
  int warn_member_in_non_const_method(const char *path) {
    int fd = fd_;
    if (!cached_) {
      fd = open(path, O_RDONLY);
      // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
      // CHECK-NOTES: :[[@LINE-2]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path
      if (fd < 0)
        return -1;
    }
    refresh();
    if (!cached_)
      close(fd);
    return 0;
    // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'fd' when returning here
    // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'close' on this path, or hold 'fd' in an RAII owner
  }
  // Nothing between the tests can change the member (the C library does
  // not): the same value.
  int no_warn_member_unchanged_between(const char *path) {
    int fd = fd_;
    if (!cached_) {
      fd = open(path, O_RDONLY);
      if (fd < 0)
        return -1;
    }
    int r = read(fd, nullptr, 0);
    if (!cached_)
      close(fd);
    return r;
  }
  void refresh() noexcept;

private:
  const bool permanent_ = false;
  bool cached_ = false;
  int fd_ = -1;
};

int warn_flag_written_between(const char *path, bool owned) {
  int fd = 3;
  if (owned)
    fd = open(path, O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:10: warning: file descriptor 'fd' opened by 'open' is not closed on every path
  owned = compute();
  if (owned)
    close(fd);
  return 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'fd' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'close' on this path, or hold 'fd' in an RAII owner
}

int warn_flag_address_taken(const char *path) {
  bool owned = compute();
  int fd = 3;
  if (owned)
    fd = open(path, O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:10: warning: file descriptor 'fd' opened by 'open' is not closed on every path
  set_flag(&owned);
  if (owned)
    close(fd);
  return 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'fd' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'close' on this path, or hold 'fd' in an RAII owner
}

int no_warn_conjunction(const char *path, bool use_file, bool verbose) {
  int fd = -1;
  if (use_file && !verbose)
    fd = open(path, O_RDONLY);
  if (verbose)
    return 1;
  if (use_file && fd >= 0)
    close(fd);
  return 0;
}

int warn_condition_with_call(const char *path) {
  int fd = 3;
  if (compute())
    fd = open(path, O_RDONLY);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:10: warning: file descriptor 'fd' opened by 'open' is not closed on every path
  if (compute())
    close(fd);
  return 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'fd' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'close' on this path, or hold 'fd' in an RAII owner
}

void no_warn_thread_same_flag(bool async) {
  std::thread t;
  if (async)
    t = std::thread(work);
  if (async)
    t.join();
}
