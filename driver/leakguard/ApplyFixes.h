//===--- ApplyFixes.h - leakguard check --fix -------------------*- C++ -*-===//
//
// Applies the findings' fix-its to the files, as `clang-tidy --fix` does:
// the findings' own fixes, and with --fix-notes those offered on notes too
// (LeakGuard's only fix-it today, `std::thread` -> `std::jthread`, is a
// note's, because it changes when the thread is joined). A fix that
// overlaps one already taken is skipped and counted; each file is written
// once, through a temporary file, so an interrupted run never leaves half
// of one.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_APPLYFIXES_H
#define LEAKGUARD_DRIVER_APPLYFIXES_H

#include "Finding.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::leak::driver {

struct FixStats {
  unsigned Applied = 0;     ///< Fix-its applied.
  unsigned Conflicting = 0; ///< Skipped: overlapping an applied one.
  unsigned Files = 0;       ///< Files written.
  unsigned Failed = 0;      ///< Files that could not be read or written.
};

/// Applies the fix-its of \p Findings (and of their notes when
/// \p IncludeNotes); problems are said on \p Errors.
FixStats applyFixes(llvm::ArrayRef<Finding> Findings, bool IncludeNotes,
                    llvm::raw_ostream &Errors);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_APPLYFIXES_H
