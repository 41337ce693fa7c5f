#include <stdio.h>
#include <stdlib.h>

char *readAll(const char *Path) {
  FILE *F = fopen(Path, "r");
  if (!F)
    return NULL;
  char *Buf = malloc(4096);
  if (!Buf)
    return NULL;
  size_t N = fread(Buf, 1, 4095, F);
  Buf[N] = 0;
  fclose(F);
  return Buf;
}
