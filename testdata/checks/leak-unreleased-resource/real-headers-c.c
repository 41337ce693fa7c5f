// RUN: %check_leakguard_real %s leak-unreleased-resource %t

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int warn_real_c_fopen(const char *path) {
  FILE *f = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: FILE stream 'f' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
  if (f == NULL)
    return -1;
  if (fgetc(f) == EOF)
    return 0;
  fclose(f);
  return 1;
}

int no_warn_real_c_pipe(void) {
  int fds[2];
  if (pipe(fds) == -1)
    return -1;
  close(fds[0]);
  close(fds[1]);
  return 0;
}

char *no_warn_real_c_returned(const char *s) {
  char *p = malloc(strlen(s) + 1);
  if (!p)
    return NULL;
  strcpy(p, s);
  return p;
}
