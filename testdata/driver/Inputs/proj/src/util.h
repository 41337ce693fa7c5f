#pragma once
#include <fcntl.h>
#include <unistd.h>

// Included by both translation units: reported once.
inline int headerLeak(const char *Path) {
  int Fd = open(Path, O_RDONLY);
  if (Fd < 0)
    return -1;
  if (Path[0] == 0)
    return -1;
  close(Fd);
  return 0;
}
