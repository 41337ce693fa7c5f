/* Mock <sys/inotify.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_SYS_INOTIFY_H
#define LG_MOCK_SYS_INOTIFY_H

#include <stdint.h>

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

#define IN_CLOEXEC 02000000
#define IN_NONBLOCK 00004000
#define IN_MODIFY 0x00000002
#define IN_CREATE 0x00000100
#define IN_DELETE 0x00000200
struct inotify_event {
  int wd;
  uint32_t mask;
  uint32_t cookie;
  uint32_t len;
  char name[];
};

int inotify_init(void) __LG_NOTHROW;
int inotify_init1(int flags) __LG_NOTHROW;
int inotify_add_watch(int fd, const char *name, uint32_t mask) __LG_NOTHROW;
int inotify_rm_watch(int fd, int wd) __LG_NOTHROW;

#ifdef __cplusplus
}
#endif

#endif
