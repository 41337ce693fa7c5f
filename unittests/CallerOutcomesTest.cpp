//===--- CallerOutcomesTest.cpp - What callers do with failure results ----===//

#include "utils/CallerOutcomes.h"
#include "utils/FunctionSummaries.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::leak::utils;

namespace {

const char *Prelude = R"c(
typedef unsigned long size_t;
void *malloc(size_t);
void free(void *);
int puts(const char *);
void exit(int) __attribute__((noreturn));
int step(void);
char *make(void);
struct Settings { char *name; } S;
)c";

/// What the function \p Caller does after its (only) call of \p Callee:
/// the three AfterCall characters for 0, 1 and -1.
std::string after(llvm::StringRef Code, llvm::StringRef Caller,
                  llvm::StringRef Callee) {
  auto AST = tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + Code.str(),
      {"-xc", "-resource-dir", LEAKGUARD_CLANG_RESOURCE_DIR}, "t.c");
  if (!AST)
    return "no AST";
  ASTContext &Ctx = AST->getASTContext();
  auto Found = match(
      functionDecl(
          hasName(Caller), isDefinition(),
          forEachDescendant(
              callExpr(callee(functionDecl(hasName(Callee)))).bind("call")))
          .bind("fn"),
      Ctx);
  if (Found.size() != 1)
    return "calls: " + std::to_string(Found.size());
  FunctionSummaries Summaries(Ctx);
  return afterCallOutcomes(Found[0].getNodeAs<CallExpr>("call"),
                           Found[0].getNodeAs<FunctionDecl>("fn"), Summaries);
}

TEST(CallerOutcomesTest, ExitOnNullInMain) {
  EXPECT_EQ(after("int main(void) { S.name = make();"
                  "  if (S.name == 0) { puts(\"no\"); exit(1); }"
                  "  for (;;) step(); }",
                  "main", "make"),
            "x??");
}

TEST(CallerOutcomesTest, NonZeroPassedBackOrEndsMainThroughGoto) {
  EXPECT_EQ(after("int f(void) { int rc = step(); if (rc) return rc; "
                  "for (;;) puts(\"\"); }",
                  "f", "step"),
            "?1m");
  EXPECT_EQ(after("int f(void) { if (step()) { return 1; } "
                  "for (;;) puts(\"\"); }",
                  "f", "step"),
            "?11");
  EXPECT_EQ(after("int main(void) { int rc = step(); if (rc) {"
                  "  if (rc == 2) puts(\"usage\"); else puts(\"bad\");"
                  "  goto done; }"
                  "  for (;;) puts(\"\");"
                  "done: puts(\"bye\"); return rc; }",
                  "main", "step"),
            "?xx");
}

TEST(CallerOutcomesTest, AFailureTheCallerGoesOnFromIsUnknown) {
  // Logs and goes on with the rest of the function.
  EXPECT_EQ(after("int main(void) { if (step() != 0) puts(\"ignored\");"
                  "  for (;;) puts(\"\"); }",
                  "main", "step"),
            "???");
  // Retries in a loop.
  EXPECT_EQ(after("void f(void) { for (int i = 0; i < 3; i++) {"
                  "  char *p = make(); if (!p) continue; free(p); } }",
                  "f", "make"),
            "???");
  // The result is handed by address to a call that may change it.
  EXPECT_EQ(after("void reset(int *); int f(void) { int rc = step();"
                  "  reset(&rc); if (rc) return 1; for (;;) puts(\"\"); }",
                  "f", "step"),
            "???");
  // The result is overwritten before it is tested.
  EXPECT_EQ(after("int f(void) { int rc = step(); rc = 0;"
                  "  if (rc) return 1; for (;;) puts(\"\"); }",
                  "f", "step"),
            "???");
}

TEST(CallerOutcomesTest, WhatFollowsAnIgnoredResultDecidesAlike) {
  EXPECT_EQ(after("int main(void) { step(); return 3; }", "main", "step"),
            "xxx");
  EXPECT_EQ(after("int f(void) { step(); return 1; }", "f", "step"), "111");
  EXPECT_EQ(after("int f(void) { step(); return 7; }", "f", "step"), "???");
  // main goes on to do other work before it returns: not the end.
  EXPECT_EQ(after("int main(void) { step(); puts(\"next\"); return 0; }",
                  "main", "step"),
            "???");
}

TEST(CallerOutcomesTest, AResultHandedToExitEndsTheProgram) {
  EXPECT_EQ(after("int f(void) { exit(step()); }", "f", "step"), "xxx");
  EXPECT_EQ(after("int f(void) { exit((int)(step())); }", "f", "step"), "xxx");
  // Handed to a call that returns: what follows decides.
  EXPECT_EQ(after("int g(int); int f(void) { g(step()); for (;;) puts(\"\"); }",
                  "f", "step"),
            "???");
  EXPECT_EQ(after("int f(void) { exit(step() + 1); }", "f", "step"), "xxx");
}

UnitSummaries calls(std::vector<CallSiteFact> Calls,
                    std::vector<std::string> Taken = {}) {
  UnitSummaries U;
  U.Calls = std::move(Calls);
  U.AddressTaken = std::move(Taken);
  return U;
}

CallSiteFact site(llvm::StringRef Callee, llvm::StringRef Caller,
                  llvm::StringRef After, bool InLoop = false,
                  bool Once = false) {
  CallSiteFact F;
  F.Callee = Callee.str();
  F.Caller = Caller.str();
  F.CallerIsMain = Caller == "main";
  F.After = After.str();
  F.InLoop = InLoop;
  F.Once = Once;
  return F;
}

TEST(CallerExitsIndexTest, FailureValuesPropagateToMain) {
  std::vector<UnitSummaries> Units = {
      calls({site("parse", "load", "?11"), site("load", "main", "?xx")}),
      calls({site("helper", "worker", "?11"), site("worker", "loop", "???")})};
  SummaryIndex Index = SummaryIndex::build(Units);
  EXPECT_TRUE(Index.returnEndsProgram("parse", 1));
  EXPECT_TRUE(Index.returnEndsProgram("load", -1));
  EXPECT_FALSE(Index.returnEndsProgram("parse", 0));
  EXPECT_FALSE(Index.returnEndsProgram("helper", 1));
  EXPECT_FALSE(Index.returnEndsProgram("parse", 7)); // Not recorded.
}

TEST(CallerExitsIndexTest, EveryCallerMustAgree) {
  std::vector<UnitSummaries> Units = {
      calls({site("open", "main", "x??")}),
      calls({site("open", "retry", "???", /*InLoop=*/true)})};
  EXPECT_FALSE(SummaryIndex::build(Units).returnEndsProgram("open", 0));
  // Units[0] alone: main exits on NULL.
  EXPECT_TRUE(SummaryIndex::build({Units[0]}).returnEndsProgram("open", 0));
}

TEST(CallerExitsIndexTest, ApiNothingInTheProjectCalls) {
  // trustHost: API no unit calls; rememberHost: only trustHost calls it;
  // record: called from a loop; note: called from main.
  std::vector<UnitSummaries> Units = {
      calls({site("rememberHost", "trustHost", "???"),
             site("record", "serve", "???", /*InLoop=*/true),
             site("note", "main", "???")})};
  SummaryIndex Index = SummaryIndex::build(Units);
  EXPECT_TRUE(Index.neverCalled("trustHost"));
  EXPECT_FALSE(Index.neverCalled("rememberHost"));
  EXPECT_TRUE(Index.calledOnlyFromApi("rememberHost"));
  EXPECT_FALSE(Index.calledOnlyFromApi("record"));
  EXPECT_FALSE(Index.calledOnlyFromApi("note"));
  // A unit not summarized may call anything; an address taken, from
  // anywhere.
  EXPECT_FALSE(
      SummaryIndex::build(Units, /*Complete=*/false).neverCalled("trustHost"));
  Units.push_back(calls({}, {"trustHost"}));
  EXPECT_FALSE(SummaryIndex::build(Units).neverCalled("trustHost"));
  EXPECT_FALSE(SummaryIndex::build(Units).calledOnlyFromApi("rememberHost"));
}

TEST(CallerExitsIndexTest, UnseenCallersDecideNothing) {
  std::vector<UnitSummaries> Units = {calls({site("open", "main", "x??")})};
  // A unit that was not summarized may call it.
  EXPECT_FALSE(SummaryIndex::build(Units, /*Complete=*/false)
                   .returnEndsProgram("open", 0));
  // Its address is taken somewhere: called from anywhere.
  Units.push_back(calls({}, {"open"}));
  EXPECT_FALSE(SummaryIndex::build(Units).returnEndsProgram("open", 0));
  EXPECT_FALSE(SummaryIndex::build(Units).reachedOnlyOnce("open"));
}

TEST(CallerExitsIndexTest, CallsThroughPointersReachFunctionsOfTheirType) {
  // `exit(Tools[i].Run(argc, argv))` in one unit, the table in another.
  UnitSummaries Dispatch =
      calls({site(indirectCallee("f:int (int, char **)"), "dispatch", "xxx")});
  UnitSummaries Table = calls({});
  Table.Tables = {{"toolList", "f:int (int, char **)"},
                  {"onEvent", "f:int (int)"}};
  SummaryIndex Index = SummaryIndex::build({Dispatch, Table});
  EXPECT_TRUE(Index.returnEndsProgram("toolList", 1));
  // Nothing calls through its type: its callers are not known.
  EXPECT_FALSE(Index.returnEndsProgram("onEvent", 1));
  // A direct call that goes on counts too.
  UnitSummaries Direct = calls({site("toolList", "retry", "???")});
  EXPECT_FALSE(SummaryIndex::build({Dispatch, Table, Direct})
                   .returnEndsProgram("toolList", 1));
  // The type reaches code LeakGuard does not see (qsort, a library's
  // callback registry): anything may call it.
  UnitSummaries Library = calls({});
  Library.EscapedTypes = {"f:int (int, char **)"};
  EXPECT_FALSE(SummaryIndex::build({Dispatch, Table, Library})
                   .returnEndsProgram("toolList", 1));
  // The same function converted to another type somewhere: likewise.
  UnitSummaries Cast = calls({}, {"toolList"});
  EXPECT_FALSE(SummaryIndex::build({Dispatch, Table, Cast})
                   .returnEndsProgram("toolList", 1));
}

/// What collectCallSites records of the C code \p Code.
UnitSummaries recorded(llvm::StringRef Code) {
  UnitSummaries Into;
  auto AST = tooling::buildASTFromCodeWithArgs(
      std::string(Prelude) + Code.str(),
      {"-xc", "-resource-dir", LEAKGUARD_CLANG_RESOURCE_DIR}, "t.c");
  if (!AST)
    return Into;
  FunctionSummaries Summaries(AST->getASTContext());
  collectCallSites(AST->getASTContext(), Summaries, Into);
  return Into;
}

TEST(CallerExitsIndexTest, TablesAndEscapesAreRecorded) {
  UnitSummaries U = recorded(
      "int run(int n) { return n; }"
      "int cmp(const void *a, const void *b) { return a < b; }"
      "void qsort(void *, unsigned long, unsigned long,"
      "           int (*)(const void *, const void *));"
      "struct Tool { int (*Run)(int); } Tools[] = {{run}};"
      "void go(int *v) { exit(Tools[0].Run(1)); qsort(v, 2, 4, cmp); }");
  ASSERT_EQ(U.Tables.size(), 2u);
  bool RunTaken = llvm::any_of(U.Tables, [](const TakenFunction &T) {
    return T.TypeKey == "f:int (int)" && llvm::StringRef(T.Usr).contains("run");
  });
  EXPECT_TRUE(RunTaken);
  EXPECT_TRUE(
      llvm::is_contained(U.EscapedTypes, "f:int (const void *, const void *)"));
  bool Through = llvm::any_of(U.Calls, [](const CallSiteFact &C) {
    return C.Callee == indirectCallee("f:int (int)") && C.After == "xxx";
  });
  EXPECT_TRUE(Through);
}

TEST(CallerExitsIndexTest, ReachedOnlyOnce) {
  std::vector<UnitSummaries> Units = {
      calls({site("add", "parse", "???", false, /*Once=*/true),
             site("add", "build", "???", false, /*Once=*/true),
             site("init", "main", "???"), site("setup", "init", "???"),
             site("perRequest", "serve", "???"),
             site("inLoop", "main", "???", /*InLoop=*/true),
             site("recurse", "recurse", "???")})};
  SummaryIndex Index = SummaryIndex::build(Units);
  EXPECT_TRUE(Index.reachedOnlyOnce("add"));
  EXPECT_TRUE(Index.reachedOnlyOnce("init"));
  EXPECT_TRUE(Index.reachedOnlyOnce("setup"));
  EXPECT_FALSE(Index.reachedOnlyOnce("perRequest"));
  EXPECT_FALSE(Index.reachedOnlyOnce("inLoop"));
  EXPECT_FALSE(Index.reachedOnlyOnce("recurse"));
  EXPECT_FALSE(Index.reachedOnlyOnce("neverCalled"));
}

TEST(CallerExitsIndexTest, TheSameSourceInSeveralUnitsIsNoConflict) {
  ExternalSummary F;
  F.Usr = "c:@F@shared";
  F.Name = "shared";
  F.Params = "b";
  UnitSummaries A, B;
  A.Functions = {F};
  B.Functions = {F};
  SummaryIndex Same = SummaryIndex::build({A, B});
  EXPECT_NE(Same.function("c:@F@shared"), nullptr);
  B.Functions[0].Params = "k";
  SummaryIndex Differ = SummaryIndex::build({A, B});
  EXPECT_EQ(Differ.function("c:@F@shared"), nullptr);
}

TEST(CallerExitsIndexTest, JsonKeepsTheCalls) {
  UnitSummaries U = calls({site("a", "main", "x1?", true, false)}, {"t"});
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  OS << toJSON(U);
  llvm::Expected<UnitSummaries> Back = unitSummariesFromJSON(Text);
  ASSERT_TRUE(static_cast<bool>(Back)) << llvm::toString(Back.takeError());
  ASSERT_EQ(Back->Calls.size(), 1u);
  EXPECT_EQ(Back->Calls[0], U.Calls[0]);
  EXPECT_EQ(Back->AddressTaken, U.AddressTaken);
}

} // namespace
