/* Mock <pthread.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_PTHREAD_H
#define LG_MOCK_PTHREAD_H

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

#define PTHREAD_MUTEX_INITIALIZER {{0, 0, 0, 0, 0, 0, 0, 0, 0}}
#define PTHREAD_COND_INITIALIZER {{0, 0, {0, 0}, {0, 0}, 0, 0, {0, 0}}}
#define PTHREAD_ONCE_INIT 0
#define PTHREAD_CREATE_JOINABLE 0
#define PTHREAD_CREATE_DETACHED 1
#define PTHREAD_MUTEX_NORMAL 0
#define PTHREAD_MUTEX_RECURSIVE 1
#define PTHREAD_CANCEL_ENABLE 0
#define PTHREAD_CANCEL_DISABLE 1
#define PTHREAD_CANCELED ((void *)-1)

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start_routine)(void *), void *arg) __LG_NOTHROW;
int pthread_join(pthread_t thread, void **retval);
int pthread_tryjoin_np(pthread_t thread, void **retval) __LG_NOTHROW;
int pthread_timedjoin_np(pthread_t thread, void **retval, const struct timespec *abstime);
int pthread_detach(pthread_t thread) __LG_NOTHROW;
__attribute__((__noreturn__)) void pthread_exit(void *retval);
pthread_t pthread_self(void) __LG_NOTHROW __attribute__((__const__));
int pthread_equal(pthread_t a, pthread_t b) __LG_NOTHROW;
int pthread_cancel(pthread_t thread);
int pthread_setcancelstate(int state, int *oldstate);
void pthread_testcancel(void);
int pthread_kill(pthread_t thread, int sig) __LG_NOTHROW;
int pthread_setname_np(pthread_t thread, const char *name) __LG_NOTHROW;

int pthread_attr_init(pthread_attr_t *attr) __LG_NOTHROW;
int pthread_attr_destroy(pthread_attr_t *attr) __LG_NOTHROW;
int pthread_attr_setdetachstate(pthread_attr_t *attr, int detachstate) __LG_NOTHROW;
int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *detachstate) __LG_NOTHROW;
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t stacksize) __LG_NOTHROW;

int pthread_mutex_init(pthread_mutex_t *mutex, const pthread_mutexattr_t *attr) __LG_NOTHROW;
int pthread_mutex_destroy(pthread_mutex_t *mutex) __LG_NOTHROW;
int pthread_mutex_lock(pthread_mutex_t *mutex) __LG_NOTHROW;
int pthread_mutex_trylock(pthread_mutex_t *mutex) __LG_NOTHROW;
int pthread_mutex_timedlock(pthread_mutex_t *mutex, const struct timespec *abstime) __LG_NOTHROW;
int pthread_mutex_unlock(pthread_mutex_t *mutex) __LG_NOTHROW;
int pthread_mutexattr_init(pthread_mutexattr_t *attr) __LG_NOTHROW;
int pthread_mutexattr_destroy(pthread_mutexattr_t *attr) __LG_NOTHROW;
int pthread_mutexattr_settype(pthread_mutexattr_t *attr, int kind) __LG_NOTHROW;

int pthread_cond_init(pthread_cond_t *cond, const pthread_condattr_t *attr) __LG_NOTHROW;
int pthread_cond_destroy(pthread_cond_t *cond) __LG_NOTHROW;
int pthread_cond_signal(pthread_cond_t *cond) __LG_NOTHROW;
int pthread_cond_broadcast(pthread_cond_t *cond) __LG_NOTHROW;
int pthread_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex);
int pthread_cond_timedwait(pthread_cond_t *cond, pthread_mutex_t *mutex, const struct timespec *abstime);
int pthread_condattr_init(pthread_condattr_t *attr) __LG_NOTHROW;
int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock_id) __LG_NOTHROW;
int pthread_condattr_destroy(pthread_condattr_t *attr) __LG_NOTHROW;

int pthread_rwlock_init(pthread_rwlock_t *rwlock, const void *attr) __LG_NOTHROW;
int pthread_rwlock_destroy(pthread_rwlock_t *rwlock) __LG_NOTHROW;
int pthread_rwlock_rdlock(pthread_rwlock_t *rwlock) __LG_NOTHROW;
int pthread_rwlock_wrlock(pthread_rwlock_t *rwlock) __LG_NOTHROW;
int pthread_rwlock_unlock(pthread_rwlock_t *rwlock) __LG_NOTHROW;

int pthread_once(pthread_once_t *once_control, void (*init_routine)(void));
int pthread_key_create(pthread_key_t *key, void (*destructor)(void *)) __LG_NOTHROW;
int pthread_key_delete(pthread_key_t key) __LG_NOTHROW;
void *pthread_getspecific(pthread_key_t key) __LG_NOTHROW;
int pthread_setspecific(pthread_key_t key, const void *value) __LG_NOTHROW;

#ifdef __cplusplus
}
#endif

#endif
