struct Pair {
  char *First;
  char *Second;
};
void sinkPairBorrows(struct Pair P);
void sinkPairFrees(struct Pair P);
