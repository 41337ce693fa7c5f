#include <stdio.h>
void sinkDefinedTwice(char *Data) { puts(Data); }
