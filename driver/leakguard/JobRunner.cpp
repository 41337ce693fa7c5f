//===--- JobRunner.cpp - Running worker processes in parallel -------------===//

#include "JobRunner.h"
#include "llvm/Support/Program.h"
#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

namespace clang::tidy::leak::driver {

void runJobs(
    llvm::StringRef Program, llvm::ArrayRef<Job> Jobs, unsigned Parallelism,
    const JobLimits &Limits,
    llvm::function_ref<void(size_t Index, const JobOutcome &)> OnDone) {
  std::atomic<size_t> Next{0};
  std::mutex DoneMutex;
  auto Work = [&] {
    for (size_t I = Next++; I < Jobs.size(); I = Next++) {
      const Job &J = Jobs[I];
      std::vector<llvm::StringRef> Argv(J.Args.begin(), J.Args.end());
      std::optional<llvm::StringRef> Redirects[] = {
          llvm::StringRef(""), llvm::StringRef(J.StdoutFile),
          llvm::StringRef(J.StderrFile)};
      JobOutcome Outcome;
      bool ExecutionFailed = false;
      Outcome.ReturnCode = llvm::sys::ExecuteAndWait(
          Program, Argv, std::nullopt, Redirects, Limits.Seconds,
          Limits.MemoryMegabytes, &Outcome.ErrorMessage, &ExecutionFailed);
      if (ExecutionFailed)
        Outcome.ReturnCode = -1;
      // LLVM kills a child past its time and says so in the message.
      Outcome.TimedOut =
          Outcome.ReturnCode == -2 && Limits.Seconds &&
          llvm::StringRef(Outcome.ErrorMessage).contains("timed out");
      std::lock_guard<std::mutex> Lock(DoneMutex);
      OnDone(I, Outcome);
    }
  };
  unsigned Threads = std::max(
      1u, std::min<unsigned>(Parallelism, static_cast<unsigned>(Jobs.size())));
  std::vector<std::thread> Pool;
  for (unsigned T = 1; T < Threads; ++T)
    Pool.emplace_back(Work);
  Work();
  for (std::thread &T : Pool)
    T.join();
}

} // namespace clang::tidy::leak::driver
