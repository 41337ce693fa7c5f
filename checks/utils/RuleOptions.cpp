//===--- RuleOptions.cpp - The API model a check is configured with -------===//

#include "RuleOptions.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

namespace clang::tidy::leak::utils {

static constexpr llvm::StringLiteral PacksKey = "RulePacks";
static constexpr llvm::StringLiteral FilesKey = "RuleFiles";

/// The leak-* checks in the order they are asked to report rule problems.
static constexpr llvm::StringLiteral LeakChecks[] = {
    "leak-raii-gap-in-loop", "leak-unbounded-cache",
    "leak-unbounded-spawn",  "leak-uncancelled-wait",
    "leak-unjoined-thread",  "leak-unreleased-resource"};

/// Does \p Options set RuleFiles, globally or for any check?
static bool setsRuleFiles(const ClangTidyOptions &Options) {
  for (const auto &Entry : Options.CheckOptions) {
    llvm::StringRef Key = Entry.getKey();
    if (Key == FilesKey || Key.ends_with((llvm::Twine(".") + FilesKey).str()))
      return true;
  }
  return false;
}

std::string ruleFileBaseDirectory(llvm::StringRef MainFile) {
  llvm::SmallString<256> Path(MainFile);
  if (llvm::sys::fs::make_absolute(Path))
    Path = MainFile;
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  std::string Nearest;
  bool Inherit = true;
  for (llvm::StringRef Dir = llvm::sys::path::parent_path(Path); !Dir.empty();
       Dir = llvm::sys::path::parent_path(Dir)) {
    llvm::SmallString<256> Config(Dir);
    llvm::sys::path::append(Config, ".clang-tidy");
    auto Buffer = llvm::MemoryBuffer::getFile(Config, /*IsText=*/true);
    if (!Buffer)
      continue;
    if (Nearest.empty())
      Nearest = Dir.str();
    if (!Inherit)
      break;
    llvm::ErrorOr<ClangTidyOptions> Parsed =
        parseConfiguration((*Buffer)->getMemBufferRef());
    if (!Parsed)
      break;
    if (setsRuleFiles(*Parsed))
      return Dir.str();
    Inherit = Parsed->InheritParentConfig.value_or(false);
  }
  if (!Nearest.empty())
    return Nearest;
  llvm::SmallString<256> Cwd;
  if (llvm::sys::fs::current_path(Cwd))
    return ".";
  return std::string(Cwd);
}

std::vector<std::string> resolveRuleFiles(llvm::StringRef Value,
                                          llvm::StringRef MainFile) {
  std::vector<std::string> Files = splitRuleList(Value);
  std::string Base;
  for (std::string &File : Files) {
    if (llvm::sys::path::is_absolute(File))
      continue;
    if (Base.empty())
      Base = ruleFileBaseDirectory(MainFile);
    llvm::SmallString<256> Path(Base);
    llvm::sys::path::append(Path, File);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    File = std::string(Path);
  }
  return Files;
}

static const LoadedRules &load(llvm::StringRef Packs, llvm::StringRef Files,
                               ClangTidyContext *Context) {
  RuleConfig Config;
  Config.Packs = splitRuleList(Packs);
  if (!Files.trim().empty())
    Config.Files =
        resolveRuleFiles(Files, Context ? Context->getCurrentFile() : "");
  return loadRules(Config);
}

/// The option \p Key for \p Check as getLocalOrGlobal would read it.
static std::string optionFor(const ClangTidyOptions &Options,
                             llvm::StringRef Check, llvm::StringRef Key) {
  auto It = Options.CheckOptions.find((Check + "." + Key).str());
  if (It != Options.CheckOptions.end())
    return It->getValue().Value;
  It = Options.CheckOptions.find(Key);
  if (It != Options.CheckOptions.end())
    return It->getValue().Value;
  return "";
}

CheckRules::CheckRules(llvm::StringRef CheckName,
                       const ClangTidyCheck::OptionsView &Options,
                       ClangTidyContext *Context)
    : PacksOption(Options.getLocalOrGlobal(PacksKey, "").str()),
      FilesOption(Options.getLocalOrGlobal(FilesKey, "").str()) {
  Loaded = &load(PacksOption, FilesOption, Context);
  if (Loaded->Errors.empty() || !Context)
    return;
  // Leave the report to an earlier enabled leak-* check with the same rules.
  const ClangTidyOptions &All = Context->getOptions();
  for (llvm::StringRef Other : LeakChecks) {
    if (Other >= CheckName)
      break;
    if (Context->isCheckEnabled(Other) &&
        optionFor(All, Other, PacksKey) == PacksOption &&
        optionFor(All, Other, FilesKey) == FilesOption) {
      Reporter = false;
      return;
    }
  }
}

void CheckRules::reportErrors(ClangTidyCheck &Check,
                              const SourceManager &SM) const {
  if (!Reporter || Loaded->Errors.empty())
    return;
  FileID Main = SM.getMainFileID();
  if (Main.isInvalid())
    return;
  SourceLocation Loc = SM.getLocForStartOfFile(Main);
  for (const RuleDiagnostic &Error : Loaded->Errors)
    Check.diag(Loc, "LeakGuard %0") << Error.str();
}

void CheckRules::storeOptions(const ClangTidyCheck::OptionsView &Options,
                              ClangTidyOptions::OptionMap &Opts) const {
  Options.store(Opts, PacksKey, PacksOption);
  Options.store(Opts, FilesKey, FilesOption);
}

const ApiModel &apiModelFor(const ClangTidyCheck::OptionsView &Options,
                            ClangTidyContext *Context) {
  return load(Options.getLocalOrGlobal(PacksKey, ""),
              Options.getLocalOrGlobal(FilesKey, ""), Context)
      .Model;
}

} // namespace clang::tidy::leak::utils
