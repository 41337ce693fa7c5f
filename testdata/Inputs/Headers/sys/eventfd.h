/* Mock <sys/eventfd.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_SYS_EVENTFD_H
#define LG_MOCK_SYS_EVENTFD_H

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

typedef uint64_t eventfd_t;
#define EFD_SEMAPHORE 00000001
#define EFD_CLOEXEC 02000000
#define EFD_NONBLOCK 00004000

int eventfd(unsigned int count, int flags) __LG_NOTHROW;
int eventfd_read(int fd, eventfd_t *value);
int eventfd_write(int fd, eventfd_t value);

#ifdef __cplusplus
}
#endif

#endif
