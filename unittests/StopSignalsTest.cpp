//===--- StopSignalsTest.cpp - Stop signals and unbounded loops -----------===//

#include "utils/StopSignals.h"
#include "utils/ApiModel.h"
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
  StopSignalModel Model;

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
    Model.Types = defaultApiModel().StopSignalTypes;
    Model.Names = defaultApiModel().StopSignalNames;
  }
  bool unbounded() { return isUnboundedLoop(Loop, AST->getASTContext()); }
  bool checksStop() { return loopChecksStopSignal(Loop, Model); }
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

TEST(StopSignalsTest, NamedFlagGuardingBreak) {
  LoopFixture T("struct S { bool stopping_ = false; std::mutex M;\n"
                "void f() { for (;;) { std::lock_guard<std::mutex> G(M); "
                "if (stopping_) break; work(); } } };");
  EXPECT_TRUE(T.checksStop());
  EXPECT_FALSE(T.unbounded());
}

TEST(StopSignalsTest, UnrelatedConditionIsNoStopSignal) {
  LoopFixture T("void f() { for (;;) { if (cond()) break; } }");
  EXPECT_FALSE(T.checksStop());
}

TEST(StopSignalsTest, VolatileBoolAndQueryFunction) {
  EXPECT_TRUE(LoopFixture("volatile bool Go;\nvoid f() { while (Go) work(); }")
                  .checksStop());
  EXPECT_TRUE(LoopFixture("bool isRunning();\n"
                          "void f() { while (isRunning()) work(); }")
                  .checksStop());
}

TEST(StopSignalsTest, ExtraFlagsFromTheStopPath) {
  LoopFixture T("bool Ready;\nvoid f() { while (!Ready) work(); }");
  EXPECT_FALSE(T.checksStop());
  auto Vars =
      match(varDecl(hasName("Ready")).bind("v"), T.AST->getASTContext());
  ASSERT_EQ(Vars.size(), 1u);
  T.Model.ExtraFlags.insert(Vars[0].getNodeAs<ValueDecl>("v"));
  EXPECT_TRUE(T.checksStop());
}

} // namespace
