// Option parsing: a failure travels back to main() as a non-zero result,
// and main() exits on it.
#include <stdlib.h>
#include <string.h>
#include "config.h"

static int addTopic(struct config *c, const char *topic) {
  c->count++;
  c->topics = realloc(c->topics, c->count * sizeof(char *));
  if (!c->topics)
    return 1;
  c->topics[c->count - 1] = strdup(topic);
  return 0;
}

int parseArgs(struct config *c, int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (argv[i][0] != '-')
      continue;
    if (addTopic(c, argv[i] + 1))
      return 1;
  }
  return 0;
}

int loadConfig(struct config *c, int argc, char **argv) {
  int rc = parseArgs(c, argc, argv);
  if (rc)
    return rc;
  return 0;
}

// The same growth, but its caller logs the failure and goes on.
int addFilter(struct config *c, const char *filter) {
  c->count++;
  c->filters = realloc(c->filters, c->count * sizeof(char *));
  if (!c->filters)
    return -1;
  c->filters[c->count - 1] = strdup(filter);
  return 0;
}
