//===--- StopSignalsTest.cpp - Stop signals and unbounded loops -----------===//

#include "utils/StopSignals.h"
#include "utils/ApiModel.h"
#include "utils/WriteIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::leak::utils;

namespace {

/// Parses \p Code and finds the first loop in function f.
struct LoopFixture {
  std::unique_ptr<ASTUnit> AST;
  const Stmt *Loop = nullptr;
  const FunctionDecl *Reader = nullptr;
  StopSignalModel Model;
  std::unique_ptr<WriteIndex> Writes;

  explicit LoopFixture(const std::string &Code) {
    AST = tooling::buildASTFromCodeWithArgs(
        "#include <atomic>\n#include <stop_token>\n#include <mutex>\n"
        "bool cond();\nvoid work();\n" +
            Code,
        {"-std=c++20", "-nostdinc++", "-isystem", LEAKGUARD_MOCK_HEADERS,
         "-resource-dir", LEAKGUARD_CLANG_RESOURCE_DIR});
    auto Loops = match(
        functionDecl(hasName("f"),
                     hasDescendant(stmt(anyOf(forStmt(), whileStmt(), doStmt(),
                                              cxxForRangeStmt()))
                                       .bind("loop"))),
        AST->getASTContext());
    if (!Loops.empty())
      Loop = Loops[0].getNodeAs<Stmt>("loop");
    auto Fns = match(functionDecl(hasName("f"), isDefinition()).bind("f"),
                     AST->getASTContext());
    if (!Fns.empty())
      Reader = Fns[0].getNodeAs<FunctionDecl>("f");
    Model.Types = defaultApiModel().StopSignalTypes;
    Model.Names = defaultApiModel().StopSignalNames;
    Writes = std::make_unique<WriteIndex>(AST->getASTContext());
    Model.Writes = Writes.get();
  }
  bool unbounded() { return isUnboundedLoop(Loop, AST->getASTContext()); }
  bool checksStop() { return loopChecksStopSignal(Loop, Model, Reader); }
};

TEST(StopSignalsTest, NameWords) {
  std::vector<std::string> Names = {"stop", "running", "shutdown"};
  EXPECT_TRUE(isStopSignalName("stop_", Names));
  EXPECT_TRUE(isStopSignalName("m_bStop", Names));
  EXPECT_TRUE(isStopSignalName("isRunning", Names));
  EXPECT_TRUE(isStopSignalName("shutdown_requested_", Names));
  EXPECT_FALSE(isStopSignalName("stopwatch", Names));
  EXPECT_FALSE(isStopSignalName("count", Names));
}

TEST(StopSignalsTest, ForeverLoopsAreUnbounded) {
  EXPECT_TRUE(LoopFixture("void f() { for (;;) work(); }").unbounded());
  EXPECT_TRUE(LoopFixture("void f() { while (true) work(); }").unbounded());
  EXPECT_TRUE(LoopFixture("void f() { do work(); while (1); }").unbounded());
}

TEST(StopSignalsTest, LoopsWithAnExitAreBounded) {
  EXPECT_FALSE(
      LoopFixture("void f() { for (;;) { if (cond()) break; } }").unbounded());
  EXPECT_FALSE(LoopFixture("void f() { while (true) { if (cond()) return; } }")
                   .unbounded());
  EXPECT_FALSE(LoopFixture("void f() { while (cond()) work(); }").unbounded());
}

TEST(StopSignalsTest, BreakOfANestedLoopDoesNotLeaveTheOuterOne) {
  LoopFixture T("void f() { for (;;) { for (int i = 0; i < 3; ++i) "
                "{ if (cond()) break; } switch (1) { case 1: break; } } }");
  EXPECT_TRUE(T.unbounded());
}

TEST(StopSignalsTest, AtomicFlagInConditionIsAStopSignal) {
  LoopFixture T("std::atomic<bool> Flag;\nvoid f() { while (!Flag) work(); }");
  EXPECT_TRUE(T.checksStop());
}

TEST(StopSignalsTest, AtomicCounterIsNotAStopSignal) {
  LoopFixture T("std::atomic<int> Count;\n"
                "void f() { while (Count < 10) work(); }");
  EXPECT_FALSE(T.checksStop());
}

TEST(StopSignalsTest, StopTokenIsAStopSignal) {
  LoopFixture T("void f(std::stop_token St) { while (!St.stop_requested()) "
                "work(); }");
  EXPECT_TRUE(T.checksStop());
}

TEST(StopSignalsTest, FlagWrittenByTheStopPathGuardingBreak) {
  LoopFixture T("struct S { bool stopping_ = false; std::mutex M;\n"
                "void f() { for (;;) { std::lock_guard<std::mutex> G(M); "
                "if (stopping_) break; work(); } }\n"
                "void stop() { stopping_ = true; } };");
  EXPECT_TRUE(T.checksStop());
  EXPECT_FALSE(T.unbounded());
}

TEST(StopSignalsTest, NamesAloneDoNotDecide) {
  // Nothing but the loop's own function writes it: not a stop signal,
  // whatever its name, unless the user lists the name.
  LoopFixture T("struct S { bool stopping_ = false;\n"
                "void f() { while (!stopping_) { if (cond()) stopping_ = "
                "true; } } };");
  EXPECT_FALSE(T.checksStop());
  T.Model.Names = {"stopping"};
  EXPECT_TRUE(T.checksStop());
}

TEST(StopSignalsTest, LocalDoneWrittenByTheLoopIsNoStopSignal) {
  LoopFixture T("void f() { bool done = false;\n"
                "while (!done) { if (cond()) done = true; } }");
  EXPECT_FALSE(T.checksStop());
}

TEST(StopSignalsTest, CounterMeetingItsBoundIsNoStopSignal) {
  // Written elsewhere, but stepped: a job counter, not a flag.
  LoopFixture Stepped("int doneJobs;\nint totalJobs;\n"
                      "void finish() { ++doneJobs; }\n"
                      "void f() { while (doneJobs != totalJobs) work(); }");
  EXPECT_FALSE(Stepped.checksStop());
  // Written elsewhere, compared with a bound.
  LoopFixture Bounded("static int alive;\nvoid set(int n) { alive = n; }\n"
                      "void f() { while (alive > 0) work(); }");
  EXPECT_FALSE(Bounded.checksStop());
}

TEST(StopSignalsTest, FlagOfAnotherUnitOrHandler) {
  // A global with external linkage may be written by another unit.
  EXPECT_TRUE(LoopFixture("extern int quit_requested;\n"
                          "void f() { while (!quit_requested) work(); }")
                  .checksStop());
  // A static that a signal handler sets.
  EXPECT_TRUE(LoopFixture("static int quit;\n"
                          "void on_signal(int) { quit = 1; }\n"
                          "void f() { while (quit == 0) work(); }")
                  .checksStop());
  // A static nothing else writes.
  EXPECT_FALSE(LoopFixture("static int mode;\n"
                           "void f() { while (mode == 0) work(); }")
                   .checksStop());
}

TEST(StopSignalsTest, UnrelatedConditionIsNoStopSignal) {
  LoopFixture T("void f() { for (;;) { if (cond()) break; } }");
  EXPECT_FALSE(T.checksStop());
}

TEST(StopSignalsTest, VolatileBoolAndQueryFunction) {
  EXPECT_TRUE(LoopFixture("volatile bool Go;\nvoid f() { while (Go) work(); }")
                  .checksStop());
  // A query LeakGuard cannot read counts only when the user names it.
  LoopFixture Query("bool isRunning();\n"
                    "void f() { while (isRunning()) work(); }");
  EXPECT_FALSE(Query.checksStop());
  Query.Model.Names = {"running"};
  EXPECT_TRUE(Query.checksStop());
  // A query it can read is judged by what it reads.
  EXPECT_TRUE(LoopFixture("struct S { bool Stop = false;\n"
                          "bool stopped() const { return Stop; }\n"
                          "void halt() { Stop = true; }\n"
                          "void f() { while (!stopped()) work(); } };")
                  .checksStop());
}

TEST(StopSignalsTest, ExtraFlagsFromTheStopPath) {
  LoopFixture T("static bool Ready;\nvoid f() { while (!Ready) work(); }");
  EXPECT_FALSE(T.checksStop());
  auto Vars =
      match(varDecl(hasName("Ready")).bind("v"), T.AST->getASTContext());
  ASSERT_EQ(Vars.size(), 1u);
  T.Model.ExtraFlags.insert(Vars[0].getNodeAs<ValueDecl>("v"));
  EXPECT_TRUE(T.checksStop());
}

} // namespace
