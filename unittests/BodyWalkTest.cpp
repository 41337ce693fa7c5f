//===--- BodyWalkTest.cpp - Tests of utils/BodyWalk -----------------------===//

#include "utils/BodyWalk.h"
#include "utils/Matchers.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
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

std::unique_ptr<ASTUnit> parse(const std::string &Code) {
  std::vector<std::string> Args = {"-std=c++20", "-resource-dir",
                                   LEAKGUARD_CLANG_RESOURCE_DIR};
  return tooling::buildASTFromCodeWithArgs(Code, Args, "input.cpp");
}

/// Every definition of the function named \p Name (a template and its
/// instantiations each count).
std::vector<const FunctionDecl *> functions(ASTUnit &AST, StringRef Name) {
  std::vector<const FunctionDecl *> Out;
  for (const BoundNodes &N :
       match(functionDecl(hasName(Name), isDefinition()).bind("f"),
             AST.getASTContext()))
    Out.push_back(N.getNodeAs<FunctionDecl>("f"));
  return Out;
}

const Stmt *bodyOf(ASTUnit &AST, StringRef Name) {
  std::vector<const FunctionDecl *> Fs = functions(AST, Name);
  return Fs.empty() ? nullptr : Fs.front()->getBody();
}

TEST(BodyWalkTest, VisitsParentsBeforeChildrenWithTheirAncestors) {
  auto AST = parse("int g(int); void f() { int x = g(1); if (x) x = 2; }");
  ASSERT_TRUE(AST);
  const Stmt *Body = bodyOf(*AST, "f");
  ASSERT_TRUE(Body);
  bool SawCall = false;
  walkBody(Body, [&](const Stmt *S, StmtAncestors Up) {
    if (S == Body) {
      EXPECT_TRUE(Up.empty());
      return;
    }
    ASSERT_FALSE(Up.empty());
    EXPECT_EQ(Up.front(), Body);
    if (isa<CallExpr>(S)) {
      SawCall = true;
      // The call initializes x: its DeclStmt is an ancestor, reached
      // through the implicit cast only if there is one.
      const Stmt *Child = nullptr;
      const Stmt *Parent = parentIgnoringWrappers(S, Up, Child);
      ASSERT_TRUE(Parent);
      const auto *DS = dyn_cast<DeclStmt>(Parent);
      ASSERT_TRUE(DS);
      const VarDecl *X = varInitializedBy(DS, Child);
      ASSERT_TRUE(X);
      EXPECT_EQ(X->getName(), "x");
    }
  });
  EXPECT_TRUE(SawCall);
}

TEST(BodyWalkTest, SkipsLambdaBodiesButNotCaptures) {
  auto AST = parse("int g(int); void f() {"
                   "  auto l = [v = g(1)] { return g(2); }; l(); }");
  ASSERT_TRUE(AST);
  std::vector<int> Args;
  walkBody(bodyOf(*AST, "f"), [&](const Stmt *S, StmtAncestors) {
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && Call->getNumArgs() == 1)
      if (const auto *Lit =
              dyn_cast<IntegerLiteral>(Call->getArg(0)->IgnoreParenImpCasts()))
        Args.push_back(Lit->getValue().getZExtValue());
  });
  EXPECT_EQ(Args, std::vector<int>{1});
}

TEST(BodyWalkTest, ParentIgnoringWrappersReportsTheWrapperChild) {
  auto AST = parse("long g(); void f() { int x; x = (int)(g()); }");
  ASSERT_TRUE(AST);
  const BinaryOperator *Assign = nullptr;
  const Stmt *Child = nullptr;
  walkBody(bodyOf(*AST, "f"), [&](const Stmt *S, StmtAncestors Up) {
    if (isa<CallExpr>(S))
      Assign = dyn_cast_or_null<BinaryOperator>(
          parentIgnoringWrappers(S, Up, Child));
  });
  ASSERT_TRUE(Assign);
  EXPECT_EQ(Child, Assign->getRHS());
}

TEST(BodyWalkTest, TemplateInstantiations) {
  auto AST = parse(R"cc(
    template <typename T> void tf() { auto l = [] {}; l(); }
    template <typename T> struct C { void m() {} };
    void plain() { tf<int>(); C<int>().m(); }
  )cc");
  ASSERT_TRUE(AST);
  std::vector<const FunctionDecl *> Tf = functions(*AST, "tf");
  ASSERT_EQ(Tf.size(), 2u);
  EXPECT_NE(isInTemplateInstantiation(Tf[0]), isInTemplateInstantiation(Tf[1]));
  std::vector<const FunctionDecl *> M = functions(*AST, "m");
  ASSERT_EQ(M.size(), 2u);
  EXPECT_NE(isInTemplateInstantiation(M[0]), isInTemplateInstantiation(M[1]));
  // The lambda's call operator inside tf<int> is inside an instantiation.
  unsigned Instantiated = 0, Written = 0;
  for (const FunctionDecl *Op : functions(*AST, "operator()"))
    ++(isInTemplateInstantiation(Op) ? Instantiated : Written);
  EXPECT_EQ(Instantiated, 1u);
  EXPECT_EQ(Written, 1u);
  EXPECT_FALSE(isInTemplateInstantiation(functions(*AST, "plain").front()));
}

TEST(BodyWalkTest, BodyIndexFindsTheOutermostFunction) {
  auto AST = parse(R"cc(
    int g(int);
    void f() {
      auto l = [] { return g(1); };
      struct Local { int m() { return g(2); } };
      g(3);
    }
  )cc");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  BodyIndex Index;
  for (const BoundNodes &N : match(functionDecl(isDefinition()).bind("f"), Ctx))
    Index.addBody(N.getNodeAs<FunctionDecl>("f"));
  auto Owner = [&](int Arg) -> std::string {
    for (const BoundNodes &N :
         match(callExpr(hasArgument(0, integerLiteral(equals(Arg)))).bind("c"),
               Ctx)) {
      BodyIndex::Owner O =
          Index.find(N.getNodeAs<Stmt>("c"), Ctx.getSourceManager());
      return O.Function ? O.Function->getNameAsString() : "";
    }
    return "?";
  };
  EXPECT_EQ(Owner(1), "f"); // A lambda's body belongs to its function.
  EXPECT_EQ(Owner(2), "m"); // A local class's method is its own.
  EXPECT_EQ(Owner(3), "f");
}

TEST(BodyWalkTest, BodyIndexOutsideAnyFunction) {
  auto AST = parse("int g(int); int x = g(4);");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  BodyIndex Index;
  auto Calls = match(callExpr().bind("c"), Ctx);
  ASSERT_EQ(Calls.size(), 1u);
  EXPECT_FALSE(Index.find(Calls[0].getNodeAs<Stmt>("c"), Ctx.getSourceManager())
                   .Function);
}

TEST(BodyWalkTest, NameFilter) {
  auto AST = parse(R"cc(
    namespace ns { void open(); void other(); }
    struct S { void operator delete(void *); };
  )cc");
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  auto Decl = [&](StringRef Name) {
    return match(namedDecl(hasName(Name)).bind("d"), Ctx)
        .front()
        .getNodeAs<NamedDecl>("d");
  };
  NameFilter Filter(std::vector<std::string>{"::open", "ns::close"});
  EXPECT_TRUE(Filter.mayMatch(*Decl("ns::open")));
  EXPECT_FALSE(Filter.mayMatch(*Decl("ns::other")));
  EXPECT_FALSE(Filter.mayMatch(*Decl("S::operator delete")));
  NameFilter Operators(std::vector<std::string>{"::operator delete"});
  EXPECT_TRUE(Operators.mayMatch(*Decl("S::operator delete")));
}

} // namespace
