// RUN: %check_leakguard %s leak-raii-gap-in-loop %t

#include <alloca.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void on_exit_handler(void);
int consume(char *, size_t);
int check_line(const char *);

void warn_alloca_in_loop(int n, size_t len) {
  for (int i = 0; i < n; ++i) {
    char *buf = alloca(len);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'alloca' in a loop allocates stack memory in every iteration; it is freed only when the function returns [leak-raii-gap-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:17: warning: 'alloca' in a loop
    // CHECK-NOTES: :[[@LINE-3]]:17: note: allocate one buffer before the loop, or use a fixed-size array in the loop body
    consume(buf, len);
  }
}

void no_warn_alloca_before_loop(int n, size_t len) {
  char *buf = alloca(len);
  for (int i = 0; i < n; ++i)
    consume(buf, len);
}

void no_warn_vla_in_loop(int n, size_t len) {
  // A VLA's storage is released when its scope (the iteration) ends.
  for (int i = 0; i < n; ++i) {
    char buf[len];
    consume(buf, len);
  }
}

void warn_atexit_in_loop(int n) {
  for (int i = 0; i < n; ++i)
    atexit(on_exit_handler);
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'atexit' in a loop registers a handler in every iteration; the handlers run only at exit [leak-raii-gap-in-loop]
  // CHECK-NOTES: :[[@LINE-2]]:5: warning: 'atexit' in a loop
  // CHECK-NOTES: :[[@LINE-3]]:5: note: register the handler once, before the loop
}

void no_warn_atexit_once(void) { atexit(on_exit_handler); }

int warn_c_continue(const char **paths, int n) {
  int total = 0;
  for (int i = 0; i < n; ++i) {
    FILE *f = fopen(paths[i], "r");
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'f' is acquired in each iteration but not released in the same iteration [leak-raii-gap-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:15: warning: 'f' is acquired
    if (f == NULL)
      continue;
    if (fgetc(f) == EOF)
      continue;
    // CHECK-NOTES: :[[@LINE-1]]:7: note: 'continue' here skips the release
    // CHECK-NOTES: :[[@LINE-2]]:7: note: call 'fclose' before every exit from the iteration
    ++total;
    fclose(f);
  }
  return total;
}

int no_warn_c_goto_next(const char **paths, int n) {
  int total = 0;
  for (int i = 0; i < n; ++i) {
    int fd = open(paths[i], O_RDONLY);
    if (fd < 0)
      continue;
    if (consume(NULL, 0) < 0)
      goto next;
    ++total;
  next:
    close(fd);
  }
  return total;
}

void warn_c_malloc_while(int n) {
  while (n-- > 0) {
    char *line = malloc(128);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'line' is acquired in each iteration but not released in the same iteration [leak-raii-gap-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:18: warning: 'line' is acquired
    if (!line)
      break;
    if (check_line(line) < 0)
      break;
    // CHECK-NOTES: :[[@LINE-1]]:7: note: 'break' here skips the release
    // CHECK-NOTES: :[[@LINE-2]]:7: note: call 'free' before every exit from the iteration
    free(line);
  }
}

/* Loops that run their body once allocate once. */
void no_warn_alloca_in_loop_that_runs_once(void) {
  int i;
  char *buf = NULL;
  for (i = 0; i < 1; i++)
    buf = alloca(64);
  while (1) {
    buf = alloca(64);
    break;
  }
  consume(buf, 64);
}

/* A statement macro's do { ... } while (0) runs its body once: an alloca in
   it is no per-iteration stack growth, unlike one in a real loop. */
#define WITH_SCRATCH(n, body)                                                  \
  do {                                                                         \
    char *scratch = alloca(n);                                                 \
    body;                                                                      \
  } while (0)
int fill(char *p, size_t n);
int no_warn_alloca_in_statement_macro(size_t n) {
  int rc = 0;
  WITH_SCRATCH(n, rc = fill(scratch, n));
  return rc;
}

/* Stack memory for an option that may appear once: a repeat leaves the
   loop, so each alloca runs at most once per call. */
struct option_kv {
  const char *key;
  const char *val;
};
void apply_options(const char *owner, const char *root);
void no_warn_alloca_once_per_option(const struct option_kv *opts, size_t n) {
  char *owner = NULL, *root = NULL;
  for (size_t i = 0; i < n; i++) {
    if (strcmp(opts[i].key, "owner") == 0) {
      if (owner)
        return;
      owner = alloca(strlen(opts[i].val) + 1);
      strcpy(owner, opts[i].val);
    } else if (strcmp(opts[i].key, "root") == 0) {
      if (root != NULL) {
        fprintf(stderr, "root given twice\n");
        return;
      }
      root = alloca(strlen(opts[i].val) + 1);
      strcpy(root, opts[i].val);
    }
  }
  apply_options(owner, root);
}

/* The same shape whose guard tests another variable: each iteration may
   allocate again. */
void warn_alloca_guarded_by_another_variable(const struct option_kv *opts,
                                             size_t n) {
  char *owner = NULL;
  int done = 0;
  for (size_t i = 0; i < n; i++) {
    if (done)
      return;
    owner = alloca(strlen(opts[i].val) + 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'alloca' in a loop allocates stack memory in every iteration; it is freed only when the function returns [leak-raii-gap-in-loop]
    // CHECK-NOTES: :[[@LINE-2]]:13: warning: 'alloca' in a loop
    // CHECK-NOTES: :[[@LINE-3]]:13: note: allocate one buffer before the loop, or use a fixed-size array in the loop body
    strcpy(owner, opts[i].val);
    done = opts[i].key[0] == 0;
  }
  apply_options(owner, NULL);
}
