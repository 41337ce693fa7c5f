/* Mock <dirent.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_DIRENT_H
#define LG_MOCK_DIRENT_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct __dirstream DIR;
struct dirent {
  ino_t d_ino;
  off_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[256];
};
#define DT_UNKNOWN 0
#define DT_DIR 4
#define DT_REG 8

DIR *opendir(const char *name);
DIR *fdopendir(int fd);
int closedir(DIR *dirp);
struct dirent *readdir(DIR *dirp);
void rewinddir(DIR *dirp);
int dirfd(DIR *dirp);

#ifdef __cplusplus
}
#endif

#endif
