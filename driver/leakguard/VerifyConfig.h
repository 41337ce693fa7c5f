//===--- VerifyConfig.h - The configuration units run with -------*- C++
//-*-===//
//
// Checks, before any unit is analysed, the configuration each selected unit
// runs with (see ConfigCheck.h) and the rule files it names; used by
// `leakguard check` (which stops with exit code 2 on a problem) and by
// `--verify-config`.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_VERIFYCONFIG_H
#define LEAKGUARD_DRIVER_VERIFYCONFIG_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/ADT/ArrayRef.h"
#include <string>
#include <vector>

namespace clang::tidy::leak::driver {

/// The configuration problems of the units whose main files are \p Files,
/// one line each, without duplicates.
std::vector<std::string> verifyConfiguration(ClangTidyOptionsProvider &Provider,
                                             llvm::ArrayRef<std::string> Files);

/// The leak-* checks enabled for the unit of \p File.
std::vector<std::string> enabledChecks(ClangTidyOptionsProvider &Provider,
                                       llvm::StringRef File);

/// The configuration the unit of \p File runs with, as YAML: the effective
/// Checks and every option of the enabled leak-* checks, defaults included
/// (clang-tidy's --dump-config).
std::string effectiveConfiguration(ClangTidyOptionsProvider &Provider,
                                   llvm::StringRef File);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_VERIFYCONFIG_H
