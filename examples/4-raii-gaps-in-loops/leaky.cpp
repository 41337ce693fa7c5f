//===- leaky.cpp - Example 4: releases that wait for the loop to end ------===//
//
// A log monitor tails its log files every tick. It keeps every FILE* it opens
// in a vector that is closed only after the monitoring loop ends, a header
// scan `continue`s past its fclose() on empty files, and a checksum loop
// calls alloca() per record: fds grow each tick. Compare with fixed.cpp.
//
//===----------------------------------------------------------------------===//

#include "proc_stats.h"

#include <alloca.h>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

using namespace leakguard::examples;

namespace {

// Safety cap for the demo: stop opening files past this many descriptors.
constexpr long MaxDemoFds = 900;
constexpr std::size_t RecordBytes = 8192;
constexpr int RecordsPerTick = 64;

long countLines(std::FILE *F) {
  long Lines = 0;
  for (int C; (C = std::fgetc(F)) != EOF;)
    Lines += C == '\n';
  return Lines;
}

// Counts the logs whose first line is a header.
int scanHeaders(const std::vector<std::string> &Logs) {
  int Headers = 0;
  for (const std::string &Path : Logs) {
    std::FILE *F = std::fopen(Path.c_str(), "re");
    if (!F)
      continue;
    char Line[128];
    if (!std::fgets(Line, sizeof(Line), F))
      continue; // LEAK: skips the fclose() below: empty logs stay open.
    Headers += Line[0] == '#';
    std::fclose(F);
  }
  return Headers;
}

unsigned checksumRecords(int Count) {
  unsigned Sum = 0;
  for (int I = 0; I < Count; ++I) {
    // LEAK: alloca() memory lives until the function returns, not until the
    // iteration ends: the stack grows by RecordBytes per iteration.
    char *Record = static_cast<char *>(alloca(RecordBytes));
    std::memset(Record, 'a' + I % 26, RecordBytes);
    Sum += static_cast<unsigned char>(Record[I]);
  }
  return Sum;
}

} // namespace

int main(int Argc, char **Argv) {
  char Dir[] = "/tmp/leakguard-ex4-XXXXXX";
  if (!mkdtemp(Dir))
    return 1;
  std::vector<std::string> Logs;
  for (int I = 0; I < 4; ++I) {
    Logs.push_back(std::string(Dir) + "/service-" + std::to_string(I) + ".log");
    // Two logs have a header and lines; two are still empty.
    std::ofstream(Logs.back()) << (I % 2 ? "" : "# log\nstarted\nready\n");
  }

  TickLoop Loop(Argc, Argv);
  long Lines = 0, Headers = 0;
  unsigned Checksum = 0;
  std::vector<std::FILE *> Opened;
  while (Loop.next()) { // Runs for the whole life of the monitor.
    if (Loop.last().Fds > MaxDemoFds)
      continue;
    for (const std::string &Path : Logs) {
      std::FILE *F = std::fopen(Path.c_str(), "re");
      if (!F)
        continue;
      // LEAK: closed only after the outer loop ends: one more descriptor per
      // log and tick while the monitor runs.
      Opened.push_back(F);
      Lines += countLines(F);
    }
    Headers += scanHeaders(Logs);
    Checksum += checksumRecords(RecordsPerTick);
  }
  for (std::FILE *F : Opened)
    std::fclose(F);
  Loop.finish();
  std::fprintf(stderr, "lines=%ld headers=%ld checksum=%u\n", Lines, Headers,
               Checksum);
  for (const std::string &Path : Logs)
    std::remove(Path.c_str());
  rmdir(Dir);
  return 0;
}
