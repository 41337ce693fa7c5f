//===--- LoopBoundsTest.cpp - Tests for the loop-bound analysis ----------===//

#include "utils/LoopBounds.h"
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

const char *Prelude = R"cpp(
#include <array>
#include <thread>
#include <vector>
void spawn(int);
int next();
constexpr int kWorkers = 4;
)cpp";

/// Parses \p Code (after the prelude) and finds the loop labelled "target"
/// by a call to spawn(...) inside function f.
struct LoopFixture {
  std::unique_ptr<ASTUnit> AST;
  const Stmt *Loop = nullptr;
  const CallExpr *Spawn = nullptr;
  LoopBoundConfig Config;

  explicit LoopFixture(const std::string &Code) {
    Config.WorkerCountNames = {"kWorkers", "num_threads", "pool_size"};
    AST = tooling::buildASTFromCodeWithArgs(
        std::string(Prelude) + Code,
        {"-std=c++20", "-nostdinc++", "-isystem", LEAKGUARD_MOCK_HEADERS,
         "-resource-dir", LEAKGUARD_CLANG_RESOURCE_DIR});
    if (!AST)
      return;
    ASTContext &Ctx = AST->getASTContext();
    auto Calls = match(callExpr(callee(functionDecl(hasName("spawn"))),
                                hasAncestor(functionDecl(hasName("f"))))
                           .bind("spawn"),
                       Ctx);
    if (Calls.empty())
      return;
    Spawn = Calls.front().getNodeAs<CallExpr>("spawn");
    auto Loops =
        match(stmt(anyOf(forStmt(), whileStmt(), doStmt(), cxxForRangeStmt()),
                   hasAncestor(functionDecl(hasName("f"))))
                  .bind("loop"),
              Ctx);
    if (!Loops.empty())
      Loop = Loops.front().getNodeAs<Stmt>("loop");
  }

  bool bounded() {
    return Loop && isBoundedLoop(Loop, AST->getASTContext(), Config);
  }
  const Stmt *unbounded() {
    return innermostUnboundedLoop(Spawn, AST->getASTContext(), Config);
  }
};

TEST(LoopBoundsTest, WorkerCountNamesIgnoreCaseAffixesAndUnderscores) {
  std::vector<std::string> Names = {"NumThreads", "kWorkers"};
  EXPECT_TRUE(isWorkerCountName("num_threads", Names));
  EXPECT_TRUE(isWorkerCountName("numThreads_", Names));
  EXPECT_TRUE(isWorkerCountName("m_numThreads", Names));
  EXPECT_TRUE(isWorkerCountName("kNumThreads", Names));
  EXPECT_TRUE(isWorkerCountName("Workers", Names));
  EXPECT_FALSE(isWorkerCountName("count", Names));
  EXPECT_FALSE(isWorkerCountName("", Names));
  EXPECT_FALSE(isWorkerCountName("kWorkersMax", Names));
}

TEST(LoopBoundsTest, ConstantsAndConstexprAreBounds) {
  EXPECT_TRUE(LoopFixture("void f() { for (int i = 0; i < 8; ++i) spawn(i); }")
                  .bounded());
  EXPECT_TRUE(
      LoopFixture("void f() { for (int i = 0; i < kWorkers; i++) spawn(i); }")
          .bounded());
  EXPECT_TRUE(LoopFixture("void f() { for (int i = kWorkers * 2 - 1; i >= 0; "
                          "--i) spawn(i); }")
                  .bounded());
  EXPECT_TRUE(LoopFixture("template <int N> void g() { for (int i = 0; i < N; "
                          "++i) spawn(i); } void f() { g<3>(); "
                          "for (int i = 0; i != 2; i += 1) spawn(i); }")
                  .bounded());
}

TEST(LoopBoundsTest, HardwareConcurrencyAndNamesAreBounds) {
  EXPECT_TRUE(LoopFixture("void f() { for (unsigned i = 0; i < "
                          "std::thread::hardware_concurrency(); ++i) spawn(i); "
                          "}")
                  .bounded());
  EXPECT_TRUE(LoopFixture("void f() { unsigned n = "
                          "std::thread::hardware_concurrency(); for (unsigned "
                          "i = 0; i < n; ++i) spawn(i); }")
                  .bounded());
  EXPECT_TRUE(LoopFixture("void f(int num_threads) { for (int i = 0; i < "
                          "num_threads; ++i) spawn(i); }")
                  .bounded());
  EXPECT_TRUE(LoopFixture("struct P { int pool_size_; int poolSize() const; }; "
                          "void f(P &p) { for (int i = 0; i < p.pool_size_; "
                          "++i) spawn(i); }")
                  .bounded());
}

TEST(LoopBoundsTest, FixedArraysAreBounds) {
  EXPECT_TRUE(LoopFixture("void f() { int a[4] = {}; for (int x : a) spawn(x); "
                          "}")
                  .bounded());
  EXPECT_TRUE(LoopFixture("void f(std::array<int, 3> &a) { for (int x : a) "
                          "spawn(x); }")
                  .bounded());
  EXPECT_TRUE(
      LoopFixture("void f(std::array<int, 3> &a) { for (unsigned i = 0; "
                  "i < a.size(); ++i) spawn(a[i]); }")
          .bounded());
  EXPECT_TRUE(
      LoopFixture("void f() { for (int x : {1, 2, 3}) spawn(x); }").bounded());
  EXPECT_TRUE(LoopFixture("void f() { std::vector<int> v(kWorkers); for (int x "
                          ": v) spawn(x); }")
                  .bounded());
  // The counter indexes a fixed-size array: at most its size iterations.
  EXPECT_TRUE(LoopFixture("struct C { int w[8]; int n; };"
                          "void f(C *c) { for (int i = 0; i < c->n; ++i) "
                          "spawn(c->w[i]); }")
                  .bounded());
  EXPECT_FALSE(LoopFixture("struct C { int w[8]; int n; };"
                           "void f(C *c, int *p) { for (int i = 0; i < c->n; "
                           "++i) spawn(p[i]); }")
                   .bounded());
}

TEST(LoopBoundsTest, InputSizedAndInfiniteLoopsAreUnbounded) {
  EXPECT_FALSE(
      LoopFixture("void f() { while (true) spawn(next()); }").bounded());
  EXPECT_FALSE(LoopFixture("void f() { for (;;) spawn(next()); }").bounded());
  EXPECT_FALSE(
      LoopFixture("void f(const std::vector<int> &v) { for (int x : v) "
                  "spawn(x); }")
          .bounded());
  EXPECT_FALSE(
      LoopFixture("void f(int n) { for (int i = 0; i < n; ++i) spawn(i); }")
          .bounded());
  EXPECT_FALSE(LoopFixture("void f(const std::vector<int> &v) { for (unsigned "
                           "i = 0; i < v.size(); ++i) spawn(v[i]); }")
                   .bounded());
  // A comparison with a constant is no bound unless the loop counts.
  EXPECT_FALSE(
      LoopFixture("void f() { int fd; while ((fd = next()) >= 0) spawn(fd); }")
          .bounded());
  // Counting down from an input.
  EXPECT_FALSE(
      LoopFixture("void f(int n) { for (int i = n; i > 0; --i) spawn(i); }")
          .bounded());
  // Counting up past the bound never stops.
  EXPECT_FALSE(
      LoopFixture("void f() { for (int i = 0; i > -1; ++i) spawn(i); }")
          .bounded());
}

TEST(LoopBoundsTest, CountersInWhileLoops) {
  EXPECT_TRUE(LoopFixture("void f() { int i = 0; while (i < kWorkers) { "
                          "spawn(i); ++i; } }")
                  .bounded());
  EXPECT_TRUE(
      LoopFixture("void f() { int n = 5; while (n--) spawn(n); }").bounded());
  EXPECT_FALSE(
      LoopFixture("void f(int n) { while (n--) spawn(n); }").bounded());
  EXPECT_TRUE(LoopFixture("void f(int n) { for (int i = 0; i < n && i < 16; "
                          "++i) spawn(i); }")
                  .bounded());
  EXPECT_FALSE(LoopFixture("void f(int n) { for (int i = 0; i < n || i < 16; "
                           "++i) spawn(i); }")
                   .bounded());
}

TEST(LoopBoundsTest, InnermostUnboundedLoopSkipsBoundedOnes) {
  LoopFixture Nested("void f() { while (true) { for (int i = 0; i < 4; ++i) "
                     "spawn(i); } }");
  const Stmt *Outer = Nested.unbounded();
  ASSERT_NE(Outer, nullptr);
  EXPECT_TRUE(isa<WhileStmt>(Outer));

  LoopFixture Fixed("void f() { for (int i = 0; i < 4; ++i) spawn(i); }");
  EXPECT_EQ(Fixed.unbounded(), nullptr);

  // A for-init runs once.
  LoopFixture Init("void f() { for (spawn(0);;) next(); }");
  EXPECT_EQ(Init.unbounded(), nullptr);

  // A lambda body is a function of its own.
  LoopFixture Lambda(
      "void f() { while (true) { auto l = [] { spawn(1); }; (void)l; } }");
  EXPECT_EQ(Lambda.unbounded(), nullptr);
  ASSERT_NE(Lambda.Spawn, nullptr);
  const FunctionDecl *Fn =
      enclosingFunction(Lambda.Spawn, Lambda.AST->getASTContext());
  ASSERT_NE(Fn, nullptr);
  EXPECT_EQ(Fn->getOverloadedOperator(), OO_Call);
}

} // namespace
