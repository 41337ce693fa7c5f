//===--- SharedOptions.cpp - Option groups shared by several checks ------===//

#include "SharedOptions.h"
#include "OptionUtils.h"

namespace clang::tidy::leak::utils {

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
