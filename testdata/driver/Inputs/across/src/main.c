#include <stdlib.h>

void sinkBorrows(char *Data);
void sinkFrees(char *Data);
void sinkForwardsToFree(char *Data);
void sinkForwardsToPrint(char *Data);
void sinkDefinedTwice(char *Data);
void sinkInBrokenUnit(char *Data);
void sinkArray(char **Array);
char *makeBuffer(size_t N);
int openLog(const char *Path);
void keepLogFd(int Fd);
void writeLog(int Fd, const char *Text);
void fatal(const char *Message);
int featureEnabled(void);
extern const int GLOBAL_CONST_TRUE;
extern const int GLOBAL_CONST_FALSE;

void borrowedBySink(void) {
  char *Data = malloc(16);
  if (!Data)
    return;
  sinkBorrows(Data);
}

void freedBySink(void) {
  char *Data = malloc(16);
  if (!Data)
    return;
  sinkFrees(Data);
}

void freedAtTheEndOfAChain(void) {
  char *Data = malloc(16);
  if (!Data)
    return;
  sinkForwardsToFree(Data);
}

void borrowedAlongAChain(void) {
  char *Data = malloc(16);
  if (!Data)
    return;
  sinkForwardsToPrint(Data);
}

void sinkOfTwoDefinitions(void) {
  char *Data = malloc(16);
  if (!Data)
    return;
  sinkDefinedTwice(Data);
}

void sinkOfABrokenUnit(void) {
  char *Data = malloc(16);
  if (!Data)
    return;
  sinkInBrokenUnit(Data);
}

void sourceNotFreed(void) {
  char *Data = makeBuffer(16);
  if (!Data)
    return;
  Data[1] = 'x';
}

void sourceFreed(void) {
  char *Data = makeBuffer(16);
  if (!Data)
    return;
  free(Data);
}

void descriptorNotClosed(void) {
  int Fd = openLog("/tmp/log");
  if (Fd < 0)
    return;
  writeLog(Fd, "x");
}

void descriptorKept(void) {
  int Fd = openLog("/tmp/log");
  if (Fd < 0)
    return;
  keepLogFd(Fd);
}

int fatalDoesNotReturn(int N) {
  char *Data = malloc(16);
  if (!Data)
    return 1;
  if (N > 3) {
    fatal("too large");
    return 2;
  }
  free(Data);
  return 0;
}

void constantOfAnotherUnit(void) {
  char *Data = malloc(16);
  if (!Data)
    return;
  if (GLOBAL_CONST_TRUE)
    free(Data);
}

void constantResultOfAnotherUnit(void) {
  char *Data = malloc(16);
  if (!Data)
    return;
  if (featureEnabled())
    free(Data);
}

void constantFalseOfAnotherUnit(void) {
  char *Data = malloc(16);
  if (!Data)
    return;
  if (GLOBAL_CONST_FALSE)
    free(Data);
}

extern int GlobalFive;
extern int GlobalVerbose;

void setVerbose(void) { GlobalVerbose = 1; }

void globalNobodyWrites(void) {
  char *Data = malloc(16);
  if (!Data)
    return;
  if (GlobalFive == 5)
    free(Data);
}

void globalWrittenElsewhere(void) {
  char *Data = malloc(16);
  if (!Data)
    return;
  if (GlobalVerbose == 0)
    free(Data);
}

void sinkThroughAnArray(void) {
  char *Data = malloc(16);
  char *Array[2];
  if (!Data)
    return;
  Array[0] = Data;
  Array[1] = 0;
  sinkArray(Array);
}

void sinkByAddress(char **DataPtr);
void sinkByAddressFrees(char **DataPtr);
void printsArray(char **Array);

void addressToAReader(void) {
  char *Data = malloc(16);
  if (!Data)
    return;
  sinkByAddress(&Data);
}

void addressToAReleaser(void) {
  char *Data = malloc(16);
  if (!Data)
    return;
  sinkByAddressFrees(&Data);
}

void arrayToAReader(void) {
  char *Data = malloc(16);
  char *Array[2];
  if (!Data)
    return;
  Array[0] = Data;
  Array[1] = 0;
  printsArray(Array);
}

#include "pair.h"

void structToAReader(void) {
  char *Data = malloc(16);
  struct Pair P;
  if (!Data)
    return;
  P.First = Data;
  P.Second = 0;
  sinkPairBorrows(P);
}

void structToAReleaser(void) {
  char *Data = malloc(16);
  struct Pair P;
  if (!Data)
    return;
  P.First = Data;
  P.Second = 0;
  sinkPairFrees(P);
}

struct Pair structReturned(void) {
  char *Data = malloc(16);
  struct Pair P = {0, 0};
  P.First = Data;
  return P;
}
