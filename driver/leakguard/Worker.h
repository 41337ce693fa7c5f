//===--- Worker.h - Analysing one translation unit --------------*- C++ -*-===//
//
// The driver runs each translation unit in its own worker process (the
// leakguard executable in its hidden --worker mode): clang-tidy's runner is
// not made for threads sharing one context, and a crash in one unit must not
// end the run.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_WORKER_H
#define LEAKGUARD_DRIVER_WORKER_H

#include "Finding.h"
#include "clang-tidy/ClangTidyOptions.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::leak::driver {

/// Where the checks' configuration comes from.
struct ConfigSettings {
  /// --config-file: used instead of the .clang-tidy files.
  std::string ConfigFile;
  /// --checks: a glob list applied on top of the configuration.
  std::string Checks;
  /// Check options applied on top of everything (the driver's phases).
  std::vector<std::pair<std::string, std::string>> CheckOptions;
};

/// The globs of a project's `Checks` value that name leak-* checks
/// (`leak-*`, `-leak-unbounded-cache`), and `-*` when the value also enables
/// some of them; `*`, other tools' checks and a `-*` before them are
/// dropped, so that a `.clang-tidy` written for the project's own clang-tidy
/// run neither adds other checks to LeakGuard's report nor turns LeakGuard
/// off.
std::string leakChecksOnly(llvm::StringRef Checks);

/// The options provider the checks run with: defaults "-*,leak-*" and every
/// header but system headers, then .clang-tidy files (or --config-file),
/// then --checks. Problems in .clang-tidy files are appended to
/// \p ConfigErrors when it is not null, unknown keys included (but for keys
/// older clang-tidy versions wrote, which are ignored with a message in
/// \p ConfigWarnings when it is not null).
llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>>
createOptionsProvider(const ConfigSettings &Settings,
                      std::vector<std::string> *ConfigErrors,
                      std::vector<std::string> ExtraArgs = {},
                      std::vector<std::string> *ConfigWarnings = nullptr);

/// Parses a .clang-tidy file as clang-tidy does, except that unknown keys
/// (e.g. `AnalyzeTemporaryDtors`, which newer clang-tidy versions no longer
/// know) are dropped with their values and named in \p IgnoredKeys instead
/// of failing the file. Other problems fail it, described in \p Problems.
llvm::ErrorOr<ClangTidyOptions>
parseConfigurationTolerantly(llvm::MemoryBufferRef Config,
                             std::vector<std::string> &IgnoredKeys,
                             std::string &Problems);

struct WorkerOptions {
  std::string File;
  std::string Directory;
  std::vector<std::string> Arguments;
  ConfigSettings Config;
  /// Measure the time spent in the checks.
  bool Profile = false;
  /// Where the UnitResult is written as JSON.
  std::string Output;
  /// The first phase: compute the unit's summaries for other units (in
  /// UnitResult::Summaries) instead of findings.
  bool Summarize = false;
  /// The second phase: the project's summary store the checks read.
  std::string SummaryStore;
};

/// Analyses one translation unit and writes its result; returns the process
/// exit code (0 even when the unit has errors: they are in the result).
int runWorker(const WorkerOptions &Options);

/// Analyses one translation unit in this process.
UnitResult analyseUnit(const WorkerOptions &Options);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_WORKER_H
