//===--- Driver.cpp - The leakguard command line --------------------------===//
//
// Parses the command line and runs `check`: load the compilation database,
// look each unit up in the result cache, analyse the others in worker
// processes, then merge, fingerprint, filter and report.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "Analysis.h"
#include "ApplyFixes.h"
#include "Baseline.h"
#include "Cache.h"
#include "CheckCommand.h"
#include "CheckInfo.h"
#include "CiEnvironment.h"
#include "CompileDb.h"
#include "Diff.h"
#include "Formats.h"
#include "JobRunner.h"
#include "SourceHash.h"
#include "SourceText.h"
#include "SummariesReport.h"
#include "VerifyConfig.h"
#include "Worker.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include <chrono>
#include <cstdlib>
#include <map>
#include <optional>

namespace clang::tidy {
// Keeps the statically linked leak module (LeakTidyModule.cpp).
// NOLINTNEXTLINE(readability-identifier-naming)
extern volatile int LeakGuardModuleAnchorSource;
} // namespace clang::tidy

namespace clang::tidy::leak::driver {

static const char Usage[] = R"(usage:
  leakguard check [-p BUILD_DIR] [-j N] [PATH...]
                  [--sarif=FILE] [--markdown=FILE] [--html=DIR] [--json=FILE]
                  [--github]
                  [--export-fixes=FILE] [--fix] [--fix-notes]
                  [--diff-base=GIT_REF | --diff-file=PATCH]
                  [--baseline=FILE] [--write-baseline=FILE]
                  [--fail-on=error|warning|none] [--no-cache] [--cache-max-size=MB]
                  [--config-file=FILE] [--verify-config] [--dump-config]
                  [--extra-arg=ARG] [--extra-arg-before=ARG]
                  [--no-summaries] [--summary-store=FILE]
  leakguard summarize [-p BUILD_DIR] [-j N] [PATH...] [--summary-store=FILE]
  leakguard summaries STORE [NAME...]
  leakguard list-checks
  leakguard explain CHECK
  leakguard --version

check analyses the translation units of BUILD_DIR/compile_commands.json
(default: ./ or ./build/), or those under PATH..., with LeakGuard's leak-*
checks, honouring .clang-tidy files and NOLINT comments. Findings go to
stdout in clang's format; progress goes to stderr.

options of check:
  -p DIR               directory of compile_commands.json
  -j N                 parallel workers (default: the number of cores)
  --sarif=FILE         SARIF 2.1.0 report for code scanning
  --markdown=FILE      reviewer report for a pull-request comment
  --html=DIR           a report to look at: DIR/index.html, one self-contained
                       page (the code and the leaking path drawn on it)
  --html-url=URL       where that page is published: the Markdown report
                       links it (derived in GitHub Actions and GitLab CI)
  --json=FILE          findings as JSON
  --github             GitHub Actions annotations on stdout
  --export-fixes=FILE  fix-its as YAML for clang-apply-replacements
  --fix                apply the findings' fix-its to the files
  --fix-notes          apply the fix-its offered on notes too (implies --fix;
                       e.g. std::thread -> std::jthread)
  --diff-base=REF      only findings on lines changed since git REF
                       (committed, staged, unstaged and untracked)
  --diff-file=PATCH    only findings on lines a unified diff adds
  --baseline=FILE      only findings not recorded in FILE
  --write-baseline=FILE  record every current finding in FILE
  --fail-on=error|warning|none
                       which findings make the exit code 1: errors only
                       (checks in WarningsAsErrors), any (default), none
  --exclude=GLOB       leave out units, and findings, in files matching GLOB
                       (relative to --root, e.g. 'third_party/**'; repeatable)
  --no-cache           analyse every unit (the cache lives in
                       BUILD_DIR/.leakguard-cache; --cache-dir=DIR moves it)
  --unit-timeout=S    stop a unit's analysis after S seconds (default 600;
                       0: no limit); the unit is reported as failed
  --unit-memory=MB     limit a unit's analysis to MB megabytes of heap
                       (default 6144; 0: no limit)
  --cache-max-size=MB  prune the cache to this size (default 256; 0: no
                       limit); entries unused for 30 days are always removed
  --no-summaries       analyse each unit alone: a call to another unit's
                       function takes the handles passed to it
  --summary-store=FILE keep the units' function summaries in FILE (default:
                       summaries.sqlite in the cache directory)
  --config-file=FILE   use FILE instead of the .clang-tidy files
  --extra-arg=ARG      add ARG to every compile command (repeatable)
  --extra-arg-before=ARG
                       add ARG right after the compiler in every compile
                       command, e.g. --target=arm-none-eabi (repeatable)
  --checks=GLOBS       enable or disable checks on top of the configuration
  --root=DIR           report paths relative to DIR (default: current dir)
  --doc-base-url=URL   where documentation links point (URL + docs/...)
  --link-base=URL      link the Markdown report's lines to URL + path#Lline
                       (default in GitHub Actions and GitLab CI: the
                       repository at the reviewed commit)
  --profile            measure the time spent in the checks
  --quiet              no progress output
  --incomplete-findings
                       also report the findings of units that did not
                       compile, marked as coming from an incomplete analysis
  --verify-config      check the configuration every selected unit runs
                       with (check names, option keys, rule files) and stop
  --dump-config        print the configuration the first selected unit runs
                       with (every option of the enabled checks) and stop

summarize runs check's first phase only: it writes every unit's function
summaries to the store, for clang-tidy or leakguard-clangd to read with the
check option LeakGuardSummaryStore. summaries prints what a store says of
the functions and constants whose names contain one of the NAMEs (all by
default), as the checks read it.

exit codes:
  0  no findings (or none that --fail-on counts; --write-baseline)
  1  findings were reported
  2  usage or configuration error
  3  a translation unit could not be analysed
)";

namespace {

/// Reads "--name=value" or "--name value"; \p I advances past the value.
class ArgReader {
public:
  ArgReader(llvm::ArrayRef<const char *> Args) : Args(Args) {}
  bool done() const { return I >= Args.size(); }
  llvm::StringRef peek() const { return Args[I]; }
  llvm::StringRef next() { return Args[I++]; }
  /// True when the current argument is option \p Name; its value (from
  /// "=value", the argument's tail for short options, or the next argument)
  /// goes to \p Value.
  bool option(llvm::StringRef Name, std::string &Value, std::string &Error) {
    llvm::StringRef A = peek();
    if (!A.consume_front(Name))
      return false;
    if (A.consume_front("=")) {
      Value = A.str();
      ++I;
      return true;
    }
    if (!A.empty()) {
      if (Name.starts_with("--"))
        return false; // A longer option with this prefix.
      Value = A.str();
      ++I;
      return true;
    }
    ++I;
    if (done()) {
      Error = ("option " + Name + " needs a value").str();
      return true;
    }
    Value = next().str();
    return true;
  }
  bool flag(llvm::StringRef Name) {
    if (peek() != Name)
      return false;
    ++I;
    return true;
  }

private:
  llvm::ArrayRef<const char *> Args;
  size_t I = 0;
};

} // namespace

static int usageError(const llvm::Twine &Message) {
  llvm::errs() << "leakguard: error: " << Message << "\n"
               << "run 'leakguard --help' for usage\n";
  return ExitUsage;
}

static std::optional<int> parseCheck(llvm::ArrayRef<const char *> Args,
                                     CheckCommand &C) {
  ArgReader R(Args);
  std::string Error;
  bool OnlyPaths = false;
  while (!R.done()) {
    if (OnlyPaths || !R.peek().starts_with("-") || R.peek() == "-") {
      C.Paths.push_back(R.next().str());
      continue;
    }
    if (R.flag("--")) {
      OnlyPaths = true;
      continue;
    }
    std::string V;
    if (R.option("-p", C.BuildDir, Error) ||
        R.option("--build-dir", C.BuildDir, Error) ||
        R.option("--sarif", C.Sarif, Error) ||
        R.option("--markdown", C.Markdown, Error) ||
        R.option("--html-url", C.HtmlUrl, Error) ||
        R.option("--html", C.Html, Error) ||
        R.option("--json", C.Json, Error) ||
        R.option("--export-fixes", C.ExportFixes, Error) ||
        R.option("--diff-base", C.DiffBase, Error) ||
        R.option("--diff-file", C.DiffFile, Error) ||
        R.option("--baseline", C.Baseline, Error) ||
        R.option("--write-baseline", C.WriteBaseline, Error) ||
        R.option("--cache-dir", C.CacheDir, Error) ||
        R.option("--summary-store", C.SummaryStore, Error) ||
        R.option("--config-file", C.Config.ConfigFile, Error) ||
        R.option("--checks", C.Config.Checks, Error) ||
        R.option("--root", C.Root, Error) ||
        R.option("--doc-base-url", C.DocBaseUrl, Error) ||
        R.option("--link-base", C.LinkBase, Error) ||
        R.option("--from-results", C.FromResults, Error)) {
      if (!Error.empty())
        return usageError(Error);
      continue;
    }
    if (R.option("--exclude", V, Error)) {
      if (!Error.empty())
        return usageError(Error);
      if (llvm::Error E = llvm::GlobPattern::create(V).takeError())
        return usageError("--exclude: invalid glob '" + V +
                          "': " + llvm::toString(std::move(E)));
      C.Excludes.push_back(V);
      continue;
    }
    if (R.option("--extra-arg-before", V, Error)) {
      if (!Error.empty())
        return usageError(Error);
      C.ExtraArgsBefore.push_back(V);
      continue;
    }
    if (R.option("--extra-arg", V, Error)) {
      if (!Error.empty())
        return usageError(Error);
      C.ExtraArgs.push_back(V);
      continue;
    }
    if (R.option("-j", V, Error) || R.option("--jobs", V, Error)) {
      if (!Error.empty())
        return usageError(Error);
      if (llvm::StringRef(V).getAsInteger(10, C.Jobs) || C.Jobs == 0)
        return usageError("-j needs a positive number, not '" + V + "'");
      continue;
    }
    if (R.option("--fail-on", V, Error)) {
      if (!Error.empty())
        return usageError(Error);
      if (V == "error")
        C.FailOnLevel = CheckCommand::FailOn::Error;
      else if (V == "warning")
        C.FailOnLevel = CheckCommand::FailOn::Warning;
      else if (V == "none")
        C.FailOnLevel = CheckCommand::FailOn::None;
      else
        return usageError("--fail-on must be 'error', 'warning' or 'none', "
                          "not '" +
                          V + "'");
      continue;
    }
    if (R.option("--unit-timeout", V, Error)) {
      if (!Error.empty() ||
          llvm::StringRef(V).getAsInteger(10, C.UnitTimeoutSeconds))
        return usageError("--unit-timeout needs a number of seconds");
      continue;
    }
    if (R.option("--unit-memory", V, Error)) {
      if (!Error.empty() ||
          llvm::StringRef(V).getAsInteger(10, C.UnitMemoryMegabytes))
        return usageError("--unit-memory needs a number of megabytes");
      continue;
    }
    if (R.option("--cache-max-size", V, Error)) {
      if (!Error.empty() ||
          llvm::StringRef(V).getAsInteger(10, C.CacheMaxMegabytes))
        return usageError("--cache-max-size needs a number of megabytes");
      continue;
    }
    if (R.option("--markdown-max", V, Error)) {
      if (!Error.empty() || llvm::StringRef(V).getAsInteger(10, C.MarkdownMax))
        return usageError("--markdown-max needs a number");
      continue;
    }
    if (R.flag("--fix")) {
      C.Fix = true;
      continue;
    }
    if (R.flag("--fix-notes")) {
      C.Fix = C.FixNotes = true;
      continue;
    }
    if (R.flag("--github")) {
      C.Github = true;
      continue;
    }
    if (R.flag("--no-summaries")) {
      C.Summaries = false;
      continue;
    }
    if (R.flag("--no-cache")) {
      C.NoCache = true;
      continue;
    }
    if (R.flag("--profile")) {
      C.Profile = true;
      continue;
    }
    if (R.flag("--quiet") || R.flag("-q")) {
      C.Quiet = true;
      continue;
    }
    if (R.flag("--verify-config")) {
      C.VerifyConfig = true;
      continue;
    }
    if (R.flag("--dump-config")) {
      C.DumpConfig = true;
      continue;
    }
    if (R.flag("--incomplete-findings")) {
      C.IncompleteFindings = true;
      continue;
    }
    return usageError("unknown option '" + R.peek() + "'");
  }
  if (!C.DiffBase.empty() && !C.DiffFile.empty())
    return usageError("--diff-base and --diff-file exclude each other");
  return std::nullopt;
}

/// True when \p File, relative to \p Root, matches one of \p Globs.
/// Adds the globs of \p Options' `LeakGuard.Exclude` option (separated by
/// `;` or `,`, relative to --root, like --exclude) to \p Excludes; an
/// invalid glob is a configuration error.
static void addConfiguredExcludes(const ClangTidyOptions &Options,
                                  std::vector<std::string> &Excludes,
                                  std::vector<std::string> &Errors) {
  auto It = Options.CheckOptions.find("LeakGuard.Exclude");
  if (It == Options.CheckOptions.end())
    return;
  llvm::SmallVector<llvm::StringRef, 4> Globs;
  llvm::StringRef(It->getValue().Value).split(Globs, ';', -1, false);
  for (llvm::StringRef Item : Globs) {
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Item.split(Parts, ',', -1, false);
    for (llvm::StringRef Glob : Parts) {
      Glob = Glob.trim();
      if (Glob.empty() || llvm::is_contained(Excludes, Glob))
        continue;
      if (llvm::Expected<llvm::GlobPattern> P = llvm::GlobPattern::create(Glob);
          !P) {
        llvm::consumeError(P.takeError());
        Errors.push_back(
            ("LeakGuard.Exclude: invalid glob '" + Glob + "'").str());
        continue;
      }
      Excludes.push_back(Glob.str());
    }
  }
}

static bool isExcluded(llvm::StringRef File, llvm::StringRef Root,
                       llvm::ArrayRef<std::string> Globs) {
  if (Globs.empty())
    return false;
  std::string Relative = relativePath(File, Root);
  return llvm::any_of(Globs, [&](const std::string &Glob) {
    llvm::Expected<llvm::GlobPattern> Pattern = llvm::GlobPattern::create(Glob);
    if (!Pattern) {
      llvm::consumeError(Pattern.takeError());
      return false;
    }
    return Pattern->match(Relative);
  });
}

/// Test-only: reads the results of earlier analyses (a UnitResult or an
/// array of them) instead of analysing.
static llvm::Expected<std::vector<UnitResult>>
readResults(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError("cannot read %s", Path.str().c_str());
  llvm::Expected<llvm::json::Value> Doc =
      llvm::json::parse((*Buffer)->getBuffer());
  if (!Doc)
    return Doc.takeError();
  std::vector<UnitResult> Results;
  std::vector<llvm::json::Value> Items;
  if (const llvm::json::Array *A = Doc->getAsArray())
    Items.assign(A->begin(), A->end());
  else
    Items.push_back(*Doc);
  for (const llvm::json::Value &V : Items) {
    llvm::Expected<UnitResult> R = unitResultFromJSON(V);
    if (!R)
      return R.takeError();
    // Relative paths are relative to the current directory.
    for (Finding &F : R->Findings) {
      F.Loc.File = absolutePath(F.Loc.File);
      for (Note &N : F.Notes) {
        N.Loc.File = absolutePath(N.Loc.File);
        for (Replacement &Rep : N.Fixes)
          Rep.File = absolutePath(Rep.File);
      }
      for (Replacement &Rep : F.Fixes)
        Rep.File = absolutePath(Rep.File);
    }
    if (!R->File.empty())
      R->File = absolutePath(R->File);
    Results.push_back(std::move(*R));
  }
  return Results;
}

static bool writeReport(llvm::StringRef Path,
                        const std::function<void(llvm::raw_ostream &)> &Write) {
  if (Path.empty())
    return true;
  if (llvm::Error E = writeFileAtomically(Path, Write)) {
    llvm::errs() << "leakguard: error: cannot write " << Path << ": "
                 << llvm::toString(std::move(E)) << "\n";
    return false;
  }
  return true;
}

/// In GitHub Actions, the Markdown report also goes to the job summary
/// (GITHUB_STEP_SUMMARY, appended to as GitHub expects): annotations beyond
/// GitHub's per-step limit are still readable there.
static bool appendStepSummary(const ReportInput &In, size_t MaxChars) {
  std::optional<std::string> Path =
      llvm::sys::Process::GetEnv("GITHUB_STEP_SUMMARY");
  if (!Path || Path->empty())
    return true;
  std::error_code EC;
  llvm::raw_fd_ostream OS(*Path, EC, llvm::sys::fs::OF_Append);
  if (!EC) {
    writeMarkdown(OS, In, MaxChars);
    OS.close();
    EC = OS.error();
    OS.clear_error(); // Reported below; the destructor would abort.
  }
  if (EC)
    llvm::errs() << "leakguard: error: cannot write the job summary " << *Path
                 << ": " << EC.message() << "\n";
  return !EC;
}

static int runCheck(const CheckCommand &C, llvm::StringRef Self) {
  auto Start = std::chrono::steady_clock::now();
  std::string Root = absolutePath(C.Root.empty() ? "." : C.Root);

  // Everything that can be a usage or configuration error comes first.
  std::optional<ChangedLines> Changed;
  if (!C.DiffFile.empty()) {
    auto Text = llvm::MemoryBuffer::getFile(C.DiffFile);
    if (!Text)
      return usageError("cannot read " + C.DiffFile + ": " +
                        Text.getError().message());
    // A file that is not a diff would filter every finding out and pass;
    // an empty one is an empty change.
    llvm::StringRef Patch = (*Text)->getBuffer();
    if (!Patch.trim().empty() && !Patch.starts_with("+++ ") &&
        !Patch.contains("\n+++ "))
      return usageError(C.DiffFile +
                        ": no unified diff in it (no '+++ ' file header)");
    llvm::Expected<ChangedLines> L = parseUnifiedDiff(Patch, Root);
    if (!L)
      return usageError(C.DiffFile + ": " + llvm::toString(L.takeError()));
    Changed = std::move(*L);
  } else if (!C.DiffBase.empty()) {
    llvm::Expected<ChangedLines> L = changedSinceGitRef(C.DiffBase, Root);
    if (!L)
      return usageError(llvm::toString(L.takeError()));
    Changed = std::move(*L);
  }
  std::string HtmlFile;
  if (!C.Html.empty()) {
    if (std::error_code EC = llvm::sys::fs::create_directories(C.Html))
      return usageError("cannot create " + C.Html + ": " + EC.message());
    llvm::SmallString<256> P(C.Html);
    llvm::sys::path::append(P, "index.html");
    HtmlFile = std::string(P);
  }
  for (const std::string *Output :
       {&C.Sarif, &C.Markdown, &C.Json, &C.ExportFixes, &C.WriteBaseline,
        static_cast<const std::string *>(&HtmlFile)})
    if (!Output->empty())
      if (llvm::Error E = checkWritable(*Output))
        return usageError("cannot write " + *Output + ": " +
                          llvm::toString(std::move(E)));
  std::optional<BaselineFile> Baseline;
  if (!C.Baseline.empty()) {
    llvm::Expected<BaselineFile> B = readBaseline(C.Baseline);
    if (!B)
      return usageError(llvm::toString(B.takeError()));
    Baseline = std::move(*B);
  }

  std::vector<UnitResult> Results;
  // With a baseline: the main file of each unit analysed in full, with the
  // checks that ran on it (what "fixed since the baseline" can speak of).
  llvm::StringMap<llvm::StringSet<>> ChecksRun;
  size_t UnitCount = 0;
  size_t NotCOrCxx = 0; // Entries of the database that are not C or C++.
  // Units not analysed because the change cannot touch their findings.
  size_t UnitsOutsideChange = 0;
  size_t UnitsExcluded = 0; // By --exclude or LeakGuard.Exclude.
  // --exclude, then the configurations' LeakGuard.Exclude lists.
  std::vector<std::string> Excludes = C.Excludes;
  if (!C.FromResults.empty()) {
    llvm::Expected<std::vector<UnitResult>> R = readResults(C.FromResults);
    if (!R)
      return usageError(llvm::toString(R.takeError()));
    Results = std::move(*R);
    UnitCount = Results.size();
  } else {
    llvm::Expected<std::string> BuildDir = findBuildDir(C.BuildDir);
    if (!BuildDir)
      return usageError(llvm::toString(BuildDir.takeError()));
    llvm::Expected<std::vector<Unit>> Units =
        loadUnits(*BuildDir, C.Paths, &NotCOrCxx);
    if (!Units)
      return usageError(llvm::toString(Units.takeError()));
    UnitsExcluded = Units->size();
    llvm::erase_if(*Units, [&](const Unit &U) {
      return isExcluded(U.File, Root, C.Excludes);
    });
    UnitsExcluded -= Units->size();
    DroppedFlags Dropped;
    adaptCommands(*Units, C.ExtraArgsBefore, C.ExtraArgs, Dropped);
    if (!Dropped.Unknown.empty())
      llvm::errs() << "leakguard: warning: flags clang does not know were "
                      "left out of the compile commands: "
                   << llvm::join(Dropped.Unknown, " ") << "\n";
    if (!Dropped.LoadCode.empty())
      llvm::errs() << "leakguard: warning: flags that would load code into "
                      "the compiler were left out of the compile commands: "
                   << llvm::join(Dropped.LoadCode, " ") << "\n";
    std::vector<std::string> ConfigErrors, ConfigWarnings;
    auto Provider =
        createOptionsProvider(C.Config, &ConfigErrors, {}, &ConfigWarnings);
    if (!Provider)
      return usageError(llvm::toString(Provider.takeError()));
    // Read every configuration the units use now, to stop early on errors,
    // and the globs of vendored code they exclude.
    for (const Unit &U : *Units)
      addConfiguredExcludes((*Provider)->getOptions(U.File), Excludes,
                            ConfigErrors);
    size_t Before = Units->size();
    llvm::erase_if(*Units, [&](const Unit &U) {
      return isExcluded(U.File, Root, Excludes);
    });
    UnitsExcluded += Before - Units->size();
    // A file is read once per directory below it: say each thing once.
    auto PrintOnce = [](std::vector<std::string> &Messages,
                        llvm::StringRef Severity) {
      llvm::StringSet<> Seen;
      for (const std::string &M : Messages)
        if (Seen.insert(M).second)
          llvm::errs() << "leakguard: " << Severity << ": " << M << "\n";
    };
    PrintOnce(ConfigWarnings, "warning");
    if (ConfigErrors.empty()) {
      std::vector<std::string> Files;
      for (const Unit &U : *Units)
        Files.push_back(U.File);
      ConfigErrors = verifyConfiguration(**Provider, Files);
    }
    if (!ConfigErrors.empty()) {
      PrintOnce(ConfigErrors, "error");
      return ExitUsage;
    }
    if (C.DumpConfig) {
      if (Units->empty())
        return usageError("--dump-config: no translation unit selected");
      llvm::outs() << effectiveConfiguration(**Provider, Units->front().File);
      return ExitClean;
    }
    if (C.VerifyConfig) {
      llvm::errs() << "leakguard: the configuration of " << Units->size()
                   << " translation units is valid\n";
      return ExitClean;
    }
    if (C.SummarizeOnly)
      return summarizeOnly(*Units, C, Self, *BuildDir, **Provider);
    UnitCount = Units->size();
    Results = analyseUnits(*Units, C, Self, *BuildDir, **Provider,
                           Changed ? &*Changed : nullptr, UnitsOutsideChange);
    if (Baseline)
      for (const UnitResult &R : Results)
        if (!R.OutsideChange && R.Errors.empty())
          for (const std::string &Check : enabledChecks(**Provider, R.File))
            ChecksRun[relativePath(R.File, Root)].insert(Check);
  }

  // Merge.
  std::vector<Finding> Findings;
  std::vector<UnitFailure> Failures;
  std::vector<std::string> ConfigErrors;
  size_t Cached = 0;
  double CheckSeconds = 0;
  std::map<std::string, double> CheckTimes;
  for (UnitResult &R : Results) {
    Cached += R.FromCache;
    CheckSeconds += R.CheckSeconds;
    for (const auto &[Check, Seconds] : R.CheckTimes)
      CheckTimes[Check] += Seconds;
    for (std::string &E : R.ConfigErrors)
      if (llvm::find(ConfigErrors, E) == ConfigErrors.end())
        ConfigErrors.push_back(std::move(E));
    if (!R.Errors.empty()) {
      std::string Message;
      for (size_t I = 0; I < R.Errors.size() && I < 5; ++I)
        Message += (I ? "\n" : "") + R.Errors[I];
      if (R.Errors.size() > 5)
        Message +=
            "\n(" + std::to_string(R.Errors.size() - 5) + " more errors)";
      llvm::errs() << "leakguard: error: cannot analyse "
                   << relativePath(R.File, Root) << ":\n"
                   << Message << "\n";
      Failures.push_back({R.File, Message});
      // What the checks found in a unit that did not compile comes from a
      // partial AST: not reported unless asked for, and then marked.
      if (!C.IncompleteFindings)
        continue;
      for (Finding &F : R.Findings) {
        F.Incomplete = true;
        F.Message += " (incomplete analysis: the unit did not compile)";
      }
    }
    for (Finding &F : R.Findings)
      Findings.push_back(std::move(F));
  }
  for (const std::string &E : ConfigErrors)
    llvm::errs() << "leakguard: error: " << E << "\n";

  // Findings in excluded files (a vendored header reached from a project
  // unit) go with their units.
  size_t FindingsExcluded = Findings.size();
  llvm::erase_if(Findings, [&](const Finding &F) {
    return isExcluded(F.Loc.File, Root, Excludes);
  });
  FindingsExcluded -= Findings.size();
  SourceFiles Sources;
  sortAndDeduplicate(Findings);
  assignFingerprints(Findings, Sources, Root);
  bool WriteFailed = false;
  if (!C.WriteBaseline.empty()) {
    if (llvm::Error E = writeBaseline(C.WriteBaseline, Findings, Root)) {
      llvm::errs() << "leakguard: error: cannot write " << C.WriteBaseline
                   << ": " << llvm::toString(std::move(E)) << "\n";
      WriteFailed = true;
    }
  }
  ReportInput In;
  In.Root = Root;
  In.DocBaseUrl = C.DocBaseUrl;
  In.LinkBase = C.LinkBase.empty() ? linkBaseFromEnvironment() : C.LinkBase;
  In.ChangedOnly = !C.DiffBase.empty() || !C.DiffFile.empty();
  In.HtmlUrl = !C.HtmlUrl.empty() || C.Html.empty()
                   ? C.HtmlUrl
                   : htmlReportUrlFromEnvironment(C.Html);
  In.Sources = &Sources;
  In.UnitsAnalysed = UnitCount;
  In.UnitsSkipped = NotCOrCxx;
  if (Baseline) {
    // Entries no current finding matches: fixed since, or moved beyond
    // recognition. Only known when every unit was analysed.
    if (!Changed && Failures.empty())
      In.StaleBaselineEntries =
          staleBaselineEntries(Findings, Baseline->Fingerprints);
    // Fixed since the baseline, per check: counted in the files whose
    // findings this run knows in full (the main files of the units it
    // analysed), so that a review of a change says what it fixed.
    In.FixedSinceBaseline =
        fixedBaselineEntries(Findings, *Baseline, ChecksRun);
    In.HasBaseline = true;
    In.SuppressedByBaseline = applyBaseline(Findings, Baseline->Fingerprints);
  }
  if (Changed) {
    size_t Before = Findings.size();
    llvm::erase_if(Findings,
                   [&](const Finding &F) { return !Changed->touches(F); });
    In.OutsideDiff = Before - Findings.size();
  }
  In.Findings = Findings;
  In.Failures = Failures;

  writeText(llvm::outs(), In);
  if (C.Github)
    writeGithub(llvm::outs(), In);
  llvm::outs().flush();
  WriteFailed |=
      !writeReport(C.Sarif, [&](llvm::raw_ostream &OS) { writeSarif(OS, In); });
  WriteFailed |= !writeReport(C.Markdown, [&](llvm::raw_ostream &OS) {
    writeMarkdown(OS, In, C.MarkdownMax);
  });
  WriteFailed |=
      !writeReport(C.Json, [&](llvm::raw_ostream &OS) { writeJson(OS, In); });
  WriteFailed |=
      !writeReport(HtmlFile, [&](llvm::raw_ostream &OS) { writeHtml(OS, In); });
  WriteFailed |= !writeReport(
      C.ExportFixes, [&](llvm::raw_ostream &OS) { writeFixes(OS, In); });
  if (C.Github)
    WriteFailed |= !appendStepSummary(In, C.MarkdownMax);
  if (C.Fix) {
    FixStats Fixed = applyFixes(Findings, C.FixNotes, llvm::errs());
    llvm::errs() << "leakguard: applied " << Fixed.Applied << " fix-it"
                 << (Fixed.Applied == 1 ? "" : "s") << " in " << Fixed.Files
                 << " file" << (Fixed.Files == 1 ? "" : "s");
    if (Fixed.Conflicting)
      llvm::errs() << " (" << Fixed.Conflicting
                   << " skipped: they overlap one applied)";
    llvm::errs() << "\n";
    WriteFailed |= Fixed.Failed > 0;
  }

  double Seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - Start)
          .count();
  if (!C.Quiet) {
    llvm::errs() << "leakguard: " << Findings.size() << " finding"
                 << (Findings.size() == 1 ? "" : "s") << " in " << UnitCount
                 << " translation units (" << Cached << " from cache, "
                 << Failures.size() << " failed";
    if (In.SuppressedByBaseline)
      llvm::errs() << ", " << In.SuppressedByBaseline << " in the baseline";
    if (In.OutsideDiff)
      llvm::errs() << ", " << In.OutsideDiff << " outside the changed lines";
    if (NotCOrCxx)
      llvm::errs() << ", " << NotCOrCxx << " not C or C++ skipped";
    if (In.StaleBaselineEntries)
      llvm::errs() << ", " << In.StaleBaselineEntries
                   << " baseline entries no longer match";
    if (size_t Fixed = In.fixedSinceBaseline())
      llvm::errs() << ", " << Fixed << " fixed since the baseline";
    if (UnitsExcluded || FindingsExcluded)
      llvm::errs() << ", " << UnitsExcluded << " units and " << FindingsExcluded
                   << " findings excluded";
    if (UnitsOutsideChange)
      llvm::errs() << ", " << UnitsOutsideChange << " unchanged not analysed";
    llvm::errs() << ") in " << llvm::format("%.2f", Seconds) << " s\n";
  }
  if (C.Profile)
    llvm::errs() << "leakguard: checks took "
                 << llvm::format("%.4f", CheckSeconds) << " s\n";
  if (C.Profile) {
    for (const auto &[Check, Seconds] : CheckTimes)
      llvm::errs() << "  " << Check << ": " << llvm::format("%.4f", Seconds)
                   << " s\n";
  }

  if (!ConfigErrors.empty() || WriteFailed)
    return ExitUsage;
  if (!Failures.empty())
    return ExitUnitFailed;
  // Recording a baseline is the run's purpose: its findings are expected.
  if (!C.WriteBaseline.empty())
    return ExitClean;
  bool AnyError = llvm::any_of(
      Findings, [](const Finding &F) { return F.Level == "error"; });
  if ((C.FailOnLevel == CheckCommand::FailOn::Warning && !Findings.empty()) ||
      (C.FailOnLevel == CheckCommand::FailOn::Error && AnyError))
    return ExitFindings;
  return ExitClean;
}

static int runWorkerCommand(llvm::ArrayRef<const char *> Args) {
  WorkerOptions W;
  ArgReader R(Args);
  std::string Error;
  while (!R.done()) {
    if (R.flag("--")) {
      while (!R.done())
        W.Arguments.push_back(R.next().str());
      break;
    }
    if (R.flag("--profile")) {
      W.Profile = true;
      continue;
    }
    if (R.flag("--summarize")) {
      W.Summarize = true;
      continue;
    }
    if (R.option("--file", W.File, Error) ||
        R.option("--summary-store", W.SummaryStore, Error) ||
        R.option("--directory", W.Directory, Error) ||
        R.option("--output", W.Output, Error) ||
        R.option("--config-file", W.Config.ConfigFile, Error) ||
        R.option("--checks", W.Config.Checks, Error)) {
      if (!Error.empty())
        return usageError(Error);
      continue;
    }
    return usageError("unknown worker option '" + R.peek() + "'");
  }
  if (W.File.empty() || W.Output.empty())
    return usageError("--worker needs --file and --output");
  // Test-only: crash on a chosen unit, to test that a crash stays isolated.
  if (const char *CrashOn = std::getenv("LEAKGUARD_TEST_CRASH_ON")) {
    if (*CrashOn && llvm::StringRef(W.File).ends_with(CrashOn))
      std::abort();
  }
  return runWorker(W);
}

static int listChecks() {
  for (const CheckInfo &C : allChecks())
    llvm::outs() << C.Name << "\n    " << C.Summary << "\n";
  return ExitClean;
}

static int explain(llvm::StringRef Check) {
  const CheckInfo *Info = findCheck(Check);
  if (!Info)
    return usageError("unknown check '" + Check +
                      "' (see 'leakguard list-checks')");
  llvm::SmallString<256> Page(LEAKGUARD_SOURCE_DIR);
  llvm::sys::path::append(Page, docPath(Check));
  if (auto Text = llvm::MemoryBuffer::getFile(Page)) {
    llvm::outs() << (*Text)->getBuffer();
    return ExitClean;
  }
  // No page (yet): what the driver knows.
  llvm::outs() << "# " << Info->Name << "\n\n"
               << Info->Summary << "\n\n"
               << Info->Description << "\n\n"
               << "Why it leaks: " << Info->WhyItLeaks << "\n\n"
               << "Fix: " << Info->FixPattern << "\n";
  return ExitClean;
}

int driverMain(int Argc, const char **Argv) {
  llvm::InitLLVM X(Argc, Argv);
  (void)LeakGuardModuleAnchorSource;
  std::string Self = llvm::sys::fs::getMainExecutable(
      Argv[0], reinterpret_cast<void *>(&driverMain));
  llvm::ArrayRef<const char *> Args(Argv + 1, Argv + Argc);
  if (Args.empty()) {
    llvm::errs() << Usage;
    return ExitUsage;
  }
  llvm::StringRef Command = Args.front();
  Args = Args.drop_front();
  if (Command == "--worker")
    return runWorkerCommand(Args);
  if (Command == "--help" || Command == "-h" || Command == "help") {
    llvm::outs() << Usage;
    return ExitClean;
  }
  if (Command == "--version") {
    llvm::outs() << "LeakGuard " LEAKGUARD_VERSION " (commit " LEAKGUARD_COMMIT
                    ", sources "
                 << llvm::StringRef(LEAKGUARD_SOURCE_HASH).take_front(12)
                 << ", built on LLVM " LEAKGUARD_LLVM_VERSION ")\n";
    return ExitClean;
  }
  if (Command == "list-checks")
    return Args.empty() ? listChecks()
                        : usageError("list-checks takes no arguments");
  if (Command == "summaries") {
    if (Args.empty())
      return usageError("summaries needs the store's path");
    std::vector<std::string> Names(Args.begin() + 1, Args.end());
    return printSummaries(Args.front(), Names, llvm::outs());
  }
  if (Command == "explain") {
    if (Args.size() != 1)
      return usageError("explain takes one check name");
    return explain(Args.front());
  }
  if (Command == "check" || Command == "summarize") {
    for (const char *A : Args) {
      if (llvm::StringRef(A) == "--help" || llvm::StringRef(A) == "-h") {
        llvm::outs() << Usage;
        return ExitClean;
      }
    }
    CheckCommand C;
    C.SummarizeOnly = Command == "summarize";
    if (std::optional<int> Exit = parseCheck(Args, C))
      return *Exit;
    return runCheck(C, Self);
  }
  return usageError("unknown command '" + Command + "'");
}

} // namespace clang::tidy::leak::driver
