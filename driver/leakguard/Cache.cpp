//===--- Cache.cpp - The result cache -------------------------------------===//

#include "Cache.h"
#include "SourceText.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

namespace clang::tidy::leak::driver {

KeyBuilder &KeyBuilder::add(llvm::StringRef S) {
  Data += std::to_string(S.size());
  Data += ':';
  Data += S;
  return *this;
}

std::string KeyBuilder::finish() const {
  std::array<uint8_t, 32> Hash = llvm::SHA256::hash(llvm::ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(Data.data()), Data.size()));
  return llvm::toHex(Hash, /*LowerCase=*/true);
}

std::string ResultCache::fileHash(llvm::StringRef Path) {
  auto [It, Inserted] = FileHashes.try_emplace(Path);
  if (!Inserted)
    return It->second;
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (Buffer)
    It->second = llvm::utohexstr(llvm::xxh3_64bits(llvm::ArrayRef<uint8_t>(
        reinterpret_cast<const uint8_t *>((*Buffer)->getBufferStart()),
        (*Buffer)->getBufferSize())));
  return It->second;
}

std::string ResultCache::entryPath(llvm::StringRef Key) const {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, Key.take_front(2), Key.str() + ".json");
  return std::string(P);
}

std::optional<UnitResult>
ResultCache::lookup(llvm::StringRef Key,
                    llvm::function_ref<bool(const UnitResult &)> StillValid) {
  if (!enabled())
    return std::nullopt;
  auto Buffer = llvm::MemoryBuffer::getFile(entryPath(Key), /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  llvm::Expected<llvm::json::Value> Doc =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Doc) {
    llvm::consumeError(Doc.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *O = Doc->getAsObject();
  const llvm::json::Object *Hashes = O ? O->getObject("hashes") : nullptr;
  const llvm::json::Value *ResultValue = O ? O->get("result") : nullptr;
  if (!Hashes || !ResultValue)
    return std::nullopt;
  for (const auto &[Path, Hash] : *Hashes) {
    std::optional<llvm::StringRef> Expected = Hash.getAsString();
    if (!Expected || fileHash(Path.str()) != *Expected)
      return std::nullopt;
  }
  llvm::Expected<UnitResult> Result = unitResultFromJSON(*ResultValue);
  if (!Result) {
    llvm::consumeError(Result.takeError());
    return std::nullopt;
  }
  if (StillValid && !StillValid(*Result))
    return std::nullopt;
  Result->FromCache = true;
  std::string Path = entryPath(Key);
  touch(Path);
  Used.insert(llvm::sys::path::filename(Path));
  return std::move(*Result);
}

void ResultCache::cannotWrite(llvm::StringRef Why) {
  // A read-only or full cache directory: said once, and the run goes on
  // without storing.
  WriteProblem = Why.str();
  llvm::errs() << "leakguard: warning: cannot write to the cache in " << Dir
               << " (" << Why << "): the run goes on without caching\n";
}

void ResultCache::store(llvm::StringRef Key, const UnitResult &Result) {
  if (!enabled() || !Result.Errors.empty() || !Result.ConfigErrors.empty())
    return;
  llvm::json::Object Hashes;
  for (const std::string &Dep : Result.Dependencies) {
    std::string Hash = fileHash(Dep);
    if (Hash.empty())
      return; // A dependency vanished: do not cache.
    Hashes[Dep] = Hash;
  }
  if (!WriteProblem.empty())
    return;
  std::string Path = entryPath(Key);
  if (std::error_code EC = llvm::sys::fs::create_directories(
          llvm::sys::path::parent_path(Path))) {
    cannotWrite(EC.message());
    return;
  }
  llvm::json::Value Doc = llvm::json::Object{{"hashes", std::move(Hashes)},
                                             {"result", toJSON(Result)}};
  llvm::Error E = writeFileAtomically(
      Path, [&](llvm::raw_ostream &OS) { OS << Doc << "\n"; });
  if (E) {
    cannotWrite(llvm::toString(std::move(E)));
    return;
  }
  Used.insert(llvm::sys::path::filename(Path));
  Stored = true;
}

/// Marks an entry as recently used: pruning removes the least recently used.
void ResultCache::touch(llvm::StringRef Path) {
  int FD = -1;
  if (llvm::sys::fs::openFileForWrite(Path, FD, llvm::sys::fs::CD_OpenExisting,
                                      llvm::sys::fs::OF_Append))
    return;
  // Best effort: an entry whose time stamp cannot be refreshed is merely
  // pruned a little early.
  std::error_code Stamped = llvm::sys::fs::setLastAccessAndModificationTime(
      FD, std::chrono::system_clock::now());
  std::error_code Closed = llvm::sys::fs::closeFile(FD);
  if (Stamped || Closed)
    return;
}

ResultCache::PruneStats ResultCache::prune(const PruneLimits &Limits) {
  PruneStats Stats;
  if (!enabled())
    return Stats;
  struct Entry {
    std::string Path;
    uint64_t Size;
    llvm::sys::TimePoint<> Modified;
  };
  std::vector<Entry> Entries;
  auto Now = std::chrono::system_clock::now();
  std::error_code EC;
  for (llvm::sys::fs::recursive_directory_iterator It(Dir, EC), End;
       It != End && !EC; It.increment(EC)) {
    if (It.level() != 1)
      continue; // Entries live in DIR/xx/KEY.json.
    llvm::sys::fs::file_status Status;
    if (llvm::sys::fs::status(It->path(), Status) ||
        Status.type() != llvm::sys::fs::file_type::regular_file)
      continue;
    llvm::StringRef Name = llvm::sys::path::filename(It->path());
    auto Age = Now - Status.getLastModificationTime();
    if (Name.contains(".temp-stream-")) {
      // An interrupted write's temporary file.
      if (Age > std::chrono::hours(1) && !llvm::sys::fs::remove(It->path()))
        ++Stats.Removed;
      continue;
    }
    if (!Name.ends_with(".json"))
      continue;
    ++Stats.Entries;
    if (!Used.contains(Name) && Age > Limits.MaxAge) {
      if (!llvm::sys::fs::remove(It->path()))
        ++Stats.Removed;
      continue;
    }
    Entries.push_back(
        {It->path(), Status.getSize(), Status.getLastModificationTime()});
    Stats.BytesLeft += Status.getSize();
  }
  if (!Limits.MaxBytes || Stats.BytesLeft <= Limits.MaxBytes)
    return Stats;
  llvm::sort(Entries, [](const Entry &A, const Entry &B) {
    return A.Modified < B.Modified;
  });
  for (const Entry &E : Entries) {
    if (Stats.BytesLeft <= Limits.MaxBytes)
      break;
    if (Used.contains(llvm::sys::path::filename(E.Path)) ||
        llvm::sys::fs::remove(E.Path))
      continue;
    ++Stats.Removed;
    Stats.BytesLeft -= E.Size;
  }
  return Stats;
}

} // namespace clang::tidy::leak::driver
