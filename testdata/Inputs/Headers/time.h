/* Mock <time.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_TIME_H
#define LG_MOCK_TIME_H

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

struct timespec {
  time_t tv_sec;
  long tv_nsec;
};
struct itimerspec {
  struct timespec it_interval;
  struct timespec it_value;
};
struct tm {
  int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year, tm_wday, tm_yday, tm_isdst;
  long tm_gmtoff;
  const char *tm_zone;
};
struct sigevent;

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
#define CLOCK_BOOTTIME 7
#define TIMER_ABSTIME 1
#define CLOCKS_PER_SEC ((clock_t)1000000)

time_t time(time_t *t) __LG_NOTHROW;
clock_t clock(void) __LG_NOTHROW;
double difftime(time_t a, time_t b) __LG_NOTHROW;
struct tm *localtime_r(const time_t *t, struct tm *tp) __LG_NOTHROW;
struct tm *gmtime_r(const time_t *t, struct tm *tp) __LG_NOTHROW;
size_t strftime(char *s, size_t max, const char *format, const struct tm *tp) __LG_NOTHROW;
int clock_gettime(clockid_t clock_id, struct timespec *tp) __LG_NOTHROW;
int clock_getres(clockid_t clock_id, struct timespec *res) __LG_NOTHROW;
int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_nanosleep(clockid_t clock_id, int flags, const struct timespec *req, struct timespec *rem);
int timer_create(clockid_t clock_id, struct sigevent *sevp, timer_t *timerid) __LG_NOTHROW;
int timer_delete(timer_t timerid) __LG_NOTHROW;
int timer_settime(timer_t timerid, int flags, const struct itimerspec *value, struct itimerspec *ovalue) __LG_NOTHROW;
int timer_gettime(timer_t timerid, struct itimerspec *value) __LG_NOTHROW;

#ifdef __cplusplus
}
#endif

#endif
