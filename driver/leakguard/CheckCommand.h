//===--- CheckCommand.h - What `leakguard check` was asked ------*- C++ -*-===//
//
// The parsed command line of `check` (and `summarize`), apart from the code
// that parses it (Driver.cpp) and the phases that run it (Analysis.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_CHECKCOMMAND_H
#define LEAKGUARD_DRIVER_CHECKCOMMAND_H

#include "Worker.h"
#include <cstdint>
#include <string>
#include <vector>

namespace clang::tidy::leak::driver {

struct CheckCommand {
  std::string BuildDir;
  unsigned Jobs = 0;
  std::vector<std::string> Paths;
  std::string Sarif;
  std::string Markdown;
  /// --html=DIR: DIR/index.html.
  std::string Html;
  /// --html-url=URL: where that page is published.
  std::string HtmlUrl;
  std::string Json;
  bool Github = false;
  std::string ExportFixes;
  /// Base URL for links to the reviewed files (--link-base); derived from
  /// the CI environment when not given.
  std::string LinkBase;
  /// Apply the findings' fix-its (--fix), and the notes' too (--fix-notes).
  bool Fix = false;
  bool FixNotes = false;
  std::string DiffBase;
  std::string DiffFile;
  std::string Baseline;
  std::string WriteBaseline;
  /// Which findings make the exit code 1.
  enum class FailOn { Error, Warning, None } FailOnLevel = FailOn::Warning;
  /// Globs (relative to the root) of files whose units and findings are
  /// left out.
  std::vector<std::string> Excludes;
  bool NoCache = false;
  std::string CacheDir;
  /// Summaries across units (the first phase); off with --no-summaries.
  bool Summaries = true;
  /// `leakguard summarize`: the first phase only.
  bool SummarizeOnly = false;
  /// --summary-store: where the project's summaries are kept (default:
  /// summaries.sqlite in the cache directory).
  std::string SummaryStore;
  uint64_t CacheMaxMegabytes = 256;
  ConfigSettings Config;
  std::string Root;
  std::string DocBaseUrl;
  bool Profile = false;
  bool Quiet = false;
  /// Report the findings of units that did not compile (marked incomplete).
  bool IncompleteFindings = false;
  /// Only check the configuration of the selected units.
  bool VerifyConfig = false;
  /// Only print the configuration the first selected unit runs with.
  bool DumpConfig = false;
  /// Limits of each unit's analysis (0: none).
  unsigned UnitTimeoutSeconds = 600;
  unsigned UnitMemoryMegabytes = 6144;
  /// Compiler arguments added to every unit's command, before the others
  /// (right after the compiler) and after them.
  std::vector<std::string> ExtraArgsBefore;
  std::vector<std::string> ExtraArgs;
  // Test-only: results of earlier analyses instead of running one.
  std::string FromResults;
  size_t MarkdownMax = 60000;
};

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_CHECKCOMMAND_H
