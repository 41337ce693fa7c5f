// Paths that cannot run, found by the solver (Z3, through LLVM's SMT
// interface): conditions on different expressions that contradict each
// other once arithmetic is followed. Beside each, the path that can run.
// REQUIRES: z3
// RUN: %check_leakguard %s leak-unreleased-resource %t

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

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

struct addr {
  struct addr *next;
  int family;
  struct sockaddr *sa;
  socklen_t len;
};

/* Inside the loop the cursor is not null (the loop's condition is the only
   way in); a break keeps it so, and the test after the loop cannot then
   fail with the descriptor open. */
int connect_any(struct addr *list) {
  struct addr *cur = list;
  int fd = -1;
  while (cur != NULL) {
    fd = socket(cur->family, 1, 0);
    if (fd >= 0) {
      if (connect(fd, cur->sa, cur->len) == 0)
        break;
      close(fd);
    }
    cur = cur->next;
  }
  if (cur == NULL)
    return -1;
  return fd;
}

/* The same loop, but the test after it is on the other side. */
int connect_wrong(struct addr *list) {
  struct addr *cur = list;
  int fd = -1;
  while (cur != NULL) {
    fd = socket(cur->family, 1, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: file descriptor 'fd' opened by 'socket' is not closed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:10: warning: file descriptor 'fd' opened by 'socket' is not closed on every path
    // CHECK-NOTES: :[[@LINE+10]]:5: note: leaks 'fd' when returning here
    // CHECK-NOTES: :[[@LINE+9]]:5: note: call 'close' on this path, or release it at a single cleanup label
    if (fd >= 0) {
      if (connect(fd, cur->sa, cur->len) == 0)
        break;
      close(fd);
    }
    cur = cur->next;
  }
  if (cur != NULL)
    return -1;
  return fd;
}

// A handle opened under a floating-point condition, then tested: the
// condition is not modelled (a regression: it made the solver's encoding
// recurse without end), the path is judged as written.
void warn_opened_under_float_condition(double keep) {
  FILE *tmp = NULL;
  if (keep < 1.0)
    tmp = fopen("log.tmp", "w");
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: FILE stream 'tmp' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:11: warning: FILE stream 'tmp' opened by 'fopen' is not closed on every path
  if (tmp)
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'tmp' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'fclose' on this path, or release it at a single cleanup label
}
