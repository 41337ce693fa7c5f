//===- leaky_capacity.cpp - Example 2b: a buffer that keeps its peak size -===//
//
// A long-lived receive buffer handles small messages, and every 4 seconds one
// 64 MB upload. The buffer is only clear()ed after each message: its size
// drops to zero but its capacity stays at 64 MB, so RSS stays high after the
// burst. Compare with fixed_capacity.cpp.
//
//===----------------------------------------------------------------------===//

#include "proc_stats.h"

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <vector>

using namespace leakguard::examples;

namespace {

constexpr std::size_t KiB = 1024;
constexpr std::size_t SmallMessageBytes = 64 * KiB;
constexpr std::size_t BurstBytes = 64 * KiB * KiB;
constexpr long BurstPeriodTicks = 16; // A burst arrives on ticks 2, 18, 34...

// The connection's receive buffer lives as long as the process.
std::vector<char> ReceiveBuffer;

void receive(std::size_t Bytes, char Fill) {
  std::size_t Old = ReceiveBuffer.size();
  ReceiveBuffer.resize(Old + Bytes);
  std::memset(ReceiveBuffer.data() + Old, Fill, Bytes); // Make it resident.
}

unsigned long process(const std::vector<char> &Message) {
  unsigned long Sum = 0;
  for (std::size_t I = 0; I < Message.size(); I += 4096)
    Sum += static_cast<unsigned char>(Message[I]);
  return Sum;
}

} // namespace

int main(int Argc, char **Argv) {
  TickLoop Loop(Argc, Argv);
  unsigned long Checksum = 0;
  while (Loop.next()) {
    // A large upload arrives; it is processed on the next tick.
    if (Loop.tick() % BurstPeriodTicks == 2) {
      receive(BurstBytes, 'B');
      continue;
    }
    if (ReceiveBuffer.empty())
      receive(SmallMessageBytes, 's');
    Checksum += process(ReceiveBuffer);
    // LEAK: clear() keeps the capacity: after a burst, 64 MB stay allocated
    // (and resident) for the rest of the process.
    ReceiveBuffer.clear();
  }
  Loop.finish();
  std::fprintf(stderr, "capacity_bytes=%zu checksum=%lu\n",
               ReceiveBuffer.capacity(), Checksum);
  return 0;
}
