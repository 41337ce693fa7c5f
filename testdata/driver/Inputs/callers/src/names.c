// Functions whose error paths forget a buffer. Whether that matters depends
// on their callers, in main.c: a caller that exits on the failure value
// loses nothing; one that goes on leaks on every failure.
#include <stdio.h>
#include <stdlib.h>

// main() exits when this returns NULL.
char *loadName(const char *path) {
  char *buf = malloc(64);
  if (!buf)
    return NULL;
  FILE *f = fopen(path, "r");
  if (!f)
    return NULL;
  if (!fgets(buf, 64, f)) {
    fclose(f);
    free(buf);
    return NULL;
  }
  fclose(f);
  return buf;
}

// The same shape, but serve() retries after a failure.
char *reloadName(const char *path) {
  char *buf = malloc(64);
  if (!buf)
    return NULL;
  FILE *f = fopen(path, "r");
  if (!f)
    return NULL;
  fclose(f);
  return buf;
}

// The same shape, called through a table: its callers are not known.
char *tableName(const char *path) {
  char *buf = malloc(64);
  if (!buf)
    return NULL;
  FILE *f = fopen(path, "r");
  if (!f)
    return NULL;
  fclose(f);
  return buf;
}

char *(*const NameLoaders[])(const char *) = {tableName};
