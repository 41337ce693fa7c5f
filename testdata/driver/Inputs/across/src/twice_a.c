// One of two definitions of sinkDefinedTwice (two programs' sources in one
// database): which one a caller reaches is unknown.
#include <stdlib.h>
void sinkDefinedTwice(char *Data) { free(Data); }
