//===--- DataFlowTest.cpp - Summaries, constants, writers, callers --------===//

#include "utils/FunctionSummaries.h"
#include "utils/OwnershipPaths.h"
#include "utils/UnitCallGraph.h"
#include "utils/WriteIndex.h"
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

std::unique_ptr<ASTUnit> parse(const std::string &Code) {
  return tooling::buildASTFromCodeWithArgs(
      Code, {"-std=c++17", "-nostdinc++", "-isystem", LEAKGUARD_MOCK_HEADERS,
             "-resource-dir", LEAKGUARD_CLANG_RESOURCE_DIR});
}

const FunctionDecl *function(ASTUnit &AST, StringRef Name) {
  auto Found = match(functionDecl(hasName(Name), isDefinition()).bind("f"),
                     AST.getASTContext());
  return Found.empty() ? nullptr : Found[0].getNodeAs<FunctionDecl>("f");
}

const VarDecl *variable(ASTUnit &AST, StringRef Name) {
  auto Found = match(varDecl(hasName(Name)).bind("v"), AST.getASTContext());
  return Found.empty() ? nullptr : Found[0].getNodeAs<VarDecl>("v");
}

TEST(FunctionSummariesTest, NeverReturns) {
  auto AST = parse(R"cpp(
    #include <cstdlib>
    void fatal(const char *m) { (void)m; std::exit(1); }
    void fatal_twice(const char *m) { fatal(m); }
    void maybe(int n) { if (n) std::abort(); }
    void spins() { for (;;) {} }
    void throws() { throw 1; }
  )cpp");
  FunctionSummaries S(AST->getASTContext());
  EXPECT_TRUE(S.neverReturns(function(*AST, "fatal")));
  EXPECT_TRUE(S.neverReturns(function(*AST, "fatal_twice")));
  EXPECT_FALSE(S.neverReturns(function(*AST, "maybe")));
  EXPECT_TRUE(S.neverReturns(function(*AST, "spins")));
  // An exception reaches the caller: not "never returns".
  EXPECT_FALSE(S.neverReturns(function(*AST, "throws")));
}

TEST(FunctionSummariesTest, ConstantsAndUnwrittenGlobals) {
  auto AST = parse(R"cpp(
    static int enabled() { return 1; }
    static int either(int n) { return n ? 1 : 2; }
    static int mode = 5;
    static int changed = 5;
    void set() { changed = 6; }
    int g = 5;
  )cpp");
  FunctionSummaries S(AST->getASTContext());
  EXPECT_EQ(S.get(function(*AST, "enabled")).ReturnsConstant, 1);
  EXPECT_FALSE(S.get(function(*AST, "either")).ReturnsConstant);
  EXPECT_TRUE(S.isNeverWritten(variable(*AST, "mode")));
  EXPECT_FALSE(S.isNeverWritten(variable(*AST, "changed")));
  // External linkage: another unit may write it.
  EXPECT_FALSE(S.isNeverWritten(variable(*AST, "g")));
}

TEST(WriteIndexTest, WritersAndCounters) {
  auto AST = parse(R"cpp(
    struct Pool {
      Pool() : size(4) {}
      void start() { if (size == 0) size = 1; if (queued == 0) queued = done;
                     if (!threads) threads = cpus(); }
      void stop() { stopping = true; }
      void run() { while (!stopping) ++done; }
      bool stopping = false;
      int size;
      int done = 0;
      int queued = 0;
      int threads = 0;
      static int cpus();
    };
  )cpp");
  WriteIndex W(AST->getASTContext());
  auto Field = [&](StringRef Name) {
    auto Found =
        match(fieldDecl(hasName(Name)).bind("f"), AST->getASTContext());
    return Found[0].getNodeAs<FieldDecl>("f");
  };
  const FunctionDecl *Run = function(*AST, "run");
  EXPECT_TRUE(W.writtenOutside(Field("stopping"), Run));
  EXPECT_FALSE(W.writtenOutside(Field("done"), Run));
  EXPECT_TRUE(W.isStepped(Field("done")));
  EXPECT_TRUE(W.isConfiguration(Field("size")));
  EXPECT_FALSE(W.isConfiguration(Field("stopping")));
  // Defaulted when unset, with a constant or a helper's value, outside the
  // constructor: still configuration; given another variable's value: not.
  EXPECT_TRUE(W.isConfiguration(Field("threads")));
  EXPECT_FALSE(W.isConfiguration(Field("queued")));
  EXPECT_FALSE(W.isConfiguration(Field("done")));
}

TEST(UnitCallGraphTest, ReachedOnlyOnce) {
  auto AST = parse(R"cpp(
    int main();
    class Pool {
    public:
      Pool() { spawn(); }
      void refill() { for (int i = 0; i < 3; ++i) spawn(); }
    private:
      void spawn() {}
      void startup() {}
      void later() {}
      friend int main();
    };
    static void init() {}
    int registerOnce(const char *) { return 0; }
    void a() { static int r = registerOnce("a"); (void)r; }
    int main() { init(); return 0; }
  )cpp");
  UnitCallGraph G(AST->getASTContext());
  auto Root = [](const FunctionDecl *F) {
    return isa<CXXConstructorDecl>(F) || F->isMain();
  };
  EXPECT_TRUE(G.reachedOnlyOnce(function(*AST, "init"), Root));
  // Called from the constructor, and also from a loop.
  EXPECT_FALSE(G.reachedOnlyOnce(function(*AST, "spawn"), Root));
  // Every call in sight runs in a static's initializer.
  EXPECT_TRUE(G.reachedOnlyOnce(function(*AST, "registerOnce"), Root));
  // Never called: nothing to say.
  EXPECT_FALSE(G.reachedOnlyOnce(function(*AST, "later"), Root));
}

TEST(UnitCallGraphTest, CallsInInstantiationsAreTheTemplates) {
  // `grow(T::Key)` names its callee only once T is known: in each
  // instantiation; the graph records it once, as a call of the template.
  auto AST = parse(R"cpp(
    static void grow(const char *) {}
    static void note(const char *) {}
    template <class T> struct Registrar {
      Registrar() {
        grow(T::Key);
        note(T::Key);
      }
    };
    struct A { static constexpr const char *Key = "a"; };
    struct B { static constexpr const char *Key = "b"; };
    Registrar<A> RA;
    Registrar<B> RB;
    template <class T> void each() { grow(T::Key); }
    void serve() { for (;;) each<A>(); }
  )cpp");
  UnitCallGraph G(AST->getASTContext());
  const FunctionDecl *Grow = function(*AST, "grow");
  auto Sites = G.callers(Grow);
  // From the constructor of the template and from each<T> (not per
  // instantiation).
  EXPECT_EQ(Sites.size(), 2u);
  for (const UnitCallGraph::CallSite &S : Sites)
    EXPECT_TRUE(S.Caller && !S.Caller->isTemplateInstantiation());
  auto Root = [](const FunctionDecl *F) { return isa<CXXConstructorDecl>(F); };
  // each<A>() runs in a loop: grow may run again and again; note runs once
  // per registration object.
  EXPECT_FALSE(G.reachedOnlyOnce(Grow, Root));
  EXPECT_TRUE(G.reachedOnlyOnce(function(*AST, "note"), Root));
}

TEST(LocalConstantsTest, ValueOnEveryPath) {
  auto AST = parse(R"cpp(
    #include <cstdlib>
    void f(int n) {
      char *p = nullptr;
      int flag = 0;
      if (n > 2) {
        flag = 1;
        p = (char *)realloc(p, n);
      }
      if (flag) free(p);
      if (!p) return;
      p[0] = 0;
    }
  )cpp");
  ASTContext &Ctx = AST->getASTContext();
  const FunctionDecl *F = function(*AST, "f");
  auto Paths = FunctionPaths::build(F->getBody(), Ctx);
  ASSERT_TRUE(Paths);
  auto Calls =
      match(callExpr(callee(functionDecl(hasName("realloc")))).bind("c"), Ctx);
  ASSERT_EQ(Calls.size(), 1u);
  const auto *Realloc = Calls[0].getNodeAs<CallExpr>("c");
  EXPECT_EQ(Paths->constantBefore(Realloc, variable(*AST, "p")), 0);
  EXPECT_EQ(Paths->constantBefore(Realloc, variable(*AST, "flag")), 1);
  auto Frees =
      match(callExpr(callee(functionDecl(hasName("free")))).bind("c"), Ctx);
  ASSERT_EQ(Frees.size(), 1u);
  // The two branches meet: neither is known after the if.
  EXPECT_FALSE(Paths->constantBefore(Frees[0].getNodeAs<CallExpr>("c"),
                                     variable(*AST, "flag")));
}

} // namespace
