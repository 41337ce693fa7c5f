#include <stdio.h>
#include <stdlib.h>

char *readAll(const char *Path);

int main(int argc, char **argv) {
  for (int I = 1; I < argc; ++I) {
    char *Text = readAll(argv[I]);
    if (Text)
      puts(Text);
    free(Text);
  }
  return 0;
}
