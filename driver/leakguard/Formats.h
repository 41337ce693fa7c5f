//===--- Formats.h - Report formatters --------------------------*- C++ -*-===//
//
// One formatter per output: clang-style text, JSON, SARIF 2.1.0, a Markdown
// review report, GitHub Actions annotations and clang-apply-replacements
// YAML. They all read the same ReportInput.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_FORMATS_H
#define LEAKGUARD_DRIVER_FORMATS_H

#include "Finding.h"
#include "SourceText.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace clang::tidy::leak::driver {

/// A translation unit that could not be analysed.
struct UnitFailure {
  std::string File;
  std::string Message;
};

struct ReportInput {
  llvm::ArrayRef<Finding> Findings;
  llvm::ArrayRef<UnitFailure> Failures;
  /// Paths are shown relative to this directory.
  std::string Root;
  /// Base of documentation links; empty: repository-relative paths.
  std::string DocBaseUrl;
  SourceFiles *Sources = nullptr;
  unsigned UnitsAnalysed = 0;
  /// Entries of the compilation database that are not C or C++.
  size_t UnitsSkipped = 0;
  /// Findings left out because the baseline has them.
  size_t SuppressedByBaseline = 0;
  /// Baseline entries no current finding matches.
  size_t StaleBaselineEntries = 0;
  /// A baseline was given (--baseline).
  bool HasBaseline = false;
  /// Per check, the baseline's findings in the files this run analysed that
  /// are gone: fixed since the baseline.
  std::map<std::string, size_t> FixedSinceBaseline;
  /// Findings left out because they touch no changed line.
  size_t OutsideDiff = 0;
  size_t fixedSinceBaseline() const {
    size_t Total = 0;
    for (const auto &[Check, Count] : FixedSinceBaseline)
      Total += Count;
    return Total;
  }
  /// A review of a change (--diff-base, --diff-file): the Markdown table
  /// lists only the checks with findings.
  bool ChangedOnly = false;
  /// Where a file's lines are shown at the reviewed commit (--link-base,
  /// or derived in GitHub Actions and GitLab CI); empty: no links.
  std::string LinkBase;
  /// Where the HTML report of the same run can be opened (--html-url, or
  /// derived in CI when --html is given); the Markdown report links it.
  std::string HtmlUrl;
};

void writeText(llvm::raw_ostream &OS, const ReportInput &In);
void writeJson(llvm::raw_ostream &OS, const ReportInput &In);
void writeSarif(llvm::raw_ostream &OS, const ReportInput &In);
/// Keeps the report below \p MaxChars (GitHub comments hold 65,536).
void writeMarkdown(llvm::raw_ostream &OS, const ReportInput &In,
                   size_t MaxChars = 60000);
void writeGithub(llvm::raw_ostream &OS, const ReportInput &In);
void writeFixes(llvm::raw_ostream &OS, const ReportInput &In);
/// A self-contained HTML page (the report to look at: --html=DIR).
void writeHtml(llvm::raw_ostream &OS, const ReportInput &In);

/// \p S with the characters HTML interprets as entities.
std::string escapeHtml(llvm::StringRef S);

/// \p S with every character Markdown or HTML would interpret escaped.
std::string escapeMarkdown(llvm::StringRef S);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_FORMATS_H
