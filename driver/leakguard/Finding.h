//===--- Finding.h - The driver's diagnostic model --------------*- C++ -*-===//
//
// A finding is one leak-* warning with its notes and fix-its, located by file,
// line and column. Workers produce findings per translation unit; the driver
// merges, orders, filters and formats them.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_FINDING_H
#define LEAKGUARD_DRIVER_FINDING_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <string>
#include <vector>

namespace clang::tidy::leak::driver {

/// A position in a source file. Lines and columns are 1-based; the column
/// counts bytes, as clang's diagnostics do.
struct Location {
  std::string File; ///< Absolute path.
  unsigned Line = 0;
  unsigned Column = 0;
  unsigned Offset = 0; ///< Byte offset in the file.
};

/// One edit of a fix-it, in clang-apply-replacements' terms.
struct Replacement {
  std::string File;
  unsigned Offset = 0;
  unsigned Length = 0;
  std::string Text;
};

struct Note {
  Location Loc;
  std::string Message;
  /// A fix-it offered with the note (`use std::jthread`): applied only when
  /// asked for (--fix-notes), as clang-tidy does.
  std::vector<Replacement> Fixes;
};

struct Finding {
  std::string Check;             ///< e.g. "leak-unjoined-thread".
  std::string Level = "warning"; ///< "warning" or "error".
  std::string Message;
  Location Loc;
  std::vector<Note> Notes;
  std::vector<Replacement> Fixes;
  /// Stable identity that survives unrelated line shifts; set by
  /// assignFingerprints().
  std::string Fingerprint;
  /// Found in a unit that did not compile (--incomplete-findings).
  bool Incomplete = false;
};

/// What a worker reports for one translation unit.
struct UnitResult {
  std::string File; ///< The translation unit's main file.
  std::vector<Finding> Findings;
  /// Why the unit could not be analysed (compiler errors, a crash); empty
  /// when it was.
  std::vector<std::string> Errors;
  /// Configuration problems (invalid options or rule files).
  std::vector<std::string> ConfigErrors;
  /// Every file the unit read, for the result cache.
  std::vector<std::string> Dependencies;
  /// Time spent in the checks (only with profiling), seconds.
  double CheckSeconds = 0;
  /// The same per check.
  std::map<std::string, double> CheckTimes;
  /// The first phase's result: the unit's summaries for other units, as
  /// JSON (see checks/utils/ProjectSummaries.h); empty in the second.
  std::string Summaries;
  /// The second phase's: each summary (by USR) the checks read, with the
  /// fingerprint of what the store said of it; the result holds while the
  /// store says the same.
  std::map<std::string, std::string> SummaryDeps;
  bool FromCache = false;
  /// Not analysed: a change under review cannot touch its findings.
  bool OutsideChange = false;
};

/// \p S as valid UTF-8 for a JSON string: a path or source line in another
/// encoding gets U+FFFD for its invalid bytes (JSON allows nothing else, and
/// llvm::json asserts on it in builds with assertions).
std::string utf8(llvm::StringRef S);

llvm::json::Value toJSON(const Finding &F);
llvm::json::Value toJSON(const UnitResult &R);
llvm::Expected<Finding> findingFromJSON(const llvm::json::Value &V);
llvm::Expected<UnitResult> unitResultFromJSON(const llvm::json::Value &V);
llvm::Expected<UnitResult> parseUnitResult(llvm::StringRef Text);

/// Orders findings by file, line, column, check and message and drops exact
/// duplicates (a header's finding reached from several translation units).
void sortAndDeduplicate(std::vector<Finding> &Findings);

/// \p Path relative to \p Root when it lies below it, else \p Path itself.
std::string relativePath(llvm::StringRef Path, llvm::StringRef Root);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_FINDING_H
