//===--- VerifyConfig.cpp - The configuration units run with --------------===//

#include "VerifyConfig.h"
#include "CheckInfo.h"
#include "ConfigCheck.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/GlobList.h"
#include "utils/RuleLoader.h"
#include "utils/RuleOptions.h"
#include "llvm/Support/MemoryBuffer.h"

namespace clang::tidy::leak::driver {

/// The option keys LeakGuard's checks read, as their storeOptions write
/// them (what clang-tidy's own --verify-config compares with).
static llvm::StringSet<> knownOptionKeys() {
  llvm::StringSet<> Keys;
  for (const auto &Entry :
       getAllChecksAndOptions(/*AllowEnablingAnalyzerAlphaCheckers=*/false,
                              /*ExperimentalCustomChecks=*/false)
           .Options)
    Keys.insert(Entry.getKey());
  return Keys;
}

/// The option \p Key for \p Check as the check reads it (check-local, else
/// global).
static std::string optionFor(const ClangTidyOptions &Options,
                             llvm::StringRef Check, llvm::StringRef Key) {
  auto It = Options.CheckOptions.find((Check + "." + Key).str());
  if (It == Options.CheckOptions.end())
    It = Options.CheckOptions.find(Key);
  return It == Options.CheckOptions.end() ? "" : It->getValue().Value;
}

/// Where a raw option source came from, as the user wrote it, and the
/// file's text for positions.
static std::pair<std::string, std::string>
describeSource(llvm::StringRef Source) {
  if (Source ==
      ClangTidyOptionsProvider::OptionsSourceTypeCheckCommandLineOption)
    return {"--checks", ""};
  auto Text = llvm::MemoryBuffer::getFile(Source);
  return {Source.str(), Text ? (*Text)->getBuffer().str() : ""};
}

std::vector<std::string> enabledChecks(ClangTidyOptionsProvider &Provider,
                                       llvm::StringRef File) {
  GlobList Enabled(Provider.getOptions(File).Checks.value_or(""));
  std::vector<std::string> Names;
  for (const CheckInfo &Info : allChecks())
    if (Enabled.contains(Info.Name))
      Names.push_back(Info.Name.str());
  return Names;
}

std::vector<std::string>
verifyConfiguration(ClangTidyOptionsProvider &Provider,
                    llvm::ArrayRef<std::string> Files) {
  std::vector<std::string> CheckNames;
  for (const CheckInfo &Info : allChecks())
    CheckNames.push_back(Info.Name.str());
  ConfigVerifier Verifier(CheckNames, knownOptionKeys());
  llvm::StringSet<> SourcesSeen, RuleSetsSeen;
  for (const std::string &File : Files) {
    for (const auto &[Options, Source] : Provider.getRawOptions(File)) {
      if (Source == ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary ||
          !SourcesSeen.insert(Source).second)
        continue;
      auto [Where, Text] = describeSource(Source);
      if (Options.Checks)
        Verifier.verifyChecks(*Options.Checks, Where, Text);
      Verifier.verifyOptions(Options.CheckOptions, Where, Text);
    }
    ClangTidyOptions Effective = Provider.getOptions(File);
    GlobList Enabled(Effective.Checks.value_or(""));
    bool Any = false;
    for (const std::string &Check : CheckNames) {
      if (!Enabled.contains(Check))
        continue;
      Any = true;
      // Each distinct set of rule packs and files is built once.
      std::string Packs = optionFor(Effective, Check, "RulePacks");
      std::string Files = optionFor(Effective, Check, "RuleFiles");
      utils::RuleConfig Config;
      Config.Packs = utils::splitRuleList(Packs);
      if (!llvm::StringRef(Files).trim().empty())
        Config.Files = utils::resolveRuleFiles(Files, File);
      std::string Key =
          llvm::join(Config.Packs, ";") + "|" + llvm::join(Config.Files, ";");
      if (!RuleSetsSeen.insert(Key).second)
        continue;
      for (const utils::RuleDiagnostic &E : utils::buildRules(Config).Errors)
        Verifier.add(E.str());
    }
    Verifier.noteEnabled(Any);
  }
  std::vector<std::string> Problems = Verifier.problems();
  if (!Files.empty() && !Verifier.someEnabled())
    Problems.push_back("no leak-* check is enabled for any unit (by the "
                       "configuration and --checks): LeakGuard would check "
                       "nothing");
  return Problems;
}

std::string effectiveConfiguration(ClangTidyOptionsProvider &Provider,
                                   llvm::StringRef File) {
  ClangTidyOptions Options = Provider.getOptions(File);
  ClangTidyOptions::OptionMap Effective =
      getCheckOptions(Options, /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                      /*ExperimentalCustomChecks=*/false);
  for (auto &Entry : Effective)
    Options.CheckOptions.insert_or_assign(Entry.getKey(), Entry.getValue());
  return configurationAsText(Options);
}

} // namespace clang::tidy::leak::driver
