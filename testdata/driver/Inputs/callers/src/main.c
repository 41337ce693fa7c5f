#include <stdio.h>
#include <stdlib.h>
#include "config.h"

char *loadName(const char *path);
char *reloadName(const char *path);

struct settings {
  char *name;
};
struct settings Settings;

// A helper only this file calls: main() exits when it fails.
static char *readLine(const char *path) {
  char *line = malloc(128);
  if (!line)
    return NULL;
  FILE *f = fopen(path, "r");
  if (!f)
    return NULL;
  fclose(f);
  return line;
}

static void serve(const char *path) {
  for (int i = 0; i < 100; i++) {
    char *name = reloadName(path);
    if (!name) {
      fprintf(stderr, "retrying\n");
      continue;
    }
    puts(name);
    free(name);
  }
}

int main(int argc, char **argv) {
  struct config c = {0, NULL, NULL};
  int rc = loadConfig(&c, argc, argv);
  if (rc) {
    if (rc == 2)
      puts("usage");
    else
      fprintf(stderr, "bad options\n");
    goto cleanup;
  }
  Settings.name = loadName(argv[1]);
  if (Settings.name == NULL) {
    fprintf(stderr, "no name\n");
    exit(1);
  }
  char *line = readLine(argv[2]);
  if (!line)
    return 1;
  if (addFilter(&c, line) != 0)
    fprintf(stderr, "filter ignored\n");
  serve(argv[2]);
  free(line);
cleanup:
  free(c.topics);
  free(c.filters);
  return rc;
}
