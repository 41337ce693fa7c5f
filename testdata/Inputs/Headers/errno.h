/* Mock <errno.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_ERRNO_H
#define LG_MOCK_ERRNO_H

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
int *__errno_location(void) __LG_NOTHROW __attribute__((__const__));
#ifdef __cplusplus
}
#endif
#define errno (*__errno_location())

#define EPERM 1
#define ENOENT 2
#define EINTR 4
#define EIO 5
#define EBADF 9
#define EAGAIN 11
#define EWOULDBLOCK EAGAIN
#define ENOMEM 12
#define EACCES 13
#define EEXIST 17
#define EINVAL 22
#define EMFILE 24
#define ENOSPC 28
#define EPIPE 32
#define ETIMEDOUT 110
#define EINPROGRESS 115

#endif
