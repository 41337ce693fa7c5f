// A worker thread that is never joined, and a wait with no way out.
#include <condition_variable>
#include <mutex>
#include <thread>

void startWorker() {
  std::thread Worker([] {});
}

std::mutex Mu;
std::condition_variable Ready;
int Drained = 0;
void drainOne() {
  std::unique_lock<std::mutex> Lock(Mu);
  Ready.wait(Lock);
  ++Drained;
}
