// RUN: %check_leakguard_real %s leak-raii-gap-in-loop %t

#include <alloca.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t warn_real_alloca(int n) {
  size_t total = 0;
  for (int i = 0; i < n; ++i) {
    char *b = alloca(256);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'alloca' in a loop allocates stack memory in every iteration; it is freed only when the function returns [leak-raii-gap-in-loop]
    memset(b, 0, 256);
    total += strlen(b);
  }
  return total;
}

void no_warn_real_freed(int n) {
  for (int i = 0; i < n; ++i) {
    char *p = malloc(16);
    if (!p)
      continue;
    p[0] = 0;
    free(p);
  }
}
