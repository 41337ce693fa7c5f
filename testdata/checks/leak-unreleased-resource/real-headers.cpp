// RUN: %check_leakguard_real %s leak-unreleased-resource %t -- -std=c++17

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <cstring>
#include <memory>
#include <string>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

struct FileCloser {
  void operator()(std::FILE *f) const noexcept { std::fclose(f); }
};

int warn_real_open(const char *path, bool ok) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
  if (fd < 0)
    return -1;
  if (!ok)
    return -2;
  close(fd);
  return 0;
}

long no_warn_real_unique_ptr(const char *path) {
  std::unique_ptr<std::FILE, FileCloser> f(std::fopen(path, "r"));
  if (!f)
    return -1;
  return std::ftell(f.get());
}

int warn_real_mmap(int fd, size_t len, bool ok) {
  void *p = mmap(nullptr, len, PROT_READ, MAP_PRIVATE, fd, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: memory mapping 'p' mapped by 'mmap' is not unmapped on every path [leak-unreleased-resource]
  if (p == MAP_FAILED)
    return -1;
  if (!ok)
    return -2;
  munmap(p, len);
  return 0;
}

void no_warn_real_container(std::vector<char *> &out, const char *s) {
  char *copy = strdup(s);
  if (copy)
    out.push_back(copy);
}

// ---- Which calls may throw ---------------------------------------------------
// The standard library throws std::bad_alloc almost everywhere; out of memory
// is not a path LeakGuard reports. Functions that throw on bad input, or that
// run the caller's code, are.

std::string no_warn_string_work(const std::string &dir, const char *name) {
  std::FILE *f = std::fopen(name, "r");
  if (!f)
    return "";
  std::string full = dir + "/" + name;
  full.push_back('\n');
  std::vector<std::string> parts{full};
  std::fclose(f);
  return parts.front();
}

int warn_string_to_number(const std::string &text, const char *name) {
  std::FILE *f = std::fopen(name, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: FILE stream 'f' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
  if (!f)
    return -1;
  int n = std::stoi(text);
  std::fclose(f);
  return n;
}

void warn_calls_back(const std::vector<int> &v, void (*visit)(int)) {
  int *copy = new int[v.size()];
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: array 'copy' allocated by 'new[]' is not deleted on every path [leak-unreleased-resource]
  std::for_each(v.begin(), v.end(), visit);
  delete[] copy;
}

// A logging macro's own calls are assumed not to throw.
struct LogLine {
  LogLine(const char *file, int line);
  ~LogLine();
  LogLine &operator<<(int v);
};
#define LOG_LINE LogLine(__FILE__, __LINE__)
int no_warn_logging(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return -1;
  LOG_LINE << fd;
  return fd;
}
