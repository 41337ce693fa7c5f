/* Mock <sys/signalfd.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_SYS_SIGNALFD_H
#define LG_MOCK_SYS_SIGNALFD_H

#include <signal.h>
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

#define SFD_CLOEXEC 02000000
#define SFD_NONBLOCK 00004000
struct signalfd_siginfo {
  uint32_t ssi_signo;
  int32_t ssi_errno;
  int32_t ssi_code;
  uint32_t ssi_pid;
  uint8_t __pad[116];
};

int signalfd(int fd, const sigset_t *mask, int flags) __LG_NOTHROW;

#ifdef __cplusplus
}
#endif

#endif
