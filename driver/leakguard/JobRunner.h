//===--- JobRunner.h - Running worker processes in parallel -----*- C++ -*-===//

#ifndef LEAKGUARD_DRIVER_JOBRUNNER_H
#define LEAKGUARD_DRIVER_JOBRUNNER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::leak::driver {

/// One process to run: its arguments (argv[0] included) and the files its
/// stdout and stderr go to.
struct Job {
  std::vector<std::string> Args;
  std::string StdoutFile;
  std::string StderrFile;
};

/// How a job ended.
struct JobOutcome {
  /// The exit code; -1 when the process could not start, -2 when it
  /// crashed or was stopped at its time limit.
  int ReturnCode = 0;
  /// Why it could not run or how it crashed.
  std::string ErrorMessage;
  /// The job ran past its time limit and was killed.
  bool TimedOut = false;
};

/// What each job may use; 0 means no limit.
struct JobLimits {
  /// Wall-clock seconds before the job is killed.
  unsigned Seconds = 0;
  /// Megabytes of data segment (RLIMIT_DATA: the heap, not the address
  /// space, which sanitizers reserve in bulk).
  unsigned MemoryMegabytes = 0;
};

/// Runs \p Program once per job, at most \p Parallelism at a time, within
/// \p Limits, and calls \p OnDone (serialized, from some thread) as each one
/// ends.
void runJobs(llvm::StringRef Program, llvm::ArrayRef<Job> Jobs,
             unsigned Parallelism, const JobLimits &Limits,
             llvm::function_ref<void(size_t Index, const JobOutcome &)> OnDone);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_JOBRUNNER_H
