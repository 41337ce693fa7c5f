/* Mock <signal.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_SIGNAL_H
#define LG_MOCK_SIGNAL_H

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

typedef int sig_atomic_t;
typedef struct {
  unsigned long __val[16];
} sigset_t;
union sigval {
  int sival_int;
  void *sival_ptr;
};
struct sigevent {
  union sigval sigev_value;
  int sigev_signo;
  int sigev_notify;
  void (*sigev_notify_function)(union sigval);
  pthread_attr_t *sigev_notify_attributes;
};
typedef struct {
  int si_signo;
  int si_errno;
  int si_code;
  pid_t si_pid;
  uid_t si_uid;
  union sigval si_value;
} siginfo_t;
typedef void (*sighandler_t)(int);
struct sigaction {
  void (*sa_handler)(int);
  void (*sa_sigaction)(int, siginfo_t *, void *);
  sigset_t sa_mask;
  int sa_flags;
};

#define SIGEV_SIGNAL 0
#define SIGEV_NONE 1
#define SIGEV_THREAD 2
#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGABRT 6
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGCHLD 17
#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2
#define SIG_DFL ((sighandler_t)0)
#define SIG_IGN ((sighandler_t)1)
#define SIG_ERR ((sighandler_t)-1)
#define SA_RESTART 0x10000000
#define SA_SIGINFO 4

sighandler_t signal(int sig, sighandler_t handler) __LG_NOTHROW;
int raise(int sig) __LG_NOTHROW;
int kill(pid_t pid, int sig) __LG_NOTHROW;
int sigaction(int sig, const struct sigaction *act, struct sigaction *oact) __LG_NOTHROW;
int sigemptyset(sigset_t *set) __LG_NOTHROW;
int sigfillset(sigset_t *set) __LG_NOTHROW;
int sigaddset(sigset_t *set, int sig) __LG_NOTHROW;
int sigprocmask(int how, const sigset_t *set, sigset_t *oset) __LG_NOTHROW;
int pthread_sigmask(int how, const sigset_t *set, sigset_t *oset) __LG_NOTHROW;
int sigwait(const sigset_t *set, int *sig);

#ifdef __cplusplus
}
#endif

#endif
