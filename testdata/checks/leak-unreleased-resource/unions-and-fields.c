// RUN: %check_leakguard %s leak-unreleased-resource %t

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

// A handle kept in a field of a local struct or union and read back out of
// it into another local: the local it is read into is the handle.

typedef union {
  char *as_text;
  char *as_bytes;
} view_t;

typedef union {
  int fd;
  int raw;
} slot_t;

typedef struct {
  char *buf;
  char *spare;
  int len;
} span_t;

void consume(const char *p);

// ---- Positives --------------------------------------------------------------

// Written through one member of a local union, read through the other,
// dropped: the union ends with the function.
void warn_union_dropped(void) {
  char *data = malloc(32);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: heap memory 'data' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
  view_t v;
  v.as_text = data;
  {
    char *bytes = v.as_bytes;
    consume(bytes);
  }
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks 'data' at the end of the function
// CHECK-NOTES: :[[@LINE-2]]:1: note: call 'free' on this path, or release it at a single cleanup label

// Another field of the struct read out and freed: not the block.
void warn_other_field_freed(void) {
  char *data = malloc(32);
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: heap memory 'data' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
  span_t s;
  s.buf = data;
  s.spare = malloc(8);
  char *other = s.spare;
  free(other);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks 'data' at the end of the function
// CHECK-NOTES: :[[@LINE-2]]:1: note: call 'free' on this path, or release it at a single cleanup label

// A copy that is never written again tests the handle: the leak is on the
// path where the stream did open.
int warn_copy_tested_leaks_on_error(const char *path) {
  FILE *f = fopen(path, "r");
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: FILE stream 'f' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
  FILE *copy = f;
  if (copy == NULL)
    return -1;
  if (fgetc(copy) < 0)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'f' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'fclose' on this path, or release it at a single cleanup label
  fclose(copy);
  return 0;
}

// ---- Negatives --------------------------------------------------------------

void no_warn_union_freed_through_other_member(void) {
  char *data = malloc(32);
  view_t v;
  v.as_text = data;
  {
    char *bytes = v.as_bytes;
    free(bytes);
  }
}

void no_warn_struct_field_copied_out_and_freed(void) {
  char *data = malloc(32);
  span_t s;
  s.buf = data;
  s.len = 32;
  char *p = s.buf;
  free(p);
}

char *no_warn_union_returned_through_other_member(void) {
  char *data = malloc(32);
  view_t v;
  v.as_text = data;
  return v.as_bytes;
}

void no_warn_descriptor_closed_through_other_member(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return;
  slot_t s;
  s.fd = fd;
  close(s.raw);
}

// Closed through a copy under the copy's own null test: when the copy is
// null, so is the stream (nothing was opened).
void no_warn_copy_tested_then_closed(const char *path) {
  FILE *f = fopen(path, "r");
  FILE *copy = f;
  if (copy != NULL)
    fclose(copy);
}

void no_warn_union_copy_tested_then_closed(const char *path) {
  FILE *f = fopen(path, "r");
  union {
    FILE *in;
    FILE *out;
  } u;
  u.in = f;
  {
    FILE *f = u.out;
    if (f != NULL)
      fclose(f);
  }
}

// C's base-struct idiom: the address of the first member is the whole
// struct's, and the callee casts back to it (and closes the descriptor).
struct sink {
  int (*finish)(struct sink *);
};
struct fd_sink {
  struct sink base;
  int fd;
  long written;
};
int run_sink(struct sink *s);
int no_warn_given_as_its_base(const char *path) {
  struct fd_sink w;
  int fd = open(path, O_WRONLY);
  if (fd < 0)
    return -1;
  w.fd = fd;
  w.written = 0;
  return run_sink(&w.base);
}

// Another member's address reaches only that member.
void count_bytes(long *counter);
int warn_given_only_a_counter(const char *path) {
  struct fd_sink w;
  int fd = open(path, O_WRONLY);
  if (fd < 0)
    return -1;
  w.fd = fd;
  w.written = 0;
  count_bytes(&w.written);
  return 0;
}
// CHECK-NOTES: :[[@LINE-8]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
// CHECK-NOTES: :[[@LINE-3]]:3: note: leaks 'fd' when returning here
// CHECK-NOTES: :[[@LINE-4]]:3: note: call 'close' on this path, or release it at a single cleanup label
