// RUN: %check_leakguard_real %s leak-unjoined-thread %t -- -std=c++17
// RUN: %check_leakguard_real %s leak-unjoined-thread %t -- -std=c++20
// The same shapes against the system's libstdc++ headers.

#include <atomic>
#include <pthread.h>
#include <thread>
#include <utility>
#include <vector>

void work();
bool cond() noexcept;
void *routine(void *);

void warn_early_return() {
  std::thread Worker(work);
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: thread 'Worker' may be destroyed while still joinable, which calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE+3]]:5: note: returns here while 'Worker' is still joinable
  // CHECK-NOTES: :[[@LINE-3]]:15: note: join it on every path or use std::jthread
  if (cond())
    return;
  Worker.join();
}

void warn_detached_endless_loop() {
  std::thread([] {
    for (;;)
      work();
  }).detach();
  // CHECK-NOTES: :[[@LINE-1]]:6: warning: detached thread runs an endless loop that never checks a stop signal [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-4]]:5: note: this loop never ends
  // CHECK-NOTES: :[[@LINE-3]]:6: note: give the loop a stop signal (a std::stop_token or an atomic flag) and join the thread, e.g. with std::jthread
}

int warn_pthread() {
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

class WarnMember {
public:
  WarnMember() : Worker(work) {}
  ~WarnMember() { Running = false; }

private:
  std::atomic<bool> Running{true};
  std::thread Worker;
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: thread member 'Worker' is started but never joined by the destructor or a stop method; destroying it while joinable calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-7]]:18: note: started here
  // CHECK-NOTES: :[[@LINE-3]]:15: note: join it in the destructor (or a stop method it calls) or use std::jthread
};

void no_warn_joined() {
  std::thread Worker(work);
  if (Worker.joinable())
    Worker.join();
}

void no_warn_moved(std::vector<std::thread> &Out) {
  std::thread Worker(work);
  Out.push_back(std::move(Worker));
}

std::atomic<bool> Stop{false};
void no_warn_detached_flag_loop() {
  std::thread([] {
    while (!Stop.load())
      work();
  }).detach();
}

class NoWarnMember {
public:
  NoWarnMember() : Worker(work) {}
  ~NoWarnMember() { Worker.join(); }

private:
  std::thread Worker;
};
