// Descriptors tested with the project's validity test of another file.
#include <sys/socket.h>
#include <unistd.h>

int isValidHandle(int fd);

int acceptOne(int listener) {
  int fd = accept(listener, 0, 0);
  if (!isValidHandle(fd))
    return -1;
  char byte = 0;
  long n = read(fd, &byte, 1);
  close(fd);
  return (int)n;
}

int acceptAndForget(int listener) {
  int fd = accept(listener, 0, 0);
  if (!isValidHandle(fd))
    return -1;
  char byte = 0;
  if (read(fd, &byte, 1) <= 0)
    return -1;
  close(fd);
  return byte;
}
