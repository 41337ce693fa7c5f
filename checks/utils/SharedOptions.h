//===--- SharedOptions.h - Option groups shared by several checks -*- C++
//-*-===//
//
// Checks of one family take the same options with the same defaults: the two
// resource checks decide ownership alike, the two thread checks know the same
// thread types and stop signals. Each group is read once, in the check's
// constructor, and written back by the check's storeOptions.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_SHAREDOPTIONS_H
#define LEAKGUARD_CHECKS_UTILS_SHAREDOPTIONS_H

#include "ApiModel.h"
#include "Escape.h"
#include "ProjectSummaries.h"
#include "StopSignals.h"
#include "clang-tidy/ClangTidyCheck.h"
#include <string>
#include <vector>

namespace clang::tidy::leak::utils {

/// OwnerTypes, OwnerFunctions, ReleaseMethods, ProjectTypesTakeOwnership and
/// ProjectCallsTakePointers: what counts as handing a resource over.
class OwnershipOptions {
public:
  OwnershipOptions(const ClangTidyCheck::OptionsView &Options,
                   ClangTidyContext *Context, StringRef CheckName,
                   const ApiModel &Model);
  const EscapeOptions &escapes() const { return Escapes; }
  /// UnknownCallsThrow: a call whose body is not visible may throw.
  bool unknownCallsThrow() const { return UnknownCallsThrow; }
  /// The project's summary store (global option LeakGuardSummaryStore), or
  /// null when none is configured or it cannot be read.
  const SummaryIndex *project() const { return Project.get(); }
  /// LeakGuardSummaryOutput: set by the driver's first phase, where the
  /// unit's summaries are written instead of findings.
  StringRef summaryOutput() const { return SummaryOutput; }
  void store(const ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Opts) const;

private:
  std::string RawOwnerTypes;
  std::string RawOwnerFunctions;
  EscapeOptions Escapes;
  bool UnknownCallsThrow;
  std::string StorePath;
  std::string SummaryOutput;
  std::shared_ptr<const SummaryIndex> Project;
};

/// The index of the summary store at \p Path (the global option
/// LeakGuardSummaryStore), or null when \p Path is empty or the store cannot
/// be read (said once per process).
std::shared_ptr<const SummaryIndex> loadSummaryStore(StringRef Path,
                                                     ClangTidyContext *Context);

/// ThreadTypes, StopSignalTypes, StopSignalNames and BlockingFunctions, with
/// the rule packs' lists as defaults.
class ThreadOptions {
public:
  ThreadOptions(const ClangTidyCheck::OptionsView &Options,
                const ApiModel &Model);
  void store(const ClangTidyCheck::OptionsView &Options,
             ClangTidyOptions::OptionMap &Opts) const;

  std::vector<std::string> ThreadTypes;
  std::vector<std::string> BlockingFunctions;
  StopSignalModel Signals;

private:
  std::string RawThreadTypes;
  std::string RawStopSignalTypes;
  std::string RawStopSignalNames;
  std::string RawBlockingFunctions;
};

/// "true" or "false", the spelling boolean options are stored with.
inline StringRef boolText(bool Value) { return Value ? "true" : "false"; }

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_SHAREDOPTIONS_H
