//===--- CallableResolutionTest.cpp - Which body a thread runs ------------===//

#include "utils/CallableResolution.h"
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

/// Parses \p Code (with the mock <thread>) and resolves the callable of the
/// first std::thread construction in function f.
struct Resolved {
  std::unique_ptr<ASTUnit> AST;
  std::optional<ResolvedCallable> R;

  explicit Resolved(const std::string &Code) {
    AST = tooling::buildASTFromCodeWithArgs(
        "#include <thread>\n#include <functional>\n#include <pthread.h>\n" +
            Code,
        {"-std=c++20", "-nostdinc++", "-isystem", LEAKGUARD_MOCK_HEADERS,
         "-resource-dir", LEAKGUARD_CLANG_RESOURCE_DIR});
    ASTContext &Ctx = AST->getASTContext();
    auto Starts = match(
        functionDecl(
            hasName("f"),
            forEachDescendant(expr(anyOf(cxxConstructExpr(hasType(cxxRecordDecl(
                                             hasName("::std::thread")))),
                                         callExpr(callee(functionDecl(
                                             hasName("pthread_create"))))))
                                  .bind("start"))),
        Ctx);
    if (Starts.empty())
      return;
    llvm::SmallVector<const Expr *, 4> Rest;
    const Expr *Callable =
        spawnedCallable(Starts[0].getNodeAs<Expr>("start"), Rest);
    R = resolveCallable(Callable, Rest);
  }

  std::string name() const {
    return R && R->Function ? R->Function->getNameAsString() : "";
  }
};

TEST(CallableResolutionTest, Lambda) {
  Resolved T("void f() { std::thread t([] { for (;;) {} }); t.join(); }");
  ASSERT_TRUE(T.R);
  EXPECT_EQ(T.R->Kind, CallableKind::Lambda);
  EXPECT_EQ(T.name(), "operator()");
  EXPECT_TRUE(T.R->Body);
}

TEST(CallableResolutionTest, LambdaThroughLocalVariable) {
  Resolved T("void f() { auto Fn = [] {}; std::thread t(Fn); t.join(); }");
  ASSERT_TRUE(T.R);
  EXPECT_EQ(T.R->Kind, CallableKind::Lambda);
}

TEST(CallableResolutionTest, FreeFunctionByNameAndPointer) {
  Resolved A("void work() {}\nvoid f() { std::thread t(work); t.join(); }");
  ASSERT_TRUE(A.R);
  EXPECT_EQ(A.R->Kind, CallableKind::Function);
  EXPECT_EQ(A.name(), "work");
  Resolved B("void work() {}\nvoid f() { std::thread t(&work); t.join(); }");
  EXPECT_EQ(B.name(), "work");
}

TEST(CallableResolutionTest, MemberFunctionWithObject) {
  Resolved T("struct S { void run() {} };\n"
             "void f() { S s; std::thread t(&S::run, &s); t.join(); }");
  ASSERT_TRUE(T.R);
  EXPECT_EQ(T.R->Kind, CallableKind::MemberFunction);
  EXPECT_EQ(T.name(), "run");
  EXPECT_TRUE(T.R->Object);
}

TEST(CallableResolutionTest, FunctorCallOperator) {
  Resolved T("struct Job { void operator()() const {} };\n"
             "void f() { std::thread t(Job{}); t.join(); }");
  ASSERT_TRUE(T.R);
  EXPECT_EQ(T.R->Kind, CallableKind::Functor);
  EXPECT_EQ(T.name(), "operator()");
}

TEST(CallableResolutionTest, Bind) {
  Resolved T("void work(int) {}\n"
             "void f() { std::thread t(std::bind(work, 1)); t.join(); }");
  ASSERT_TRUE(T.R);
  EXPECT_EQ(T.R->Kind, CallableKind::Bind);
  EXPECT_EQ(T.name(), "work");
}

TEST(CallableResolutionTest, PthreadStartRoutine) {
  Resolved T("void *routine(void *) { return nullptr; }\n"
             "void f() { pthread_t t; pthread_create(&t, nullptr, routine, "
             "nullptr); }");
  EXPECT_EQ(T.name(), "routine");
}

TEST(CallableResolutionTest, DeclaredOnlyIsUnresolved) {
  Resolved T("void work();\nvoid f() { std::thread t(work); t.join(); }");
  EXPECT_FALSE(T.R);
}

TEST(CallableResolutionTest, StdFunctionParameterIsUnresolved) {
  Resolved T("void f(std::function<void()> Fn) { std::thread t(Fn); "
             "t.join(); }");
  EXPECT_FALSE(T.R);
}

} // namespace
