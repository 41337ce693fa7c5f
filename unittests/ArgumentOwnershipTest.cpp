//===--- ArgumentOwnershipTest.cpp - Who takes a handle passed to a call --===//

#include "utils/ArgumentOwnership.h"
#include "utils/ApiModel.h"
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
#include <functional>
#include <string>
#include <unistd.h>
#include <evlib/evlib.h>
void project_sink(int fd);                  // no body in the unit
void project_reader(const char *s);         // a const parameter
void project_keeper(char *s) __attribute__((ownership_holds(malloc, 1)));
void visible(int fd) { (void)fd; }
void visible_reader(const char *s) { (void)s; }
static void file_reader(const char *s);
struct Base { virtual void take(int fd); };
struct Final final : Base { void take(int fd) override { (void)fd; } };
extern void (*callback)(int);
)cpp";

struct CallFixture {
  std::unique_ptr<ASTUnit> AST;
  const CallExpr *Call = nullptr;

  /// Parses \p Body (the body of `void f(...)`) and finds its call to a
  /// function named \p Callee (or its first call when empty).
  CallFixture(const std::string &Signature, const std::string &Body,
              const std::string &Callee = "") {
    AST = tooling::buildASTFromCodeWithArgs(
        std::string(Prelude) + Signature + " {" + Body + "}",
        {"-std=c++17", "-nostdinc++", "-isystem", LEAKGUARD_MOCK_HEADERS,
         "-resource-dir", LEAKGUARD_CLANG_RESOURCE_DIR});
    if (!AST)
      return;
    auto Matcher =
        Callee.empty()
            ? callExpr(hasAncestor(functionDecl(hasName("f")))).bind("c")
            : callExpr(hasAncestor(functionDecl(hasName("f"))),
                       callee(functionDecl(hasName(Callee))))
                  .bind("c");
    auto Calls = match(Matcher, AST->getASTContext());
    if (!Calls.empty())
      Call = Calls[0].getNodeAs<CallExpr>("c");
  }

  ArgumentUse use(unsigned Arg, bool UnknownTakes = true) {
    return argumentUse(Call, Arg, defaultApiModel(), UnknownTakes);
  }
};

TEST(ArgumentOwnershipTest, StandardLibraryBorrows) {
  CallFixture Read("void f(int fd, char *buf)", "read(fd, buf, 4);", "read");
  ASSERT_TRUE(Read.Call);
  EXPECT_EQ(Read.use(0), ArgumentUse::Borrowed);
  CallFixture Print("void f(char *s)", "printf(\"%s\", s);", "printf");
  ASSERT_TRUE(Print.Call);
  EXPECT_EQ(Print.use(1), ArgumentUse::Borrowed);
}

TEST(ArgumentOwnershipTest, ProjectFunctionOfAnotherUnitIsExternal) {
  // Its summary, when the project's store has one, decides; without one it
  // takes the handle (EscapeTest.ExternalCalleeWithoutSummaryTakes).
  CallFixture T("void f(int fd)", "project_sink(fd);", "project_sink");
  ASSERT_TRUE(T.Call);
  EXPECT_EQ(T.use(0), ArgumentUse::External);
  EXPECT_EQ(T.use(0, /*UnknownTakes=*/false), ArgumentUse::External);
}

TEST(ArgumentOwnershipTest, ConstParameterOfAnotherUnitHasItsSummaryRead) {
  // Declared only: another unit's function, whose summary says whether it
  // keeps what it is given; without one it borrows (Escape.cpp).
  CallFixture T("void f(char *s)", "project_reader(s);", "project_reader");
  ASSERT_TRUE(T.Call);
  EXPECT_EQ(T.use(0), ArgumentUse::ReadOnlyExternal);
}

TEST(ArgumentOwnershipTest, ConstParameterWithABodyIsRead) {
  CallFixture T("void f(char *s)", "visible_reader(s);", "visible_reader");
  ASSERT_TRUE(T.Call);
  EXPECT_EQ(T.use(0), ArgumentUse::ReadOnlyBody);
  // A static function of the unit with no body here: nothing to read.
  CallFixture Static("void f(char *s)", "file_reader(s);", "file_reader");
  ASSERT_TRUE(Static.Call);
  EXPECT_EQ(Static.use(0), ArgumentUse::Borrowed);
}

TEST(ArgumentOwnershipTest, OwnershipAttributeTakes) {
  CallFixture T("void f(char *s)", "project_keeper(s);", "project_keeper");
  ASSERT_TRUE(T.Call);
  EXPECT_EQ(T.use(0), ArgumentUse::Taken);
}

TEST(ArgumentOwnershipTest, VisibleBodyIsRead) {
  CallFixture T("void f(int fd)", "visible(fd);", "visible");
  ASSERT_TRUE(T.Call);
  EXPECT_EQ(T.use(0), ArgumentUse::ReadBody);
}

TEST(ArgumentOwnershipTest, ThirdPartyLibraryIsExternal) {
  // A library's function is declared like one of another unit of the
  // project; without a summary of it, it takes the handle.
  CallFixture T("void f(ev_loop *l, int fd)",
                "ev_buffer_wrap_socket(l, fd, 0);", "ev_buffer_wrap_socket");
  ASSERT_TRUE(T.Call);
  EXPECT_EQ(T.use(1), ArgumentUse::External);
}

TEST(ArgumentOwnershipTest, VirtualAndIndirectCallsTake) {
  CallFixture Virtual("void f(Base &b, int fd)", "b.take(fd);", "take");
  ASSERT_TRUE(Virtual.Call);
  EXPECT_EQ(Virtual.use(0), ArgumentUse::Taken);
  CallFixture Final("void f(Final &b, int fd)", "b.take(fd);", "take");
  ASSERT_TRUE(Final.Call);
  EXPECT_EQ(Final.use(0), ArgumentUse::ReadBody);
  CallFixture Pointer("void f(int fd)", "callback(fd);");
  ASSERT_TRUE(Pointer.Call);
  EXPECT_EQ(Pointer.use(0), ArgumentUse::Taken);
  CallFixture Function("void f(std::function<void(int)> &cb, int fd)",
                       "cb(fd);");
  ASSERT_TRUE(Function.Call);
  EXPECT_EQ(Function.use(1), ArgumentUse::Taken);
}

TEST(ArgumentOwnershipTest, LocalFunctionPointerIsResolved) {
  CallFixture Fixed("void f(int fd)", "void (*sink)(int) = visible; sink(fd);");
  ASSERT_TRUE(Fixed.Call);
  ASSERT_TRUE(resolvedFunctionPointer(Fixed.Call));
  EXPECT_EQ(Fixed.use(0), ArgumentUse::ReadBody);
  CallFixture Reassigned(
      "void f(int fd, int m)",
      "void (*sink)(int) = visible; if (m) sink = project_sink; sink(fd);");
  ASSERT_TRUE(Reassigned.Call);
  EXPECT_FALSE(resolvedFunctionPointer(Reassigned.Call));
  EXPECT_EQ(Reassigned.use(0), ArgumentUse::Taken);
}

TEST(ArgumentOwnershipTest, StandardHeaders) {
  CallFixture T("void f(int fd)", "close(fd);", "close");
  ASSERT_TRUE(T.Call);
  EXPECT_TRUE(isStandardLibraryDecl(T.Call->getDirectCallee()));
  CallFixture E("void f(ev_loop *l, int fd)",
                "ev_buffer_wrap_socket(l, fd, 0);", "ev_buffer_wrap_socket");
  ASSERT_TRUE(E.Call);
  EXPECT_FALSE(isStandardLibraryDecl(E.Call->getDirectCallee()));
}

} // namespace
