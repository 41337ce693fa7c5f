//===--- JobRunnerTest.cpp - Tests of the parallel job runner -------------===//

#include "JobRunner.h"
#include "TestSupport.h"
#include "llvm/Support/Program.h"
#include "gtest/gtest.h"
#include <atomic>
#include <chrono>
#include <string>
#include <vector>

using namespace clang::tidy::leak::driver;
using namespace clang::tidy::leak::driver::test;

namespace {

const char *const Shell = "/bin/sh";

/// A job that prints its index and exits with \p Code.
Job shellJob(const TempDir &Dir, size_t I, const std::string &Script) {
  Job J;
  J.Args = {"sh", "-c", Script};
  J.StdoutFile = Dir.path("out" + std::to_string(I));
  J.StderrFile = Dir.path("err" + std::to_string(I));
  return J;
}

TEST(JobRunnerTest, EveryJobRunsOnceWhateverTheParallelism) {
  if (!llvm::sys::fs::can_execute(Shell))
    GTEST_SKIP() << "no " << Shell;
  for (unsigned Parallelism : {0u, 1u, 3u, 64u}) {
    SCOPED_TRACE(Parallelism);
    TempDir Dir;
    std::vector<Job> Jobs;
    Jobs.reserve(12);
    for (size_t I = 0; I < 12; ++I)
      Jobs.push_back(shellJob(Dir, I,
                              "echo out" + std::to_string(I) + "; echo err" +
                                  std::to_string(I) + " >&2; exit " +
                                  std::to_string(I % 4)));
    std::vector<int> Calls(Jobs.size(), 0);
    std::vector<int> Codes(Jobs.size(), -100);
    std::atomic<int> Inside{0};
    bool Overlapped = false;
    runJobs(Shell, Jobs, Parallelism, JobLimits(),
            [&](size_t I, const JobOutcome &O) {
              // OnDone is serialized.
              if (Inside++ != 0)
                Overlapped = true;
              ASSERT_LT(I, Jobs.size());
              ++Calls[I];
              Codes[I] = O.ReturnCode;
              --Inside;
            });
    EXPECT_FALSE(Overlapped);
    for (size_t I = 0; I < Jobs.size(); ++I) {
      EXPECT_EQ(Calls[I], 1) << I;
      EXPECT_EQ(Codes[I], int(I % 4)) << I;
      EXPECT_EQ(Dir.read("out" + std::to_string(I)),
                "out" + std::to_string(I) + "\n");
      EXPECT_EQ(Dir.read("err" + std::to_string(I)),
                "err" + std::to_string(I) + "\n");
    }
  }
}

TEST(JobRunnerTest, NoJobsNoCalls) {
  unsigned Calls = 0;
  runJobs(Shell, {}, 4, JobLimits(),
          [&](size_t, const JobOutcome &) { ++Calls; });
  EXPECT_EQ(Calls, 0u);
}

TEST(JobRunnerTest, StdinIsEmpty) {
  if (!llvm::sys::fs::can_execute(Shell))
    GTEST_SKIP() << "no " << Shell;
  TempDir Dir;
  std::vector<Job> Jobs = {shellJob(Dir, 0, "cat; echo end")};
  int Code = -100;
  runJobs(Shell, Jobs, 1, JobLimits(),
          [&](size_t, const JobOutcome &O) { Code = O.ReturnCode; });
  EXPECT_EQ(Code, 0);
  EXPECT_EQ(Dir.read("out0"), "end\n");
}

TEST(JobRunnerTest, CrashIsMinusTwoWithAMessage) {
  if (!llvm::sys::fs::can_execute(Shell))
    GTEST_SKIP() << "no " << Shell;
  TempDir Dir;
  std::vector<Job> Jobs = {shellJob(Dir, 0, "kill -SEGV $$")};
  JobOutcome Outcome;
  runJobs(Shell, Jobs, 1, JobLimits(),
          [&](size_t, const JobOutcome &O) { Outcome = O; });
  EXPECT_EQ(Outcome.ReturnCode, -2);
  EXPECT_FALSE(Outcome.ErrorMessage.empty());
  EXPECT_FALSE(Outcome.TimedOut);
}

TEST(JobRunnerTest, TimeLimitKillsTheJob) {
  if (!llvm::sys::fs::can_execute(Shell))
    GTEST_SKIP() << "no " << Shell;
  TempDir Dir;
  std::vector<Job> Jobs = {shellJob(Dir, 0, "sleep 30")};
  JobLimits Limits;
  Limits.Seconds = 1;
  JobOutcome Outcome;
  auto Start = std::chrono::steady_clock::now();
  runJobs(Shell, Jobs, 1, Limits,
          [&](size_t, const JobOutcome &O) { Outcome = O; });
  EXPECT_LT(std::chrono::steady_clock::now() - Start, std::chrono::seconds(10));
  EXPECT_EQ(Outcome.ReturnCode, -2);
  EXPECT_TRUE(Outcome.TimedOut);
}

TEST(JobRunnerTest, MemoryLimitStopsAllocation) {
  if (!llvm::sys::fs::can_execute(Shell))
    GTEST_SKIP() << "no " << Shell;
  TempDir Dir;
  // 64 MB of data segment: a 200 MB allocation in the shell fails.
  std::vector<Job> Jobs = {shellJob(
      Dir, 0, "x=$(head -c 200000000 /dev/zero | tr '\\0' a); echo ${#x}")};
  JobLimits Limits;
  Limits.MemoryMegabytes = 64;
  JobOutcome Outcome;
  runJobs(Shell, Jobs, 1, Limits,
          [&](size_t, const JobOutcome &O) { Outcome = O; });
  EXPECT_NE(Dir.read("out0"), "200000000\n");
}

TEST(JobRunnerTest, ProgramThatCannotStartIsMinusOne) {
  TempDir Dir;
  std::vector<Job> Jobs = {shellJob(Dir, 0, "true")};
  JobOutcome Outcome;
  runJobs(Dir.path("no-such-program"), Jobs, 1, JobLimits(),
          [&](size_t, const JobOutcome &O) { Outcome = O; });
  EXPECT_EQ(Outcome.ReturnCode, -1);
  EXPECT_FALSE(Outcome.ErrorMessage.empty());
}

} // namespace
