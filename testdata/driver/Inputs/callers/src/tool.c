// Another program of the same database reuses the name loadConfig for a
// function of its own, whose caller goes on whatever it returns. In C the
// name alone does not say which function a call reaches; the declaration's
// parameters do.
struct config;

int loadConfig(struct config *c) {
  (void)c;
  return 1;
}

int toolMain(struct config *c) {
  loadConfig(c);
  for (;;) {
  }
}
