// RUN: %check_leakguard %s leak-unjoined-thread %t
// pthread_create into a local pthread_t: joined or detached on every path?

#include <pthread.h>
#include <vector>

void *routine(void *);
bool cond() noexcept;
void keep(pthread_t) noexcept;

int warn_early_return() {
  pthread_t Tid;
  if (pthread_create(&Tid, nullptr, routine, nullptr) != 0)
  // CHECK-NOTES: :[[@LINE-1]]:7: warning: thread 'Tid' started by pthread_create is neither joined nor detached on some path [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+4]]:5: note: returns here without joining or detaching 'Tid'
  // CHECK-NOTES: :[[@LINE-3]]:7: note: call pthread_join or pthread_detach on every path
    return -1;
  if (cond())
    return 1;
  pthread_join(Tid, nullptr);
  return 0;
}

void warn_never_joined() {
  pthread_t Tid;
  pthread_create(&Tid, nullptr, routine, nullptr);
  // CHECK-NOTES: :[[@LINE-1]]:3: warning: thread 'Tid' started by pthread_create is neither joined nor detached on some path [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+2]]:1: note: reaches the end of the function without joining or detaching 'Tid'
  // CHECK-NOTES: :[[@LINE-3]]:3: note: call pthread_join or pthread_detach on every path
}

int warn_result_variable() {
  pthread_t Tid;
  int Rc = pthread_create(&Tid, nullptr, routine, nullptr);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: thread 'Tid' started by pthread_create is neither joined nor detached on some path [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+5]]:5: note: returns here without joining or detaching 'Tid'
  // CHECK-NOTES: :[[@LINE-3]]:12: note: call pthread_join or pthread_detach on every path
  if (Rc)
    return Rc;
  if (cond())
    return 2;
  pthread_detach(Tid);
  return 0;
}

void warn_loop_break() {
  for (int I = 0; I < 4; ++I) {
    pthread_t Tid;
    pthread_create(&Tid, nullptr, routine, nullptr);
    // CHECK-NOTES: :[[@LINE-1]]:5: warning: thread 'Tid' started by pthread_create is neither joined nor detached on some path [leak-unjoined-thread]
    // CHECK-NOTES: :[[@LINE+3]]:7: note: jumps here without joining or detaching 'Tid'
    // CHECK-NOTES: :[[@LINE-3]]:5: note: call pthread_join or pthread_detach on every path
    if (cond())
      break;
    pthread_join(Tid, nullptr);
  }
}

// ---- Negatives ---------------------------------------------------------

int no_warn_failed_create_holds_nothing() {
  pthread_t Tid;
  if (pthread_create(&Tid, nullptr, routine, nullptr) != 0)
    return -1;
  pthread_join(Tid, nullptr);
  return 0;
}

void no_warn_detached() {
  pthread_t Tid;
  if (pthread_create(&Tid, nullptr, routine, nullptr) == 0)
    pthread_detach(Tid);
}

void no_warn_detached_attribute() {
  pthread_attr_t Attr;
  pthread_attr_init(&Attr);
  pthread_attr_setdetachstate(&Attr, PTHREAD_CREATE_DETACHED);
  pthread_t Tid;
  pthread_create(&Tid, &Attr, routine, nullptr);
  pthread_attr_destroy(&Attr);
}

void no_warn_escapes_to_caller(pthread_t *Out) {
  pthread_t Tid;
  pthread_create(&Tid, nullptr, routine, nullptr);
  *Out = Tid;
}

void no_warn_handed_on() {
  pthread_t Tid;
  pthread_create(&Tid, nullptr, routine, nullptr);
  keep(Tid);
}

void no_warn_array_joined_later() {
  pthread_t Tids[4];
  for (int I = 0; I < 4; ++I)
    pthread_create(&Tids[I], nullptr, routine, nullptr);
  for (int I = 0; I < 4; ++I)
    pthread_join(Tids[I], nullptr);
}

void no_warn_into_vector(std::vector<pthread_t> &All) {
  pthread_t Tid;
  if (pthread_create(&Tid, nullptr, routine, nullptr))
    return;
  All.push_back(Tid);
}
