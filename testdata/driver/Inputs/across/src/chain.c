// Sinks that hand the buffer on to sinks of lib.c: the fate of the
// parameter is decided at the end of the chain.
void sinkBorrows(char *Data);
void sinkFrees(char *Data);

void sinkForwardsToFree(char *Data) { sinkFrees(Data); }
void sinkForwardsToPrint(char *Data) { sinkBorrows(Data); }
