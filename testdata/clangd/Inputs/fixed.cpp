// The same code, fixed: the worker is joined, and the wait ends when there is
// work or a stop is requested.
#include <condition_variable>
#include <mutex>
#include <thread>

void startWorker() {
  std::thread Worker([] {});
  Worker.join();
}

std::mutex Mu;
std::condition_variable Ready;
int Pending = 0;
int Drained = 0;
bool Stop = false;

void drainOne() {
  std::unique_lock<std::mutex> Lock(Mu);
  Ready.wait(Lock, [] { return Pending > 0 || Stop; });
  if (Stop)
    return;
  --Pending;
  ++Drained;
}

void requestStop() {
  {
    std::lock_guard<std::mutex> Guard(Mu);
    Stop = true;
  }
  Ready.notify_all();
}
