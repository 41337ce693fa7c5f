#include <stdio.h>

int firstChar(const char *Path) {
  FILE *F = fopen(Path, "r");
  if (!F)
    return -1;
  int C = fgetc(F);
  if (C == EOF)
    return -1;
  fclose(F);
  return C;
}
