// RUN: %check_leakguard %s leak-uncancelled-wait %t

/* C11 atomics are stop signals: an atomic bool, or an atomic integer named
   like one. */

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
static atomic_int g_stopping;
static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_cv = PTHREAD_COND_INITIALIZER;
static int g_events;
void *watcher(void *arg) {
  int seen = 0;
  while (!atomic_load(&g_stopping)) {
    pthread_mutex_lock(&g_mu);
    while (g_events == seen)
      pthread_cond_wait(&g_cv, &g_mu);
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: wait loop condition never checks a stop signal; 'pthread_cond_wait' can block forever once the stop path has run [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-2]]:7: warning: wait loop condition never checks a stop signal; 'pthread_cond_wait' can block forever once the stop path has run
      // CHECK-NOTES: :[[@LINE-6]]:3: note: the loop checks a stop signal here, but only between waits
    seen = g_events;
    pthread_mutex_unlock(&g_mu);
  }
  return NULL;
}
void *good_watcher(void *arg) {
  int seen = 0;
  pthread_mutex_lock(&g_mu);
  while (!atomic_load(&g_stopping)) {
    while (g_events == seen && !atomic_load(&g_stopping))
      pthread_cond_wait(&g_cv, &g_mu);
    seen = g_events;
  }
  pthread_mutex_unlock(&g_mu);
  return NULL;
}
