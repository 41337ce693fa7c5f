//===--- CacheTest.cpp - Tests of the result cache ------------------------===//

#include "Cache.h"
#include "TestSupport.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "gtest/gtest.h"
#include <chrono>
#include <string>

using namespace clang::tidy::leak::driver;
using namespace clang::tidy::leak::driver::test;

namespace {

/// A result that read \p Dependency.
UnitResult resultReading(const std::string &Dependency) {
  UnitResult R;
  R.File = Dependency;
  R.Dependencies = {Dependency};
  return R;
}

/// Sets \p Path's modification time \p Hours in the past.
void age(const std::string &Path, int Hours) {
  int FD = -1;
  ASSERT_FALSE(llvm::sys::fs::openFileForWrite(
      Path, FD, llvm::sys::fs::CD_OpenExisting, llvm::sys::fs::OF_Append));
  auto Then = std::chrono::system_clock::now() - std::chrono::hours(Hours);
  EXPECT_FALSE(llvm::sys::fs::setLastAccessAndModificationTime(FD, Then));
  EXPECT_FALSE(llvm::sys::fs::closeFile(FD));
}

/// The number of entries (KEY.json files) in the cache directory.
size_t countEntries(const std::string &Dir) {
  size_t N = 0;
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End;
       It != End && !EC; It.increment(EC))
    N += llvm::StringRef(It->path()).ends_with(".json");
  return N;
}

std::string entryOf(const TempDir &Dir, llvm::StringRef Key) {
  return Dir.path(("cache/" + Key.take_front(2) + "/" + Key + ".json").str());
}

TEST(CacheTest, KeysDependOnEveryPartAndItsBoundaries) {
  std::string AB = KeyBuilder().add("a").add("b").finish();
  EXPECT_EQ(AB, KeyBuilder().add("a").add("b").finish());
  EXPECT_NE(AB, KeyBuilder().add("ab").finish());
  EXPECT_NE(AB, KeyBuilder().add("a").add("c").finish());
  EXPECT_NE(AB, KeyBuilder().add("b").add("a").finish());
  EXPECT_EQ(AB.size(), 64u); // SHA-256, hex.
}

TEST(CacheTest, StoredResultIsFoundUntilADependencyChanges) {
  TempDir Dir;
  std::string Source = Dir.write("src/a.cpp", "int x;\n");
  std::string Key = KeyBuilder().add("unit").finish();
  {
    ResultCache Cache(Dir.path("cache"));
    EXPECT_FALSE(Cache.lookup(Key));
    Cache.store(Key, resultReading(Source));
    EXPECT_TRUE(Cache.grew());
  }
  {
    ResultCache Cache(Dir.path("cache"));
    std::optional<UnitResult> Hit = Cache.lookup(Key);
    ASSERT_TRUE(Hit.has_value());
    EXPECT_TRUE(Hit.value_or(UnitResult()).FromCache);
    EXPECT_EQ(Hit.value_or(UnitResult()).File, Source);
    EXPECT_FALSE(Cache.grew());
  }
  Dir.write("src/a.cpp", "int y;\n");
  ResultCache Cache(Dir.path("cache"));
  EXPECT_FALSE(Cache.lookup(Key));
}

TEST(CacheTest, ResultsWithErrorsOrVanishedDependenciesAreNotStored) {
  TempDir Dir;
  std::string Source = Dir.write("a.cpp", "int x;\n");
  ResultCache Cache(Dir.path("cache"));
  UnitResult Failed = resultReading(Source);
  Failed.Errors.push_back("error: no such type");
  Cache.store("k1", Failed);
  UnitResult Gone = resultReading(Dir.path("missing.h"));
  Cache.store("k2", Gone);
  EXPECT_FALSE(Cache.grew());
  EXPECT_EQ(countEntries(Dir.path("cache")), 0u);
}

TEST(CacheTest, AnUnwritableCacheIsSaidOnceAndTheRunGoesOn) {
  TempDir Dir;
  std::string Source = Dir.write("a.cpp", "int x;\n");
  // The cache directory is a file: nothing can be created below it (as
  // root too, unlike a read-only directory).
  std::string NotADir = Dir.write("cache", "a file\n");
  ResultCache Cache(NotADir);
  Cache.store("k1", resultReading(Source));
  EXPECT_FALSE(Cache.grew());
  EXPECT_FALSE(Cache.writeProblem().empty());
  std::string First = Cache.writeProblem().str();
  Cache.store("k2", resultReading(Source));
  EXPECT_EQ(Cache.writeProblem(), First);
  EXPECT_FALSE(Cache.lookup("k1"));
}

TEST(CacheTest, DisabledCacheStoresNothing) {
  TempDir Dir;
  ResultCache Cache("");
  EXPECT_FALSE(Cache.enabled());
  Cache.store("k", resultReading(Dir.write("a.cpp", "")));
  EXPECT_FALSE(Cache.lookup("k"));
  EXPECT_EQ(Cache.prune({}).Entries, 0u);
}

TEST(CacheTest, PruneRemovesOldUnusedEntriesAndStaleTemporaries) {
  TempDir Dir;
  std::string Source = Dir.write("a.cpp", "int x;\n");
  std::string Old = KeyBuilder().add("old").finish();
  std::string Recent = KeyBuilder().add("recent").finish();
  std::string Used = KeyBuilder().add("used").finish();
  {
    ResultCache Cache(Dir.path("cache"));
    Cache.store(Old, resultReading(Source));
    Cache.store(Recent, resultReading(Source));
    Cache.store(Used, resultReading(Source));
  }
  age(entryOf(Dir, Old), 24 * 40);
  age(entryOf(Dir, Used), 24 * 40);
  age(entryOf(Dir, Recent), 24 * 2);
  std::string Temp = Dir.write("cache/ab/x.json.temp-stream-1234", "{");
  age(Temp, 3);

  ResultCache Cache(Dir.path("cache"));
  ASSERT_TRUE(Cache.lookup(Used)); // This run uses it: kept, however old.
  ResultCache::PruneStats Stats = Cache.prune({});
  EXPECT_EQ(Stats.Entries, 3u);
  EXPECT_EQ(Stats.Removed, 2u); // The old entry and the temporary file.
  EXPECT_FALSE(llvm::sys::fs::exists(entryOf(Dir, Old)));
  EXPECT_FALSE(llvm::sys::fs::exists(Temp));
  EXPECT_TRUE(llvm::sys::fs::exists(entryOf(Dir, Recent)));
  EXPECT_TRUE(llvm::sys::fs::exists(entryOf(Dir, Used)));
}

TEST(CacheTest, PruneToSizeRemovesLeastRecentlyUsedFirst) {
  TempDir Dir;
  std::string Source = Dir.write("a.cpp", std::string(100, 'x'));
  std::string Keys[] = {KeyBuilder().add("1").finish(),
                        KeyBuilder().add("2").finish(),
                        KeyBuilder().add("3").finish()};
  {
    ResultCache Cache(Dir.path("cache"));
    for (const std::string &K : Keys)
      Cache.store(K, resultReading(Source));
  }
  age(entryOf(Dir, Keys[0]), 30);
  age(entryOf(Dir, Keys[1]), 10);
  age(entryOf(Dir, Keys[2]), 20);
  uint64_t EntrySize = 0;
  ASSERT_FALSE(llvm::sys::fs::file_size(entryOf(Dir, Keys[0]), EntrySize));

  ResultCache Cache(Dir.path("cache"));
  ResultCache::PruneLimits Limits;
  Limits.MaxBytes = EntrySize + EntrySize / 2; // Room for one entry.
  ResultCache::PruneStats Stats = Cache.prune(Limits);
  EXPECT_EQ(Stats.Removed, 2u);
  EXPECT_LE(Stats.BytesLeft, Limits.MaxBytes);
  EXPECT_TRUE(llvm::sys::fs::exists(entryOf(Dir, Keys[1]))); // Newest.
  EXPECT_FALSE(llvm::sys::fs::exists(entryOf(Dir, Keys[0])));
  EXPECT_FALSE(llvm::sys::fs::exists(entryOf(Dir, Keys[2])));
}

TEST(CacheTest, ALookupRefreshesTheEntry) {
  TempDir Dir;
  std::string Source = Dir.write("a.cpp", "int x;\n");
  std::string Key = KeyBuilder().add("k").finish();
  {
    ResultCache Cache(Dir.path("cache"));
    Cache.store(Key, resultReading(Source));
  }
  age(entryOf(Dir, Key), 24 * 40);
  {
    ResultCache Cache(Dir.path("cache"));
    ASSERT_TRUE(Cache.lookup(Key));
  }
  // A later run that did not use it: the entry is recent, so it stays.
  ResultCache Cache(Dir.path("cache"));
  EXPECT_EQ(Cache.prune({}).Removed, 0u);
  EXPECT_TRUE(llvm::sys::fs::exists(entryOf(Dir, Key)));
}

} // namespace
