// RUN: %check_leakguard %s leak-unreleased-resource %t

/* fdopen() takes the descriptor only when it succeeds: on the branch where
   it returned NULL the descriptor is still the caller's to close. */

#include <stdio.h>
#include <unistd.h>

FILE *warn_lost_when_fdopen_fails(int fd) {
  int fd2 = dup(fd);
  if (fd2 < 0)
    return NULL;
  FILE *f = fdopen(fd2, "r");
  if (!f)
    return NULL;
    // CHECK-MESSAGES: :[[@LINE-6]]:13: warning: file descriptor 'fd2' opened by 'dup' is not closed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-7]]:13: warning: file descriptor 'fd2' opened by 'dup' is not closed on every path
    // CHECK-NOTES: :[[@LINE-3]]:5: note: leaks 'fd2' when returning here
    // CHECK-NOTES: :[[@LINE-4]]:5: note: call 'close' on this path, or release it at a single cleanup label
  return f;
}

FILE *no_warn_closed_when_fdopen_fails(int fd) {
  int fd2 = dup(fd);
  if (fd2 < 0)
    return NULL;
  FILE *f = fdopen(fd2, "r");
  if (!f) {
    close(fd2);
    return NULL;
  }
  return f;
}

int no_warn_closed_through_the_stream(int fd) {
  int fd2 = dup(fd);
  if (fd2 < 0)
    return -1;
  FILE *f;
  f = fdopen(fd2, "r");
  if (f == NULL) {
    close(fd2);
    return -1;
  }
  int c = fgetc(f);
  fclose(f);
  return c;
}
