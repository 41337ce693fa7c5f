// RUN: %check_leakguard %s leak-unreleased-resource %t

/* Helpers of the same file: one that returns a fresh resource is an
   acquirer; a sink reached through a local function pointer is read like a
   direct call; copies of a handle into other locals are followed. */

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static FILE *open_log(const char *path) {
  FILE *f = fopen(path, "a");
  if (!f)
    return NULL;
  fputs("opened\n", f);
  return f;
}

static int open_input(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  return fd;
}

/* Returns a copy of a member it keeps: nothing fresh for the caller. */
static char *saved;
static char *remember(const char *s) {
  saved = strdup(s);
  return saved;
}

int warn_helper_returns_stream(const char *path, int verbose) {
  FILE *log = open_log(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: FILE stream 'log' opened by 'open_log' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:15: warning: FILE stream 'log' opened by 'open_log' is not closed on every path
  // CHECK-NOTES: :[[@LINE+5]]:5: note: leaks 'log' when returning here
  // CHECK-NOTES: :[[@LINE+4]]:5: note: call 'fclose' on this path, or release it at a single cleanup label
  if (!log)
    return -1;
  if (verbose)
    return 1;
  fclose(log);
  return 0;
}

int no_warn_helper_stream_closed(const char *path) {
  FILE *log = open_log(path);
  if (!log)
    return -1;
  fclose(log);
  return 0;
}

void warn_helper_returns_descriptor(const char *path) {
  int fd = open_input(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'fd' opened by 'open_input' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: file descriptor 'fd' opened by 'open_input' is not closed on every path
  // CHECK-NOTES: :[[@LINE+6]]:1: note: leaks 'fd' at the end of the function
  // CHECK-NOTES: :[[@LINE+5]]:1: note: call 'close' on this path, or release it at a single cleanup label
  if (fd < 0)
    return;
  char buf[16];
  read(fd, buf, sizeof buf);
}

void no_warn_helper_keeps_it(const char *s) { remember(s); }

static void consume(char *p) { free(p); }
static void inspect(char *p) { (void)p; }

void no_warn_sink_through_pointer(void) {
  void (*sink)(char *) = consume;
  char *p = malloc(16);
  if (!p)
    return;
  sink(p);
}

void warn_pointer_to_a_sink_that_only_reads(void) {
  void (*sink)(char *) = inspect;
  char *p = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: heap memory 'p' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:13: warning: heap memory 'p' allocated by 'malloc' is not freed on every path
  // CHECK-NOTES: :[[@LINE+5]]:1: note: leaks 'p' at the end of the function
  // CHECK-NOTES: :[[@LINE+4]]:1: note: call 'free' on this path, or release it at a single cleanup label
  if (!p)
    return;
  sink(p);
}

void no_warn_pointer_reassigned(int mode) {
  void (*sink)(char *) = inspect;
  if (mode)
    sink = consume;
  char *p = malloc(16);
  if (!p)
    return;
  sink(p);
}

void no_warn_copy_released(void) {
  char *data = malloc(16);
  if (!data)
    return;
  {
    char *copy = data;
    char *again = copy;
    free(again);
  }
}

void warn_copy_not_released(void) {
  char *data = malloc(16);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: heap memory 'data' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: heap memory 'data' allocated by 'malloc' is not freed on every path
  // CHECK-NOTES: :[[@LINE+9]]:1: note: leaks 'data' at the end of the function
  // CHECK-NOTES: :[[@LINE+8]]:1: note: call 'free' on this path, or release it at a single cleanup label
  if (!data)
    return;
  {
    char *copy = data;
    char *again = copy;
    again[0] = 0;
  }
}

/* A realloc-like helper that frees the old block when it fails: growing in
   a loop hands the old block to it each time. */
static void *grow(void *ptr, size_t size) {
  void *bigger = realloc(ptr, size);
  if (bigger)
    return bigger;
  free(ptr);
  return NULL;
}

char *no_warn_grown_in_a_loop(const char **names, int n) {
  size_t cap = 16, used = 0;
  char *buf = malloc(cap);
  if (!buf)
    return NULL;
  for (int i = 0; i < n; i++) {
    size_t len = strlen(names[i]) + 1;
    if (used + len > cap) {
      cap = 2 * (used + len);
      buf = grow(buf, cap);
      if (!buf)
        return NULL;
    }
    memcpy(buf + used, names[i], len);
    used += len;
  }
  return buf;
}

/* A handle stored through a pointer that always points to a local: the
   local holds it. */
void no_warn_through_pointer_to_local(void) {
  char *data = NULL;
  char **slot = &data;
  {
    char *block = malloc(16);
    if (!block)
      return;
    *slot = block;
  }
  free(*slot);
}

void warn_through_pointer_to_local(void) {
  char *data = NULL;
  char **slot = &data;
  {
    char *block = malloc(16);
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: heap memory 'block' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:19: warning: heap memory 'block' allocated by 'malloc' is not freed on every path
    // CHECK-NOTES: :[[@LINE+7]]:1: note: leaks 'block' at the end of the function
    // CHECK-NOTES: :[[@LINE+6]]:1: note: call 'free' on this path, or release it at a single cleanup label
    if (!block)
      return;
    *slot = block;
  }
  (*slot)[0] = 0;
}

/* A record holding a descriptor, given by const pointer to a helper of the
   file: the helper that copies the record into a queue takes the
   descriptor; the one that only prints it borrows it. */
struct peer_rec {
  int fd;
  int flags;
};
struct peer_queue {
  struct peer_rec slot[16];
  int head;
};
static void queue_peer(struct peer_queue *q, const struct peer_rec *p) {
  q->slot[q->head % 16] = *p;
  q->head++;
}
static void print_peer(const struct peer_rec *p) { printf("%d\n", p->fd); }

void no_warn_record_copied_into_queue(const char *path, struct peer_queue *q) {
  struct peer_rec rec;
  if ((rec.fd = open(path, O_RDONLY)) < 0)
    return;
  rec.flags = 1;
  queue_peer(q, &rec);
}

void warn_record_only_printed(const char *path) {
  struct peer_rec rec;
  if ((rec.fd = open(path, O_RDONLY)) < 0)
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: file descriptor 'rec.fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:17: warning: file descriptor 'rec.fd' opened by 'open' is not closed on every path
    return;
  print_peer(&rec);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks 'rec.fd' at the end of the function
// CHECK-NOTES: :[[@LINE-2]]:1: note: call 'close' on this path, or release it at a single cleanup label

/* An allocator wrapped twice (a counting layer, then an abort-on-failure
   layer) is still an acquirer, however deep. */
static size_t bytes_in_use;
static void *counted_alloc(size_t n) {
  void *p = malloc(n);
  if (!p)
    return NULL;
  bytes_in_use += n;
  return p;
}
void *checked_alloc(size_t n) {
  void *p = counted_alloc(n);
  if (!p)
    abort();
  return p;
}
int warn_leak_through_two_wrappers(int k) {
  char *q = checked_alloc(16);
  if (k)
    return 1;
  free(q);
  return 0;
}
// CHECK-MESSAGES: :[[@LINE-6]]:13: warning: heap memory 'q' allocated by 'checked_alloc' is not freed on every path [leak-unreleased-resource]
// CHECK-NOTES: :[[@LINE-7]]:13: warning: heap memory 'q' allocated by 'checked_alloc' is not freed on every path [leak-unreleased-resource]
// CHECK-NOTES: :[[@LINE-6]]:5: note: leaks 'q' when returning here
// CHECK-NOTES: :[[@LINE-7]]:5: note: call 'free' on this path, or release it at a single cleanup label
int no_warn_freed_on_every_path(int k) {
  char *q = checked_alloc(16);
  free(q);
  return k;
}
