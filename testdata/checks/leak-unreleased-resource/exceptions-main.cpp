// RUN: %check_leakguard %s leak-unreleased-resource %t

// An exception that leaves `main` ends the program (std::terminate), and so
// does one that leaves a helper only `main` calls, outside any `try`: such
// exception paths leak nothing. A helper called inside a `try`, or one that
// code elsewhere may call, is judged as usual.

#include <cstdio>

void dial(const char *where) noexcept(false);

// ---- Negatives --------------------------------------------------------------

static int no_warn_helper_of_main(const char *where) {
  FILE *log = std::fopen(where, "a");
  if (!log)
    return 1;
  dial(where);
  std::fclose(log);
  return 0;
}

// ---- Positives --------------------------------------------------------------

static int warn_helper_called_in_try(const char *where) {
  FILE *log = std::fopen(where, "a");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: FILE stream 'log' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:15: warning: FILE stream 'log'
  if (!log)
    return 1;
  dial(where);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'log' if this call throws
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'fclose' on this path, or hold 'log' in an RAII owner
  std::fclose(log);
  return 0;
}

int warn_helper_others_may_call(const char *where) {
  FILE *log = std::fopen(where, "a");
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: FILE stream 'log' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:15: warning: FILE stream 'log'
  if (!log)
    return 1;
  dial(where);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'log' if this call throws
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'fclose' on this path, or hold 'log' in an RAII owner
  std::fclose(log);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 1;
  try {
    warn_helper_called_in_try(argv[1]);
  } catch (...) {
    return 2;
  }
  warn_helper_others_may_call(argv[1]);
  return no_warn_helper_of_main(argv[1]);
}
