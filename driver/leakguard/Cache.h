//===--- Cache.h - The result cache -----------------------------*- C++ -*-===//
//
// A unit's findings depend on its compile command, the files it reads, the
// configuration (.clang-tidy files, rule files, flags) and LeakGuard itself.
// The driver hashes everything but the files into a key; an entry stores the
// result with a content hash of every file the unit read, and is only used
// while all of them are unchanged.
//
// Entries whose key no longer occurs (a changed compile command or
// configuration, another LeakGuard version) are never read again: after a run
// that stored entries, the cache is pruned of entries unused for a month, and
// of the least recently used ones while it exceeds its size limit.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_CACHE_H
#define LEAKGUARD_DRIVER_CACHE_H

#include "Finding.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace clang::tidy::leak::driver {

class ResultCache {
public:
  /// A cache in \p Dir; an empty \p Dir disables it.
  explicit ResultCache(std::string Dir) : Dir(std::move(Dir)) {}

  bool enabled() const { return !Dir.empty(); }
  /// The entry of \p Key, when every file it read is unchanged and
  /// \p StillValid (when given) accepts it (the summaries it read say the
  /// same).
  std::optional<UnitResult>
  lookup(llvm::StringRef Key,
         llvm::function_ref<bool(const UnitResult &)> StillValid = nullptr);
  /// Stores \p Result unless it has errors. Best effort.
  void store(llvm::StringRef Key, const UnitResult &Result);

  /// A hash of the file's content, memoized for this run; empty when the
  /// file cannot be read.
  std::string fileHash(llvm::StringRef Path);

  /// True when this run stored an entry (only then can the cache have grown).
  bool grew() const { return Stored; }

  /// Why storing failed (a read-only or full directory), once it has: no
  /// further entry is attempted.
  llvm::StringRef writeProblem() const { return WriteProblem; }

  struct PruneLimits {
    /// Entries not used for this long are removed.
    std::chrono::hours MaxAge{24 * 30};
    /// Beyond this many bytes, the least recently used entries are removed;
    /// 0 means no limit.
    uint64_t MaxBytes = 256ull << 20;
  };
  struct PruneStats {
    size_t Entries = 0; ///< Entries found.
    size_t Removed = 0; ///< Entries (and stale temporary files) removed.
    uint64_t BytesLeft = 0;
  };
  /// Removes entries this run did not use that are older than the age limit,
  /// stale temporary files of interrupted writes, and then the least recently
  /// used entries while the cache is over its size limit. Entries used by
  /// this run are kept whatever the limits. Best effort: errors are ignored.
  PruneStats prune(const PruneLimits &Limits);

private:
  std::string entryPath(llvm::StringRef Key) const;
  void cannotWrite(llvm::StringRef Why);
  void touch(llvm::StringRef Path);
  std::string Dir;
  llvm::StringMap<std::string> FileHashes;
  /// The file names (KEY.json) of the entries read or written by this run.
  llvm::StringSet<> Used;
  bool Stored = false;
  std::string WriteProblem;
};

/// Incrementally builds a cache key.
class KeyBuilder {
public:
  KeyBuilder &add(llvm::StringRef S);
  std::string finish() const;

private:
  std::string Data;
};

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_CACHE_H
