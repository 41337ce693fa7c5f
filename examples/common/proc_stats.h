//===- proc_stats.h - /proc sampling and tick loop ------------ -*- C++ -*-===//
//
// Shared by every LeakGuard example program. Each program prints one line per
// 250 ms tick:
//   tick=<n> elapsed_ms=<ms> threads=<n> rss_kb=<n> fds=<n>
// and one final line:
//   summary peak_threads=<n> final_rss_kb=<n> final_fds=<n>
// The values come from /proc/self/status (Threads:, VmRSS:) and /proc/self/fd.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_EXAMPLES_COMMON_PROC_STATS_H
#define LEAKGUARD_EXAMPLES_COMMON_PROC_STATS_H

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <thread>

namespace leakguard::examples {

struct ProcStats {
  long Threads = 0;
  long RssKb = 0;
  long Fds = 0;
};

/// Samples the live thread count, the resident set size and the open file
/// descriptors of this process.
inline ProcStats readProcStats() {
  ProcStats Stats;
  if (std::FILE *Status = std::fopen("/proc/self/status", "r")) {
    char Line[256];
    while (std::fgets(Line, sizeof(Line), Status)) {
      if (std::strncmp(Line, "Threads:", 8) == 0)
        Stats.Threads = std::strtol(Line + 8, nullptr, 10);
      else if (std::strncmp(Line, "VmRSS:", 6) == 0)
        Stats.RssKb = std::strtol(Line + 6, nullptr, 10);
    }
    std::fclose(Status);
  }
  if (DIR *FdDir = opendir("/proc/self/fd")) {
    while (const dirent *Entry = readdir(FdDir))
      if (Entry->d_name[0] != '.')
        ++Stats.Fds;
    closedir(FdDir);
    --Stats.Fds; // Do not count the descriptor of the directory stream itself.
  }
  return Stats;
}

/// Returns the value of "--Name N" on the command line, or Default.
inline long intOption(int Argc, char **Argv, const char *Name, long Default) {
  for (int I = 1; I + 1 < Argc; ++I) {
    if (std::strcmp(Argv[I], Name) != 0)
      continue;
    char *End = nullptr;
    long Value = std::strtol(Argv[I + 1], &End, 10);
    if (End == Argv[I + 1] || *End != '\0' || Value <= 0) {
      std::fprintf(stderr, "error: %s needs a positive integer\n", Name);
      std::exit(2);
    }
    return Value;
  }
  return Default;
}

/// Drives a program for a bounded time: "while (Loop.next()) { work(); }".
/// next() waits for the next 250 ms tick, prints its line and returns false
/// after the last tick, so a run of N seconds prints ticks 0..4N.
class TickLoop {
public:
  static constexpr std::chrono::milliseconds Period{250};

  TickLoop(int Argc, char **Argv)
      : LastTick(4 * intOption(Argc, Argv, "--seconds", 3)),
        Start(std::chrono::steady_clock::now()) {}

  bool next() {
    if (Tick > LastTick)
      return false;
    std::this_thread::sleep_until(Start + Tick * Period);
    Last = sample();
    std::printf("tick=%ld elapsed_ms=%lld threads=%ld rss_kb=%ld fds=%ld\n",
                Tick, elapsedMs(), Last.Threads, Last.RssKb, Last.Fds);
    std::fflush(stdout);
    return Tick++ < LastTick;
  }

  /// Prints the summary line; call it once after the loop.
  void finish() {
    ProcStats Final = sample();
    std::printf("summary peak_threads=%ld final_rss_kb=%ld final_fds=%ld\n",
                PeakThreads, Final.RssKb, Final.Fds);
    std::fflush(stdout);
  }

  /// The index of the tick whose line was printed last.
  long tick() const { return Tick - 1; }
  /// The values printed on the last tick line (used for safety caps).
  const ProcStats &last() const { return Last; }

private:
  ProcStats sample() {
    ProcStats Stats = readProcStats();
    PeakThreads = std::max(PeakThreads, Stats.Threads);
    return Stats;
  }

  long long elapsedMs() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now() - Start)
        .count();
  }

  const long LastTick;
  const std::chrono::steady_clock::time_point Start;
  long Tick = 0;
  long PeakThreads = 0;
  ProcStats Last;
};

} // namespace leakguard::examples

#endif // LEAKGUARD_EXAMPLES_COMMON_PROC_STATS_H
