// RUN: %check_leakguard %s leak-unreleased-resource,leak-raii-gap-in-loop %t

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <unistd.h>
#include <memory>
#include <vector>

bool ready() noexcept;

// A lambda's body is a function of its own.
void lambda_body(const char *path) {
  auto open_and_forget = [path] {
    int fd = open(path, O_RDONLY);
    if (!ready())
      return;
      // CHECK-MESSAGES: :[[@LINE-3]]:14: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
      // CHECK-NOTES: :[[@LINE-4]]:14: warning: file descriptor 'fd' opened by 'open' is not closed on every path
      // CHECK-NOTES: :[[@LINE-3]]:7: note: leaks 'fd' when returning here
      // CHECK-NOTES: :[[@LINE-4]]:7: note: call 'close' on this path, or hold 'fd' in an RAII owner
    close(fd);
  };
  open_and_forget();
}

// The fixed twin: the lambda closes on every path.
void lambda_body_fixed(const char *path) {
  auto open_and_close = [path] {
    int fd = open(path, O_RDONLY);
    if (fd < 0)
      return;
    close(fd);
  };
  open_and_close();
}

// A function template is reported once, in its definition, whatever the
// number of instantiations.
template <typename T> T *make_twice(bool fail) {
  T *p = new T();
  if (fail)
    return nullptr;
    // CHECK-MESSAGES: :[[@LINE-3]]:10: warning: object 'p' allocated by 'new' is not deleted on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-4]]:10: warning: object 'p' allocated by 'new' is not deleted on every path
    // CHECK-NOTES: :[[@LINE-3]]:5: note: leaks 'p' when returning here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: call 'delete' on this path, or hold 'p' in an RAII owner
  return p;
}
int *use_int(bool f) { return make_twice<int>(f); }
long *use_long(bool f) { return make_twice<long>(f); }

// A member of a class template.
template <typename T> struct Pool {
  void fill(const char *path) {
    FILE *f = fopen(path, "r");
    if (!ready())
      return;
      // CHECK-MESSAGES: :[[@LINE-3]]:15: warning: FILE stream 'f' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
      // CHECK-NOTES: :[[@LINE-4]]:15: warning: FILE stream 'f' opened by 'fopen' is not closed on every path
      // CHECK-NOTES: :[[@LINE-3]]:7: note: leaks 'f' when returning here
      // CHECK-NOTES: :[[@LINE-4]]:7: note: call 'fclose' on this path, or hold 'f' in an RAII owner
    fclose(f);
  }
};
void use_pool() {
  Pool<int>().fill("a");
  Pool<char>().fill("b");
}

// A generic lambda in a loop.
void generic_lambda(const std::vector<const char *> &paths) {
  auto each = [](auto path) {
    FILE *f = fopen(path, "r");
    if (!f)
      return;
    if (!ready())
      return;
      // CHECK-MESSAGES: :[[@LINE-5]]:15: warning: FILE stream 'f' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
      // CHECK-NOTES: :[[@LINE-6]]:15: warning: FILE stream 'f' opened by 'fopen' is not closed on every path
      // CHECK-NOTES: :[[@LINE-3]]:7: note: leaks 'f' when returning here
      // CHECK-NOTES: :[[@LINE-4]]:7: note: call 'fclose' on this path, or hold 'f' in an RAII owner
    fclose(f);
  };
  for (const char *p : paths)
    each(p);
}

// A method of a local class.
void local_class(const char *path) {
  struct Opener {
    void run(const char *p) {
      int fd = open(p, O_RDONLY);
      if (fd < 0)
        return;
    }
    // CHECK-MESSAGES: :[[@LINE-4]]:16: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-5]]:16: warning: file descriptor 'fd' opened by 'open' is not closed on every path
    // CHECK-NOTES: :[[@LINE-3]]:5: note: leaks 'fd' at the end of the function
    // CHECK-NOTES: :[[@LINE-4]]:5: note: call 'close' on this path, or hold 'fd' in an RAII owner
  };
  Opener().run(path);
}

// A capture initializer belongs to the enclosing function.
void capture_init() {
  auto keep = [p = new int(3)] { return *p; };
  keep();
}

// A lambda called by std::call_once-like helpers is still just a function.
template <typename F> void run_now(F f) { f(); }
void lambda_argument(const char *path) {
  run_now([path] {
    FILE *f = fopen(path, "r");
    if (!f)
      return;
    fclose(f);
  });
}

// Loops inside lambdas are the lambda's.
void loop_in_lambda(const std::vector<const char *> &paths) {
  auto all = [&paths] {
    for (const char *p : paths) {
      int fd = open(p, O_RDONLY);
      if (fd < 0)
        continue;
      if (!ready())
        continue;
        // CHECK-MESSAGES: :[[@LINE-5]]:16: warning: 'fd' is acquired in each iteration but not released in the same iteration [leak-raii-gap-in-loop]
        // CHECK-NOTES: :[[@LINE-6]]:16: warning: 'fd' is acquired in each iteration but not released in the same iteration
        // CHECK-NOTES: :[[@LINE-3]]:9: note: 'continue' here skips the release
        // CHECK-NOTES: :[[@LINE-4]]:9: note: call 'close' in the same iteration, or hold 'fd' in an RAII type declared in the loop body
      close(fd);
    }
  };
  all();
}

// A lambda written in a loop body: its body is not the loop's iteration.
void lambda_in_loop(const std::vector<const char *> &paths) {
  for (const char *p : paths) {
    auto once = [p] {
      int fd = open(p, O_RDONLY);
      if (fd < 0)
        return;
      close(fd);
    };
    once();
  }
}

// Templates whose acquisition depends on a template parameter: the call is
// resolved to the only function its name can mean.
template <typename P> void dependent_fixed(P path) {
  auto f = fopen(path, "r");
  if (!f)
    return;
  fclose(f);
}
template <typename P> void dependent_leak(P path) {
  auto f = fopen(path, "r");
  if (f == nullptr)
    return;
  if (!ready())
    return;
    // CHECK-MESSAGES: :[[@LINE-5]]:12: warning: FILE stream 'f' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-6]]:12: warning: FILE stream 'f' opened by 'fopen' is not closed on every path
    // CHECK-NOTES: :[[@LINE-3]]:5: note: leaks 'f' when returning here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: call 'fclose' on this path, or hold 'f' in an RAII owner
  fclose(f);
}
template <typename T, typename H> void dependent_handed(H &holder) {
  T *p = new T;
  holder.reset(p);
}
template <typename T, typename V> void dependent_pushed(V &v) {
  T *p = new T;
  v.push_back(p);
}
template <typename P> void dependent_loop(const std::vector<P> &paths) {
  for (unsigned i = 0; i < paths.size(); ++i) {
    FILE *f = fopen(paths[i], "r");
    if (!f)
      continue;
    if (!ready())
      continue;
      // CHECK-MESSAGES: :[[@LINE-5]]:15: warning: 'f' is acquired in each iteration but not released in the same iteration [leak-raii-gap-in-loop]
      // CHECK-NOTES: :[[@LINE-6]]:15: warning: 'f' is acquired in each iteration but not released in the same iteration
      // CHECK-NOTES: :[[@LINE-3]]:7: note: 'continue' here skips the release
      // CHECK-NOTES: :[[@LINE-4]]:7: note: call 'fclose' in the same iteration, or hold 'f' in an RAII type declared in the loop body
    fclose(f);
  }
}
// A call on a dependent object is not known not to throw, but this file
// never throws or catches: calls whose body is not visible are not counted
// as ways out here (see exceptions-new.cpp for a file that does).
template <typename T> T *dependent_init() {
  T *p = new T;
  p->init();
  return p;
}
struct Widget {
  void init() noexcept;
};
// A range-for over a range of dependent type: clang builds no control-flow
// graph for the definition, so an instantiation is analysed (once).
template <typename Paths> int dependent_range(const Paths &All) {
  for (const auto &Path : All) {
    FILE *f = fopen(Path, "r");
    if (!f)
      return -1;
    if (!ready())
      return -2;
      // CHECK-MESSAGES: :[[@LINE-5]]:15: warning: 'f' is acquired in each iteration but not released in the same iteration [leak-raii-gap-in-loop]
      // CHECK-NOTES: :[[@LINE-6]]:15: warning: 'f' is acquired in each iteration but not released in the same iteration
      // CHECK-NOTES: :[[@LINE-3]]:7: note: 'return' here skips the release
      // CHECK-NOTES: :[[@LINE-4]]:7: note: call 'fclose' in the same iteration, or hold 'f' in an RAII type declared in the loop body
    fclose(f);
  }
  return 0;
}
template <typename Paths> int dependent_range_fixed(const Paths &All) {
  for (const auto &Path : All) {
    FILE *f = fopen(Path, "r");
    if (!f)
      return -1;
    fclose(f);
  }
  return 0;
}
int use_ranges(const std::vector<const char *> &A,
               const std::vector<char *> &B) {
  return dependent_range(A) + dependent_range(B) + dependent_range_fixed(A);
}

void use_dependent(std::unique_ptr<int> &u, std::vector<int *> &v) {
  dependent_fixed("a");
  dependent_leak("b");
  dependent_handed<int>(u);
  dependent_pushed<int>(v);
  dependent_loop(std::vector<const char *>{});
  delete dependent_init<Widget>();
}
