// The project's test of a descriptor, in its own file.
int isValidHandle(int fd) { return fd >= 0; }
