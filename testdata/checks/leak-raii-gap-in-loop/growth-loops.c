// RUN: %check_leakguard %s leak-raii-gap-in-loop %t

// A realloc growth loop: the new block goes to a variable declared outside
// the loop, which the next realloc is given: it is that variable's across
// iterations, not a per-iteration resource; so is a list built through a
// cursor (`tail->next = node; tail = node;`). A block only remembered in an
// outer variable that nothing gives back is lost on the next iteration.

#include <stdlib.h>
#include <string.h>

char *no_warn_growth_loop(const char *const *parts, int n) {
  size_t used = 0;
  char *buf = malloc(1);
  if (!buf)
    return NULL;
  buf[0] = '\0';
  for (int i = 0; i < n; i++) {
    size_t len = strlen(parts[i]);
    char *bigger = realloc(buf, used + len + 1);
    if (!bigger) {
      free(buf);
      return NULL;
    }
    buf = bigger;
    memcpy(buf + used, parts[i], len + 1);
    used += len;
  }
  return buf;
}

int check_line(const char *);
void warn_each_line_replaces_the_last(int n) {
  char *last = NULL;
  for (int i = 0; i < n; i++) {
    char *line = malloc(64);
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'line' is acquired in each iteration but not released in the same iteration [leak-raii-gap-in-loop]
    if (!line)
      break;
    if (check_line(line) < 0)
      continue;
    last = line;
  }
  free(last);
}

// A list built through local head and tail cursors, published after the
// loop: each node is linked through the cursor in the next iteration.
struct item {
  int v;
  struct item *next;
};
static struct item *published;
void no_warn_list_built_through_a_cursor(const int *vals, int n) {
  struct item *head = NULL, *tail = NULL;
  for (int i = 0; i < n; i++) {
    struct item *x = malloc(sizeof *x);
    if (!x)
      break;
    x->v = vals[i];
    x->next = NULL;
    if (head)
      tail->next = x;
    else
      head = x;
    tail = x;
  }
  if (head) {
    tail->next = published;
    published = head;
  }
}

// Switching output files: the previous one is closed when the next opens,
// the last one after the loop. The stream lives beyond its iteration by
// design.
#include <stdio.h>
void no_warn_switch_and_close(const char *const *names, int n) {
  FILE *out = stdout;
  int owned = 0;
  for (int i = 0; i < n; i++) {
    FILE *next = fopen(names[i], "w");
    if (!next)
      continue;
    if (owned)
      fclose(out);
    out = next;
    owned = 1;
    fputs("switched\n", out);
  }
  if (owned)
    fclose(out);
}

// The previous one is never closed: each switch loses it.
void warn_switch_without_close(const char *const *names, int n) {
  FILE *out = stdout;
  int owned = 0;
  for (int i = 0; i < n; i++) {
    FILE *next = fopen(names[i], "w");
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'next' is acquired in each iteration but not released in the same iteration [leak-raii-gap-in-loop]
    if (!next)
      continue;
    out = next;
    owned = 1;
    fputs("switched\n", out);
  }
  if (owned)
    fclose(out);
}
