//===- fixed.cpp - Example 4: release in the same iteration ---------------===//
//
// The same log monitor as leaky.cpp. Each file is owned by an RAII object
// declared inside the loop body, so it is closed at the end of the iteration
// on every path (including `continue`), and the checksum loop reuses one
// fixed-size buffer declared outside the loop instead of alloca().
//
//===----------------------------------------------------------------------===//

#include "proc_stats.h"

#include <array>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

using namespace leakguard::examples;

namespace {

constexpr std::size_t RecordBytes = 8192;
constexpr int RecordsPerTick = 64;

struct FileCloser {
  void operator()(std::FILE *F) const { std::fclose(F); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

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
    // FIX: owned by the iteration: closed on `continue` and at its end.
    FilePtr F(std::fopen(Path.c_str(), "re"));
    if (!F)
      continue;
    char Line[128];
    if (!std::fgets(Line, sizeof(Line), F.get()))
      continue;
    Headers += Line[0] == '#';
  }
  return Headers;
}

unsigned checksumRecords(int Count) {
  // FIX: one fixed-size buffer outside the loop, reused by every iteration.
  std::array<char, RecordBytes> Record;
  unsigned Sum = 0;
  for (int I = 0; I < Count; ++I) {
    std::memset(Record.data(), 'a' + I % 26, Record.size());
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
  while (Loop.next()) {
    for (const std::string &Path : Logs) {
      // FIX: declared inside the loop body: released in the same iteration.
      FilePtr F(std::fopen(Path.c_str(), "re"));
      if (!F)
        continue;
      Lines += countLines(F.get());
    }
    Headers += scanHeaders(Logs);
    Checksum += checksumRecords(RecordsPerTick);
  }
  Loop.finish();
  std::fprintf(stderr, "lines=%ld headers=%ld checksum=%u\n", Lines, Headers,
               Checksum);
  for (const std::string &Path : Logs)
    std::remove(Path.c_str());
  rmdir(Dir);
  return 0;
}
