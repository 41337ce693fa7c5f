//===--- OwnershipPathsTest.cpp - Tests for the shared path query --------===//

#include "utils/OwnershipPaths.h"
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
int acquire();
void release(int);
void use(int);
void mayThrowCall();
void noThrowCall() noexcept;
extern "C" void cCall();
bool cond();
[[noreturn]] void die();
)cpp";

/// Parses \p Code, finds function f, its acquire() call and answers the
/// query with release(...) ending ownership.
struct PathFixture {
  std::unique_ptr<ASTUnit> AST;
  const FunctionDecl *F = nullptr;
  const CallExpr *Acquire = nullptr;

  explicit PathFixture(const std::string &Code) {
    AST = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + Code,
                                            {"-std=c++17", "-fexceptions"});
    ASTContext &Ctx = AST->getASTContext();
    auto Fs = match(functionDecl(hasName("f"), isDefinition()).bind("f"), Ctx);
    if (!Fs.empty())
      F = Fs[0].getNodeAs<FunctionDecl>("f");
    auto Calls = match(
        callExpr(callee(functionDecl(hasName("acquire")))).bind("c"), Ctx);
    if (!Calls.empty())
      Acquire = Calls[0].getNodeAs<CallExpr>("c");
  }

  std::optional<LeakingPath> query(const Stmt *Loop = nullptr,
                                   bool Exceptions = true,
                                   bool UnknownCalleesThrow = true) {
    auto Paths = FunctionPaths::build(F->getBody(), AST->getASTContext(),
                                      UnknownCalleesThrow);
    if (!Paths)
      return std::nullopt;
    // Named: the query holds function_refs, which must not outlive them.
    auto Classify = [](const CFGElement &E) {
      const auto *Call = dyn_cast_or_null<CallExpr>(elementStmt(E));
      if (Call && Call->getDirectCallee() &&
          Call->getDirectCallee()->getName() == "release")
        return OwnershipEvent::Ends;
      return OwnershipEvent::None;
    };
    auto Failed = [](const Expr *Cond, bool TakenTrue) {
      // `fd < 0` taken true means the acquisition failed.
      const auto *BO = dyn_cast<BinaryOperator>(Cond->IgnoreParenImpCasts());
      return BO && BO->getOpcode() == BO_LT && TakenTrue;
    };
    OwnershipQuery Q;
    Q.Classify = Classify;
    Q.AcquisitionFailed = Failed;
    Q.IterationOf = Loop;
    Q.ExceptionExits = Exceptions;
    return Paths->findLeak(Acquire, Q);
  }

  unsigned line(SourceLocation Loc) const {
    return AST->getSourceManager().getPresumedLineNumber(Loc);
  }
};

constexpr unsigned PreludeLines = 9;

TEST(OwnershipPathsTest, ReleasedOnEveryPath) {
  PathFixture T("void f() { int fd = acquire(); use(fd); release(fd); }");
  ASSERT_TRUE(T.F && T.Acquire);
  EXPECT_FALSE(T.query(nullptr, false));
}

TEST(OwnershipPathsTest, EarlyReturnLeaks) {
  PathFixture T("void f() {\n"
                "  int fd = acquire();\n"
                "  if (cond())\n"
                "    return;\n"
                "  release(fd);\n"
                "}\n");
  auto Leak = T.query();
  ASSERT_TRUE(Leak);
  EXPECT_EQ(Leak->Kind, LeakKind::Return);
  EXPECT_EQ(T.line(Leak->Loc), PreludeLines + 4);
}

TEST(OwnershipPathsTest, FailedAcquisitionBranchHoldsNothing) {
  PathFixture T("int f() {\n"
                "  int fd = acquire();\n"
                "  if (fd < 0)\n"
                "    return -1;\n"
                "  release(fd);\n"
                "  return 0;\n"
                "}\n");
  EXPECT_FALSE(T.query());
}

TEST(OwnershipPathsTest, FallingOffTheEndLeaks) {
  PathFixture T("void f() { int fd = acquire(); use(fd); }");
  auto Leak = T.query(nullptr, false);
  ASSERT_TRUE(Leak);
  EXPECT_EQ(Leak->Kind, LeakKind::FallOffEnd);
}

TEST(OwnershipPathsTest, GotoCleanupIsASingleExit) {
  PathFixture T("int f() {\n"
                "  int rc = 0;\n"
                "  int fd = acquire();\n"
                "  if (cond()) { rc = 1; goto out; }\n"
                "  use(fd);\n"
                "out:\n"
                "  release(fd);\n"
                "  return rc;\n"
                "}\n");
  EXPECT_FALSE(T.query(nullptr, false));
}

TEST(OwnershipPathsTest, ThrowingCallIsAnExit) {
  PathFixture T("void f() { int fd = acquire(); mayThrowCall(); "
                "release(fd); }");
  auto Leak = T.query();
  ASSERT_TRUE(Leak);
  EXPECT_EQ(Leak->Kind, LeakKind::ExceptionFromCall);
}

TEST(OwnershipPathsTest, NoexceptAndCCallsDoNotThrow) {
  PathFixture T("void f() { int fd = acquire(); noThrowCall(); cCall(); "
                "release(fd); }");
  EXPECT_FALSE(T.query());
}

TEST(OwnershipPathsTest, ThrowingCallInsideTryIsHandled) {
  PathFixture T("void f() { int fd = acquire(); try { mayThrowCall(); } "
                "catch (...) {} release(fd); }");
  EXPECT_FALSE(T.query());
}

TEST(OwnershipPathsTest, ContinueSkipsReleaseInIteration) {
  PathFixture T("void f() {\n"
                "  for (int i = 0; i < 10; ++i) {\n"
                "    int fd = acquire();\n"
                "    if (cond())\n"
                "      continue;\n"
                "    release(fd);\n"
                "  }\n"
                "}\n");
  ASSERT_TRUE(T.F);
  auto Loops = match(forStmt().bind("l"), T.AST->getASTContext());
  ASSERT_EQ(Loops.size(), 1u);
  auto Leak = T.query(Loops[0].getNodeAs<Stmt>("l"), false);
  ASSERT_TRUE(Leak);
  EXPECT_EQ(Leak->Kind, LeakKind::NextIteration);
  EXPECT_EQ(T.line(Leak->Loc), PreludeLines + 5);
}

TEST(OwnershipPathsTest, ReleasedInSameIteration) {
  PathFixture T("void f() {\n"
                "  while (cond()) {\n"
                "    int fd = acquire();\n"
                "    use(fd);\n"
                "    release(fd);\n"
                "  }\n"
                "}\n");
  auto Loops = match(whileStmt().bind("l"), T.AST->getASTContext());
  ASSERT_EQ(Loops.size(), 1u);
  EXPECT_FALSE(T.query(Loops[0].getNodeAs<Stmt>("l"), false));
}

TEST(OwnershipPathsTest, InfiniteLoopNeverReachesExit) {
  PathFixture T("void f() { int fd = acquire(); for (;;) use(fd); }");
  EXPECT_FALSE(T.query(nullptr, false));
}

TEST(OwnershipPathsTest, NoReturnCallEndsThePath) {
  PathFixture T("void f() {\n"
                "  int fd = acquire();\n"
                "  if (cond())\n"
                "    die();\n"
                "  release(fd);\n"
                "}\n");
  EXPECT_FALSE(T.query(nullptr, false));
}

TEST(OwnershipPathsTest, DestructorOnBreakNamesTheBreak) {
  // An object whose destructor is the leak (ExitLeaks = false): the path
  // that destroys it by leaving its scope with `break` points at the break.
  auto AST = tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + "struct Obj { Obj(int); ~Obj(); };\n"
                             "void f() {\n"
                             "  for (;;) {\n"
                             "    Obj o(acquire());\n"
                             "    if (cond())\n"
                             "      break;\n"
                             "    release(0);\n"
                             "  }\n"
                             "}\n",
      {"-std=c++17"});
  ASTContext &Ctx = AST->getASTContext();
  auto Fs = match(functionDecl(hasName("f"), isDefinition()).bind("f"), Ctx);
  auto Decls = match(declStmt(has(varDecl(hasName("o")))).bind("d"), Ctx);
  ASSERT_EQ(Fs.size(), 1u);
  ASSERT_EQ(Decls.size(), 1u);
  const auto *Decl = Decls[0].getNodeAs<DeclStmt>("d");
  const auto *Var = cast<VarDecl>(Decl->getSingleDecl());
  auto Paths =
      FunctionPaths::build(Fs[0].getNodeAs<FunctionDecl>("f")->getBody(), Ctx);
  ASSERT_TRUE(Paths);
  auto Classify = [Var](const CFGElement &E) {
    if (auto Dtor = E.getAs<CFGAutomaticObjDtor>())
      if (Dtor->getVarDecl() == Var)
        return OwnershipEvent::Leaks;
    const auto *Call = dyn_cast_or_null<CallExpr>(elementStmt(E));
    if (Call && Call->getDirectCallee() &&
        Call->getDirectCallee()->getName() == "release")
      return OwnershipEvent::Ends;
    return OwnershipEvent::None;
  };
  OwnershipQuery Q;
  Q.Classify = Classify;
  Q.ExitLeaks = false;
  Q.ExceptionExits = false;
  auto Leak = Paths->findLeak(Decl, Q);
  ASSERT_TRUE(Leak);
  EXPECT_EQ(Leak->Kind, LeakKind::Lost);
  EXPECT_TRUE(isa_and_nonnull<BreakStmt>(Leak->Jump));
  EXPECT_EQ(AST->getSourceManager().getPresumedLineNumber(Leak->Loc),
            PreludeLines + 6);
}

TEST(OwnershipPathsTest, BreakOutOfTheLoopEndsTheIteration) {
  PathFixture T("void f() {\n"
                "  for (int i = 0; i < 10; ++i) {\n"
                "    int fd = acquire();\n"
                "    switch (i) { case 1: break; default: break; }\n"
                "    if (cond())\n"
                "      break;\n"
                "    release(fd);\n"
                "  }\n"
                "  use(0);\n"
                "}\n");
  auto Loops = match(forStmt().bind("l"), T.AST->getASTContext());
  ASSERT_EQ(Loops.size(), 1u);
  auto Leak = T.query(Loops[0].getNodeAs<Stmt>("l"), false);
  ASSERT_TRUE(Leak);
  EXPECT_EQ(Leak->Kind, LeakKind::NextIteration);
  EXPECT_TRUE(isa_and_nonnull<BreakStmt>(Leak->Jump));
  EXPECT_EQ(T.line(Leak->Loc), PreludeLines + 6);
}

} // namespace

namespace {

TEST(OwnershipPathsTest, DefinedHelperThatCannotThrowIsNoExit) {
  PathFixture T("static int twice(int X) { return X * 2; }\n"
                "bool check(int X) { return twice(X) > 4; }\n"
                "void f() { int fd = acquire(); check(fd); release(fd); }");
  EXPECT_FALSE(T.query());
}

TEST(OwnershipPathsTest, DefinedHelperThatThrowsIsAnExit) {
  PathFixture T("void fail() { throw 1; }\n"
                "void f() { int fd = acquire(); fail(); release(fd); }");
  auto Leak = T.query();
  ASSERT_TRUE(Leak);
  EXPECT_EQ(Leak->Kind, LeakKind::ExceptionFromCall);
}

TEST(OwnershipPathsTest, DefinedHelperCallingUnknownCodeMayThrow) {
  PathFixture T("void step() { mayThrowCall(); }\n"
                "void f() { int fd = acquire(); step(); release(fd); }");
  auto Leak = T.query();
  ASSERT_TRUE(Leak);
  EXPECT_EQ(Leak->Kind, LeakKind::ExceptionFromCall);
}

TEST(OwnershipPathsTest, VirtualCallMayThrowWhateverItsBody) {
  PathFixture T(
      "struct Base { virtual void run() {} };\n"
      "void f(Base &B) { int fd = acquire(); B.run(); release(fd); }");
  auto Leak = T.query();
  ASSERT_TRUE(Leak);
  EXPECT_EQ(Leak->Kind, LeakKind::ExceptionFromCall);
}

TEST(OwnershipPathsTest, UnknownCalleesNeedAFileThatUsesExceptions) {
  PathFixture T("void f() { int fd = acquire(); mayThrowCall(); "
                "release(fd); }");
  EXPECT_FALSE(mainFileUsesExceptions(T.AST->getASTContext()));
  EXPECT_FALSE(T.query(nullptr, true, /*UnknownCalleesThrow=*/false));
  // A helper in the file that throws is still a way out.
  PathFixture U("void step(int n) { if (n) throw n; }\n"
                "void f() { int fd = acquire(); step(fd); release(fd); }");
  EXPECT_TRUE(mainFileUsesExceptions(U.AST->getASTContext()));
  auto Leak = U.query(nullptr, true, /*UnknownCalleesThrow=*/false);
  ASSERT_TRUE(Leak);
  EXPECT_EQ(Leak->Kind, LeakKind::ExceptionFromCall);
}

TEST(OwnershipPathsTest, MainFileUsesExceptionsLooksIntoNamespacesAndClasses) {
  PathFixture T("namespace n { struct S { void m() { try { cond(); } "
                "catch (...) {} } }; }\nvoid f() {}");
  EXPECT_TRUE(mainFileUsesExceptions(T.AST->getASTContext()));
  PathFixture U("template <typename T> void t() { throw T(); }\nvoid f() {}");
  EXPECT_TRUE(mainFileUsesExceptions(U.AST->getASTContext()));
}

} // namespace
