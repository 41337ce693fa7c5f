// RUN: %check_leakguard_real %s leak-raii-gap-in-loop %t -- -std=c++17

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

struct FileCloser {
  void operator()(std::FILE *f) const noexcept { std::fclose(f); }
};

int warn_real_continue(const std::vector<std::string> &paths) {
  int n = 0;
  for (const std::string &p : paths) {
    std::FILE *f = std::fopen(p.c_str(), "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'f' is acquired in each iteration but not released in the same iteration [leak-raii-gap-in-loop]
    if (!f)
      continue;
    if (std::fgetc(f) == EOF)
      continue;
    ++n;
    std::fclose(f);
  }
  return n;
}

int no_warn_real_raii(const std::vector<std::string> &paths) {
  int n = 0;
  for (const std::string &p : paths) {
    std::unique_ptr<std::FILE, FileCloser> f(std::fopen(p.c_str(), "r"));
    if (!f || std::fgetc(f.get()) == EOF)
      continue;
    ++n;
  }
  return n;
}
