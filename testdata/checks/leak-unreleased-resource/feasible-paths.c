// Paths that cannot run, found by the solver (Z3, through LLVM's SMT
// interface): conditions on different expressions that contradict each
// other once arithmetic is followed. Beside each, the path that can run.
// REQUIRES: z3
// RUN: %check_leakguard %s leak-unreleased-resource %t

#include <stdlib.h>
#include <string.h>

int clamp_copy(const char *src, int n) {
  char *buf = malloc(64);
  if (!buf)
    return -1;
  if (n > 10) {
    if (n < 5)
      return -1; /* n > 10 and n < 5: never */
  }
  memcpy(buf, src, n > 64 ? 64 : (size_t)n);
  free(buf);
  return 0;
}

int scaled(const char *src, int n) {
  char *buf = malloc(64);
  if (!buf)
    return -1;
  int twice = n * 2;
  if (n > 3 && twice < 4)
    return -1; /* signed n * 2 does not wrap: never */
  memcpy(buf, src, 1);
  free(buf);
  return 0;
}

int counted(const char *src, unsigned len) {
  char *buf = malloc(64);
  if (!buf)
    return -1;
  unsigned left = len;
  left -= 1;
  if (len == 0 && left == 0)
    return -1; /* unsigned 0 - 1 is the maximum, not 0: never */
  memcpy(buf, src, 1);
  free(buf);
  return 0;
}

int window(const char *src, int n) {
  char *buf = malloc(64);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: heap memory 'buf' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:15: warning: heap memory 'buf' allocated by 'malloc' is not freed on every path
  // CHECK-NOTES: :[[@LINE+6]]:7: note: leaks 'buf' when returning here
  // CHECK-NOTES: :[[@LINE+5]]:7: note: call 'free' on this path, or release it at a single cleanup label
  if (!buf)
    return -1;
  if (n > 10) {
    if (n < 15)
      return -1; /* 11 to 14: leaks */
  }
  memcpy(buf, src, 1);
  free(buf);
  return 0;
}
