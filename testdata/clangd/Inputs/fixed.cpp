// The same code, fixed: the worker is joined, and the wait ends when a stop
// is requested.
#include <condition_variable>
#include <mutex>
#include <thread>

void startWorker() {
  std::thread Worker([] {});
  Worker.join();
}

std::mutex Mu;
std::condition_variable Ready;
bool Stop = false;

void waitForever() {
  std::unique_lock<std::mutex> Lock(Mu);
  Ready.wait(Lock, [] { return Stop; });
}

void requestStop() {
  {
    std::lock_guard<std::mutex> Guard(Mu);
    Stop = true;
  }
  Ready.notify_all();
}
