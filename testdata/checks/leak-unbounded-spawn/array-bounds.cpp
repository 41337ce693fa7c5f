// RUN: %check_leakguard %s leak-unbounded-spawn %t

// A loop whose counter indexes an array of fixed size runs at most that many
// times in valid code: a thread per element of such an array is bounded.

#include <thread>
struct Watch { int fd; };
struct Config { Watch watches[32]; int nwatches; };
void poll(Watch *);
void start(Config *cfg) {
  for (int i = 0; i < cfg->nwatches; i++)
    std::thread(poll, &cfg->watches[i]).detach();
}
void start2(Config *cfg, int n) {
  for (int i = 0; i < n; i++)
    std::thread(poll, &cfg->watches[0]).detach();
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input [leak-unbounded-spawn]
    // CHECK-NOTES: :[[@LINE-2]]:5: warning: detached thread spawned once per iteration of an unbounded loop; the number of live threads grows with the input
    // CHECK-NOTES: :[[@LINE-4]]:3: note: one detached thread per iteration of this loop, which has no bound
    // CHECK-NOTES: :[[@LINE-4]]:5: note: bound the number of threads: use a fixed worker pool, acquire a counting_semaphore before spawning, or feed a bounded queue served by a fixed pool
}
