//===--- Analysis.h - The two phases of `leakguard check` -------*- C++ -*-===//
//
// The units are analysed in two phases, each through the result cache and
// worker processes: first every unit's summaries for the others (written to
// the project's summary store), then every selected unit's findings with
// that store (docs/driver.md, "Across translation units").
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_ANALYSIS_H
#define LEAKGUARD_DRIVER_ANALYSIS_H

#include "CheckCommand.h"
#include "CompileDb.h"
#include "Diff.h"
#include "Finding.h"
#include "clang-tidy/ClangTidyOptions.h"
#include <vector>

namespace clang::tidy::leak::driver {

/// Summarizes \p Units into the store (unless --no-summaries), then
/// analyses them with it, through the cache, then keeps the cache within its
/// limits. A run restricted by PATH updates the summaries of its units and
/// keeps the others' from earlier runs. Units a change (\p Changed) cannot
/// touch are counted in \p OutsideChange and not analysed. \p Self is the
/// leakguard executable the workers run.
std::vector<UnitResult>
analyseUnits(const std::vector<Unit> &Units, const CheckCommand &C,
             llvm::StringRef Self, llvm::StringRef BuildDir,
             ClangTidyOptionsProvider &Provider, const ChangedLines *Changed,
             size_t &OutsideChange);

/// `leakguard summarize`: the first phase alone; returns the exit code.
int summarizeOnly(const std::vector<Unit> &Units, const CheckCommand &C,
                  llvm::StringRef Self, llvm::StringRef BuildDir,
                  ClangTidyOptionsProvider &Provider);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_ANALYSIS_H
