// Sinks that hand the buffer on to sinks of lib.c: the fate of the
// parameter is decided at the end of the chain.
void sinkBorrows(char *Data);
void sinkFrees(char *Data);

void sinkForwardsToFree(char *Data) { sinkFrees(Data); }
void sinkForwardsToPrint(char *Data) { sinkBorrows(Data); }

// Frees what the array it is given points to.
#include <stdlib.h>
void sinkArray(char **Array) { free(Array[0]); }

// Given the handle's address: one only reads it, one frees it.
int puts(const char *);
void sinkByAddress(char **DataPtr) {
  char *Data = *DataPtr;
  puts(Data);
}
void sinkByAddressFrees(char **DataPtr) { free(*DataPtr); }
void printsArray(char **Array) { puts(Array[0]); }

// Given a struct carrying the handle by value.
#include "pair.h"
void sinkPairBorrows(struct Pair P) {
  char *Data = P.First;
  puts(Data);
}
void sinkPairFrees(struct Pair P) { free(P.First); }
