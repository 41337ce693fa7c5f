/* Keeps the C/POSIX mock headers in Inputs/Headers valid C: includes each of
   them and exercises the APIs LeakGuard's C tests rely on. */
// RUN: %clang_cc -fsyntax-only -x c -std=c11 -Wall -Wextra -Werror -isystem %S/Inputs/Headers %s
// RUN: %clang_cc -fsyntax-only -x c -std=gnu99 -isystem %S/Inputs/Headers %s

#include <alloca.h>
#include <arpa/inet.h>
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <limits.h>

static pthread_mutex_t Lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t Cond = PTHREAD_COND_INITIALIZER;
static int Ready;

static void *worker(void *Arg) {
  pthread_mutex_lock(&Lock);
  while (!Ready)
    pthread_cond_wait(&Cond, &Lock);
  pthread_mutex_unlock(&Lock);
  return Arg;
}

static void on_timer(union sigval V) { (void)V; }

int serve(unsigned short Port) {
  int S = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (S < 0)
    return -1;
  int One = 1;
  setsockopt(S, SOL_SOCKET, SO_REUSEADDR, &One, sizeof One);
  struct sockaddr_in Addr;
  memset(&Addr, 0, sizeof Addr);
  Addr.sin_family = AF_INET;
  Addr.sin_port = htons(Port);
  Addr.sin_addr.s_addr = htonl(INADDR_ANY);
  if (bind(S, (struct sockaddr *)&Addr, sizeof Addr) < 0 || listen(S, SOMAXCONN) < 0) {
    close(S);
    return -1;
  }
  socklen_t Len = sizeof Addr;
  int C = accept4(S, (struct sockaddr *)&Addr, &Len, SOCK_NONBLOCK);
  char Buf[64];
  ssize_t N = recv(C, Buf, sizeof Buf, 0);
  if (N > 0)
    send(C, Buf, (size_t)N, MSG_NOSIGNAL);
  shutdown(C, SHUT_RDWR);
  close(C);
  close(S);
  return 0;
}

int main(void) {
  pthread_t T;
  if (pthread_create(&T, NULL, worker, NULL) != 0)
    return 1;
  pthread_mutex_lock(&Lock);
  Ready = 1;
  pthread_cond_broadcast(&Cond);
  pthread_mutex_unlock(&Lock);
  pthread_join(T, NULL);

  int Fd = open("/tmp/x", O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  struct stat St;
  if (Fd < 0 || fstat(Fd, &St) != 0)
    return errno == ENOENT;
  void *P = mmap(NULL, (size_t)St.st_size, PROT_READ, MAP_PRIVATE, Fd, 0);
  if (P != MAP_FAILED)
    munmap(P, (size_t)St.st_size);
  close(Fd);

  int Ep = epoll_create1(EPOLL_CLOEXEC);
  int Ev = eventfd(0, EFD_NONBLOCK);
  struct epoll_event E;
  E.events = EPOLLIN;
  E.data.fd = Ev;
  epoll_ctl(Ep, EPOLL_CTL_ADD, Ev, &E);
  epoll_wait(Ep, &E, 1, 0);
  int Tf = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
  struct itimerspec Its = {{0, 0}, {1, 0}};
  timerfd_settime(Tf, 0, &Its, NULL);
  sigset_t Mask;
  sigemptyset(&Mask);
  sigaddset(&Mask, SIGTERM);
  int Sf = signalfd(-1, &Mask, SFD_CLOEXEC);
  int In = inotify_init1(IN_NONBLOCK);
  int Mf = memfd_create("x", MFD_CLOEXEC);
  int Pipe[2];
  pipe2(Pipe, O_CLOEXEC);
  int D = dup(Pipe[0]);
  close(D); close(Pipe[0]); close(Pipe[1]); close(Mf); close(In); close(Sf); close(Tf); close(Ev); close(Ep);

  timer_t Timer;
  struct sigevent Sev;
  memset(&Sev, 0, sizeof Sev);
  Sev.sigev_notify = SIGEV_THREAD;
  Sev.sigev_notify_function = on_timer;
  timer_create(CLOCK_MONOTONIC, &Sev, &Timer);
  timer_settime(Timer, 0, &Its, NULL);
  timer_delete(Timer);
  struct timespec Ts;
  clock_gettime(CLOCK_MONOTONIC, &Ts);
  nanosleep(&Ts, NULL);

  FILE *F = fopen("/tmp/y", "w");
  if (!F)
    return 1;
  fprintf(F, "%d\n", 1);
  fflush(F);
  fclose(F);
  FILE *Pp = popen("ls", "r");
  pclose(Pp);
  FILE *Tmp = tmpfile();
  fclose(Tmp);
  char *S = strdup("abc");
  char *S2 = strndup(S, 2);
  free(S2);
  free(S);
  void *M = malloc(10), *Z = calloc(1, 2);
  M = realloc(M, 20);
  free(M); free(Z);
  char *A = alloca(16);
  snprintf(A, 16, "%s", getenv("HOME"));
  DIR *Dir = opendir("/");
  struct dirent *De;
  while (Dir && (De = readdir(Dir)))
    printf("%s\n", De->d_name);
  if (Dir)
    closedir(Dir);
  void *H = dlopen("libm.so", RTLD_NOW | RTLD_LOCAL);
  if (H) {
    (void)dlsym(H, "cos");
    dlclose(H);
  }
  sem_t Sem;
  sem_init(&Sem, 0, 1);
  sem_wait(&Sem);
  sem_timedwait(&Sem, &Ts);
  sem_post(&Sem);
  sem_destroy(&Sem);
  pthread_detach(pthread_self());
  usleep(10); sleep(0);
  uint64_t X = UINT64_MAX; size_t Sz = SIZE_MAX; bool B = true; (void)X; (void)Sz; (void)B;
  (void)INT_MAX;
  return serve(8080) + (int)getpid() * 0 + (int)lseek(0, 0, SEEK_SET) * 0 + unlink("/tmp/y") * 0;
}
