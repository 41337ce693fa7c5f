// RUN: %check_leakguard %s leak-unreleased-resource %t

// Expressions that carry a block out: a compound literal holding it, what
// the C library's copies return (their destination), an array member of the
// block (the address of a part of it).

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct blob {
  char *bytes;
  size_t n;
};
struct rc_block {
  size_t refs;
  char data[1];
};
void append_blobs(struct blob *items, size_t n);

// ---- Negatives --------------------------------------------------------------

int no_warn_stored_as_compound_literal(struct blob *out, size_t n) {
  char *p = malloc(n);
  if (!p)
    return -1;
  *out = (struct blob){.bytes = p, .n = n};
  return 0;
}

void no_warn_literal_address_handed_on(const char *word) {
  char *copy = strdup(word);
  if (!copy)
    return;
  append_blobs(&(struct blob){copy, strlen(copy)}, 1);
}

char *no_warn_returned_by_memcpy(const char *src, size_t n) {
  char *copy = malloc(n);
  return copy ? memcpy(copy, src, n) : NULL;
}

void *no_warn_array_member_returned(size_t n) {
  struct rc_block *b = malloc(offsetof(struct rc_block, data) + n);
  if (b == NULL)
    return NULL;
  b->refs = 1;
  return b->data;
}

// ---- Positives --------------------------------------------------------------

size_t warn_copy_used_then_dropped(const char *src, size_t n) {
  char *copy = malloc(n + 1);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: heap memory 'copy' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: heap memory 'copy' allocated by 'malloc' is not freed on every path
  if (!copy)
    return 0;
  memcpy(copy, src, n);
  copy[n] = 0;
  return strlen(copy);
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'copy' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'free' on this path, or release it at a single cleanup label
}

static size_t blob_size(const struct blob *b) { return b->n; }

size_t warn_literal_only_measured(size_t n) {
  char *p = malloc(n);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: heap memory 'p' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:13: warning: heap memory 'p' allocated by 'malloc' is not freed on every path
  if (!p)
    return 0;
  return blob_size(&(struct blob){.bytes = p, .n = n});
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'p' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'free' on this path, or release it at a single cleanup label
}

// A local array whose element holds the block, given to a helper of the
// file: the array decays to the address of the caller's storage, and the
// helper copies the element (a compound literal) into a command list that
// outlives the call.
struct named_arg {
  char *name;
  int flags;
};
struct command {
  struct named_arg args[4];
};
static struct command *commands[8];
static int command_count;
static int add_command(struct named_arg *args, int n) {
  struct command *c = malloc(sizeof *c);
  if (!c)
    return -1;
  for (int i = 0; i < n && i < 4; i++)
    c->args[i] = (struct named_arg){args[i].name, args[i].flags};
  commands[command_count++] = c;
  return 0;
}
int no_warn_array_element_handed_to_helper(const char *word) {
  struct named_arg args[1];
  args[0].name = malloc(16);
  if (!args[0].name)
    return -1;
  strcpy(args[0].name, word);
  args[0].flags = 0;
  if (add_command(args, 1) != 0) {
    free(args[0].name);
    return -1;
  }
  return 0;
}
