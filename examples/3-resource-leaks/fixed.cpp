//===- fixed.cpp - Example 3: descriptors closed on every path ------------===//
//
// The same configuration reloads as leaky.cpp. Descriptors are owned by RAII
// objects (a small FileDescriptor class, a unique_ptr with an fclose deleter),
// so every return path closes them, and the retry timer is owned by the
// service, which closes the previous one when it arms a new one.
//
//===----------------------------------------------------------------------===//

#include "proc_stats.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <string>
#include <sys/timerfd.h>
#include <unistd.h>
#include <utility>

using namespace leakguard::examples;

namespace {

// FIX: owns one descriptor and closes it when destroyed or reassigned.
class FileDescriptor {
public:
  explicit FileDescriptor(int Fd = -1) : Fd(Fd) {}
  FileDescriptor(FileDescriptor &&Other) noexcept
      : Fd(std::exchange(Other.Fd, -1)) {}
  FileDescriptor &operator=(FileDescriptor &&Other) noexcept {
    std::swap(Fd, Other.Fd);
    return *this; // The old descriptor is closed by Other's destructor.
  }
  ~FileDescriptor() {
    if (Fd >= 0)
      close(Fd);
  }
  int get() const { return Fd; }

private:
  int Fd;
};

struct FileCloser {
  void operator()(std::FILE *F) const { std::fclose(F); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

// Returns N from a file containing "version=N", or -1.
int readConfigVersion(const char *Path) {
  FileDescriptor Fd(open(Path, O_RDONLY | O_CLOEXEC));
  if (Fd.get() < 0)
    return -1;
  char Buf[64] = {};
  ssize_t N = read(Fd.get(), Buf, sizeof(Buf) - 1);
  const char *Version = N > 0 ? std::strstr(Buf, "version=") : nullptr;
  if (!Version)
    return -1; // FIX: Fd's destructor closes the descriptor here too.
  return static_cast<int>(std::strtol(Version + 8, nullptr, 10));
}

// Returns the first line of a file starting with "# config", or "".
std::string readHeader(const char *Path) {
  FilePtr F(std::fopen(Path, "re"));
  if (!F)
    return "";
  char Line[128];
  if (!std::fgets(Line, sizeof(Line), F.get()) ||
      std::strncmp(Line, "# config", 8) != 0)
    return ""; // FIX: the deleter fclose()s F on this path as well.
  return Line;
}

// FIX: the caller receives ownership of the timer.
FileDescriptor scheduleReloadRetry() {
  FileDescriptor TimerFd(
      timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC));
  if (TimerFd.get() < 0)
    return TimerFd;
  itimerspec Every100Ms{};
  Every100Ms.it_interval.tv_nsec = 100'000'000;
  Every100Ms.it_value.tv_nsec = 100'000'000;
  timerfd_settime(TimerFd.get(), 0, &Every100Ms, nullptr);
  return TimerFd;
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
  {
    // FIX: at most one retry timer is armed; assigning a new one closes the
    // old one, and leaving the scope closes the last one.
    FileDescriptor RetryTimer;
    while (Loop.next()) {
      RetryTimer = FileDescriptor(); // This tick's reload replaces the retry.
      for (const std::string *Path : {&Good, &Bad}) {
        ++Reloads;
        int Version = readConfigVersion(Path->c_str());
        std::string Header = readHeader(Path->c_str());
        if (Version < 0 || Header.empty()) {
          ++Failures;
          RetryTimer = scheduleReloadRetry();
        }
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
