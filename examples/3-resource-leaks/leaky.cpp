//===- leaky.cpp - Example 3: descriptors lost on error paths -------------===//
//
// A service reloads its configuration every tick. Two readers return early on
// a malformed file without closing it, and every reload arms a periodic retry
// timer (timerfd) that is never stopped or closed: the fd count grows each
// tick. Compare with fixed.cpp.
//
//===----------------------------------------------------------------------===//

#include "proc_stats.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <string>
#include <sys/timerfd.h>
#include <unistd.h>

using namespace leakguard::examples;

namespace {

// Safety cap for the demo: stop leaking past this many open descriptors.
constexpr long MaxDemoFds = 900;

// Returns N from a file containing "version=N", or -1.
int readConfigVersion(const char *Path) {
  int Fd = open(Path, O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return -1;
  char Buf[64] = {};
  ssize_t N = read(Fd, Buf, sizeof(Buf) - 1);
  const char *Version = N > 0 ? std::strstr(Buf, "version=") : nullptr;
  if (!Version)
    return -1; // LEAK: Fd is not closed on this error path.
  close(Fd);
  return static_cast<int>(std::strtol(Version + 8, nullptr, 10));
}

// Returns the first line of a file starting with "# config", or "".
std::string readHeader(const char *Path) {
  std::FILE *F = std::fopen(Path, "re");
  if (!F)
    return "";
  char Line[128];
  if (!std::fgets(Line, sizeof(Line), F) ||
      std::strncmp(Line, "# config", 8) != 0)
    return ""; // LEAK: F is not fclose()d on this error path.
  std::fclose(F);
  return Line;
}

void scheduleReloadRetry() {
  int TimerFd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  if (TimerFd < 0)
    return;
  itimerspec Every100Ms{};
  Every100Ms.it_interval.tv_nsec = 100'000'000;
  Every100Ms.it_value.tv_nsec = 100'000'000;
  timerfd_settime(TimerFd, 0, &Every100Ms, nullptr);
  // LEAK: the periodic timer is never disarmed and TimerFd is never closed:
  // nobody keeps the descriptor.
}

void writeFile(const std::string &Path, const char *Text) {
  std::ofstream(Path) << Text;
}

} // namespace

int main(int Argc, char **Argv) {
  char Dir[] = "/tmp/leakguard-ex3-XXXXXX";
  if (!mkdtemp(Dir))
    return 1;
  const std::string Good = std::string(Dir) + "/good.conf";
  const std::string Bad = std::string(Dir) + "/bad.conf";
  writeFile(Good, "# config\nversion=3\n");
  writeFile(Bad, "garbage\n");

  TickLoop Loop(Argc, Argv);
  long Reloads = 0, Failures = 0;
  while (Loop.next()) {
    if (Loop.last().Fds > MaxDemoFds)
      continue;
    // Each tick reloads a good and a malformed file; the malformed one leaks.
    for (const std::string *Path : {&Good, &Bad}) {
      ++Reloads;
      int Version = readConfigVersion(Path->c_str());
      std::string Header = readHeader(Path->c_str());
      if (Version < 0 || Header.empty()) {
        ++Failures;
        scheduleReloadRetry();
      }
    }
  }
  Loop.finish();
  std::fprintf(stderr, "reloads=%ld failures=%ld\n", Reloads, Failures);
  std::remove(Good.c_str());
  std::remove(Bad.c_str());
  rmdir(Dir);
  return 0;
}
