// RUN: %check_leakguard %s leak-unjoined-thread,leak-uncancelled-wait %t -- -std=c11

/* The thread checks in C: pthread_create with goto cleanup, the "started"
   flag idiom, and waits in worker loops. */

#include <pthread.h>
#include <semaphore.h>
#include <stddef.h>

struct job {
  int id;
};
void *reader_main(void *arg);
int validate(struct job *j);

int warn_goto_skips_join(struct job *j) {
  pthread_t tid;
  int rc = -1;
  if (pthread_create(&tid, NULL, reader_main, j) != 0)
    goto fail;
  if (validate(j) < 0)
    goto fail;
  pthread_join(tid, NULL);
  rc = 0;
fail:
  return rc;
  // CHECK-MESSAGES: :[[@LINE-8]]:7: warning: thread 'tid' started by pthread_create is neither joined nor detached on some path [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-9]]:7: warning: thread 'tid' started by pthread_create is neither joined nor detached on some path
  // CHECK-NOTES: :[[@LINE-3]]:3: note: returns here without joining or detaching 'tid'
  // CHECK-NOTES: :[[@LINE-11]]:7: note: call pthread_join or pthread_detach on every path
}

int no_warn_started_flag(struct job *j) {
  pthread_t tid;
  int started = 0;
  int rc = -1;
  if (pthread_create(&tid, NULL, reader_main, j) == 0)
    started = 1;
  else
    goto out;
  if (validate(j) < 0)
    goto out;
  rc = 0;
out:
  if (started)
    pthread_join(tid, NULL);
  return rc;
}

int warn_flag_cleared(struct job *j) {
  pthread_t tid;
  int started = 0;
  if (pthread_create(&tid, NULL, reader_main, j) == 0)
    started = 1;
  if (validate(j) < 0)
    started = 0;
  if (started)
    pthread_join(tid, NULL);
  return 0;
  // CHECK-MESSAGES: :[[@LINE-7]]:7: warning: thread 'tid' started by pthread_create is neither joined nor detached on some path [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-8]]:7: warning: thread 'tid' started by pthread_create is neither joined nor detached on some path
  // CHECK-NOTES: :[[@LINE-3]]:3: note: returns here without joining or detaching 'tid'
  // CHECK-NOTES: :[[@LINE-10]]:7: note: call pthread_join or pthread_detach on every path
}

int no_warn_detached(struct job *j) {
  pthread_t tid;
  if (pthread_create(&tid, NULL, reader_main, j) != 0)
    return -1;
  pthread_detach(tid);
  return 0;
}

struct pool {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  int count;
  int shutdown;
  sem_t ready;
};

/* The stop path: sets the flag under the lock and wakes the workers. */
void pool_stop(struct pool *p) {
  pthread_mutex_lock(&p->lock);
  p->shutdown = 1;
  pthread_cond_broadcast(&p->cond);
  pthread_mutex_unlock(&p->lock);
}

void *warn_worker_ignores_shutdown(void *arg) {
  struct pool *p = arg;
  while (!p->shutdown) {
    pthread_mutex_lock(&p->lock);
    while (p->count == 0)
      pthread_cond_wait(&p->cond, &p->lock);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: wait loop condition never checks a stop signal; 'pthread_cond_wait' can block forever once the stop path has run [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: wait loop condition never checks a stop signal; 'pthread_cond_wait' can block forever once the stop path has run
      // CHECK-NOTES: :[[@LINE-6]]:3: note: the loop checks a stop signal here, but only between waits
    p->count--;
    pthread_mutex_unlock(&p->lock);
  }
  return NULL;
}

void *no_warn_worker(void *arg) {
  struct pool *p = arg;
  pthread_mutex_lock(&p->lock);
  while (!p->shutdown) {
    while (p->count == 0 && !p->shutdown)
      pthread_cond_wait(&p->cond, &p->lock);
    if (p->count > 0)
      p->count--;
  }
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

// The status is assigned to a variable declared earlier, then tested: no
// thread exists on the failure branch, and the success branch hands the id
// to the object whose stop path joins it.
struct poller {
  pthread_t tid;
  int running;
};
int no_warn_status_assigned(struct poller *p) {
  pthread_t tid;
  int ret;
  ret = pthread_create(&tid, NULL, reader_main, p);
  if (ret == 0) {
    p->tid = tid;
    p->running = 1;
  }
  return ret;
}

// The same status, but the success branch forgets the id.
int warn_status_assigned(struct poller *p) {
  pthread_t tid;
  int ret;
  ret = pthread_create(&tid, NULL, reader_main, p);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: thread 'tid' started by pthread_create is neither joined nor detached on some path [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-2]]:9: warning: thread 'tid' started by pthread_create is neither joined nor detached on some path
  // CHECK-NOTES: :[[@LINE+4]]:3: note: returns here without joining or detaching 'tid'
  // CHECK-NOTES: :[[@LINE-4]]:9: note: call pthread_join or pthread_detach on every path
  if (ret == 0)
    p->running = 1;
  return ret;
}
