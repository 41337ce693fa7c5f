// Does not compile: its function stays unknown to the other units.
void sinkInBrokenUnit(char *Data) { undeclared(Data); }
