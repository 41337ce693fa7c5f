// Subcommands reached through a table of function pointers. The
// dispatcher exits with a subcommand's result, so a subcommand's failure
// return ends the program: nothing leaks. An event handler reached through
// a table whose caller goes on after a failure still leaks.
#include <stdlib.h>
#include <string.h>

int toolList(int argc, char **argv) {
  char *buf = malloc(16);
  if (!buf)
    return 1;
  if (argc > 3 && argv[3][0] == '-')
    return 1;
  free(buf);
  return 0;
}

int toolShow(int argc, char **argv) { return argc > 1 && argv[1] ? 0 : 1; }

// A subcommand only this file names: the same.
static int toolCount(int argc, char **argv) {
  char *buf = malloc(8);
  if (!buf)
    return 1;
  if (argc > 5 && argv[5][0] == '-')
    return 1;
  free(buf);
  return 0;
}

struct Tool {
  const char *Name;
  int (*Run)(int, char **);
};
static const struct Tool Tools[] = {
    {"list", toolList}, {"show", toolShow}, {"count", toolCount}};

void runTool(const char *name, int argc, char **argv) {
  for (unsigned i = 0; i < sizeof Tools / sizeof Tools[0]; i++)
    if (strcmp(Tools[i].Name, name) == 0)
      exit(Tools[i].Run(argc, argv));
}

int onEvent(int code) {
  char *buf = malloc(16);
  if (!buf)
    return 1;
  if (code < 0)
    return 1;
  free(buf);
  return 0;
}

int (*const Handlers[])(int) = {onEvent};

void pump(int (*next)(void)) {
  for (;;)
    Handlers[0](next());
}
