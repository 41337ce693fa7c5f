/* Mock <sys/mman.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_SYS_MMAN_H
#define LG_MOCK_SYS_MMAN_H

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

#define PROT_NONE 0x0
#define PROT_READ 0x1
#define PROT_WRITE 0x2
#define PROT_EXEC 0x4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20
#define MAP_ANON MAP_ANONYMOUS
#define MAP_POPULATE 0x08000
#define MAP_FAILED ((void *)-1)
#define MS_ASYNC 1
#define MS_SYNC 4
#define MFD_CLOEXEC 0x0001U
#define MFD_ALLOW_SEALING 0x0002U

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset) __LG_NOTHROW;
int munmap(void *addr, size_t len) __LG_NOTHROW;
int mprotect(void *addr, size_t len, int prot) __LG_NOTHROW;
int msync(void *addr, size_t len, int flags);
void *mremap(void *addr, size_t old_len, size_t new_len, int flags, ...) __LG_NOTHROW;
int mlock(const void *addr, size_t len) __LG_NOTHROW;
int munlock(const void *addr, size_t len) __LG_NOTHROW;
int madvise(void *addr, size_t len, int advice) __LG_NOTHROW;
int memfd_create(const char *name, unsigned int flags) __LG_NOTHROW;
int shm_open(const char *name, int oflag, mode_t mode);
int shm_unlink(const char *name);

#ifdef __cplusplus
}
#endif

#endif
