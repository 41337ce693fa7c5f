//===--- PathFeasibilityTest.cpp - Tests for the solver's path check ------===//

#include "utils/PathFeasibility.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <functional>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::leak::utils;

namespace {

const char *Prelude = R"c(
void mark(void);
int input(void);
void touch(int *);
struct Counter { int n; };
)c";

/// The first path (depth first) through f's CFG from its entry to the block
/// calling mark(), as PathSteps; and the verdict of checkPath on it.
struct PathCheck {
  std::unique_ptr<ASTUnit> AST;
  std::unique_ptr<CFG> Graph;
  const FunctionDecl *F = nullptr;

  explicit PathCheck(const std::string &Code) {
    AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code,
                                            {"-xc", "-std=c11"}, "t.c");
    ASTContext &Ctx = AST->getASTContext();
    auto Fs = match(functionDecl(hasName("f"), isDefinition()).bind("f"), Ctx);
    if (Fs.empty())
      return;
    F = Fs[0].getNodeAs<FunctionDecl>("f");
    Graph = CFG::buildCFG(F, F->getBody(), &Ctx, CFG::BuildOptions());
  }

  static bool marks(const CFGBlock &B) {
    for (const CFGElement &E : B)
      if (auto S = E.getAs<CFGStmt>())
        if (const auto *Call = dyn_cast<CallExpr>(S->getStmt()))
          if (const FunctionDecl *Callee = Call->getDirectCallee();
              Callee && Callee->getName() == "mark")
            return true;
    return false;
  }

  std::optional<Feasibility> check(unsigned Limit = 400000) {
    if (!Graph)
      return std::nullopt;
    std::vector<PathStep> Steps;
    llvm::DenseSet<const CFGBlock *> Seen;
    std::function<bool(const CFGBlock *)> Walk = [&](const CFGBlock *B) {
      if (!B || !Seen.insert(B).second)
        return false;
      Steps.push_back({B, 0, ~0u, nullptr, false});
      if (marks(*B))
        return true;
      const Expr *Cond = B->getLastCondition();
      unsigned I = 0;
      for (const CFGBlock::AdjacentBlock &Succ : B->succs()) {
        bool TakenTrue = I++ == 0;
        Steps.back().Cond = B->succ_size() == 2 ? Cond : nullptr;
        Steps.back().TakenTrue = TakenTrue;
        if (Walk(Succ.getReachableBlock()))
          return true;
      }
      Steps.pop_back();
      return false;
    };
    if (!Walk(&Graph->getEntry()))
      return std::nullopt;
    return checkPath(Steps, F->getBody(), AST->getASTContext(), Limit);
  }
};

TEST(PathFeasibilityTest, ContradictoryBoundsCannotRun) {
  if (!haveSolver())
    GTEST_SKIP() << "built without a solver";
  PathCheck P("void f(int n) { if (n > 10) { if (n < 5) mark(); } }");
  EXPECT_EQ(P.check(), Feasibility::Infeasible);
  PathCheck Q("void f(int n) { if (n > 10) { if (n < 15) mark(); } }");
  EXPECT_EQ(Q.check(), Feasibility::Feasible);
}

TEST(PathFeasibilityTest, AssignmentsAreFollowed) {
  if (!haveSolver())
    GTEST_SKIP() << "built without a solver";
  PathCheck P("void f(int n) { int m = n + 1; m += 2; if (m == n) mark(); }");
  EXPECT_EQ(P.check(), Feasibility::Infeasible);
  PathCheck Unsigned("void f(unsigned n) { unsigned m = n - 1; if (n == 0 && m "
                     "== 0) mark(); }");
  EXPECT_EQ(Unsigned.check(), Feasibility::Infeasible);
  PathCheck Wraps("void f(unsigned n) { unsigned m = n * 2; "
                  "if (n > 3 && m < 4) mark(); }");
  EXPECT_EQ(Wraps.check(), Feasibility::Feasible); // Unsigned wraps.
}

TEST(PathFeasibilityTest, FloatingPointConditionsAreUnknown) {
  if (!haveSolver())
    GTEST_SKIP() << "built without a solver";
  // Not modelled, so never refuted (it used to recurse without end between
  // the condition and its value).
  PathCheck P("void f(double r) { int k = r < 1.0; if (r < 1.0) { if (k) "
              "mark(); } }");
  EXPECT_EQ(P.check(), Feasibility::Feasible);
  PathCheck Q("void f(double r, int n) { if (r < 1.0 && n > 3) { if (n < 2) "
              "mark(); } }");
  EXPECT_EQ(Q.check(), Feasibility::Infeasible);
}

TEST(PathFeasibilityTest, CallsForgetWhatTheyMayChange) {
  if (!haveSolver())
    GTEST_SKIP() << "built without a solver";
  // A local whose address a call was given may hold anything after it.
  PathCheck Escaped(
      "void f(void) { int n = 1; touch(&n); if (n == 2) mark(); }");
  EXPECT_EQ(Escaped.check(), Feasibility::Feasible);
  // One no call can reach keeps its value.
  PathCheck Local("void f(void) { int n = 1; input(); if (n == 2) mark(); }");
  EXPECT_EQ(Local.check(), Feasibility::Infeasible);
  // A call's result is unknown.
  PathCheck Result("void f(void) { int n = input(); if (n == 2) mark(); }");
  EXPECT_EQ(Result.check(), Feasibility::Feasible);
}

TEST(PathFeasibilityTest, ResourceLimitKeepsTheReport) {
  if (!haveSolver())
    GTEST_SKIP() << "built without a solver";
  // A prime has no factors (signed products do not overflow): proved with
  // the default resources, given up on with almost none — and then the
  // path counts as able to run.
  PathCheck P("void f(int x, int y) {"
              "  if (x > 1 && y > 1 && x * y == 1009 && x < 1009 && y < 1009) "
              "mark(); }");
  EXPECT_EQ(P.check(), Feasibility::Infeasible);
  EXPECT_EQ(P.check(/*Limit=*/1), Feasibility::Unknown);
}

} // namespace
