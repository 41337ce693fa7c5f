#include "util.h"
#include <thread>

void work();

bool start(bool Fail) {
  std::thread T(work);
  if (Fail)
    return false;
  T.join();
  return true;
}

bool startSilenced(bool Fail) {
  std::thread T(work); // NOLINT(leak-unjoined-thread)
  if (Fail)
    return false;
  T.join();
  return true;
}
