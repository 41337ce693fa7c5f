// Functions the other units call: sinks, sources, a fatal helper, constants.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

const int GLOBAL_CONST_TRUE = 1;
const int GLOBAL_CONST_FALSE = 0;

static int SavedFd = -1;

void sinkBorrows(char *Data) { printf("%s\n", Data); }
void sinkFrees(char *Data) { free(Data); }
void sinkForwardsToFree(char *Data);
void sinkForwardsToPrint(char *Data);

char *makeBuffer(size_t N) {
  char *B = malloc(N);
  if (!B)
    return NULL;
  B[0] = 0;
  return B;
}

int openLog(const char *Path) { return open(Path, O_WRONLY | O_APPEND); }
void keepLogFd(int Fd) { SavedFd = Fd; }
void writeLog(int Fd, const char *Text) { (void)write(Fd, Text, 1); }

void fatal(const char *Message) {
  fprintf(stderr, "%s\n", Message);
  exit(1);
}

int featureEnabled(void) { return 1; }

int GlobalFive = 5;   // Never written: a constant of the project.
int GlobalVerbose = 0; // Written by main.c's setVerbose.
