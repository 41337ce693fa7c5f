// A rule file's Ownership lists decide what a call does with a handle: a
// function listed under Borrows only uses it (so the caller still must
// release it), one listed under Takes keeps it. The default packs list C
// library functions that keep a pointer (putenv, setvbuf, pthread_setspecific).
// RUN: %check_leakguard %s leak-unreleased-resource %t --config="{CheckOptions: {RuleFiles: '%S/Inputs/ownership.yaml'}}"

#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void log_descriptor(int fd);  /* body not in this unit, listed under Borrows */
void other_descriptor(int fd); /* body not in this unit, not listed */

void warn_only_logged(const char *path) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: file descriptor 'fd' opened by 'open'
  if (fd < 0)
    return;
  log_descriptor(fd);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks 'fd' at the end of the function
// CHECK-NOTES: :[[@LINE-2]]:1: note: call 'close' on this path, or release it at a single cleanup label

void no_warn_unknown_callee(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return;
  other_descriptor(fd);
}

void no_warn_listed_under_takes(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return;
  write(fd, path, 1);
}

void no_warn_putenv_keeps_its_string(const char *setting) {
  char *copy = strdup(setting);
  if (!copy)
    return;
  putenv(copy);
}

void no_warn_thread_specific_data(pthread_key_t key) {
  int *slot = malloc(sizeof(int));
  if (!slot)
    return;
  pthread_setspecific(key, slot);
}
