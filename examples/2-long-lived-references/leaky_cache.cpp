//===- leaky_cache.cpp - Example 2a: a global cache that only grows -------===//
//
// A global memoizer caches rendered pages by request key. Keys include a
// session id, so almost every request is a new key: the cache never evicts
// and RSS grows every tick. Compare with fixed_cache.cpp.
//
//===----------------------------------------------------------------------===//

#include "proc_stats.h"

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <string>
#include <unordered_map>

using namespace leakguard::examples;

namespace {

constexpr int RequestsPerTick = 4096;
constexpr std::size_t PageBytes = 1024;
// Safety valve for the demo (~200 MB): after this many ticks the clients
// repeat earlier keys, so the cache stops growing. The cache itself has no
// bound.
constexpr long MaxDemoTicks = 44;

template <typename K, typename V> class Memoizer {
public:
  template <typename Fn> const V &get(const K &Key, Fn Compute) {
    auto It = Cache.find(Key);
    if (It != Cache.end())
      return It->second;
    // LEAK: every new key is kept for the life of the process; nothing ever
    // erases an entry.
    return Cache.emplace(Key, Compute(Key)).first->second;
  }

  std::size_t size() const { return Cache.size(); }

private:
  std::unordered_map<K, V> Cache;
};

// LEAK: a global, so the cache lives (and grows) as long as the process.
Memoizer<std::string, std::string> RenderCache;

std::string renderPage(const std::string &Key) {
  std::string Page(PageBytes, ' ');
  for (std::size_t I = 0; I < Page.size(); ++I)
    Page[I] = Key[I % Key.size()]; // Touch every byte: the page is resident.
  return Page;
}

} // namespace

int main(int Argc, char **Argv) {
  TickLoop Loop(Argc, Argv);
  unsigned long Checksum = 0;
  while (Loop.next()) {
    for (int I = 0; I < RequestsPerTick; ++I) {
      long Session = std::min<long>(Loop.tick(), MaxDemoTicks);
      std::string Key = "/profile?session=" + std::to_string(Session) + "-" +
                        std::to_string(I);
      Checksum += RenderCache.get(Key, renderPage)[0];
    }
  }
  Loop.finish();
  std::fprintf(stderr, "entries=%zu checksum=%lu\n", RenderCache.size(),
               Checksum);
  return 0;
}
