// LeakGuard's precision policy (docs/precision.md) on C shapes real projects
// have: each negative is the correct code a maintainer wrote, each positive
// the leak that looks like it.
// RUN: %check_leakguard %s leak-unreleased-resource %t

#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Defined in another file of the project: LeakGuard cannot read them. */
void queue_connection(int fd, int flags);
void close_in_background(int fd);
void record_name(char *name);
void print_name(const char *name);
extern void (*on_accept)(int fd);

/* A helper of this file that reads its argument only. */
static int peek(int fd) { return fd > 1024 ? -1 : 0; }

/* A fatal-error helper of this file: prints and exits. */
static void die(const char *message) {
  fputs(message, stderr);
  exit(1);
}
void crash(const char *message) __attribute__((analyzer_noreturn));

/* --- B: handed to a function whose body is not in the unit --- */

void no_warn_accepted_socket_dispatched(int listener) {
  int fd = accept(listener, 0, 0);
  if (fd < 0)
    return;
  queue_connection(fd, 1);
}

void no_warn_closed_in_background(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return;
  close_in_background(fd);
}

void no_warn_through_function_pointer(int listener) {
  int fd = accept(listener, 0, 0);
  if (fd < 0)
    return;
  on_accept(fd);
}

void no_warn_pointer_handed_on(const char *s) {
  char *name = strdup(s);
  if (!name)
    return;
  record_name(name);
}

void warn_only_printed(const char *s) {
  char *name = strdup(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: heap memory 'name' allocated by 'strdup' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: heap memory 'name' allocated by 'strdup' is not freed on every path
  // CHECK-NOTES: :[[@LINE+5]]:1: note: leaks 'name' at the end of the function
  // CHECK-NOTES: :[[@LINE+4]]:1: note: call 'free' on this path, or release it at a single cleanup label
  if (!name)
    return;
  print_name(name); /* a const parameter only reads */
}

void warn_only_read_by_visible_helper(int listener) {
  int fd = accept(listener, 0, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'fd' opened by 'accept' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: file descriptor 'fd' opened by 'accept' is not closed on every path
  // CHECK-NOTES: :[[@LINE+5]]:5: note: leaks 'fd' when returning here
  // CHECK-NOTES: :[[@LINE+4]]:5: note: call 'close' on this path, or release it at a single cleanup label
  if (fd < 0)
    return;
  if (peek(fd) < 0)
    return;
  close(fd);
}

void warn_only_used_by_the_c_library(const char *path, char *buf) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path
  // CHECK-NOTES: :[[@LINE+5]]:5: note: leaks 'fd' when returning here
  // CHECK-NOTES: :[[@LINE+4]]:5: note: call 'close' on this path, or release it at a single cleanup label
  if (fd < 0)
    return;
  if (read(fd, buf, 16) < 0)
    return;
  close(fd);
}

/* --- A: the program ends --- */

int main(int argc, char **argv) {
  char *option = strdup(argv[0]);
  char *name = NULL;
  char line[128];
  if (!option)
    return 1;
  if (argc > 3)
    return 1; /* the process exits: the OS reclaims it */
  /* An option given twice loses its first copy: bounded by the command
     line, and reclaimed at exit. */
  for (int i = 1; i < argc; i++)
    if (argv[i][0] == 'n')
      name = strdup(argv[i]);
  while (fgets(line, sizeof line, stdin)) {
    char *copy = strdup(line);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: heap memory 'copy' allocated by 'strdup' is not freed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:18: warning: heap memory 'copy' allocated by 'strdup' is not freed on every path
    // CHECK-NOTES: :[[@LINE+5]]:7: note: leaks 'copy' when the loop acquires it again
    // CHECK-NOTES: :[[@LINE+4]]:7: note: call 'free' on this path, or release it at a single cleanup label
    if (!copy)
      continue;
    if (copy[0] == '-')
      continue; /* each skipped line leaks, however the program ends */
    free(copy);
  }
  free(name);
  free(option);
  return 0;
}

void no_warn_exit_on_error(const char *path) {
  char *copy = strdup(path);
  if (!copy)
    return;
  if (path[0] == 0)
    exit(1);
  if (path[0] == '-')
    die("bad option");
  free(copy);
}

int warn_return_from_a_function_that_is_not_main(const char *path) {
  char *copy = strdup(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: heap memory 'copy' allocated by 'strdup' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: heap memory 'copy' allocated by 'strdup' is not freed on every path
  // CHECK-NOTES: :[[@LINE+5]]:5: note: leaks 'copy' when returning here
  // CHECK-NOTES: :[[@LINE+4]]:5: note: call 'free' on this path, or release it at a single cleanup label
  if (!copy)
    return 1;
  if (path[0] == '-')
    return 1;
  free(copy);
  return 0;
}

/* --- C: p = realloc(p, n) when nothing can be lost --- */

void no_warn_realloc_then_abort(char *p, size_t n) {
  p = realloc(p, n);
  if (!p)
    abort();
  free(p);
}

void no_warn_realloc_then_exit(char *p, size_t n) {
  p = realloc(p, n);
  if (p == NULL) {
    fputs("out of memory\n", stderr);
    exit(-1);
  }
  free(p);
}

void no_warn_realloc_then_assert(char *p, size_t n) {
  p = realloc(p, n);
  assert(p);
  free(p);
}

void no_warn_realloc_then_own_fatal(char *p, size_t n) {
  p = realloc(p, n);
  if (!p)
    die("out of memory");
  free(p);
}

#define unlikely(x) __builtin_expect((x), 0)
#define CHECK_ALLOC(x)                                                         \
  do {                                                                         \
    if (unlikely(!(x)))                                                        \
      crash("allocation failed");                                              \
  } while (0)

void no_warn_realloc_then_analyzer_noreturn(char **table, size_t n) {
  *table = realloc(*table, n);
  CHECK_ALLOC(*table);
}

void no_warn_realloc_in_condition(char *p, size_t n) {
  if ((p = realloc(p, n)) == NULL)
    abort();
  free(p);
}

void no_warn_realloc_of_null(size_t n) {
  char *p;
  p = NULL;
  if (n > 2) {
    p = realloc(p, n);
    if (p)
      free(p);
  }
}

int warn_realloc_then_return(char *p, size_t n) {
  p = realloc(p, n);
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: if 'realloc' fails, the block 'p' still points to is leaked: assigning the result to it loses the only pointer [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: if 'realloc' fails, the block 'p' still points to is leaked: assigning the result to it loses the only pointer
  // CHECK-NOTES: :[[@LINE-3]]:7: note: assign the result to a temporary and keep the old pointer until it is known to be non-null
  if (!p)
    return -1;
  free(p);
  return 0;
}

void warn_realloc_of_null_in_a_loop(size_t n) {
  char *p = NULL;
  while (n-- > 0) {
    p = realloc(p, n); /* null only the first time round */
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: if 'realloc' fails, the block 'p' still points to is leaked: assigning the result to it loses the only pointer [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: if 'realloc' fails, the block 'p' still points to is leaked: assigning the result to it loses the only pointer
    // CHECK-NOTES: :[[@LINE-3]]:9: note: assign the result to a temporary and keep the old pointer until it is known to be non-null
    if (!p)
      return;
  }
  free(p);
}

int no_warn_failure_test_with_hint(const char *path) {
  int fd = open(path, O_RDONLY);
  if (unlikely(fd < 0))
    return -1;
  close(fd);
  return 0;
}

/* --- E: retry loops with a compound failure test --- */

int no_warn_accept_retried_on_eintr(int listener) {
  int fd;
  do {
    fd = accept(listener, 0, 0);
  } while (fd == -1 && errno == EINTR);
  return fd;
}

char *no_warn_smaller_and_smaller(size_t n) {
  char *p;
  do {
    p = malloc(n);
    n -= 16;
  } while (!p && n > 0);
  return p;
}

char *warn_retried_while_not_failed(size_t n) {
  char *p;
  do {
    p = malloc(n);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: heap memory 'p' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: heap memory 'p' allocated by 'malloc' is not freed on every path
    // CHECK-NOTES: :[[@LINE-3]]:9: note: leaks 'p' when the loop acquires it again
    // CHECK-NOTES: :[[@LINE-4]]:9: note: call 'free' on this path, or release it at a single cleanup label
    n -= 16;
  } while (p && n > 64); /* retries after success: the block is lost */
  return p;
}

/* --- H: correlated branches and constants --- */

static int configured_mode = 5; /* never written */
static const int FEATURE_ON = 1;
static int feature_enabled(void) { return 1; }

void no_warn_correlated_on_parameter(char *a, int n) {
  char *b = NULL;
  if (a == NULL)
    b = malloc(10);
  if (b != NULL && n > 3)
    puts("allocated");
  if (a == NULL)
    free(b);
}

void no_warn_assignment_in_test(char *a, int n) {
  char *b;
  if ((b = a) == NULL)
    b = malloc(n);
  if (!b)
    return;
  b[0] = 1;
  if (a == NULL)
    free(b);
}

void warn_assignment_in_test_other_release(char *a, int n) {
  char *b;
  if ((b = a) == NULL)
    b = malloc(n);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: heap memory 'b' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: heap memory 'b' allocated by 'malloc' is not freed on every path
    // CHECK-NOTES: :[[@LINE+7]]:1: note: leaks 'b' at the end of the function
    // CHECK-NOTES: :[[@LINE+6]]:1: note: call 'free' on this path, or release it at a single cleanup label
  if (!b)
    return;
  b[0] = 1;
  if (n > 2)
    free(b);
}

void no_warn_static_never_written(void) {
  char *d = NULL;
  if (configured_mode == 5)
    d = malloc(4);
  if (configured_mode == 5)
    free(d);
}

void no_warn_const_global(void) {
  char *d = NULL;
  if (FEATURE_ON)
    d = malloc(4);
  if (FEATURE_ON)
    free(d);
}

void no_warn_function_returning_a_constant(void) {
  char *d = NULL;
  if (feature_enabled())
    d = malloc(4);
  if (feature_enabled())
    free(d);
}

void no_warn_loops_that_run_once(void) {
  char *d = NULL;
  int i, j;
  for (i = 0; i < 1; i++)
    d = malloc(4);
  for (j = 0; j < 1; j++)
    free(d);
}

void warn_loop_that_runs_twice(void) {
  char *d = NULL;
  int i;
  for (i = 0; i < 2; i++)
    d = malloc(4);
    // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: heap memory 'd' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:9: warning: heap memory 'd' allocated by 'malloc' is not freed on every path
    // CHECK-NOTES: :[[@LINE-3]]:9: note: leaks 'd' when the loop acquires it again
    // CHECK-NOTES: :[[@LINE-4]]:9: note: call 'free' on this path, or release it at a single cleanup label
  free(d);
}

void no_warn_while_one_with_break(void) {
  char *d = NULL;
  while (1) {
    d = malloc(4);
    break;
  }
  while (1) {
    free(d);
    break;
  }
}

/* --- I: an alias made by a chained assignment --- */

void no_warn_chained_alias(const char *s) {
  char *orig, *cur;
  orig = cur = strdup(s);
  if (!cur)
    return;
  while (*cur)
    cur++;
  free(orig);
}

/* --- L: the daemon idiom --- */

void no_warn_standard_streams_redirected(void) {
  int fd = open("/dev/null", O_RDWR);
  if (fd < 0)
    return;
  dup2(fd, STDIN_FILENO);
  dup2(fd, STDOUT_FILENO);
  dup2(fd, STDERR_FILENO);
  if (fd > STDERR_FILENO)
    close(fd);
}

void warn_standard_streams_other_test(int keep) {
  int fd = open("/dev/null", O_RDWR);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path
  // CHECK-NOTES: :[[@LINE+7]]:1: note: leaks 'fd' at the end of the function
  // CHECK-NOTES: :[[@LINE+6]]:1: note: call 'close' on this path, or release it at a single cleanup label
  if (fd < 0)
    return;
  dup2(fd, STDIN_FILENO);
  if (keep > STDERR_FILENO)
    close(fd);
}

/* --- attributes --- */

static void free_string(char **p) { free(*p); }
#define auto_free __attribute__((cleanup(free_string)))

void no_warn_cleanup_attribute(const char *s) {
  auto_free char *copy = strdup(s);
  if (!copy)
    return;
  if (s[0] == '-')
    return;
}

void keep_forever(void *p) __attribute__((ownership_holds(malloc, 1)));
void *my_alloc(size_t n) __attribute__((ownership_returns(malloc)));

void no_warn_ownership_holds(size_t n) {
  void *p = malloc(n);
  if (!p)
    return;
  keep_forever(p);
}

void warn_ownership_returns(size_t n, int fail) {
  char *p = my_alloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: heap memory 'p' allocated by 'my_alloc' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:13: warning: heap memory 'p' allocated by 'my_alloc' is not freed on every path
  // CHECK-NOTES: :[[@LINE+5]]:5: note: leaks 'p' when returning here
  // CHECK-NOTES: :[[@LINE+4]]:5: note: call 'free' on this path, or release it at a single cleanup label
  if (!p)
    return;
  if (fail)
    return;
  free(p);
}

/* --- H: a parser's state flags, known on every path to the allocation --- */

int no_warn_parser_state_machine(const char *s, char **user_out,
                                 char **pass_out) {
  char *user = NULL, *pass = NULL, *pending = NULL;
  int seen_at = 0;
  for (size_t i = 0; s[i]; i++) {
    if (s[i] == ':') {
      if (!seen_at && !pending) {
        pending = strdup(s + i);
        if (!pending)
          goto fail;
      }
    } else if (s[i] == '@') {
      seen_at = 1;
      if (pending) {
        user = pending;
        pending = NULL;
        pass = strdup(s + i); /* a later '@' finds pending null */
        if (!pass)
          goto fail;
      } else {
        if (user)
          goto fail;
        user = strdup(s);
        if (!user)
          goto fail;
      }
    }
  }
  *user_out = user;
  *pass_out = pass;
  free(pending);
  return 0;
fail:
  free(user);
  free(pass);
  free(pending);
  return -1;
}

int warn_parser_overwrites_user(const char *s, char **user_out) {
  char *user = NULL;
  for (size_t i = 0; s[i]; i++) {
    if (s[i] == '@') {
      user = strdup(s + i); /* a second '@' loses the first copy */
      // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: heap memory 'user' allocated by 'strdup' is not freed on every path [leak-unreleased-resource]
      // CHECK-NOTES: :[[@LINE-2]]:14: warning: heap memory 'user' allocated by 'strdup' is not freed on every path
      // CHECK-NOTES: :[[@LINE-3]]:14: note: leaks 'user' when the loop acquires it again
      // CHECK-NOTES: :[[@LINE-4]]:14: note: call 'free' on this path, or release it at a single cleanup label
      if (!user)
        return -1;
    }
  }
  *user_out = user;
  return 0;
}

/* --- C: growing through a temporary; the next realloc releases the copy --- */

int no_warn_grow_through_temporary(char ***out, int n) {
  char **files = NULL, **tmp;
  int count = 0;
  for (int i = 0; i < n; i++) {
    count++;
    tmp = realloc(files, (size_t)count * sizeof(char *));
    if (!tmp) {
      free(files);
      return 1;
    }
    files = tmp;
  }
  *out = files;
  return 0;
}

int warn_grow_through_temporary_then_drop(int n) {
  char **files = NULL, **tmp;
  int count = 0;
  for (int i = 0; i < n; i++) {
    count++;
    tmp = realloc(files, (size_t)count * sizeof(char *));
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: heap memory 'tmp' allocated by 'realloc' is not freed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:11: warning: heap memory 'tmp' allocated by 'realloc' is not freed on every path
    if (!tmp) {
      free(files);
      return 1;
    }
    files = tmp;
  }
  return count;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'tmp' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'free' on this path, or release it at a single cleanup label
}

/* --- C: a raw system call may release what it is given --- */

int no_warn_closed_by_raw_syscall(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  return (int)syscall(3 /* SYS_close */, fd);
}

/* --- C: a counter that only grows is positive once the path incremented it --- */

int no_warn_counted_then_checked(int n, char **out) {
  char *buf = NULL, *tmp;
  unsigned len = 0;
  while (n-- > 0) {
    tmp = realloc(buf, len + 1);
    if (!tmp) {
      free(buf);
      return -1;
    }
    buf = tmp;
    buf[len] = 'x';
    len++;
  }
  if (len == 0)
    return 1; /* nothing was allocated */
  *out = buf;
  return 0;
}

int warn_counted_then_checked_wrongly(int n, char **out) {
  char *buf = NULL, *tmp;
  unsigned len = 0;
  while (n-- > 0) {
    tmp = realloc(buf, len + 1);
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: heap memory 'tmp' allocated by 'realloc' is not freed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:11: warning: heap memory 'tmp' allocated by 'realloc' is not freed on every path
    if (!tmp) {
      free(buf);
      return -1;
    }
    buf = tmp;
    buf[len] = 'x';
    len++;
  }
  if (len == 1)
    return 1; /* one byte was allocated, and is lost */
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'tmp' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'free' on this path, or release it at a single cleanup label
  *out = buf;
  return 0;
}

/* --- C: a union member written, another member read and freed --- */

union either {
  char *first;
  char *second;
};

void no_warn_freed_through_other_union_member(void) {
  char *data = malloc(16);
  union either u;
  if (!data)
    return;
  u.first = data;
  {
    char *same = u.second;
    free(same);
  }
}

/* --- C: a helper of the unit that copies its parameter into a local --- */

static void log_copy(char *text) {
  char *copy = text;
  puts(copy);
}

static void free_copy(char *text) {
  char *copy = text;
  free(copy);
}

void warn_helper_only_reads_a_copy(void) {
  char *text = strdup("x");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: heap memory 'text' allocated by 'strdup' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: heap memory 'text' allocated by 'strdup' is not freed on every path
  if (!text)
    return;
  log_copy(text);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks 'text' at the end of the function
// CHECK-NOTES: :[[@LINE-2]]:1: note: call 'free' on this path, or release it at a single cleanup label

void no_warn_helper_frees_a_copy(void) {
  char *text = strdup("x");
  if (!text)
    return;
  free_copy(text);
}

/* --- C: a local struct carrying the handle to a helper of the unit --- */

struct carrier {
  char *data;
  int size;
};

static void carrier_free(struct carrier c) { free(c.data); }
static void carrier_print(struct carrier c) { puts(c.data); }

void no_warn_struct_given_to_a_releaser(void) {
  char *data = malloc(16);
  struct carrier c;
  if (!data)
    return;
  c.data = data;
  c.size = 16;
  carrier_free(c);
}

void warn_struct_given_to_a_reader(void) {
  char *data = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: heap memory 'data' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: heap memory 'data' allocated by 'malloc' is not freed on every path
  struct carrier c;
  if (!data)
    return;
  c.data = data;
  c.size = 16;
  carrier_print(c);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks 'data' at the end of the function
// CHECK-NOTES: :[[@LINE-2]]:1: note: call 'free' on this path, or release it at a single cleanup label

void no_warn_struct_field_freed_directly(void) {
  char *data = malloc(16);
  struct carrier c;
  if (!data)
    return;
  c.data = data;
  free(c.data);
}

// A counted loop left through its condition ends with the counter at the
// bound: the copy goes into the first free slot, or is appended when the
// scan found none. No path leaks it (a negative count is not one).
struct slot_table {
  char **slots;
  int count;
};

int no_warn_first_free_slot_or_append(struct slot_table *t, const char *name) {
  char *copy = strdup(name);
  int i;
  if (!copy)
    return -1;
  for (i = 0; i < t->count; i++) {
    if (!t->slots[i]) {
      t->slots[i] = copy;
      break;
    }
  }
  if (i == t->count) {
    char **grown = realloc(t->slots, (t->count + 1) * sizeof(char *));
    if (!grown) {
      free(copy);
      return -1;
    }
    t->slots = grown;
    t->slots[t->count++] = copy;
  }
  return 0;
}

// The twin: the loop moves its own bound, so the counter can end past it
// and the copy is stored nowhere.
int warn_bound_moved_by_the_loop(struct slot_table *t, const char *name) {
  char *copy = strdup(name);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: heap memory 'copy' allocated by 'strdup' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: heap memory 'copy' allocated by 'strdup' is not freed on every path
  int i;
  if (!copy)
    return -1;
  for (i = 0; i < t->count; i++) {
    if (!t->slots[i]) {
      t->slots[i] = copy;
      break;
    }
    if (t->slots[i][0] == '\0')
      t->count = i;
  }
  if (i == t->count) {
    char **grown = realloc(t->slots, (t->count + 1) * sizeof(char *));
    if (!grown) {
      free(copy);
      return -1;
    }
    t->slots = grown;
    t->slots[t->count++] = copy;
  }
  return 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'copy' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'free' on this path, or release it at a single cleanup label
}

/* `const` promises no write through the pointer, not that the callee does
   not keep it: a visible body that stores the pointer takes the block. */
struct name_table {
  const void *names[16];
  unsigned used;
};
static int table_put(struct name_table *t, const void *name) {
  if (t->used == 16)
    return -1;
  t->names[t->used++] = name;
  return 0;
}
static unsigned name_length(const char *name) { return (unsigned)strlen(name); }

int no_warn_const_parameter_stored_by_visible_body(struct name_table *t,
                                                   const char *s) {
  char *name = strdup(s);
  if (!name)
    return -1;
  if (table_put(t, name) != 0) {
    free(name);
    return -1;
  }
  return 0;
}

unsigned warn_const_parameter_only_read_by_visible_body(const char *s) {
  char *name = strdup(s);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: heap memory 'name' allocated by 'strdup' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: heap memory 'name' allocated by 'strdup' is not freed on every path
  if (!name)
    return 0;
  return name_length(name);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'name' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'free' on this path, or release it at a single cleanup label
}
