// RUN: %check_leakguard %s leak-unjoined-thread %t

// Threads (and containers of threads) with static storage that the unit
// starts and never names again: their destructors run at exit while they are
// joinable. Any other use (join, detach, a move, a shutdown loop) counts as
// handling them.

#include <thread>
#include <vector>

void work();

// ---- Positives: started, never named again ----------------------------------

std::thread ticker;
void start_ticker() { ticker = std::thread(work); }
// CHECK-MESSAGES: :[[@LINE-2]]:13: warning: thread 'ticker' has static storage and is started but never joined; destroying it at exit while joinable calls std::terminate [leak-unjoined-thread]
// CHECK-NOTES: :[[@LINE-3]]:13: warning: thread 'ticker' has static storage and is started but never joined; destroying it at exit while joinable calls std::terminate
// CHECK-NOTES: :[[@LINE-3]]:23: note: started here
// CHECK-NOTES: :[[@LINE-5]]:13: note: join it before the program exits (e.g. in a shutdown function), or use std::jthread

namespace {
std::vector<std::thread> pool;
} // namespace
void grow_pool(int n) {
  for (int i = 0; i < n; ++i)
    pool.emplace_back(work);
    // CHECK-MESSAGES: :[[@LINE-5]]:26: warning: container of threads 'pool' has static storage and is filled but never joined; destroying it at exit while joinable calls std::terminate [leak-unjoined-thread]
    // CHECK-NOTES: :[[@LINE-6]]:26: warning: container of threads 'pool' has static storage and is filled but never joined; destroying it at exit while joinable calls std::terminate
    // CHECK-NOTES: :[[@LINE-3]]:5: note: started here
    // CHECK-NOTES: :[[@LINE-8]]:26: note: join it before the program exits (e.g. in a shutdown function), or use std::jthread
}

struct Service {
  static std::thread background;
};
std::thread Service::background;
void start_service() { Service::background = std::thread([] { work(); }); }
// CHECK-MESSAGES: :[[@LINE-2]]:22: warning: thread 'background' has static storage and is started but never joined; destroying it at exit while joinable calls std::terminate [leak-unjoined-thread]
// CHECK-NOTES: :[[@LINE-3]]:22: warning: thread 'background' has static storage and is started but never joined; destroying it at exit while joinable calls std::terminate
// CHECK-NOTES: :[[@LINE-3]]:24: note: started here
// CHECK-NOTES: :[[@LINE-5]]:22: note: join it before the program exits (e.g. in a shutdown function), or use std::jthread

std::thread started_at_load(work);
// CHECK-MESSAGES: :[[@LINE-1]]:13: warning: thread 'started_at_load' has static storage and is started but never joined; destroying it at exit while joinable calls std::terminate [leak-unjoined-thread]
// CHECK-NOTES: :[[@LINE-2]]:13: warning: thread 'started_at_load' has static storage and is started but never joined; destroying it at exit while joinable calls std::terminate
// CHECK-NOTES: :[[@LINE-3]]:13: note: started here
// CHECK-NOTES: :[[@LINE-4]]:13: note: join it before the program exits (e.g. in a shutdown function), or use std::jthread

void start_once() {
  static std::thread once(work);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: thread 'once' has static storage and is started but never joined; destroying it at exit while joinable calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-2]]:22: warning: thread 'once' has static storage and is started but never joined; destroying it at exit while joinable calls std::terminate
  // CHECK-NOTES: :[[@LINE-3]]:22: note: started here
  // CHECK-NOTES: :[[@LINE-4]]:22: note: join it before the program exits (e.g. in a shutdown function), or use std::jthread
}

// Asking whether it runs is not joining it.
static std::thread flusher;
void ensure_flusher() {
  if (!flusher.joinable())
    flusher = std::thread(work);
    // CHECK-MESSAGES: :[[@LINE-4]]:20: warning: thread 'flusher' has static storage and is started but never joined; destroying it at exit while joinable calls std::terminate [leak-unjoined-thread]
    // CHECK-NOTES: :[[@LINE-5]]:20: warning: thread 'flusher' has static storage and is started but never joined; destroying it at exit while joinable calls std::terminate
    // CHECK-NOTES: :[[@LINE-3]]:5: note: started here
    // CHECK-NOTES: :[[@LINE-7]]:20: note: join it before the program exits (e.g. in a shutdown function), or use std::jthread
}

// ---- Negatives --------------------------------------------------------------

// Joined in a shutdown function.
std::vector<std::thread> workers;
void start_workers() {
  for (int i = 0; i < 4; ++i)
    workers.emplace_back(work);
}
void stop_workers() {
  for (std::thread &t : workers)
    t.join();
  workers.clear();
}

// Detached on purpose.
std::thread daemon_thread;
void start_daemon() {
  daemon_thread = std::thread(work);
  daemon_thread.detach();
}

// Handed to someone else.
void keep(std::thread t);
std::thread handed;
void hand_over() {
  handed = std::thread(work);
  keep(std::move(handed));
}

// Never started: default-constructed threads are not joinable.
std::thread idle;
std::vector<std::thread> empty_pool;

// std::jthread joins on destruction.
std::jthread self_joining;
void start_self_joining() { self_joining = std::jthread(work); }
