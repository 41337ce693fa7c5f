/* Mock <sys/types.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_SYS_TYPES_H
#define LG_MOCK_SYS_TYPES_H

#include <stddef.h>

typedef long ssize_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;
typedef long time_t;
typedef long clock_t;
typedef int clockid_t;
typedef void *timer_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;
typedef unsigned long nlink_t;
typedef long blksize_t;
typedef long blkcnt_t;
typedef long suseconds_t;
typedef unsigned int useconds_t;

/* pthread types (glibc defines them via <sys/types.h> too). */
typedef unsigned long pthread_t;
typedef union {
  char __size[56];
  long __align;
} pthread_attr_t;
typedef union {
  struct {
    int __lock;
    unsigned int __count;
    int __owner;
    unsigned int __nusers;
    int __kind;
    short __spins;
    short __elision;
    void *__prev;
    void *__next;
  } __data;
  char __size[40];
  long __align;
} pthread_mutex_t;
typedef union {
  char __size[4];
  int __align;
} pthread_mutexattr_t;
typedef union {
  struct {
    unsigned long long __wseq;
    unsigned long long __g1_start;
    unsigned int __g_refs[2];
    unsigned int __g_size[2];
    unsigned int __g1_orig_size;
    unsigned int __wrefs;
    unsigned int __g_signals[2];
  } __data;
  char __size[48];
  long long __align;
} pthread_cond_t;
typedef union {
  char __size[4];
  int __align;
} pthread_condattr_t;
typedef union {
  char __size[56];
  long __align;
} pthread_rwlock_t;
typedef unsigned int pthread_key_t;
typedef int pthread_once_t;

#endif
