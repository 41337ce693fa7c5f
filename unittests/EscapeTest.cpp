//===--- EscapeTest.cpp - Tests for handle escape analysis ----------------===//

#include "utils/Escape.h"
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
#include <cstdio>
#include <memory>
#include <vector>
int g;
struct Closer { void operator()(FILE *f) const { fclose(f); } };
struct Owner { explicit Owner(int fd); ~Owner(); };
struct Holder { int fd; };
void reads(const char *);
void keeps(int *p);
void takes_file(FILE *f) { fclose(f); }
void only_reads(FILE *f) { fgetc(f); }
)cpp";

/// How the local `h` of function f escapes in \p Body, with options \p O.
EscapeKind escapeIn(const std::string &Body, const EscapeOptions &O = {}) {
  auto AST = tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + Body,
      {"-std=c++17", "-nostdinc++", "-isystem", LEAKGUARD_MOCK_HEADERS,
       "-resource-dir", LEAKGUARD_CLANG_RESOURCE_DIR});
  if (!AST)
    return EscapeKind::None;
  ASTContext &Ctx = AST->getASTContext();
  auto Fs = match(functionDecl(hasName("f"), isDefinition()).bind("f"), Ctx);
  auto Vs = match(varDecl(hasName("h")).bind("h"), Ctx);
  if (Fs.empty() || Vs.empty())
    return EscapeKind::None;
  HandleRef H;
  H.Var = Vs[0].getNodeAs<VarDecl>("h");
  return findEscape(Fs[0].getNodeAs<FunctionDecl>("f")->getBody(), H, O).Kind;
}

TEST(EscapeTest, ExternalCalleeWithoutSummaryTakes) {
  const char *Code = "void elsewhere(int fd);\n"
                     "void f() { int h = 3; elsewhere(h); }";
  EXPECT_EQ(escapeIn(Code), EscapeKind::PassedOn);
  EscapeOptions UnknownBorrows;
  UnknownBorrows.ProjectCallsTakePointers = false;
  EXPECT_EQ(escapeIn(Code, UnknownBorrows), EscapeKind::None);
}

TEST(EscapeTest, Returned) {
  EXPECT_EQ(escapeIn("int f() { int h = 3; return h; }"), EscapeKind::Returned);
  EXPECT_EQ(escapeIn("Holder f() { int h = 3; return {h}; }"),
            EscapeKind::Returned);
}

TEST(EscapeTest, Stored) {
  EXPECT_EQ(escapeIn("void f() { int h = 3; g = h; }"), EscapeKind::Stored);
  EXPECT_EQ(escapeIn("void f(int *out) { int h = 3; *out = h; }"),
            EscapeKind::Stored);
  EXPECT_EQ(escapeIn("void f(Holder *o) { int h = 3; o->fd = h; }"),
            EscapeKind::Stored);
}

TEST(EscapeTest, Container) {
  EXPECT_EQ(escapeIn("void f(std::vector<FILE *> &v) { FILE *h = nullptr; "
                     "v.push_back(h); }"),
            EscapeKind::Container);
}

TEST(EscapeTest, Owners) {
  EXPECT_EQ(escapeIn("void f() { FILE *h = nullptr; "
                     "std::unique_ptr<FILE, Closer> p(h); }"),
            EscapeKind::Owner);
  EXPECT_EQ(escapeIn("void f() { int h = 3; Owner o(h); }"), EscapeKind::Owner);
}

TEST(EscapeTest, CapturedAndAddressTaken) {
  EXPECT_EQ(escapeIn("void f() { int h = 3; auto l = [&h] { return h; }; }"),
            EscapeKind::Captured);
  EXPECT_EQ(escapeIn("void f() { int h = 3; keeps(&h); }"),
            EscapeKind::AddressTaken);
}

TEST(EscapeTest, VisibleCalleeBodyDecides) {
  EXPECT_EQ(escapeIn("void f() { FILE *h = nullptr; takes_file(h); }"),
            EscapeKind::PassedOn);
  EXPECT_EQ(escapeIn("void f() { FILE *h = nullptr; only_reads(h); }"),
            EscapeKind::None);
}

TEST(EscapeTest, ReadsAreNotEscapes) {
  EXPECT_EQ(
      escapeIn("void f() { int h = 3; if (h < 0) return; reads(\"x\"); }"),
      EscapeKind::None);
  EXPECT_EQ(escapeIn("void f() { FILE *h = nullptr; fgetc(h); }"),
            EscapeKind::None);
}

TEST(EscapeTest, TargetVariable) {
  auto AST = tooling::buildASTFromCodeWithArgs(
      "void f() { int a[4]; int x = 1; a[2] = x; }", {"-std=c++17"});
  ASSERT_TRUE(AST);
  auto Bs = match(binaryOperator(isAssignmentOperator()).bind("b"),
                  AST->getASTContext());
  ASSERT_EQ(Bs.size(), 1u);
  const VarDecl *V =
      targetVariable(Bs[0].getNodeAs<BinaryOperator>("b")->getLHS());
  ASSERT_TRUE(V);
  EXPECT_EQ(V->getName(), "a");
}

} // namespace
