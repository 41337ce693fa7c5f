//===--- SharedOptions.cpp - Option groups shared by several checks ------===//

#include "SharedOptions.h"
#include "OptionUtils.h"
#include "llvm/ADT/StringSet.h"
#include <mutex>

namespace clang::tidy::leak::utils {

/// A store that cannot be read is said once per process, not once per check
/// and unit; the checks then run as without a store.
static void reportStoreErrorOnce(ClangTidyContext *Context,
                                 const std::string &Message) {
  static std::mutex Lock;
  static llvm::StringSet<> Reported;
  std::lock_guard<std::mutex> Guard(Lock);
  if (Reported.insert(Message).second)
    Context->configurationDiag("%0; cross-unit summaries are not used")
        << Message;
}

OwnershipOptions::OwnershipOptions(const ClangTidyCheck::OptionsView &Options,
                                   ClangTidyContext *Context,
                                   StringRef CheckName, const ApiModel &Model)
    : RawOwnerTypes(Options.get("OwnerTypes",
                                "::std::unique_ptr;::std::shared_ptr;"
                                "::std::thread;::std::jthread")),
      RawOwnerFunctions(Options.get(
          "OwnerFunctions",
          "::std::unique_ptr::reset;::std::shared_ptr::reset;"
          "::std::__shared_ptr::reset;::fdopen;"
          "::fdopendir;::pthread_create;::std::bind;::std::bind_front;"
          "::std::make_unique;::std::make_shared;::std::async")) {
  Escapes.OwnerTypes = splitList(RawOwnerTypes);
  Escapes.OwnerFunctions = splitList(RawOwnerFunctions);
  Escapes.ProjectTypesTakeOwnership = readBoolOption(
      Options, Context, CheckName, "ProjectTypesTakeOwnership", true);
  Escapes.ProjectCallsTakePointers = readBoolOption(
      Options, Context, CheckName, "ProjectCallsTakePointers", true);
  UnknownCallsThrow =
      readBoolOption(Options, Context, CheckName, "UnknownCallsThrow", false);
  Escapes.ReleaseMethods = splitList(Options.get(
      "ReleaseMethods", "Unref;unref;Release;release;Destroy;destroy;"
                        "deleteLater;DecRef;decRef"));
  Escapes.Model = &Model;
  StorePath = Options.getLocalOrGlobal("LeakGuardSummaryStore", "");
  SummaryOutput = Options.getLocalOrGlobal("LeakGuardSummaryOutput", "");
  if (SummaryOutput.empty()) {
    Project = loadSummaryStore(StorePath, Context);
    Escapes.Project = Project.get();
  }
}

std::shared_ptr<const SummaryIndex>
loadSummaryStore(StringRef Path, ClangTidyContext *Context) {
  if (Path.empty())
    return nullptr;
  llvm::Expected<std::shared_ptr<const SummaryIndex>> Index =
      SummaryIndex::load(Path);
  if (Index)
    return std::move(*Index);
  reportStoreErrorOnce(Context, llvm::toString(Index.takeError()));
  return nullptr;
}

void OwnershipOptions::store(const ClangTidyCheck::OptionsView &Options,
                             ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "OwnerTypes", RawOwnerTypes);
  Options.store(Opts, "OwnerFunctions", RawOwnerFunctions);
  Options.store(Opts, "ReleaseMethods", joinList(Escapes.ReleaseMethods));
  Options.store(Opts, "ProjectTypesTakeOwnership",
                boolText(Escapes.ProjectTypesTakeOwnership));
  Options.store(Opts, "ProjectCallsTakePointers",
                boolText(Escapes.ProjectCallsTakePointers));
  Options.store(Opts, "UnknownCallsThrow", boolText(UnknownCallsThrow));
  Options.store(Opts, "LeakGuardSummaryStore", StorePath);
}

ThreadOptions::ThreadOptions(const ClangTidyCheck::OptionsView &Options,
                             const ApiModel &Model)
    : RawThreadTypes(Options.get("ThreadTypes", joinList(Model.ThreadTypes))),
      RawStopSignalTypes(
          Options.get("StopSignalTypes", joinList(Model.StopSignalTypes))),
      RawStopSignalNames(
          Options.get("StopSignalNames", joinList(Model.StopSignalNames))),
      RawBlockingFunctions(
          Options.get("BlockingFunctions", joinList(Model.BlockingFunctions))) {
  ThreadTypes = splitList(RawThreadTypes);
  BlockingFunctions = splitList(RawBlockingFunctions);
  Signals.Types = splitList(RawStopSignalTypes);
  Signals.Names = splitList(RawStopSignalNames);
}

void ThreadOptions::store(const ClangTidyCheck::OptionsView &Options,
                          ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, "ThreadTypes", RawThreadTypes);
  Options.store(Opts, "StopSignalTypes", RawStopSignalTypes);
  Options.store(Opts, "StopSignalNames", RawStopSignalNames);
  Options.store(Opts, "BlockingFunctions", RawBlockingFunctions);
}

} // namespace clang::tidy::leak::utils
