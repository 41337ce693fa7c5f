struct config {
  int count;
  char **topics;
  char **filters;
};
int loadConfig(struct config *c, int argc, char **argv);
int addFilter(struct config *c, const char *filter);
