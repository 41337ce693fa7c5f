#include "util.h"

int readConfig(const char *Path) {
  int Fd = open(Path, O_RDONLY);
  if (Fd < 0)
    return -1;
  char Buf[16];
  if (read(Fd, Buf, sizeof(Buf)) < 0)
    return -1;
  close(Fd);
  return 0;
}

int closesOnEveryPath(const char *Path) {
  int Fd = open(Path, O_RDONLY);
  if (Fd < 0)
    return -1;
  close(Fd);
  return 0;
}
