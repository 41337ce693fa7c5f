//===--- Diff.h - Changed lines for pull-request mode -----------*- C++ -*-===//
//
// In changed-lines mode only findings that touch an added or modified line
// are reported. The lines come from a unified diff, read from a file or asked
// of git.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_DIFF_H
#define LEAKGUARD_DRIVER_DIFF_H

#include "Finding.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <utility>
#include <vector>

namespace clang::tidy::leak::driver {

/// The new side's added or modified lines, per absolute file path.
class ChangedLines {
public:
  void addLines(llvm::StringRef File, unsigned First, unsigned Count);
  void addWholeFile(llvm::StringRef File);
  bool contains(llvm::StringRef File, unsigned Line) const;
  /// True when the finding's location or one of its notes is changed.
  bool touches(const Finding &F) const;
  /// True when some line of \p File is added or changed.
  bool touchesFile(llvm::StringRef File) const;
  /// True when no changed file is one a unit may include (a header by its
  /// extension, `.inc`, `.def`, `.ipp`, an extensionless header); sources,
  /// documentation, scripts and data are not: then a unit's findings can
  /// lie on a changed line only if its own main file changed.
  bool onlySourceFilesChanged() const;

private:
  llvm::StringMap<std::vector<std::pair<unsigned, unsigned>>> Ranges;
  llvm::StringSet<> WholeFiles;
};

/// Parses a unified diff (git's or diff -u's). Paths are resolved against
/// \p BaseDir; a leading "b/" is stripped unless the file exists with it.
llvm::Expected<ChangedLines> parseUnifiedDiff(llvm::StringRef Diff,
                                              llvm::StringRef BaseDir);

/// What changed since \p Ref in the git work tree containing \p Dir:
/// committed, staged and unstaged changes plus untracked files.
llvm::Expected<ChangedLines> changedSinceGitRef(llvm::StringRef Ref,
                                                llvm::StringRef Dir);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_DIFF_H
