//===--- Cache.h - The result cache -----------------------------*- C++ -*-===//
//
// A unit's findings depend on its compile command, the files it reads, the
// configuration (.clang-tidy files, rule files, flags) and LeakGuard itself.
// The driver hashes everything but the files into a key; an entry stores the
// result with a content hash of every file the unit read, and is only used
// while all of them are unchanged.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_CACHE_H
#define LEAKGUARD_DRIVER_CACHE_H

#include "Finding.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>

namespace clang::tidy::leak::driver {

class ResultCache {
public:
  /// A cache in \p Dir; an empty \p Dir disables it.
  explicit ResultCache(std::string Dir) : Dir(std::move(Dir)) {}

  bool enabled() const { return !Dir.empty(); }
  std::optional<UnitResult> lookup(llvm::StringRef Key);
  /// Stores \p Result unless it has errors. Best effort.
  void store(llvm::StringRef Key, const UnitResult &Result);

  /// A hash of the file's content, memoized for this run; empty when the
  /// file cannot be read.
  std::string fileHash(llvm::StringRef Path);

private:
  std::string entryPath(llvm::StringRef Key) const;
  std::string Dir;
  llvm::StringMap<std::string> FileHashes;
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
