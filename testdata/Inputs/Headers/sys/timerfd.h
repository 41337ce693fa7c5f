/* Mock <sys/timerfd.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_SYS_TIMERFD_H
#define LG_MOCK_SYS_TIMERFD_H

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

#define TFD_CLOEXEC 02000000
#define TFD_NONBLOCK 00004000
#define TFD_TIMER_ABSTIME 1

int timerfd_create(clockid_t clock_id, int flags) __LG_NOTHROW;
int timerfd_settime(int fd, int flags, const struct itimerspec *value, struct itimerspec *ovalue) __LG_NOTHROW;
int timerfd_gettime(int fd, struct itimerspec *value) __LG_NOTHROW;

#ifdef __cplusplus
}
#endif

#endif
