// RUN: %check_leakguard %s leak-uncancelled-wait %t

// A worker that drains a queue, then waits: the drain loop right before the
// wait, under the same hold of the mutex, is the wait's predicate (the wait
// runs only once the queue is empty). A daemon pool nothing stops is fine;
// a worker someone joins must also see a stop request.

#include <pthread.h>
#include <stddef.h>

struct job {
  struct job *next;
  void (*run)(struct job *);
};
struct queue {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  struct job *head;
};

static struct queue resolver_jobs;
static void *resolver_main(void *unused) {
  (void)unused;
  pthread_mutex_lock(&resolver_jobs.mu);
  for (;;) {
    while (resolver_jobs.head != NULL) {
      struct job *j = resolver_jobs.head;
      resolver_jobs.head = j->next;
      pthread_mutex_unlock(&resolver_jobs.mu);
      j->run(j);
      pthread_mutex_lock(&resolver_jobs.mu);
    }
    pthread_cond_wait(&resolver_jobs.cv, &resolver_jobs.mu);
  }
  return NULL;
}

void no_warn_start_daemon_pool(void) {
  pthread_t tid;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_create(&tid, &attr, resolver_main, NULL);
}

static struct queue work;
static void *worker_main(void *unused) {
  (void)unused;
  pthread_mutex_lock(&work.mu);
  for (;;) {
    while (work.head != NULL) {
      struct job *j = work.head;
      work.head = j->next;
      pthread_mutex_unlock(&work.mu);
      j->run(j);
      pthread_mutex_lock(&work.mu);
    }
    pthread_cond_wait(&work.cv, &work.mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: wait loop condition never checks a stop signal; 'pthread_cond_wait' can block forever once the stop path has run [leak-uncancelled-wait]
  }
  return NULL;
}

static pthread_t worker;
void start_worker(void) { pthread_create(&worker, NULL, worker_main, NULL); }
void warn_stop_worker(void) { pthread_join(worker, NULL); }

// Bookkeeping that calls nothing between the drain loop and the wait
// (`++idle;`) keeps the drain loop the predicate.
static struct queue lookups;
static int idle_threads;
static void *lookup_main(void *unused) {
  (void)unused;
  pthread_mutex_lock(&lookups.mu);
  for (;;) {
    --idle_threads;
    while (lookups.head != NULL) {
      struct job *j = lookups.head;
      lookups.head = j->next;
      pthread_mutex_unlock(&lookups.mu);
      j->run(j);
      pthread_mutex_lock(&lookups.mu);
    }
    ++idle_threads;
    pthread_cond_wait(&lookups.cv, &lookups.mu);
  }
  return NULL;
}
void no_warn_start_lookup_pool(void) {
  pthread_t tid;
  pthread_create(&tid, NULL, lookup_main, NULL);
  pthread_detach(tid);
}

// The same with a scan and a test that leaves the loop right before the
// wait: `if (found) break;` is the wait's predicate.
struct slot {
  int busy;
};
struct hub {
  pthread_mutex_t mu;
  pthread_cond_t idle;
  struct slot slots[8];
};
struct slot *no_warn_wait_for_an_idle_slot(struct hub *h) {
  struct slot *found = NULL;
  pthread_mutex_lock(&h->mu);
  for (;;) {
    for (size_t i = 0; !found && i < 8; i++)
      if (!h->slots[i].busy)
        found = &h->slots[i];
    if (found)
      break;
    pthread_cond_wait(&h->idle, &h->mu);
  }
  found->busy = 1;
  pthread_mutex_unlock(&h->mu);
  return found;
}

// Waiting first, then looking: a signal sent before the wait is lost.
struct slot *warn_wait_before_looking(struct hub *h) {
  struct slot *found = NULL;
  pthread_mutex_lock(&h->mu);
  for (;;) {
    pthread_cond_wait(&h->idle, &h->mu);
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'pthread_cond_wait' has no predicate and no stop condition; the thread can block forever [leak-uncancelled-wait]
    for (size_t i = 0; !found && i < 8; i++)
      if (!h->slots[i].busy)
        found = &h->slots[i];
    if (found)
      break;
  }
  found->busy = 1;
  pthread_mutex_unlock(&h->mu);
  return found;
}
