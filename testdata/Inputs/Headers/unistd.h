/* Mock <unistd.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_UNISTD_H
#define LG_MOCK_UNISTD_H

#include <stddef.h>
#include <sys/types.h>

#ifndef __LG_NOTHROW
#ifdef __cplusplus
#define __LG_NOTHROW noexcept(true)
#else
#define __LG_NOTHROW
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define STDIN_FILENO 0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2
#ifndef SEEK_SET
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#endif

int close(int fd);
long syscall(long number, ...);
ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pread(int fd, void *buf, size_t n, off_t offset);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset);
int dup(int fd) __LG_NOTHROW;
int dup2(int fd, int fd2) __LG_NOTHROW;
int dup3(int fd, int fd2, int flags) __LG_NOTHROW;
int pipe(int fds[2]) __LG_NOTHROW;
int pipe2(int fds[2], int flags) __LG_NOTHROW;
int unlink(const char *path) __LG_NOTHROW;
int rmdir(const char *path) __LG_NOTHROW;
int usleep(useconds_t usec);
unsigned int sleep(unsigned int seconds);
pid_t getpid(void) __LG_NOTHROW;
pid_t getppid(void) __LG_NOTHROW;
pid_t fork(void) __LG_NOTHROW;
int execv(const char *path, char *const argv[]) __LG_NOTHROW;
int execvp(const char *file, char *const argv[]) __LG_NOTHROW;
__attribute__((__noreturn__)) void _exit(int status);
off_t lseek(int fd, off_t offset, int whence) __LG_NOTHROW;
int fsync(int fd);
int ftruncate(int fd, off_t length) __LG_NOTHROW;
int access(const char *path, int mode) __LG_NOTHROW;
int chdir(const char *path) __LG_NOTHROW;
char *getcwd(char *buf, size_t size) __LG_NOTHROW;
long sysconf(int name) __LG_NOTHROW;

#ifdef __cplusplus
}
#endif

#endif
