// RUN: %check_leakguard_real %s leak-unreleased-resource %t -- -std=c++17

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
