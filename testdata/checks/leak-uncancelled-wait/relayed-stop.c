// RUN: %check_leakguard %s leak-uncancelled-wait %t

// A stop path that only sets the flag, and a supervisor thread that polls
// the flag, then wakes the waiters under their mutex before joining them:
// the supervisor relays the stop request. Without the relay's broadcast the
// waiters sleep through it.

#include <pthread.h>
#include <unistd.h>

struct crew {
  pthread_mutex_t lock;
  pthread_cond_t has_job;
  volatile int halt;
  int put, got;
  pthread_t chief, hand;
};

static void *hand(void *arg) {
  struct crew *c = arg;
  pthread_mutex_lock(&c->lock);
  while (c->halt == 0) {
    while (c->put == c->got && c->halt == 0)
      pthread_cond_wait(&c->has_job, &c->lock);
    if (c->put > c->got)
      c->got++;
  }
  pthread_mutex_unlock(&c->lock);
  return NULL;
}

static void *chief(void *arg) {
  struct crew *c = arg;
  pthread_create(&c->hand, NULL, hand, c);
  while (c->halt == 0)
    usleep(1000);
  pthread_mutex_lock(&c->lock);
  pthread_cond_broadcast(&c->has_job);
  pthread_mutex_unlock(&c->lock);
  pthread_join(c->hand, NULL);
  return NULL;
}

void crew_start(struct crew *c) { pthread_create(&c->chief, NULL, chief, c); }
void no_warn_crew_halt(struct crew *c) {
  c->halt = 1;
  pthread_join(c->chief, NULL);
}

// The same crew whose supervisor joins without waking anyone.
struct team {
  pthread_mutex_t lock;
  pthread_cond_t has_job;
  volatile int halt;
  int put, got;
  pthread_t chief, hand;
};

static void *member(void *arg) {
  struct team *t = arg;
  pthread_mutex_lock(&t->lock);
  while (t->halt == 0) {
    while (t->put == t->got && t->halt == 0)
      pthread_cond_wait(&t->has_job, &t->lock);
    // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the stop path sets 'halt' but never notifies; 'pthread_cond_wait' sleeps through the stop request, and whoever joins this thread waits forever [leak-uncancelled-wait]
    // CHECK-NOTES: :[[@LINE-2]]:7: warning: the stop path sets 'halt' but never notifies
    // CHECK-NOTES: :[[@LINE+19]]:3: note: 'halt' is set here; notify the condition variable after setting it
    if (t->put > t->got)
      t->got++;
  }
  pthread_mutex_unlock(&t->lock);
  return NULL;
}

static void *lead(void *arg) {
  struct team *t = arg;
  pthread_create(&t->hand, NULL, member, t);
  while (t->halt == 0)
    usleep(1000);
  pthread_join(t->hand, NULL);
  return NULL;
}

void team_start(struct team *t) { pthread_create(&t->chief, NULL, lead, t); }
void warn_team_halt(struct team *t) {
  t->halt = 1;
  pthread_join(t->chief, NULL);
}
