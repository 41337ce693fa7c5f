//===--- StableConditionsTest.cpp - Tests of utils/StableConditions -------===//

#include "utils/StableConditions.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <memory>
#include <string>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::leak::utils;

namespace {

const char *Prelude = R"cc(
  bool compute();
  void set(bool *);
  void take(bool &);
  void look(const bool &);
  struct S {
    bool flag;
    const bool fixed = true;
    mutable bool cached = false;
    bool constMethod() const;
    bool method();
  };
)cc";

struct Parsed {
  std::unique_ptr<ASTUnit> AST;
  const Stmt *Body = nullptr;
  /// The conditions of the function's if statements, in order.
  std::vector<const Expr *> Conds;
};

/// Parses \p Function (named f, after the prelude).
Parsed parse(const std::string &Function) {
  Parsed P;
  P.AST = tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + Function,
      {"-std=c++20", "-resource-dir", LEAKGUARD_CLANG_RESOURCE_DIR},
      "input.cpp");
  if (!P.AST)
    return P;
  ASTContext &Ctx = P.AST->getASTContext();
  auto Fs = match(functionDecl(hasName("f"), isDefinition()).bind("f"), Ctx);
  if (Fs.empty())
    return P;
  const auto *F = Fs[0].getNodeAs<FunctionDecl>("f");
  P.Body = F->getBody();
  for (const BoundNodes &N :
       match(findAll(ifStmt(hasCondition(expr().bind("c")))), *P.Body, Ctx))
    P.Conds.push_back(N.getNodeAs<Expr>("c"));
  return P;
}

/// Whether the first if's condition in \p Function is stable.
bool firstIsStable(const std::string &Function) {
  Parsed P = parse(Function);
  EXPECT_TRUE(P.Body && !P.Conds.empty()) << Function;
  if (!P.Body || P.Conds.empty())
    return false;
  StableConditions SC(P.Body, P.AST->getASTContext());
  return SC.isStable(P.Conds.front());
}

/// The first call of \p Name, or the first assignment when \p Name is
/// empty, in the body of \p P.
const Stmt *firstStmt(const Parsed &P, llvm::StringRef Name) {
  ASTContext &Ctx = P.AST->getASTContext();
  auto Found =
      Name.empty()
          ? match(findAll(binaryOperator(isAssignmentOperator()).bind("s")),
                  *P.Body, Ctx)
          : match(findAll(
                      callExpr(callee(functionDecl(hasName(Name)))).bind("s")),
                  *P.Body, Ctx);
  return Found.empty() ? nullptr : Found[0].getNodeAs<Stmt>("s");
}

TEST(StableConditionsTest, ParametersAndLocalsNeverWritten) {
  EXPECT_TRUE(firstIsStable("void f(bool a) { if (a) {} }"));
  EXPECT_TRUE(firstIsStable("void f(int n) { if (n > 3 && !(n == 7)) {} }"));
  EXPECT_TRUE(
      firstIsStable("void f() { bool a = compute(); if (a) {} look(a); }"));
  EXPECT_TRUE(firstIsStable("void f(const S &s) { if (s.fixed) {} }"));
}

TEST(StableConditionsTest, WrittenOrEscapingVariables) {
  EXPECT_FALSE(firstIsStable("void f(bool a) { if (a) {} a = compute(); }"));
  EXPECT_FALSE(firstIsStable("void f(int n) { if (n) {} ++n; }"));
  EXPECT_FALSE(firstIsStable("void f(bool a) { if (a) {} set(&a); }"));
  EXPECT_FALSE(firstIsStable("void f(bool a) { if (a) {} take(a); }"));
  EXPECT_FALSE(
      firstIsStable("void f(bool a) { if (a) {} auto l = [&a] {}; l(); }"));
  EXPECT_FALSE(firstIsStable("void f(bool a) { if (a) {} bool &r = a; }"));
  EXPECT_FALSE(firstIsStable("void f(bool &a) { if (a) {} }"));
}

TEST(StableConditionsTest, CallsAndGlobalsAreNeverStable) {
  EXPECT_FALSE(firstIsStable("void f() { if (compute()) {} }"));
  EXPECT_FALSE(firstIsStable("bool g; void f() { if (g) {} }"));
  EXPECT_TRUE(firstIsStable("const bool g = true; void f() { if (g) {} }"));
  EXPECT_FALSE(firstIsStable("void f(S *s) { if (s->flag) {} }"));
}

TEST(StableConditionsTest, MembersOfThis) {
  // In a const member function *this does not change, but mutable members.
  EXPECT_TRUE(firstIsStable(
      "struct T { bool a; void f() const; }; void T::f() const { if (a) {} }"));
  EXPECT_FALSE(firstIsStable("struct T { mutable bool a; void f() const; };"
                             "void T::f() const { if (a) {} }"));
  EXPECT_FALSE(firstIsStable(
      "struct T { bool a; void f(); }; void T::f() { if (a) {} }"));
  EXPECT_TRUE(firstIsStable("struct T { const bool a = true; void f(); };"
                            "void T::f() { if (a) {} }"));
}

TEST(StableConditionsTest, WatchedValuesAreForgottenWhereThePathMayChangeThem) {
  Parsed P = parse("static bool opt; void local() {} void ext(S *);"
                   "void f(S *s) { if (opt) {} if (s->flag) {}"
                   "  local(); ext(s); compute(); s->flag = true; }");
  ASSERT_EQ(P.Conds.size(), 2u);
  StableConditions SC(P.Body, P.AST->getASTContext());
  bool Negated = false;
  int Opt = SC.idOf(P.Conds[0], Negated);
  int Flag = SC.idOf(P.Conds[1], Negated);
  ASSERT_GE(Opt, 0);
  ASSERT_GE(Flag, 0);
  EXPECT_NE(Opt, Flag);
  EXPECT_FALSE(SC.isStable(P.Conds[0]));
  uint32_t OptBit = 1u << Opt, FlagBit = 1u << Flag;
  // A function of this file may write the static and the field; one defined
  // elsewhere cannot name the static, and reaches the field only when given
  // the object; the assignment writes the field.
  EXPECT_EQ(SC.clobbered(firstStmt(P, "local")), OptBit | FlagBit);
  EXPECT_EQ(SC.clobbered(firstStmt(P, "ext")), FlagBit);
  EXPECT_EQ(SC.clobbered(firstStmt(P, "compute")), 0u);
  EXPECT_EQ(SC.clobbered(firstStmt(P, "")), FlagBit);
}

TEST(StableConditionsTest, ARepointedPointerIsNotWatched) {
  EXPECT_FALSE(firstIsStable("void f(S *s, S *t) { if (s->flag) {} s = t; }"));
  Parsed P = parse("void f(S *s, S *t) { if (s->flag) {} s = t; }");
  ASSERT_EQ(P.Conds.size(), 1u);
  StableConditions SC(P.Body, P.AST->getASTContext());
  bool Negated = false;
  EXPECT_LT(SC.idOf(P.Conds[0], Negated), 0);
}

TEST(StableConditionsTest, EqualConditionsShareANumberAndNegationsAreStripped) {
  Parsed P = parse("void f(bool a, bool b) {"
                   "  if (!a) {} if (a) {} if ((!(!a))) {} if (b) {} }");
  ASSERT_EQ(P.Conds.size(), 4u);
  StableConditions SC(P.Body, P.AST->getASTContext());
  bool N0 = false, N1 = false, N2 = false, N3 = false;
  int Id0 = SC.idOf(P.Conds[0], N0), Id1 = SC.idOf(P.Conds[1], N1),
      Id2 = SC.idOf(P.Conds[2], N2), Id3 = SC.idOf(P.Conds[3], N3);
  EXPECT_GE(Id0, 0);
  EXPECT_EQ(Id0, Id1);
  EXPECT_EQ(Id0, Id2);
  EXPECT_NE(Id0, Id3);
  EXPECT_TRUE(N0);
  EXPECT_FALSE(N1);
  EXPECT_FALSE(N2);
}

TEST(StableConditionsTest, SpellingsOfOneConditionShareANumber) {
  Parsed P =
      parse("void f(int *p, int a, int b) {"
            "  if (!p) {} if (p == nullptr) {} if (p != 0) {}"
            "  if (a == b) {} if (a != b) {} if (a < b) {} if (a >= b) {}"
            "}");
  ASSERT_EQ(P.Conds.size(), 7u);
  StableConditions SC(P.Body, P.AST->getASTContext());
  std::vector<int> Ids;
  std::vector<bool> Negated;
  for (const Expr *Cond : P.Conds) {
    bool N = false;
    Ids.push_back(SC.idOf(Cond, N));
    Negated.push_back(N);
  }
  // `!p`, `p == nullptr` and `p != 0` test one thing.
  EXPECT_EQ(Ids[0], Ids[1]);
  EXPECT_EQ(Ids[0], Ids[2]);
  EXPECT_TRUE(Negated[0]);
  EXPECT_TRUE(Negated[1]);
  EXPECT_FALSE(Negated[2]);
  // `a != b` is `!(a == b)`, `a >= b` is `!(a < b)`.
  EXPECT_EQ(Ids[3], Ids[4]);
  EXPECT_NE(Negated[3], Negated[4]);
  EXPECT_EQ(Ids[5], Ids[6]);
  EXPECT_NE(Negated[5], Negated[6]);
  EXPECT_NE(Ids[3], Ids[5]);
}

TEST(StableConditionsTest, FactsFromTheIfStatementsAround) {
  Parsed P = parse("int g(int); void f(bool a, bool b) {"
                   "  if (a && !b) { g(1); } else { g(2); }"
                   "  if (a) {} if (b) {} }");
  ASSERT_TRUE(P.Body);
  ASTContext &Ctx = P.AST->getASTContext();
  StableConditions SC(P.Body, Ctx);
  auto CallWith = [&](int Arg) {
    return match(findAll(callExpr(hasArgument(0, integerLiteral(equals(Arg))))
                             .bind("c")),
                 *P.Body, Ctx)
        .front()
        .getNodeAs<Stmt>("c");
  };
  bool Negated = false;
  int A = SC.idOf(P.Conds[1], Negated), B = SC.idOf(P.Conds[2], Negated);
  auto Then = SC.factsAt(CallWith(1));
  // a && !b holds: a is true, b is false (and the whole condition is true).
  EXPECT_NE(llvm::find(Then, std::make_pair(A, true)), Then.end());
  EXPECT_NE(llvm::find(Then, std::make_pair(B, false)), Then.end());
  // In the else branch nothing is known of a or b alone.
  auto Else = SC.factsAt(CallWith(2));
  EXPECT_EQ(
      llvm::find_if(
          Else, [&](auto Fact) { return Fact.first == A || Fact.first == B; }),
      Else.end());
}

TEST(StableConditionsTest, LocalValuesFollowAssignedConstants) {
  Parsed P = parse("void f() { int started = 0; bool ok = compute();"
                   "  started = 1; if (started) {} if (!started) {}"
                   "  if (started == 2) {} if (ok) {}"
                   "  started = compute(); if (started) {} }");
  ASSERT_TRUE(P.Body);
  ASTContext &Ctx = P.AST->getASTContext();
  StableConditions SC(P.Body, Ctx);
  LocalValues Values;
  std::vector<std::optional<bool>> Results;
  // Statements of the body in order; each if's condition is evaluated
  // before the next statement updates the values.
  for (const Stmt *S : cast<CompoundStmt>(P.Body)->body()) {
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      Results.push_back(Values.evaluate(If->getCond(), SC, Ctx));
      continue;
    }
    Values.update(S, SC, Ctx);
  }
  ASSERT_EQ(Results.size(), 5u);
  EXPECT_EQ(Results[0], std::optional<bool>(true));
  EXPECT_EQ(Results[1], std::optional<bool>(false));
  EXPECT_EQ(Results[2], std::optional<bool>(false));
  EXPECT_EQ(Results[3], std::nullopt); // ok is not a constant.
  EXPECT_EQ(Results[4], std::nullopt); // Reassigned from a call.
}

TEST(StableConditionsTest, LocalValuesKnowValuesExcludedByABranch) {
  Parsed P = parse("void f() { int id = compute();"
                   "  if (id == -1) {} if (id != -1) {} if (id == 3) {}"
                   "  if (id) {} id = compute(); if (id != -1) {} }");
  ASSERT_TRUE(P.Body);
  ASTContext &Ctx = P.AST->getASTContext();
  StableConditions SC(P.Body, Ctx);
  LocalValues Values;
  std::vector<std::optional<bool>> Results;
  bool First = true;
  for (const Stmt *S : cast<CompoundStmt>(P.Body)->body()) {
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      Results.push_back(Values.evaluate(If->getCond(), SC, Ctx));
      // The path takes the first test's false branch: id is not -1.
      if (First)
        Values.assume(If->getCond(), false, SC, Ctx);
      First = false;
      continue;
    }
    Values.update(S, SC, Ctx);
  }
  ASSERT_EQ(Results.size(), 5u);
  EXPECT_EQ(Results[0], std::nullopt);
  EXPECT_EQ(Results[1], std::optional<bool>(true));
  EXPECT_EQ(Results[2], std::nullopt); // Not -1 says nothing of 3.
  EXPECT_EQ(Results[3], std::nullopt);
  EXPECT_EQ(Results[4], std::nullopt); // Reassigned.
}

/// What the if conditions after the function's (first) for loop evaluate
/// to on the path that left the loop through its condition.
std::vector<std::optional<bool>> afterLoopExit(const std::string &Function) {
  Parsed P = parse(Function);
  std::vector<std::optional<bool>> Results;
  if (!P.Body)
    return Results;
  ASTContext &Ctx = P.AST->getASTContext();
  StableConditions SC(P.Body, Ctx);
  LocalValues Values;
  for (const Stmt *S : cast<CompoundStmt>(P.Body)->body()) {
    if (const auto *For = dyn_cast<ForStmt>(S))
      Values.assumeLoopExit(For, SC, Ctx);
    else if (const auto *If = dyn_cast<IfStmt>(S))
      Results.push_back(Values.evaluate(If->getCond(), SC, Ctx));
    else
      Values.update(S, SC, Ctx);
  }
  return Results;
}

TEST(StableConditionsTest, ACountedLoopEndsAtItsBound) {
  using R = std::vector<std::optional<bool>>;
  EXPECT_EQ(afterLoopExit("void f(int n) { int i;"
                          "  for (i = 0; i < n; i++) {}"
                          "  if (i == n) {} if (i < n) {} if (i != n) {} }"),
            (R{true, false, false}));
  // The bound moved by the loop, a step of two, a start below zero, the
  // counter written after the loop: unknown.
  EXPECT_EQ(afterLoopExit("void f(int n) { int i;"
                          "  for (i = 0; i < n; i++) { n--; }"
                          "  if (i == n) {} }"),
            (R{std::nullopt}));
  EXPECT_EQ(afterLoopExit("void f(int n) { int i;"
                          "  for (i = 0; i < n; i += 2) {}"
                          "  if (i == n) {} }"),
            (R{std::nullopt}));
  EXPECT_EQ(afterLoopExit("void f(int n) { int i;"
                          "  for (i = -1; i < n; i++) {}"
                          "  if (i == n) {} }"),
            (R{std::nullopt}));
  EXPECT_EQ(afterLoopExit("void f(int n) { int i;"
                          "  for (i = 0; i < n; i++) {}"
                          "  i = 3; if (i == n) {} }"),
            (R{std::nullopt}));
  // The bound handed by reference to a call inside the loop may move.
  EXPECT_EQ(afterLoopExit("void shrink(int &); void f(int n) { int i;"
                          "  for (i = 0; i < n; i++) { shrink(n); }"
                          "  if (i == n) {} }"),
            (R{std::nullopt}));
  // A field bound (`s->count`) holds; writing another field does not move
  // it.
  EXPECT_EQ(afterLoopExit("struct T { int count; int seen; };"
                          "void f(T *t) { int i;"
                          "  for (i = 0; i < t->count; i++) { t->seen = i; }"
                          "  if (i == t->count) {} }"),
            (R{true}));
}

TEST(StableConditionsTest, EscapedLocalsAreNotTracked) {
  Parsed P = parse("void f() { int a = 0; int b = 0; set((bool *)&a);"
                   "  if (a) {} if (b) {} }");
  ASSERT_TRUE(P.Body);
  StableConditions SC(P.Body, P.AST->getASTContext());
  auto VarNamed = [&](StringRef Name) {
    return match(varDecl(hasName(Name)).bind("v"), P.AST->getASTContext())
        .front()
        .getNodeAs<VarDecl>("v");
  };
  EXPECT_FALSE(SC.isTrackable(VarNamed("a")));
  EXPECT_TRUE(SC.isTrackable(VarNamed("b")));
}

} // namespace

namespace {

/// Whether local \p Name of f in \p Function is a non-negative counter.
bool nonNegativeCounter(const std::string &Function, llvm::StringRef Name) {
  Parsed P = parse(Function);
  if (!P.Body)
    return false;
  ASTContext &Ctx = P.AST->getASTContext();
  auto Vs = match(varDecl(hasName(Name)).bind("v"), Ctx);
  if (Vs.empty())
    return false;
  StableConditions SC(P.Body, Ctx);
  return SC.isNonNegativeCounter(Vs[0].getNodeAs<VarDecl>("v"));
}

TEST(StableConditionsTest, NonNegativeCounters) {
  EXPECT_TRUE(nonNegativeCounter(
      "void f(int n) { unsigned len = 0; while (n--) len++; }", "len"));
  EXPECT_TRUE(nonNegativeCounter(
      "void f(int n) { int c = 1; c += 2; c = 0; c++; }", "c"));
  EXPECT_FALSE(
      nonNegativeCounter("void f(int n) { int c = 0; c++; c--; }", "c"));
  EXPECT_FALSE(nonNegativeCounter("void f(int n) { int c = 0; c = n; }", "c"));
  EXPECT_FALSE(nonNegativeCounter("void f(int n) { int c = -1; c++; }", "c"));
  EXPECT_FALSE(nonNegativeCounter("void f(int n) { int c; c++; }", "c"));
  EXPECT_FALSE(nonNegativeCounter("void f(int n) { int c = 0; c -= 1; }", "c"));
}

} // namespace
