//===--- Baseline.h - Fingerprints and baselines ----------------*- C++ -*-===//
//
// A fingerprint identifies a finding independently of its line number: the
// check, the file relative to the project root, the message and the text of
// the flagged line, plus an occurrence index among identical keys. Baselines
// are sets of fingerprints; with one, only new findings are reported.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_BASELINE_H
#define LEAKGUARD_DRIVER_BASELINE_H

#include "Finding.h"
#include "SourceText.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <map>

namespace clang::tidy::leak::driver {

/// Sets Finding::Fingerprint. \p Findings must be sorted.
void assignFingerprints(std::vector<Finding> &Findings, SourceFiles &Sources,
                        llvm::StringRef Root);

/// Writes the fingerprints of \p Findings (with check, file and message for
/// people reading the file) as JSON.
llvm::Error writeBaseline(llvm::StringRef Path,
                          llvm::ArrayRef<Finding> Findings,
                          llvm::StringRef Root);

/// One finding a baseline recorded.
struct BaselineEntry {
  std::string Fingerprint;
  /// The check and the file relative to the root; empty when a hand-written
  /// baseline leaves them out.
  std::string Check;
  std::string File;
};

struct BaselineFile {
  llvm::StringSet<> Fingerprints;
  std::vector<BaselineEntry> Entries;
};

llvm::Expected<BaselineFile> readBaseline(llvm::StringRef Path);
/// The same from the baseline's text; \p Name names it in errors.
llvm::Expected<BaselineFile> parseBaseline(llvm::StringRef Text,
                                           llvm::StringRef Name);

/// How many entries of \p Baseline no finding of \p Findings matches.
size_t staleBaselineEntries(llvm::ArrayRef<Finding> Findings,
                            const llvm::StringSet<> &Baseline);

/// Per check, the entries of \p B that no finding of \p Findings matches
/// and whose file and check are in \p ChecksRun (paths relative to the
/// root: the main files of the units this run analysed, whose findings it
/// knows in full, each with the checks that ran on it): findings fixed since
/// the baseline was written.
std::map<std::string, size_t>
fixedBaselineEntries(llvm::ArrayRef<Finding> Findings, const BaselineFile &B,
                     const llvm::StringMap<llvm::StringSet<>> &ChecksRun);

/// Drops the findings whose fingerprint is in \p Baseline; returns how many.
size_t applyBaseline(std::vector<Finding> &Findings,
                     const llvm::StringSet<> &Baseline);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_BASELINE_H
