//===--- ConfigCheck.h - Configuration errors before any analysis -*- C++
//-*-===//
//
// A misspelt check name or option key would otherwise be ignored: the run
// would pass, having checked less than the user asked for. The driver checks
// the configuration of every selected unit before analysing any: leak-*
// names in Checks that name no check, leak-* option keys no check reads,
// and that some leak-* check is enabled at all. Each problem is one line,
// with file:line:col where it comes from a file and a did-you-mean where a
// near name exists. Other tools' checks and options are not LeakGuard's
// business and pass unchecked.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_CONFIGCHECK_H
#define LEAKGUARD_DRIVER_CONFIGCHECK_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::leak::driver {

/// The name among \p Candidates closest to \p Name, when it is close enough
/// to be a likely typo; empty otherwise.
std::string nearestName(llvm::StringRef Name,
                        llvm::ArrayRef<std::string> Candidates);

/// The 1-based line and column of the first occurrence of \p Token in
/// \p Text as a whole word, or {0, 0}.
std::pair<unsigned, unsigned> positionOf(llvm::StringRef Text,
                                         llvm::StringRef Token);

/// Collects configuration problems, each reported once.
class ConfigVerifier {
public:
  /// \p Checks: LeakGuard's check names. \p Options: the option keys its
  /// checks read ("leak-unbounded-cache.RetainedCapacity").
  ConfigVerifier(std::vector<std::string> Checks, llvm::StringSet<> Options)
      : Checks(std::move(Checks)), Options(std::move(Options)) {}

  /// The leak-* globs of a Checks value that match no check. \p Source
  /// names where the value comes from (a file, or "--checks"); \p Text is
  /// that file's text, for positions (empty for the command line).
  void verifyChecks(llvm::StringRef Value, llvm::StringRef Source,
                    llvm::StringRef Text);

  /// The leak-* keys of \p Map that no check reads.
  void verifyOptions(const ClangTidyOptions::OptionMap &Map,
                     llvm::StringRef Source, llvm::StringRef Text);

  /// Records whether some leak-* check is enabled for one unit.
  void noteEnabled(bool AnyEnabled) { SomeEnabled |= AnyEnabled; }
  bool someEnabled() const { return SomeEnabled; }

  /// Adds a problem found elsewhere (a rule file).
  void add(std::string Problem);

  const std::vector<std::string> &problems() const { return Problems; }

private:
  std::string where(llvm::StringRef Source, llvm::StringRef Text,
                    llvm::StringRef Token) const;
  std::vector<std::string> optionNames() const;

  std::vector<std::string> Checks;
  llvm::StringSet<> Options;
  std::vector<std::string> Problems;
  llvm::StringSet<> Seen;
  bool SomeEnabled = false;
};

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_CONFIGCHECK_H
