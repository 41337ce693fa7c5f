// RUN: %check_leakguard %s leak-uncancelled-wait %t

/* Stop signals and ways out found by data flow, in C: a flag is a stop
   signal when another function writes it; a counter meeting its bound is
   not; a thread nobody joins or cancels is not asked to stop. */

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <unistd.h>

struct pool {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  int pending;      /* stepped by the producers: a counter */
  int shutdown;     /* written by pool_stop(): a stop signal */
  pthread_t threads[4];
};

void pool_push(struct pool *p) {
  pthread_mutex_lock(&p->lock);
  p->pending++;
  pthread_cond_signal(&p->cond);
  pthread_mutex_unlock(&p->lock);
}

/* F: the stop flag is checked inside the predicate loop, before each wait;
   the stop path sets it under the lock and broadcasts. */
void *no_warn_flag_checked_before_each_wait(void *arg) {
  struct pool *p = arg;
  for (;;) {
    pthread_mutex_lock(&p->lock);
    while (p->pending == 0) {
      if (p->shutdown) {
        pthread_mutex_unlock(&p->lock);
        return NULL;
      }
      pthread_cond_wait(&p->cond, &p->lock);
    }
    p->pending--;
    pthread_mutex_unlock(&p->lock);
  }
}

/* The bug beside it: the predicate loop cannot see the stop. */
void *warn_flag_checked_between_waits_only(void *arg) {
  struct pool *p = arg;
  while (!p->shutdown) {
    pthread_mutex_lock(&p->lock);
    while (p->pending == 0)
      pthread_cond_wait(&p->cond, &p->lock);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: wait loop condition never checks a stop signal; 'pthread_cond_wait' can block forever once the stop path has run [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: wait loop condition never checks a stop signal; 'pthread_cond_wait' can block forever once the stop path has run
      // CHECK-NOTES: :[[@LINE-6]]:3: note: the loop checks a stop signal here, but only between waits
    p->pending--;
    pthread_mutex_unlock(&p->lock);
  }
  return NULL;
}

void pool_stop(struct pool *p) {
  pthread_mutex_lock(&p->lock);
  p->shutdown = 1;
  pthread_cond_broadcast(&p->cond);
  pthread_mutex_unlock(&p->lock);
  for (int i = 0; i < 4; i++)
    pthread_join(p->threads[i], NULL);
}

/* D: a drain bounded by a job counter is finite, whatever its name. */
struct jobs {
  pthread_mutex_t lock;
  pthread_cond_t done_cond;
  unsigned doneJobID, nextJobID;
  unsigned consumed[8], size[8];
};

void no_warn_wait_for_all_jobs(struct jobs *j) {
  while (j->doneJobID < j->nextJobID) {
    unsigned id = j->doneJobID & 7;
    pthread_mutex_lock(&j->lock);
    while (j->consumed[id] < j->size[id])
      pthread_cond_wait(&j->done_cond, &j->lock);
    pthread_mutex_unlock(&j->lock);
    j->doneJobID++;
  }
}

/* D: a local flag only the loop writes does not make the loop long-lived. */
void no_warn_copy_until_done(int in, int out) {
  char buf[256];
  int done = 0;
  while (!done) {
    ssize_t n = read(in, buf, sizeof buf);
    if (n <= 0)
      done = 1;
    else
      write(out, buf, n);
  }
}

/* G: a worker stopped with pthread_cancel + pthread_join; the wait is a
   cancellation point. */
struct queue {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  int n;
  pthread_t worker;
  int stopping;
};

void *no_warn_cancelled_worker(void *arg) {
  struct queue *q = arg;
  pthread_mutex_lock(&q->lock);
  while (!q->stopping) {
    if (q->n == 0) {
      pthread_cond_wait(&q->cond, &q->lock);
      continue;
    }
    q->n--;
  }
  pthread_mutex_unlock(&q->lock);
  return NULL;
}

void queue_start(struct queue *q) {
  pthread_create(&q->worker, NULL, no_warn_cancelled_worker, q);
}

void queue_stop(struct queue *q) {
  q->stopping = 1;
  pthread_cancel(q->worker);
  pthread_join(q->worker, NULL);
}

/* A daemon that lives as long as the process: nothing stops or joins it. */
static pthread_mutex_t io_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t io_cond = PTHREAD_COND_INITIALIZER;
static void *io_queue;

void *no_warn_process_lifetime_worker(void *arg) {
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&io_lock);
    if (io_queue == NULL)
      pthread_cond_wait(&io_cond, &io_lock);
    io_queue = NULL;
    pthread_mutex_unlock(&io_lock);
  }
  return NULL;
}

/* The wait in the else branch of the work test: the test is its predicate. */
static int compacting;
int find_work(void);

void *no_warn_wait_when_no_work(void *arg) {
  (void)arg;
  pthread_mutex_lock(&io_lock);
  for (;;) {
    if (!compacting && find_work())
      compacting = 1;
    else
      pthread_cond_wait(&io_cond, &io_lock);
    compacting = 0;
  }
  return NULL;
}

void io_start(void) {
  pthread_t t;
  pthread_create(&t, NULL, no_warn_process_lifetime_worker, NULL);
  pthread_create(&t, NULL, no_warn_wait_when_no_work, NULL);
}

/* A start-up handshake: the new thread signals first thing, and cannot
   before the wait releases the mutex. */
static pthread_mutex_t start_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t start_cond = PTHREAD_COND_INITIALIZER;
static pthread_t crawler;

void *crawler_main(void *arg) {
  pthread_mutex_lock(&start_lock);
  pthread_cond_signal(&start_cond);
  pthread_mutex_unlock(&start_lock);
  return arg;
}

int no_warn_startup_handshake(void) {
  pthread_mutex_lock(&start_lock);
  if (pthread_create(&crawler, NULL, crawler_main, NULL) != 0) {
    pthread_mutex_unlock(&start_lock);
    return -1;
  }
  pthread_cond_wait(&start_cond, &start_lock);
  pthread_mutex_unlock(&start_lock);
  return 0;
}

int warn_no_handshake(void) {
  pthread_mutex_lock(&start_lock);
  pthread_cond_wait(&start_cond, &start_lock);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'pthread_cond_wait' has no predicate and no stop condition; the thread can block forever [leak-uncancelled-wait]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: 'pthread_cond_wait' has no predicate and no stop condition; the thread can block forever
  // CHECK-NOTES: :[[@LINE-3]]:3: note: wait with a predicate that also checks a stop flag, or pass a std::stop_token to condition_variable_any::wait
  pthread_mutex_unlock(&start_lock);
  return 0;
}

/* A read only once poll() said the descriptor is readable; a read retried
   while it fails with EINTR. */
static volatile int watcher_stopped;

void *no_warn_read_after_poll(void *arg) {
  int fd = *(int *)arg;
  char buf[64];
  while (!watcher_stopped) {
    struct pollfd pfd = {fd, POLLIN, 0};
    if (poll(&pfd, 1, 200) == 1)
      read(fd, buf, sizeof buf);
  }
  return NULL;
}

void *warn_read_without_readiness(void *arg) {
  int fd = *(int *)arg;
  char buf[64];
  while (!watcher_stopped)
    read(fd, buf, sizeof buf);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'read' blocks without a timeout inside a long-lived loop; a stop request cannot interrupt it [leak-uncancelled-wait]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: 'read' blocks without a timeout inside a long-lived loop; a stop request cannot interrupt it
    // CHECK-NOTES: :[[@LINE-4]]:3: note: the loop checks a stop signal here, but only between waits
  return NULL;
}

ssize_t no_warn_eintr_retry(int fd, char *buf, size_t n) {
  ssize_t got;
  do {
    got = read(fd, buf, n);
  } while (got < 0 && errno == EINTR && !watcher_stopped);
  return got;
}

void stop_watcher(void) { watcher_stopped = 1; }
