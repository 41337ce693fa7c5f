//===--- Worker.cpp - Analysing one translation unit ----------------------===//

#include "Worker.h"
#include "ConfigCheck.h"
#include "SourceText.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "utils/ProjectSummaries.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <cstring>
#include <optional>

namespace clang::tidy::leak::driver {

namespace {

/// Reads .clang-tidy files with our own handler, which records parse errors
/// (FileOptionsProvider only prints them). The constructor taking handlers
/// leaves the file system unset; use the real one.
class ReportingOptionsProvider : public FileOptionsProvider {
public:
  using FileOptionsBaseProvider::ConfigFileHandlers;
  ReportingOptionsProvider(ClangTidyGlobalOptions GlobalOptions,
                           ClangTidyOptions DefaultOptions,
                           ClangTidyOptions OverrideOptions,
                           ConfigFileHandlers Handlers)
      : FileOptionsProvider(std::move(GlobalOptions), std::move(DefaultOptions),
                            std::move(OverrideOptions), std::move(Handlers)) {
    FS = llvm::vfs::getRealFileSystem();
  }
};

} // namespace

/// The indentation of \p Line, or -1 for a blank or comment line.
static int indentOf(llvm::StringRef Line) {
  size_t Indent = Line.find_first_not_of(" \t");
  if (Indent == llvm::StringRef::npos || Line[Indent] == '#')
    return -1;
  return static_cast<int>(Indent);
}

/// \p Text without the key on 1-based line \p LineNo and its value's lines
/// (the following lines indented deeper).
static std::string withoutKeyAt(llvm::StringRef Text, unsigned LineNo) {
  llvm::SmallVector<llvm::StringRef, 64> Lines;
  Text.split(Lines, '\n');
  std::string Out;
  int KeyIndent = -1;
  for (unsigned I = 0; I < Lines.size(); ++I) {
    llvm::StringRef Line = Lines[I];
    if (I + 1 == LineNo) {
      KeyIndent = indentOf(Line);
      continue;
    }
    if (KeyIndent >= 0 && I + 1 > LineNo) {
      int Indent = indentOf(Line);
      if (Indent == -1 || Indent > KeyIndent)
        continue;
      KeyIndent = -1;
    }
    Out += Line;
    if (I + 1 < Lines.size())
      Out += '\n';
  }
  return Out;
}

llvm::ErrorOr<ClangTidyOptions>
parseConfigurationTolerantly(llvm::MemoryBufferRef Config,
                             std::vector<std::string> &IgnoredKeys,
                             std::string &Problems) {
  std::string Text = Config.getBuffer().str();
  // Each round drops one unknown key; a file has few.
  for (unsigned Round = 0; Round < 32; ++Round) {
    std::string Diags;
    std::optional<std::pair<std::string, unsigned>> Unknown;
    bool OtherProblem = false;
    llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfigurationWithDiags(
        llvm::MemoryBufferRef(Text, Config.getBufferIdentifier()),
        [&](const llvm::SMDiagnostic &D) {
          llvm::StringRef Message = D.getMessage();
          if (Message.consume_front("unknown key '") &&
              Message.consume_back("'") && !Unknown) {
            Unknown = {Message.str(), static_cast<unsigned>(D.getLineNo())};
            return;
          }
          OtherProblem = true;
          llvm::raw_string_ostream OS(Diags);
          D.print("leakguard", OS, /*ShowColors=*/false);
        });
    if (Parsed || OtherProblem || !Unknown || Unknown->second == 0) {
      Problems = Diags;
      return Parsed;
    }
    IgnoredKeys.push_back(Unknown->first);
    Text = withoutKeyAt(Text, Unknown->second);
  }
  return std::make_error_code(std::errc::invalid_argument);
}

std::string leakChecksOnly(llvm::StringRef Checks) {
  // Globs may be separated by commas or newlines (a YAML block scalar).
  llvm::SmallVector<llvm::StringRef, 16> Globs;
  for (llvm::StringRef Line : llvm::split(Checks, '\n'))
    for (llvm::StringRef Glob : llvm::split(Line, ','))
      if (!Glob.trim().empty())
        Globs.push_back(Glob.trim());
  auto IsLeak = [](llvm::StringRef Pattern) {
    Pattern.consume_front("-");
    return Pattern.trim().starts_with("leak");
  };
  // `-*` only means something to LeakGuard in a list that then enables some
  // leak-* checks (`-*,leak-unjoined-thread`); in `-*,bugprone-*` it is the
  // project's lint set-up and must not turn LeakGuard off.
  bool NamesLeakChecks = llvm::any_of(Globs, [&](llvm::StringRef G) {
    return !G.starts_with("-") && IsLeak(G);
  });
  std::string Out;
  for (llvm::StringRef Glob : Globs) {
    if (!IsLeak(Glob) && !(Glob == "-*" && NamesLeakChecks))
      continue; // Another tool's checks, or `*`: not LeakGuard's business.
    if (!Out.empty())
      Out += ',';
    Out += Glob.str();
  }
  return Out;
}

/// Keys that older clang-tidy versions wrote into .clang-tidy files and
/// clang-tidy 22 no longer knows: a project still carrying them is not
/// misconfigured.
static bool olderClangTidyKey(llvm::StringRef Key) {
  return Key == "AnalyzeTemporaryDtors";
}

/// The keys clang-tidy 22 reads at the top of a .clang-tidy file.
static const std::vector<std::string> &topLevelKeys() {
  static const std::vector<std::string> Keys = {"Checks",
                                                "CheckOptions",
                                                "CustomChecks",
                                                "ExcludeHeaderFilterRegex",
                                                "ExtraArgs",
                                                "ExtraArgsBefore",
                                                "FormatStyle",
                                                "HeaderFileExtensions",
                                                "HeaderFilterRegex",
                                                "ImplementationFileExtensions",
                                                "InheritParentConfig",
                                                "RemovedArgs",
                                                "SystemHeaders",
                                                "UseColor",
                                                "User",
                                                "WarningsAsErrors"};
  return Keys;
}

/// Unknown keys of the configuration \p File: a key older clang-tidy
/// versions wrote is ignored with a warning, any other is an error (a typo
/// would otherwise silently drop what the user configured).
static void reportUnknownKeys(llvm::StringRef File, llvm::StringRef Text,
                              llvm::ArrayRef<std::string> Unknown,
                              std::vector<std::string> *Errors,
                              std::vector<std::string> *Warnings) {
  for (const std::string &Key : Unknown) {
    auto [Line, Column] = positionOf(Text, Key);
    std::string Where = File.str();
    if (Line)
      Where += ":" + std::to_string(Line) + ":" + std::to_string(Column);
    if (olderClangTidyKey(Key)) {
      if (Warnings)
        Warnings->push_back((llvm::Twine(Where) + ": key '" + Key +
                             "' of older clang-tidy versions ignored")
                                .str());
      continue;
    }
    std::string Message =
        (llvm::Twine(Where) + ": unknown key '" + Key + "'").str();
    if (std::string Near = nearestName(Key, topLevelKeys()); !Near.empty())
      Message += "; did you mean '" + Near + "'?";
    if (Errors)
      Errors->push_back(Message);
  }
}

llvm::Expected<std::unique_ptr<ClangTidyOptionsProvider>>
createOptionsProvider(const ConfigSettings &Settings,
                      std::vector<std::string> *ConfigErrors,
                      std::vector<std::string> ExtraArgs,
                      std::vector<std::string> *ConfigWarnings) {
  ClangTidyGlobalOptions GlobalOptions;
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = "-*,leak-*";
  Defaults.HeaderFilterRegex = ".*";
  Defaults.SystemHeaders = false;
  ClangTidyOptions Overrides;
  if (!Settings.Checks.empty())
    Overrides.Checks = Settings.Checks;
  if (!ExtraArgs.empty())
    Overrides.ExtraArgs = std::move(ExtraArgs);
  for (const auto &[Key, Value] : Settings.CheckOptions)
    Overrides.CheckOptions[Key] = ClangTidyOptions::ClangTidyValue(Value);

  if (!Settings.ConfigFile.empty()) {
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
        llvm::MemoryBuffer::getFile(Settings.ConfigFile);
    if (!Text)
      return llvm::createStringError("cannot read %s: %s",
                                     Settings.ConfigFile.c_str(),
                                     Text.getError().message().c_str());
    std::vector<std::string> Ignored;
    std::string Problems;
    llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfigurationTolerantly(
        (*Text)->getMemBufferRef(), Ignored, Problems);
    if (!Parsed)
      return llvm::createStringError(
          "invalid configuration %s: %s\n%s", Settings.ConfigFile.c_str(),
          Parsed.getError().message().c_str(), Problems.c_str());
    reportUnknownKeys(Settings.ConfigFile, (*Text)->getBuffer(), Ignored,
                      ConfigErrors, ConfigWarnings);
    return std::make_unique<ConfigOptionsProvider>(
        std::move(GlobalOptions), std::move(Defaults), std::move(*Parsed),
        std::move(Overrides));
  }

  ReportingOptionsProvider::ConfigFileHandlers Handlers;
  Handlers.emplace_back(
      ".clang-tidy",
      [ConfigErrors, ConfigWarnings](
          llvm::MemoryBufferRef Config) -> llvm::ErrorOr<ClangTidyOptions> {
        // Keys of older clang-tidy versions (AnalyzeTemporaryDtors) are
        // common in real projects: they are ignored with a warning.
        std::vector<std::string> Ignored;
        std::string Problems;
        llvm::ErrorOr<ClangTidyOptions> Parsed =
            parseConfigurationTolerantly(Config, Ignored, Problems);
        reportUnknownKeys(Config.getBufferIdentifier(), Config.getBuffer(),
                          Ignored, ConfigErrors, ConfigWarnings);
        // A project's .clang-tidy is written for its own lint step: its
        // globs may enable or disable leak-* checks, nothing else.
        if (Parsed && Parsed->Checks)
          Parsed->Checks = leakChecksOnly(*Parsed->Checks);
        if (Parsed && Parsed->WarningsAsErrors)
          Parsed->WarningsAsErrors = leakChecksOnly(*Parsed->WarningsAsErrors);
        if (!Parsed && ConfigErrors) {
          ConfigErrors->push_back(
              ("invalid configuration " + Config.getBufferIdentifier() + ": " +
               Parsed.getError().message() + "\n" + Problems)
                  .str());
        }
        return Parsed;
      });
  return std::make_unique<ReportingOptionsProvider>(
      std::move(GlobalOptions), std::move(Defaults), std::move(Overrides),
      std::move(Handlers));
}

namespace {

/// A compilation database of exactly one command.
class SingleCommandDatabase : public tooling::CompilationDatabase {
public:
  explicit SingleCommandDatabase(tooling::CompileCommand Command)
      : Command(std::move(Command)) {}
  std::vector<tooling::CompileCommand>
  getCompileCommands(llvm::StringRef /*File*/) const override {
    return {Command};
  }
  std::vector<std::string> getAllFiles() const override {
    return {Command.Filename};
  }

private:
  tooling::CompileCommand Command;
};

} // namespace

static std::string resolvePath(llvm::StringRef Path, llvm::StringRef Dir,
                               bool RemoveDotDot = true) {
  llvm::SmallString<256> P;
  if (llvm::sys::path::is_absolute(Path)) {
    P = Path;
  } else {
    P = Dir;
    llvm::sys::path::append(P, Path);
  }
  // ".." after a symbolic link is not the lexical parent: dependencies keep
  // theirs.
  llvm::sys::path::remove_dots(P, RemoveDotDot);
  return std::string(P);
}

/// Turns file offsets into lines and columns, reading each file once.
class LocationResolver {
public:
  Location locate(llvm::StringRef Path, unsigned Offset,
                  llvm::StringRef BuildDir) {
    Location L;
    L.File = resolvePath(Path, BuildDir);
    L.Offset = Offset;
    auto [It, Inserted] = Buffers.try_emplace(L.File);
    if (Inserted) {
      if (auto Buffer = llvm::MemoryBuffer::getFile(L.File, /*IsText=*/true))
        It->second = std::move(*Buffer);
    }
    if (It->second)
      std::tie(L.Line, L.Column) =
          lineAndColumn(It->second->getBuffer(), Offset);
    return L;
  }

private:
  llvm::StringMap<std::unique_ptr<llvm::MemoryBuffer>> Buffers;
};

/// Parses a make-style dependency file.
static std::vector<std::string> readDependencies(llvm::StringRef Path,
                                                 llvm::StringRef Dir) {
  std::vector<std::string> Result;
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return Result;
  llvm::StringRef Text = (*Buffer)->getBuffer();
  std::string Current;
  bool SeenTarget = false;
  auto Flush = [&] {
    if (Current.empty())
      return;
    if (!SeenTarget && llvm::StringRef(Current).ends_with(":"))
      SeenTarget = true;
    else
      Result.push_back(resolvePath(Current, Dir, /*RemoveDotDot=*/false));
    Current.clear();
  };
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '\\' && I + 1 < Text.size()) {
      char Next = Text[I + 1];
      if (Next == '\n') {
        ++I;
        Flush();
        continue;
      }
      if (Next == ' ' || Next == '#' || Next == '\\') {
        Current += Next;
        ++I;
        continue;
      }
    }
    if (C == ' ' || C == '\n' || C == '\t' || C == '\r') {
      Flush();
      continue;
    }
    Current += C;
  }
  Flush();
  return Result;
}

/// Sums the "*.wall" times of clang-tidy's stored check profiles in \p Dir.
static double readProfileSeconds(llvm::StringRef Dir,
                                 std::map<std::string, double> &PerCheck) {
  double Total = 0;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; !EC && It != End;
       It.increment(EC)) {
    auto Buffer = llvm::MemoryBuffer::getFile(It->path());
    if (!Buffer)
      continue;
    llvm::Expected<llvm::json::Value> Doc =
        llvm::json::parse((*Buffer)->getBuffer());
    if (!Doc) {
      llvm::consumeError(Doc.takeError());
      continue;
    }
    const llvm::json::Object *O = Doc->getAsObject();
    const llvm::json::Object *Profile = O ? O->getObject("profile") : nullptr;
    if (!Profile)
      continue;
    for (const auto &[Key, Value] : *Profile) {
      if (llvm::StringRef(Key).ends_with(".wall")) {
        double Seconds = Value.getAsNumber().value_or(0);
        Total += Seconds;
        // "time.clang-tidy.<check>.wall"
        llvm::StringRef Check = llvm::StringRef(Key)
                                    .drop_back(strlen(".wall"))
                                    .split("time.clang-tidy.")
                                    .second;
        PerCheck[Check.str()] += Seconds;
      }
    }
  }
  return Total;
}

UnitResult analyseUnit(const WorkerOptions &Options) {
  UnitResult Result;
  Result.File = Options.File;
  if (!llvm::sys::fs::exists(Options.File)) {
    Result.Errors.push_back(Options.File + ": no such file");
    return Result;
  }

  llvm::SmallString<128> DepFile;
  if (llvm::sys::fs::createTemporaryFile("leakguard-deps", "d", DepFile)) {
    Result.Errors.push_back("cannot create a temporary file");
    return Result;
  }
  llvm::FileRemover DepRemover(DepFile);
  // The compiler's warnings are not LeakGuard's findings: with -w, a build's
  // -Werror (or -Werror=...) cannot turn them into errors that fail the unit
  // (e.g. a linker flag such as -rdynamic, unused when only compiling).
  // clang-tidy defines __clang_analyzer__ for the Clang Static Analyzer's
  // sake; LeakGuard analyses the code the compiler builds, so a project's
  // `#ifndef __clang_analyzer__ ... free(p); #endif` must stay visible.
  std::vector<std::string> ExtraArgs = {"-MD", "-MF", std::string(DepFile),
                                        "-w", "-U__clang_analyzer__"};

  std::vector<std::string> ConfigErrors;
  ConfigSettings Config = Options.Config;
  llvm::SmallString<128> SummaryFile;
  if (Options.Summarize) {
    if (llvm::sys::fs::createTemporaryFile("leakguard-summaries", "json",
                                           SummaryFile)) {
      Result.Errors.push_back("cannot create a temporary file");
      return Result;
    }
    // leak-unreleased-resource computes the summaries; no finding is kept.
    Config.Checks = "-*,leak-unreleased-resource";
    Config.CheckOptions.emplace_back("LeakGuardSummaryOutput",
                                     std::string(SummaryFile));
  } else if (!Options.SummaryStore.empty()) {
    Config.CheckOptions.emplace_back("LeakGuardSummaryStore",
                                     Options.SummaryStore);
  }
  llvm::FileRemover SummaryRemover(SummaryFile);
  auto Provider = createOptionsProvider(Config, &ConfigErrors, ExtraArgs);
  if (!Provider) {
    Result.ConfigErrors.push_back(llvm::toString(Provider.takeError()));
    return Result;
  }
  ClangTidyContext Context(std::move(*Provider));

  tooling::CompileCommand Command;
  Command.Directory = Options.Directory;
  Command.Filename = Options.File;
  Command.CommandLine = Options.Arguments;
  if (Command.CommandLine.empty())
    Command.CommandLine = {"c++", Options.File};
  bool HasResourceDir = false;
  for (const std::string &A : Command.CommandLine)
    if (llvm::StringRef(A).starts_with("-resource-dir") ||
        llvm::StringRef(A).starts_with("--resource-dir"))
      HasResourceDir = true;
  if (!HasResourceDir)
    Command.CommandLine.insert(Command.CommandLine.begin() + 1,
                               "-resource-dir=" LEAKGUARD_CLANG_RESOURCE_DIR);
  SingleCommandDatabase Db(Command);

  llvm::SmallString<128> ProfileDir;
  if (Options.Profile &&
      llvm::sys::fs::createUniqueDirectory("leakguard-profile", ProfileDir))
    ProfileDir.clear();

  auto BaseFS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::getRealFileSystem());
  // Which summaries of other units the checks read: the result cache
  // reuses this result only while the store says the same of them.
  llvm::StringSet<> Lookups;
  if (!Options.Summarize && !Options.SummaryStore.empty())
    utils::SummaryIndex::recordLookups(&Lookups);
  std::vector<ClangTidyError> Errors =
      runClangTidy(Context, Db, {Options.File}, BaseFS,
                   /*ApplyAnyFix=*/true, !ProfileDir.empty(), ProfileDir,
                   /*Quiet=*/true);

  utils::SummaryIndex::recordLookups(nullptr);
  if (!Lookups.empty()) {
    llvm::Expected<std::shared_ptr<const utils::SummaryIndex>> Index =
        utils::SummaryIndex::load(Options.SummaryStore);
    if (Index)
      for (const auto &Usr : Lookups)
        Result.SummaryDeps[Usr.getKey().str()] =
            (*Index)->fingerprint(Usr.getKey());
    else
      llvm::consumeError(Index.takeError());
  }
  LocationResolver Resolver;
  for (const ClangTidyError &E : Errors) {
    llvm::StringRef Name = E.DiagnosticName;
    Location Loc = Resolver.locate(E.Message.FilePath, E.Message.FileOffset,
                                   E.BuildDirectory);
    if (Name == "clang-tidy-config") {
      Result.ConfigErrors.push_back(E.Message.Message);
      continue;
    }
    if (Name.starts_with("clang-diagnostic-")) {
      if (E.DiagLevel != tooling::Diagnostic::Error)
        continue;
      std::string Text;
      llvm::raw_string_ostream OS(Text);
      if (!E.Message.FilePath.empty())
        OS << Loc.File << ":" << Loc.Line << ":" << Loc.Column << ": ";
      OS << "error: " << E.Message.Message;
      Result.Errors.push_back(Text);
      continue;
    }
    Finding F;
    F.Check = E.DiagnosticName;
    // WarningsAsErrors (clang-tidy keeps the level and flags the error).
    F.Level = E.DiagLevel == tooling::Diagnostic::Error || E.IsWarningAsError
                  ? "error"
                  : "warning";
    F.Message = E.Message.Message;
    F.Loc = Loc;
    auto CollectFixes = [&](const llvm::StringMap<tooling::Replacements> &Fix,
                            std::vector<Replacement> &Into) {
      for (const auto &Entry : Fix)
        for (const tooling::Replacement &R : Entry.getValue())
          Into.push_back({resolvePath(R.getFilePath(), E.BuildDirectory),
                          R.getOffset(), R.getLength(),
                          R.getReplacementText().str()});
    };
    for (const tooling::DiagnosticMessage &N : E.Notes) {
      Note Out{Resolver.locate(N.FilePath, N.FileOffset, E.BuildDirectory),
               N.Message,
               {}};
      CollectFixes(N.Fix, Out.Fixes);
      F.Notes.push_back(std::move(Out));
    }
    CollectFixes(E.Message.Fix, F.Fixes);
    Result.Findings.push_back(std::move(F));
  }
  for (std::string &E : ConfigErrors)
    Result.ConfigErrors.push_back(std::move(E));
  Result.Dependencies = readDependencies(DepFile, Options.Directory);
  if (!ProfileDir.empty()) {
    Result.CheckSeconds = readProfileSeconds(ProfileDir, Result.CheckTimes);
    if (std::error_code EC = llvm::sys::fs::remove_directories(ProfileDir))
      llvm::errs() << "leakguard: warning: cannot remove " << ProfileDir << ": "
                   << EC.message() << "\n";
  }
  sortAndDeduplicate(Result.Findings);
  if (Options.Summarize) {
    Result.Findings.clear();
    if (llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
            llvm::MemoryBuffer::getFile(SummaryFile))
      Result.Summaries = (*Text)->getBuffer().trim().str();
  }
  return Result;
}

int runWorker(const WorkerOptions &Options) {
  UnitResult Result = analyseUnit(Options);
  std::error_code EC;
  llvm::raw_fd_ostream OS(Options.Output, EC);
  if (EC) {
    llvm::errs() << "leakguard: cannot write " << Options.Output << ": "
                 << EC.message() << "\n";
    return 1;
  }
  OS << toJSON(Result) << "\n";
  OS.close();
  if (OS.has_error()) {
    llvm::errs() << "leakguard: cannot write " << Options.Output << ": "
                 << OS.error().message() << "\n";
    OS.clear_error();
    return 1;
  }
  return 0;
}

} // namespace clang::tidy::leak::driver
