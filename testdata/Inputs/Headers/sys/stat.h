/* Mock <sys/stat.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_SYS_STAT_H
#define LG_MOCK_SYS_STAT_H

#include <sys/types.h>
#include <time.h>

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

struct stat {
  dev_t st_dev;
  ino_t st_ino;
  nlink_t st_nlink;
  mode_t st_mode;
  uid_t st_uid;
  gid_t st_gid;
  dev_t st_rdev;
  off_t st_size;
  blksize_t st_blksize;
  blkcnt_t st_blocks;
  struct timespec st_atim;
  struct timespec st_mtim;
  struct timespec st_ctim;
};

#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFREG 0100000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_IRUSR 0400
#define S_IWUSR 0200
#define S_IXUSR 0100
#define S_IRWXU 0700

int stat(const char *path, struct stat *buf) __LG_NOTHROW;
int fstat(int fd, struct stat *buf) __LG_NOTHROW;
int lstat(const char *path, struct stat *buf) __LG_NOTHROW;
int mkdir(const char *path, mode_t mode) __LG_NOTHROW;
mode_t umask(mode_t mask) __LG_NOTHROW;

#ifdef __cplusplus
}
#endif

#endif
