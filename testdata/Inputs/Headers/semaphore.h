/* Mock <semaphore.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_SEMAPHORE_H
#define LG_MOCK_SEMAPHORE_H

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

typedef union {
  char __size[32];
  long __align;
} sem_t;
#define SEM_FAILED ((sem_t *)0)

int sem_init(sem_t *sem, int pshared, unsigned int value) __LG_NOTHROW;
int sem_destroy(sem_t *sem) __LG_NOTHROW;
sem_t *sem_open(const char *name, int oflag, ...) __LG_NOTHROW;
int sem_close(sem_t *sem) __LG_NOTHROW;
int sem_unlink(const char *name) __LG_NOTHROW;
int sem_wait(sem_t *sem);
int sem_timedwait(sem_t *sem, const struct timespec *abstime);
int sem_trywait(sem_t *sem) __LG_NOTHROW;
int sem_post(sem_t *sem) __LG_NOTHROW;
int sem_getvalue(sem_t *sem, int *sval) __LG_NOTHROW;

#ifdef __cplusplus
}
#endif

#endif
