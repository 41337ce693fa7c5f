//===--- Analysis.cpp - The two phases of `leakguard check` ---------------===//

#include "Analysis.h"
#include "Cache.h"
#include "CrashReport.h"
#include "Driver.h"
#include "JobRunner.h"
#include "SourceHash.h"
#include "utils/ProjectSummaries.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"
#include <optional>

namespace clang::tidy::leak::driver {

namespace {
/// Shows how far the run is: a bar on a terminal, plain lines otherwise.
class Progress {
public:
  Progress(size_t Total, bool Quiet)
      : Total(Total), Quiet(Quiet),
        Terminal(llvm::sys::Process::StandardErrIsDisplayed()) {}
  void step(llvm::StringRef File, bool Cached) {
    ++Done;
    if (Quiet)
      return;
    if (!Terminal) {
      llvm::errs() << "[" << Done << "/" << Total << "] "
                   << (Cached ? "cached " : "") << File << "\n";
      return;
    }
    const size_t Width = 30;
    size_t Filled = Total ? Done * Width / Total : Width;
    llvm::errs() << "\r[" << std::string(Filled, '=')
                 << std::string(Width - Filled, ' ') << "] " << Done << "/"
                 << Total << " " << llvm::sys::path::filename(File) << "\x1b[K";
    if (Done == Total)
      llvm::errs() << "\n";
  }

private:
  size_t Total;
  size_t Done = 0;
  bool Quiet;
  bool Terminal;
};
} // namespace

/// Rule files named by "*.RuleFiles" options, resolved like the checks do:
/// against the directory of the configuration that names them, then the
/// current directory.
static void addRuleFiles(KeyBuilder &Key, ResultCache &Cache,
                         const ClangTidyOptions &Options,
                         llvm::StringRef ConfigDir) {
  for (const auto &Entry : Options.CheckOptions) {
    if (!Entry.getKey().ends_with("RuleFiles"))
      continue;
    llvm::SmallVector<llvm::StringRef, 4> Files;
    llvm::StringRef(Entry.getValue().Value).split(Files, ';', -1, false);
    for (llvm::StringRef F : Files) {
      F = F.trim();
      llvm::SmallString<256> P(ConfigDir);
      llvm::sys::path::append(P, F);
      std::string Path = llvm::sys::path::is_absolute(F) || ConfigDir.empty()
                             ? absolutePath(F)
                             : std::string(P);
      if (!llvm::sys::fs::exists(Path))
        Path = absolutePath(F);
      Key.add(Path).add(Cache.fileHash(Path));
    }
  }
}

/// Which of the two phases a run of the workers is.
namespace {
struct Phase {
  /// The first: every unit's summaries for the others.
  bool Summarize = false;
  /// The second: the store the checks read, and a hash of its content (a
  /// unit's findings depend on the summaries of the functions it calls).
  std::string Store;
  std::string StoreHash;
  /// The store's content, to check the summaries a cached result read.
  std::shared_ptr<const utils::SummaryIndex> Index;
  /// How many units' summaries the store holds.
  size_t Summarized = 0;
};
} // namespace

/// The cache key of \p U: everything but the files it reads.
static std::string cacheKey(const Unit &U, const CheckCommand &C,
                            ClangTidyOptionsProvider &Provider,
                            ResultCache &Cache, llvm::StringRef SelfIdentity,
                            const Phase &P) {
  KeyBuilder Key;
  Key.add("leakguard-cache-v1").add(SelfIdentity);
  // A result of the second phase depends on the summaries it read, checked
  // entry by entry (SummaryDeps), not on the whole store.
  Key.add(P.Summarize       ? "summarize"
          : P.Store.empty() ? "analyse-alone"
                            : "analyse-with-summaries");
  Key.add(U.File).add(U.Directory);
  for (const std::string &A : U.Arguments)
    Key.add(A);
  // The first phase runs its own check whatever --checks says.
  Key.add(P.Summarize ? "" : C.Config.Checks).add(C.Config.ConfigFile);
  for (const auto &[Options, Source] : Provider.getRawOptions(U.File)) {
    Key.add(Source).add(configurationAsText(Options));
    llvm::StringRef Dir = llvm::sys::fs::exists(Source)
                              ? llvm::sys::path::parent_path(Source)
                              : "";
    addRuleFiles(Key, Cache, Options, Dir);
  }
  if (!C.Config.ConfigFile.empty())
    Key.add(Cache.fileHash(C.Config.ConfigFile));
  return Key.finish();
}

/// Identifies this build of LeakGuard for the cache: its version, the LLVM
/// it is built with and the hash of its sources, never a time stamp or the
/// binary's path (a CI job that rebuilds the same commit elsewhere still
/// hits its cache).
static std::string selfIdentity() {
  return LEAKGUARD_VERSION " " LEAKGUARD_LLVM_VERSION " " LEAKGUARD_SOURCE_HASH;
}

static std::string readFileOr(llvm::StringRef Path, llvm::StringRef Default) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  return Buffer ? (*Buffer)->getBuffer().str() : Default.str();
}

/// Runs the units through \p Cache and the workers.
/// Why a worker was stopped by its limits (see JobLimits), or empty: a
/// worker out of memory aborts with LLVM's own message.
///
/// The memory limit is the data-segment limit (RLIMIT_DATA). Linux counts
/// every private writable mapping in it, AddressSanitizer's shadow memory
/// too, so a sanitized LeakGuard (LEAKGUARD_SANITIZE, a developer build)
/// could not start a worker under any limit: it runs its workers without.
static unsigned unitMemoryLimit(const CheckCommand &C) {
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
  return 0;
#endif
#endif
  return C.UnitMemoryMegabytes;
}

static std::string limitExceeded(const JobOutcome &O, llvm::StringRef Err,
                                 const CheckCommand &C) {
  if (O.TimedOut)
    return "analysis exceeded " + std::to_string(C.UnitTimeoutSeconds) +
           " s (--unit-timeout)";
  if (unitMemoryLimit(C) && O.ReturnCode != 0 &&
      (Err.contains("out of memory") || Err.contains("bad_alloc") ||
       Err.contains("Cannot allocate memory")))
    return "analysis exceeded " + std::to_string(C.UnitMemoryMegabytes) +
           " MB of memory (--unit-memory)";
  return "";
}

/// After a crash: where its reproducer was written, for the failure's
/// message.
static std::string reproducerNote(const Unit &U,
                                  ClangTidyOptionsProvider &Provider,
                                  llvm::StringRef StderrFile) {
  llvm::Expected<std::string> Dir =
      writeCrashReproducer(U, Provider, readFileOr(StderrFile, ""));
  if (!Dir)
    return "; no reproducer: " + llvm::toString(Dir.takeError());
  return "; a reproducer (the preprocessed unit, its command line, "
         "LeakGuard's version and configuration) is in " +
         *Dir + ": please attach it to a bug report";
}

static std::vector<UnitResult>
analyseWithCache(const std::vector<Unit> &Units, const CheckCommand &C,
                 llvm::StringRef Self, ClangTidyOptionsProvider &Provider,
                 ResultCache &Cache, const ChangedLines *Changed,
                 size_t &OutsideChange, const Phase &P) {
  std::vector<UnitResult> Results(Units.size());
  std::string Identity = selfIdentity();
  std::vector<std::string> Keys(Units.size());
  std::vector<size_t> ToRun;
  Progress Bar(Units.size(), C.Quiet || P.Summarize);
  for (size_t I = 0; I < Units.size(); ++I) {
    if (Cache.enabled()) {
      Keys[I] = cacheKey(Units[I], C, Provider, Cache, Identity, P);
      auto SummariesUnchanged = [&](const UnitResult &R) {
        return llvm::all_of(R.SummaryDeps, [&](const auto &Dep) {
          return P.Index && P.Index->fingerprint(Dep.first) == Dep.second;
        });
      };
      if (std::optional<UnitResult> Hit =
              Cache.lookup(Keys[I], SummariesUnchanged)) {
        Results[I] = std::move(*Hit);
        Bar.step(Units[I].File, /*Cached=*/true);
        continue;
      }
    }
    // Only changed sources: a unit whose main file did not change has no
    // finding on a changed line, so it need not be analysed.
    if (Changed && Changed->onlySourceFilesChanged() &&
        !Changed->touchesFile(Units[I].File)) {
      Results[I].File = Units[I].File;
      Results[I].OutsideChange = true;
      ++OutsideChange;
      Bar.step(Units[I].File, /*Cached=*/false);
      continue;
    }
    ToRun.push_back(I);
  }
  if (ToRun.empty())
    return Results;

  llvm::SmallString<128> TempDir;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueDirectory("leakguard-run", TempDir)) {
    for (size_t I : ToRun)
      Results[I].Errors.push_back("cannot create a temporary directory: " +
                                  EC.message());
    return Results;
  }
  std::vector<Job> Jobs;
  for (size_t I : ToRun) {
    const Unit &U = Units[I];
    Job J;
    std::string Base = (TempDir + "/" + std::to_string(I)).str();
    J.StdoutFile = Base + ".out";
    J.StderrFile = Base + ".err";
    J.Args = {Self.str(), "--worker", "--file=" + U.File,
              "--directory=" + U.Directory, "--output=" + Base + ".json"};
    if (!C.Config.ConfigFile.empty())
      J.Args.push_back("--config-file=" + C.Config.ConfigFile);
    if (!C.Config.Checks.empty())
      J.Args.push_back("--checks=" + C.Config.Checks);
    if (C.Profile && !P.Summarize)
      J.Args.push_back("--profile");
    if (P.Summarize)
      J.Args.push_back("--summarize");
    else if (!P.Store.empty())
      J.Args.push_back("--summary-store=" + P.Store);
    J.Args.push_back("--");
    J.Args.insert(J.Args.end(), U.Arguments.begin(), U.Arguments.end());
    Jobs.push_back(std::move(J));
  }
  unsigned Parallelism =
      C.Jobs ? C.Jobs : llvm::hardware_concurrency().compute_thread_count();
  JobLimits Limits;
  Limits.Seconds = C.UnitTimeoutSeconds;
  Limits.MemoryMegabytes = unitMemoryLimit(C);
  runJobs(Self, Jobs, Parallelism, Limits,
          [&](size_t JobIndex, const JobOutcome &O) {
            size_t I = ToRun[JobIndex];
            const Unit &U = Units[I];
            std::string Output = readFileOr(
                (TempDir + "/" + std::to_string(I) + ".json").str(), "");
            llvm::Expected<UnitResult> R =
                O.ReturnCode == 0
                    ? parseUnitResult(Output)
                    : llvm::Expected<UnitResult>(
                          llvm::createStringError("worker failed"));
            if (R) {
              Results[I] = std::move(*R);
              Results[I].File = U.File;
              Cache.store(Keys[I], Results[I]);
            } else {
              llvm::consumeError(R.takeError());
              std::string Err =
                  llvm::StringRef(readFileOr(Jobs[JobIndex].StderrFile, ""))
                      .trim()
                      .take_back(2000)
                      .str();
              std::string Limit = limitExceeded(O, Err, C);
              std::string Why = !Limit.empty()       ? Limit
                                : O.ReturnCode == -2 ? "the analysis crashed"
                                : O.ReturnCode == -1
                                    ? "the analysis could not start"
                                    : "the analysis failed (exit "
                                      "code " +
                                          std::to_string(O.ReturnCode) + ")";
              if (!O.ErrorMessage.empty() && Limit.empty())
                Why += ": " + O.ErrorMessage;
              if (O.ReturnCode == -2 && Limit.empty())
                Why += reproducerNote(U, Provider, Jobs[JobIndex].StderrFile);
              if (!Err.empty() && Limit.empty())
                Why += "\n" + Err;
              Results[I].File = U.File;
              Results[I].Errors.push_back(Why);
            }
            Bar.step(U.File, /*Cached=*/false);
          });
  if (std::error_code EC = llvm::sys::fs::remove_directories(TempDir))
    llvm::errs() << "leakguard: warning: cannot remove " << TempDir << ": "
                 << EC.message() << "\n";
  return Results;
}

/// The first phase: every unit's summaries (from the cache or a worker),
/// written to the store at \p StorePath. Returns the phase the analysis runs
/// in: with the store, or without it when it cannot be written.
static Phase summarizeUnits(const std::vector<Unit> &Units,
                            const CheckCommand &C, llvm::StringRef Self,
                            ClangTidyOptionsProvider &Provider,
                            ResultCache &Cache, llvm::StringRef StorePath) {
  Phase First;
  First.Summarize = true;
  size_t Unused = 0;
  std::vector<UnitResult> Results =
      analyseWithCache(Units, C, Self, Provider, Cache, nullptr, Unused, First);
  std::vector<std::pair<std::string, utils::UnitSummaries>> Entries;
  KeyBuilder Hash;
  size_t NotSummarized = 0;
  for (const UnitResult &R : Results) {
    llvm::Expected<utils::UnitSummaries> S =
        R.Errors.empty() && !R.Summaries.empty()
            ? utils::unitSummariesFromJSON(R.Summaries)
            : llvm::Expected<utils::UnitSummaries>(
                  llvm::createStringError("not summarized"));
    if (!S) {
      llvm::consumeError(S.takeError());
      ++NotSummarized;
      continue;
    }
    Hash.add(R.File).add(R.Summaries);
    Entries.emplace_back(R.File, std::move(*S));
  }
  if (NotSummarized)
    llvm::errs() << "leakguard: " << NotSummarized << " of " << Units.size()
                 << " units could not be summarized (they do not compile); "
                    "their functions stay unknown to the other units\n";
  // A global some unit that did not compile may write is no constant.
  bool Complete = NotSummarized == 0;
  // A run restricted by PATH updates its units' summaries and keeps the
  // others' (from the last run over the whole database).
  bool Whole = C.Paths.empty();
  llvm::Error E = utils::store::write(StorePath, Entries, Complete, Whole);
  if (E) {
    // Another schema version, or not a store: it only holds what this run
    // recomputes, so it is rebuilt.
    llvm::errs() << "leakguard: warning: " << llvm::toString(std::move(E))
                 << "; it is rebuilt\n";
    // A store that cannot be removed fails the write below, with its reason.
    if (std::error_code EC = llvm::sys::fs::remove(StorePath))
      llvm::errs() << "leakguard: warning: cannot remove " << StorePath << ": "
                   << EC.message() << "\n";
    E = utils::store::write(StorePath, Entries, Complete, Whole);
  }
  Phase Second;
  if (E) {
    llvm::errs() << "leakguard: warning: " << llvm::toString(std::move(E))
                 << "; the units are analysed without summaries of the "
                    "others\n";
    return Second;
  }
  llvm::Expected<std::shared_ptr<const utils::SummaryIndex>> Index =
      utils::SummaryIndex::load(StorePath);
  if (!Index) {
    llvm::errs() << "leakguard: warning: " << llvm::toString(Index.takeError())
                 << "; the units are analysed without summaries of the "
                    "others\n";
    return Second;
  }
  Second.Index = std::move(*Index);
  Second.Store = StorePath.str();
  Second.StoreHash = Hash.finish();
  Second.Summarized = Entries.size();
  return Second;
}

/// Where the summary store is: --summary-store, or the cache directory.
/// Empty when there is none (--no-cache): a temporary file then.
static std::string summaryStorePath(const CheckCommand &C,
                                    llvm::StringRef CacheDir) {
  if (!C.SummaryStore.empty())
    return absolutePath(C.SummaryStore);
  if (C.NoCache)
    return "";
  // A cache directory that cannot hold the store (a file, read-only): a
  // temporary store instead.
  if (llvm::sys::fs::create_directories(CacheDir) ||
      !llvm::sys::fs::is_directory(CacheDir) ||
      llvm::sys::fs::access(CacheDir, llvm::sys::fs::AccessMode::Write))
    return "";
  llvm::SmallString<256> P(CacheDir);
  llvm::sys::path::append(P, "summaries.sqlite");
  return std::string(P);
}

static std::string cacheDirectory(const CheckCommand &C,
                                  llvm::StringRef BuildDir) {
  if (!C.CacheDir.empty())
    return C.CacheDir;
  llvm::SmallString<256> P(BuildDir);
  llvm::sys::path::append(P, ".leakguard-cache");
  return std::string(P);
}

/// `leakguard summarize`: the first phase alone.
int summarizeOnly(const std::vector<Unit> &Units, const CheckCommand &C,
                  llvm::StringRef Self, llvm::StringRef BuildDir,
                  ClangTidyOptionsProvider &Provider) {
  std::string CacheDir = cacheDirectory(C, BuildDir);
  ResultCache Cache(C.NoCache ? "" : CacheDir);
  std::string StorePath = summaryStorePath(C, CacheDir);
  if (StorePath.empty()) {
    llvm::errs() << "leakguard: error: summarize needs a cache directory or "
                    "--summary-store\n";
    return ExitUsage;
  }
  Phase Second = summarizeUnits(Units, C, Self, Provider, Cache, StorePath);
  if (Second.Store.empty())
    return ExitUnitFailed;
  llvm::errs() << "leakguard: the summaries of " << Second.Summarized
               << " units are in " << StorePath << "\n";
  return ExitClean;
}

/// Runs the units through the cache and the workers, then keeps the cache
/// within its limits.
std::vector<UnitResult>
analyseUnits(const std::vector<Unit> &Units, const CheckCommand &C,
             llvm::StringRef Self, llvm::StringRef BuildDir,
             ClangTidyOptionsProvider &Provider, const ChangedLines *Changed,
             size_t &OutsideChange) {
  std::string CacheDir = cacheDirectory(C, BuildDir);
  ResultCache Cache(C.NoCache ? "" : CacheDir);
  Phase Second;
  std::optional<llvm::FileRemover> TempStore;
  if (C.Summaries) {
    std::string StorePath = summaryStorePath(C, CacheDir);
    if (StorePath.empty()) {
      llvm::SmallString<128> Temp;
      if (!llvm::sys::fs::createTemporaryFile("leakguard-summaries", "sqlite",
                                              Temp)) {
        // The store creates the file itself; a leftover empty one would
        // read as a file that is not a store.
        if (std::error_code EC = llvm::sys::fs::remove(Temp))
          llvm::errs() << "leakguard: warning: cannot remove " << Temp << ": "
                       << EC.message() << "\n";
        StorePath = std::string(Temp);
        TempStore.emplace(StorePath);
      }
    }
    if (!StorePath.empty())
      Second = summarizeUnits(Units, C, Self, Provider, Cache, StorePath);
  }
  std::vector<UnitResult> Results = analyseWithCache(
      Units, C, Self, Provider, Cache, Changed, OutsideChange, Second);
  // Only a run that stored entries can have left the cache larger.
  if (Cache.grew()) {
    ResultCache::PruneLimits Limits;
    Limits.MaxBytes = C.CacheMaxMegabytes << 20;
    Cache.prune(Limits);
  }
  return Results;
}

} // namespace clang::tidy::leak::driver
