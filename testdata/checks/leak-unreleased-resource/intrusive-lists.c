// Intrusive containers: the element is linked by the address of a member of
// its own block (`&item->link`), and the container's owner frees it later.
// Keeping that address keeps the block. Giving it to a function that only
// reads or fills the member does not.
// RUN: %check_leakguard %s leak-unreleased-resource %t

#include <stdlib.h>
#include <string.h>

struct link {
  struct link *next, *prev;
};
struct item {
  int value;
  struct link node;
  char name[16];
};
struct queue {
  struct link head;
  int count;
};

static inline void link_between(struct link *entry, struct link *prev,
                                struct link *next) {
  next->prev = entry;
  entry->next = next;
  entry->prev = prev;
  prev->next = entry;
}
static inline void link_tail(struct link *entry, struct link *head) {
  link_between(entry, head->prev, head);
}
static void clear_link(struct link *entry) {
  entry->next = entry;
  entry->prev = entry;
}

// Linked through inline helpers: the queue owns the item.
int push(struct queue *q, int value) {
  struct item *it = malloc(sizeof *it);
  if (!it)
    return -1;
  it->value = value;
  link_tail(&it->node, &q->head);
  q->count++;
  return 0;
}

// Linked by hand, member not first: the same.
int push_front(struct queue *q, int value) {
  struct item *it = malloc(sizeof *it);
  if (!it)
    return -1;
  it->value = value;
  it->node.next = q->head.next;
  q->head.next = &it->node;
  return 0;
}

// The member only initialized, never linked: the item is lost.
int push_forgotten(struct queue *q, int value) {
  struct item *it = malloc(sizeof *it);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: heap memory 'it' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:21: warning: heap memory 'it' allocated by 'malloc' is not freed on every path
  // CHECK-NOTES: :[[@LINE+7]]:3: note: leaks 'it' when returning here
  // CHECK-NOTES: :[[@LINE+6]]:3: note: call 'free' on this path, or release it at a single cleanup label
  if (!it)
    return -1;
  clear_link(&it->node);
  memset(&it->name[0], 0, sizeof it->name);
  it->value = value + q->count;
  return 0;
}

// The member's address kept only in a local that dies: lost too.
int push_local(struct queue *q, int value) {
  struct item *it = malloc(sizeof *it);
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: heap memory 'it' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:21: warning: heap memory 'it' allocated by 'malloc' is not freed on every path
  // CHECK-NOTES: :[[@LINE+7]]:3: note: leaks 'it' when returning here
  // CHECK-NOTES: :[[@LINE+6]]:3: note: call 'free' on this path, or release it at a single cleanup label
  if (!it)
    return -1;
  struct link *l = &it->node;
  l->next = l;
  it->value = value + q->count;
  return 0;
}
