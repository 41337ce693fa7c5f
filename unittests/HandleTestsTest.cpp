//===--- HandleTestsTest.cpp - Tests for failed-acquisition conditions ----===//

#include "utils/HandleTests.h"
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

/// Parses `void f() { <Body> }` after a few declarations and reads the
/// condition of the last if statement against the handle variable `h`.
std::optional<bool> failedIn(const std::string &Body,
                             std::vector<std::string> Invalid,
                             bool StatusReturn = false) {
  std::string Code = "#include <sys/mman.h>\n#include <cstddef>\n"
                     "int open(const char *, int);\n"
                     "int pipe(int *);\n"
                     "void *get();\n"
                     "void f() {\n" +
                     Body + "\n}\n";
  auto AST = tooling::buildASTFromCodeWithArgs(
      Code, {"-std=c++17", "-nostdinc++", "-isystem", LEAKGUARD_MOCK_HEADERS,
             "-resource-dir", LEAKGUARD_CLANG_RESOURCE_DIR});
  if (!AST)
    return std::nullopt;
  ASTContext &Ctx = AST->getASTContext();
  auto Ifs = match(ifStmt().bind("if"), Ctx);
  auto Vars = match(varDecl(hasName("h")).bind("h"), Ctx);
  auto Calls =
      match(callExpr(callee(functionDecl(hasAnyName("open", "pipe", "get"))))
                .bind("c"),
            Ctx);
  if (Ifs.empty() || Vars.empty())
    return std::nullopt;
  FailureSpec Spec;
  Spec.Handle.Var = Vars[0].getNodeAs<VarDecl>("h");
  if (!Calls.empty())
    Spec.Acquisition = Calls[0].getNodeAs<CallExpr>("c");
  Spec.StatusReturn = StatusReturn;
  Spec.InvalidValues = Invalid;
  const auto *If = Ifs.back().getNodeAs<IfStmt>("if");
  return failedWhen(If->getCond(), Spec, Ctx);
}

const std::vector<std::string> Negative = {"negative"};
const std::vector<std::string> Null = {"nullptr"};

TEST(HandleTestsTest, NegativeDescriptor) {
  EXPECT_EQ(failedIn("int h = open(\"x\", 0); if (h < 0) return;", Negative),
            std::optional<bool>(true));
  EXPECT_EQ(failedIn("int h = open(\"x\", 0); if (h == -1) return;", Negative),
            std::optional<bool>(true));
  EXPECT_EQ(failedIn("int h = open(\"x\", 0); if (-1 == h) return;", Negative),
            std::optional<bool>(true));
  EXPECT_EQ(failedIn("int h = open(\"x\", 0); if (h >= 0) return;", Negative),
            std::optional<bool>(false));
  EXPECT_EQ(failedIn("int h = open(\"x\", 0); if (h != -1) return;", Negative),
            std::optional<bool>(false));
}

TEST(HandleTestsTest, UnrelatedConditions) {
  EXPECT_EQ(failedIn("int h = open(\"x\", 0); if (h > 10) return;", Negative),
            std::nullopt);
  EXPECT_EQ(failedIn("int h = open(\"x\", 0); int k = 0; if (k < 0) return;",
                     Negative),
            std::nullopt);
}

TEST(HandleTestsTest, NullPointer) {
  EXPECT_EQ(failedIn("void *h = get(); if (!h) return;", Null),
            std::optional<bool>(true));
  EXPECT_EQ(failedIn("void *h = get(); if (h) return;", Null),
            std::optional<bool>(false));
  EXPECT_EQ(failedIn("void *h = get(); if (h == NULL) return;", Null),
            std::optional<bool>(true));
  EXPECT_EQ(failedIn("void *h = get(); if (nullptr != h) return;", Null),
            std::optional<bool>(false));
}

TEST(HandleTestsTest, MapFailed) {
  const std::vector<std::string> Map = {"MAP_FAILED"};
  EXPECT_EQ(failedIn("void *h = get(); if (h == MAP_FAILED) return;", Map),
            std::optional<bool>(true));
  EXPECT_EQ(failedIn("void *h = get(); if (h != MAP_FAILED) return;", Map),
            std::optional<bool>(false));
  // MAP_FAILED is not null: `!h` does not test an mmap failure.
  EXPECT_EQ(failedIn("void *h = get(); if (h == nullptr) return;", Map),
            std::nullopt);
}

TEST(HandleTestsTest, StatusOfOutParameterAcquirer) {
  EXPECT_EQ(failedIn("int h[2]; if (pipe(h) != 0) return;", Negative, true),
            std::optional<bool>(true));
  EXPECT_EQ(failedIn("int h[2]; if (pipe(h) < 0) return;", Negative, true),
            std::optional<bool>(true));
  EXPECT_EQ(failedIn("int h[2]; if (pipe(h)) return;", Negative, true),
            std::optional<bool>(true));
  EXPECT_EQ(failedIn("int h[2]; if (pipe(h) == 0) return;", Negative, true),
            std::optional<bool>(false));
}

TEST(HandleTestsTest, AssignmentInCondition) {
  EXPECT_EQ(failedIn("int h; if ((h = open(\"x\", 0)) < 0) return;", Negative),
            std::optional<bool>(true));
}

TEST(HandleTestsTest, HandleRefOfFields) {
  auto AST = tooling::buildASTFromCodeWithArgs(
      "struct S { struct { int fd; } in; }; void f() { S s; s.in.fd = 1; }",
      {"-std=c++17"});
  ASSERT_TRUE(AST);
  auto Ms =
      match(memberExpr(member(hasName("fd"))).bind("m"), AST->getASTContext());
  ASSERT_EQ(Ms.size(), 1u);
  std::optional<HandleRef> Ref = handleRefOf(Ms[0].getNodeAs<Expr>("m"));
  ASSERT_TRUE(Ref);
  EXPECT_EQ(Ref->Var->getName(), "s");
  EXPECT_EQ(Ref->Fields.size(), 2u);
}

TEST(HandleTestsTest, HandleRefOfUnionMembersIsOnePlace) {
  auto AST = tooling::buildASTFromCodeWithArgs(
      "union U { char *text; char *bytes; }; struct S { char *a; char *b; };"
      "void f(char *p) { U u; S s; u.text = p; p = u.bytes; s.a = s.b; }",
      {"-std=c++17"});
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  auto Member = [&](StringRef Name) -> std::optional<HandleRef> {
    auto Ms = match(memberExpr(member(hasName(Name))).bind("m"), Ctx);
    if (Ms.size() != 1)
      return std::nullopt;
    return handleRefOf(Ms[0].getNodeAs<Expr>("m"));
  };
  std::optional<HandleRef> Text = Member("text"), Bytes = Member("bytes");
  ASSERT_TRUE(Text && Bytes);
  EXPECT_TRUE(*Text == *Bytes);
  // The fields of a struct stay apart.
  std::optional<HandleRef> A = Member("a"), B = Member("b");
  ASSERT_TRUE(A && B);
  EXPECT_FALSE(*A == *B);
}

TEST(HandleTestsTest, ReferencedDecl) {
  auto AST = tooling::buildASTFromCodeWithArgs(
      "struct S { int fd; void f(); }; int g;"
      "void S::f() { int a = fd; int b = (g); int c = a + b; }",
      {"-std=c++17"});
  ASSERT_TRUE(AST);
  ASTContext &Ctx = AST->getASTContext();
  auto Init = [&](StringRef Name) {
    return match(varDecl(hasName(Name)).bind("v"), Ctx)
        .front()
        .getNodeAs<VarDecl>("v")
        ->getInit();
  };
  const ValueDecl *A = referencedDecl(Init("a"));
  ASSERT_TRUE(A);
  EXPECT_EQ(A->getName(), "fd"); // this->fd
  const ValueDecl *B = referencedDecl(Init("b"));
  ASSERT_TRUE(B);
  EXPECT_EQ(B->getName(), "g");
  EXPECT_EQ(referencedDecl(Init("c")), nullptr);
  EXPECT_EQ(referencedDecl(nullptr), nullptr);
}

} // namespace
