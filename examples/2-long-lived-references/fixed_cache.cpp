//===- fixed_cache.cpp - Example 2a: a capped LRU cache -------------------===//
//
// The same render cache as leaky_cache.cpp, bounded: a least-recently-used
// list plus an index; once size() exceeds the cap the oldest entry is evicted,
// so RSS levels off after the cache fills.
//
//===----------------------------------------------------------------------===//

#include "proc_stats.h"

#include <cstddef>
#include <cstdio>
#include <list>
#include <string>
#include <unordered_map>
#include <utility>

using namespace leakguard::examples;

namespace {

constexpr int RequestsPerTick = 4096;
constexpr std::size_t PageBytes = 1024;
constexpr std::size_t CacheCapacity = 4096;

template <typename K, typename V> class LruCache {
public:
  explicit LruCache(std::size_t Capacity) noexcept : Capacity(Capacity) {}

  template <typename Fn> const V &get(const K &Key, Fn Compute) {
    auto It = Index.find(Key);
    if (It != Index.end()) {
      Entries.splice(Entries.begin(), Entries, It->second);
      return It->second->second;
    }
    Entries.emplace_front(Key, Compute(Key));
    Index.emplace(Key, Entries.begin());
    // FIX: the cache is bounded: evict the least recently used entry.
    if (Index.size() > Capacity) {
      Index.erase(Entries.back().first);
      Entries.pop_back();
    }
    return Entries.front().second;
  }

  std::size_t size() const { return Index.size(); }

private:
  using Entry = std::pair<K, V>;
  const std::size_t Capacity;
  std::list<Entry> Entries; // Most recently used first.
  std::unordered_map<K, typename std::list<Entry>::iterator> Index;
};

// FIX: still a global, but with a cap, so its size no longer depends on how
// long the process has been running.
LruCache<std::string, std::string> RenderCache(CacheCapacity);

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
      std::string Key = "/profile?session=" + std::to_string(Loop.tick()) +
                        "-" + std::to_string(I);
      Checksum += RenderCache.get(Key, renderPage)[0];
    }
  }
  Loop.finish();
  std::fprintf(stderr, "entries=%zu checksum=%lu\n", RenderCache.size(),
               Checksum);
  return 0;
}
