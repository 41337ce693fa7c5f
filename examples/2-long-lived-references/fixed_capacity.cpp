//===- fixed_capacity.cpp - Example 2b: a buffer that gives memory back ---===//
//
// The same receive buffer as leaky_capacity.cpp. After a message it is
// cleared, and when its capacity is above what steady traffic needs it is
// shrunk, so the 64 MB of a burst are returned and RSS drops back.
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
constexpr std::size_t SteadyCapacityBytes = 4 * SmallMessageBytes;

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
    ReceiveBuffer.clear();
    // FIX: give the burst's capacity back. shrink_to_fit() frees the storage
    // of an empty vector in libstdc++; std::vector<char>().swap(ReceiveBuffer)
    // is the guaranteed form.
    if (ReceiveBuffer.capacity() > SteadyCapacityBytes)
      ReceiveBuffer.shrink_to_fit();
  }
  Loop.finish();
  std::fprintf(stderr, "capacity_bytes=%zu checksum=%lu\n",
               ReceiveBuffer.capacity(), Checksum);
  return 0;
}
