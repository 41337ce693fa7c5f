//===--- ApplyFixes.cpp - leakguard check --fix ---------------------------===//

#include "ApplyFixes.h"
#include "clang/Tooling/Core/Replacement.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include <map>

namespace clang::tidy::leak::driver {

/// Adds one fix-it (all its edits, or none) to the edits by file.
static bool addFix(llvm::ArrayRef<Replacement> Fix,
                   std::map<std::string, tooling::Replacements> &Edits) {
  // Tried on copies first: a fix is applied whole or not at all.
  std::map<std::string, tooling::Replacements> Trial;
  for (const Replacement &R : Fix) {
    auto [It, New] = Trial.try_emplace(R.File);
    if (New)
      It->second = Edits[R.File];
    if (llvm::Error E = It->second.add(
            tooling::Replacement(R.File, R.Offset, R.Length, R.Text))) {
      llvm::consumeError(std::move(E));
      return false;
    }
  }
  for (auto &[File, Replacements] : Trial)
    Edits[File] = std::move(Replacements);
  return true;
}

/// Removes a temporary file that is not needed any more; failing to is no
/// reason to report anything else than the error that led here.
static void removeTemporary(llvm::StringRef Temp) {
  if (std::error_code EC = llvm::sys::fs::remove(Temp))
    llvm::errs() << "leakguard: warning: cannot remove " << Temp << ": "
                 << EC.message() << "\n";
}

/// Writes \p Text to \p Path through a temporary file beside it.
static std::error_code writeAtomically(llvm::StringRef Path,
                                       llvm::StringRef Text) {
  llvm::SmallString<256> Temp;
  int FD = -1;
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(
          Path + ".leakguard-fix-%%%%%%", FD, Temp))
    return EC;
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    OS << Text;
    OS.close();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      removeTemporary(Temp);
      return EC;
    }
  }
  // Keep the file's permissions.
  if (llvm::ErrorOr<llvm::sys::fs::perms> Perms =
          llvm::sys::fs::getPermissions(Path))
    if (std::error_code EC = llvm::sys::fs::setPermissions(Temp, *Perms)) {
      removeTemporary(Temp);
      return EC;
    }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    removeTemporary(Temp);
    return EC;
  }
  return {};
}

FixStats applyFixes(llvm::ArrayRef<Finding> Findings, bool IncludeNotes,
                    llvm::raw_ostream &Errors) {
  FixStats Stats;
  std::map<std::string, tooling::Replacements> Edits;
  auto Take = [&](llvm::ArrayRef<Replacement> Fix) {
    if (Fix.empty())
      return;
    if (addFix(Fix, Edits))
      ++Stats.Applied;
    else
      ++Stats.Conflicting;
  };
  for (const Finding &F : Findings) {
    Take(F.Fixes);
    if (IncludeNotes)
      for (const Note &N : F.Notes)
        Take(N.Fixes);
  }
  for (const auto &[File, Replacements] : Edits) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
        llvm::MemoryBuffer::getFile(File);
    if (!Buffer) {
      Errors << "leakguard: error: cannot read " << File
             << " to fix it: " << Buffer.getError().message() << "\n";
      ++Stats.Failed;
      continue;
    }
    llvm::Expected<std::string> Fixed =
        tooling::applyAllReplacements((*Buffer)->getBuffer(), Replacements);
    if (!Fixed) {
      Errors << "leakguard: error: cannot fix " << File << ": "
             << llvm::toString(Fixed.takeError()) << "\n";
      ++Stats.Failed;
      continue;
    }
    if (std::error_code EC = writeAtomically(File, *Fixed)) {
      Errors << "leakguard: error: cannot write " << File << ": "
             << EC.message() << "\n";
      ++Stats.Failed;
      continue;
    }
    ++Stats.Files;
  }
  return Stats;
}

} // namespace clang::tidy::leak::driver
