#include <fcntl.h>
#include <unistd.h>

int closesOnEveryPath(const char *Path) {
  int Fd = open(Path, O_RDONLY);
  if (Fd < 0)
    return -1;
  close(Fd);
  return 0;
}
