//===--- ProjectSummariesTest.cpp - The summary store and its index -------===//

#include "utils/ProjectSummaries.h"
#include "utils/ApiModel.h"
#include "utils/Summarize.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"
#include <chrono>
#include <sqlite3.h>
#include <thread>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::leak::utils;

namespace {

ExternalSummary sink(llvm::StringRef Usr, llvm::StringRef Params,
                     std::vector<std::vector<Forward>> Forwards = {}) {
  ExternalSummary S;
  S.Usr = Usr.str();
  S.Name = Usr.str();
  S.Params = Params.str();
  S.Forwards = std::move(Forwards);
  return S;
}

UnitSummaries unit(std::vector<ExternalSummary> Functions) {
  UnitSummaries U;
  U.Functions = std::move(Functions);
  return U;
}

TEST(SummaryIndexTest, ForwardsResolveToTheEndOfTheChain) {
  std::vector<UnitSummaries> Units = {
      unit({sink("toFree", "b", {{{"frees", 0}}}),
            sink("toPrint", "b", {{{"prints", 0}}}),
            sink("toUnknown", "b", {{{"nowhere", 0}}}),
            sink("toBoth", "b", {{{"prints", 0}, {"frees", 0}}})}),
      unit({sink("frees", "k"), sink("prints", "b")})};
  SummaryIndex Index = SummaryIndex::build(Units);
  EXPECT_EQ(Index.function("toFree")->param(0), ParamFate::Kept);
  EXPECT_EQ(Index.function("toPrint")->param(0), ParamFate::Borrowed);
  EXPECT_EQ(Index.function("toUnknown")->param(0), ParamFate::Kept);
  EXPECT_EQ(Index.function("toBoth")->param(0), ParamFate::Kept);
  EXPECT_EQ(Index.function("prints")->param(1), ParamFate::Unknown);
}

TEST(SummaryIndexTest, ACycleOfForwardsKeeps) {
  std::vector<UnitSummaries> Units = {unit({sink("a", "b", {{{"b", 0}}})}),
                                      unit({sink("b", "b", {{{"a", 0}}})})};
  SummaryIndex Index = SummaryIndex::build(Units);
  EXPECT_EQ(Index.function("a")->param(0), ParamFate::Kept);
  EXPECT_EQ(Index.function("b")->param(0), ParamFate::Kept);
}

TEST(SummaryIndexTest, AFunctionDefinedTwiceIsUnknown) {
  std::vector<UnitSummaries> Units = {unit({sink("twice", "b")}),
                                      unit({sink("twice", "k")}),
                                      unit({sink("once", "b")})};
  SummaryIndex Index = SummaryIndex::build(Units);
  EXPECT_EQ(Index.function("twice"), nullptr);
  ASSERT_NE(Index.function("once"), nullptr);
}

TEST(SummaryIndexTest, AMutableGlobalIsAConstantOnlyWhileNobodyWritesIt) {
  UnitSummaries Lib;
  Lib.Constants = {{"c:@Five", "Five", 5, /*Mutable=*/true},
                   {"c:@Verbose", "Verbose", 0, /*Mutable=*/true},
                   {"c:@Two", "Two", 2, /*Mutable=*/false}};
  UnitSummaries Main;
  Main.Written = {"c:@Verbose"};
  std::vector<UnitSummaries> Units = {Lib, Main};
  // Looked up through the declaration another unit has.
  auto ValueOf = [](const SummaryIndex &Index, llvm::StringRef Name) {
    auto AST = tooling::buildASTFromCodeWithArgs(
        ("extern int " + Name + ";").str(), {"-xc"}, "t.c");
    auto Vs = match(varDecl(hasName(Name)).bind("v"), AST->getASTContext());
    return Index.constant(Vs[0].getNodeAs<VarDecl>("v"));
  };
  SummaryIndex Complete = SummaryIndex::build(Units, /*Complete=*/true);
  EXPECT_EQ(ValueOf(Complete, "Five"), 5);
  EXPECT_EQ(ValueOf(Complete, "Verbose"), std::nullopt);
  EXPECT_EQ(ValueOf(Complete, "Two"), 2);
  SummaryIndex Partial = SummaryIndex::build(Units, /*Complete=*/false);
  EXPECT_EQ(ValueOf(Partial, "Five"), std::nullopt);
  EXPECT_EQ(ValueOf(Partial, "Two"), 2);
}

TEST(SummaryIndexTest, JsonRoundTrip) {
  UnitSummaries U = unit({sink("s", "bk", {{{"t", 1}}})});
  U.Functions[0].NeverReturns = true;
  U.Functions[0].ReturnsConstant = -7;
  U.Functions[0].ReturnsKind = "libc:heap memory";
  U.Functions[0].ValidityParam = 0;
  U.Functions[0].ValidityOp = ">=";
  U.Functions[0].ValidityValue = 0;
  U.Constants.push_back({"c:@K", "K", 42});
  std::string Text;
  llvm::raw_string_ostream(Text) << toJSON(U);
  llvm::Expected<UnitSummaries> Back = unitSummariesFromJSON(Text);
  ASSERT_TRUE(static_cast<bool>(Back)) << llvm::toString(Back.takeError());
  ASSERT_EQ(Back->Functions.size(), 1u);
  EXPECT_EQ(Back->Functions[0], U.Functions[0]);
  EXPECT_EQ(Back->Constants[0].Value, 42);
  llvm::Expected<UnitSummaries> Bad =
      unitSummariesFromJSON(R"({"functions": [{"usr": 3}]})");
  EXPECT_FALSE(static_cast<bool>(Bad));
  llvm::consumeError(Bad.takeError());
}

TEST(SummaryStoreTest, WriteReplacesAndReadReturnsIt) {
  llvm::SmallString<128> Path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("store", "sqlite", Path));
  llvm::sys::fs::remove(Path);
  llvm::FileRemover Remove(Path);
  std::vector<std::pair<std::string, UnitSummaries>> First = {
      {"a.c", unit({sink("a", "b")})}, {"b.c", unit({sink("b", "k")})}};
  ASSERT_FALSE(static_cast<bool>(store::write(Path, First)));
  std::vector<std::pair<std::string, UnitSummaries>> Second = {
      {"b.c", unit({sink("b", "b")})}};
  ASSERT_FALSE(static_cast<bool>(store::write(Path, Second)));
  llvm::Expected<std::vector<UnitSummaries>> Read = store::read(Path);
  ASSERT_TRUE(static_cast<bool>(Read)) << llvm::toString(Read.takeError());
  ASSERT_EQ(Read->size(), 1u);
  EXPECT_EQ((*Read)[0].Functions[0].Params, "b");
}

TEST(SummaryStoreTest, AFileThatIsNotAStoreIsNamed) {
  llvm::SmallString<128> Path;
  ASSERT_FALSE(llvm::sys::fs::createTemporaryFile("store", "sqlite", Path));
  llvm::FileRemover Remove(Path);
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Path, EC);
    OS << std::string(200, 'x');
  }
  llvm::Expected<std::vector<UnitSummaries>> Read = store::read(Path);
  ASSERT_FALSE(static_cast<bool>(Read));
  std::string Message = llvm::toString(Read.takeError());
  EXPECT_NE(Message.find(std::string(Path)), std::string::npos) << Message;
  EXPECT_NE(Message.find("not a LeakGuard summary store"), std::string::npos)
      << Message;
  llvm::Error Write = store::write(Path, {});
  EXPECT_TRUE(static_cast<bool>(Write));
  llvm::consumeError(std::move(Write));
}

/// A store at a fresh temporary path holding one unit, "a.c", whose
/// function `a` borrows its parameter.
std::string storeWithOneUnit() {
  llvm::SmallString<128> Path;
  if (llvm::sys::fs::createTemporaryFile("store", "sqlite", Path))
    return "";
  llvm::sys::fs::remove(Path);
  std::vector<std::pair<std::string, UnitSummaries>> Units = {
      {"a.c", unit({sink("a", "b")})}};
  if (llvm::Error E = store::write(Path, Units)) {
    llvm::consumeError(std::move(E));
    return "";
  }
  return std::string(Path);
}

/// Begins a write transaction on \p Path that empties the store, without
/// committing it: a run that is killed in the middle of its write.
sqlite3 *beginUnfinishedWrite(const std::string &Path) {
  sqlite3 *Db = nullptr;
  if (sqlite3_open_v2(Path.c_str(), &Db, SQLITE_OPEN_READWRITE, nullptr) !=
      SQLITE_OK)
    return nullptr;
  sqlite3_exec(Db, "BEGIN IMMEDIATE; DELETE FROM units;", nullptr, nullptr,
               nullptr);
  return Db;
}

TEST(SummaryStoreTest, APartialWriteKeepsTheOtherUnits) {
  std::string Path = storeWithOneUnit();
  ASSERT_FALSE(Path.empty());
  llvm::FileRemover Remove(Path);
  std::vector<std::pair<std::string, UnitSummaries>> Some = {
      {"b.c", unit({sink("b", "k")})}};
  ASSERT_FALSE(static_cast<bool>(
      store::write(Path, Some, /*Complete=*/true, /*ReplaceAll=*/false)));
  bool Complete = false;
  llvm::Expected<std::vector<UnitSummaries>> Read =
      store::read(Path, &Complete);
  ASSERT_TRUE(static_cast<bool>(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(Read->size(), 2u);
  EXPECT_TRUE(Complete);
  // A unit that failed in a partial run makes the store incomplete.
  ASSERT_FALSE(static_cast<bool>(
      store::write(Path, Some, /*Complete=*/false, /*ReplaceAll=*/false)));
  Read = store::read(Path, &Complete);
  ASSERT_TRUE(static_cast<bool>(Read));
  EXPECT_FALSE(Complete);
}

TEST(SummaryStoreTest, AWriteKilledMidwayLeavesTheStoreWhole) {
  std::string Path = storeWithOneUnit();
  ASSERT_FALSE(Path.empty());
  llvm::FileRemover Remove(Path);
  sqlite3 *Writer = beginUnfinishedWrite(Path);
  ASSERT_NE(Writer, nullptr);
  // A reader during the write sees the old content.
  llvm::Expected<std::vector<UnitSummaries>> During = store::read(Path);
  ASSERT_TRUE(static_cast<bool>(During)) << llvm::toString(During.takeError());
  EXPECT_EQ(During->size(), 1u);
  // The writer dies without committing.
  sqlite3_close(Writer);
  llvm::Expected<std::vector<UnitSummaries>> After = store::read(Path);
  ASSERT_TRUE(static_cast<bool>(After)) << llvm::toString(After.takeError());
  ASSERT_EQ(After->size(), 1u);
  EXPECT_EQ((*After)[0].Functions[0].Usr, "a");
}

TEST(SummaryStoreTest, ASecondWriterWaitsForTheFirst) {
  std::string Path = storeWithOneUnit();
  ASSERT_FALSE(Path.empty());
  llvm::FileRemover Remove(Path);
  sqlite3 *First = beginUnfinishedWrite(Path);
  ASSERT_NE(First, nullptr);
  std::thread Finish([First] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    sqlite3_exec(First, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(First);
  });
  std::vector<std::pair<std::string, UnitSummaries>> Second = {
      {"b.c", unit({sink("b", "k")})}};
  llvm::Error E = store::write(Path, Second);
  Finish.join();
  ASSERT_FALSE(static_cast<bool>(E)) << llvm::toString(std::move(E));
  llvm::Expected<std::vector<UnitSummaries>> Read = store::read(Path);
  ASSERT_TRUE(static_cast<bool>(Read)) << llvm::toString(Read.takeError());
  ASSERT_EQ(Read->size(), 1u);
  EXPECT_EQ((*Read)[0].Functions[0].Usr, "b");
}

/// The summary of function \p Name in \p Code (C).
ExternalSummary summaryOf(llvm::StringRef Code, llvm::StringRef Name) {
  auto AST = tooling::buildASTFromCodeWithArgs(
      Code, {"-xc", "-resource-dir", LEAKGUARD_CLANG_RESOURCE_DIR}, "t.c");
  if (!AST)
    return {};
  ASTContext &Ctx = AST->getASTContext();
  auto Fs = match(functionDecl(hasName(Name), isDefinition()).bind("f"), Ctx);
  if (Fs.empty())
    return {};
  const ApiModel &Model = defaultApiModel();
  EscapeOptions O;
  O.Model = &Model;
  FunctionSummaries Summaries(Ctx);
  ReturnedResources Returned;
  return summarizeFunction(Fs[0].getNodeAs<FunctionDecl>("f"), Model, O,
                           Summaries, Returned);
}

const char *CPrelude = R"c(
typedef unsigned long size_t;
void *malloc(size_t);
void free(void *);
int puts(const char *);
void exit(int) __attribute__((noreturn));
void elsewhere(char *p);
char *Saved;
)c";

TEST(SummarizeTest, ParametersKeptBorrowedOrForwarded) {
  std::string Code = std::string(CPrelude) + R"c(
void borrows(char *p, char *q) { puts(p); Saved = q; }
void frees(char *p) { free(p); }
void forwards(char *p) { elsewhere(p); }
void readsArray(char **a) { puts(a[0]); }
void freesArray(char **a) { char *d = a[0]; free(d); }
void freesThrough(char **a) { free(*a); }
void clears(char **a) { *a = 0; }
void copiesThenPrints(char *p) { char *q = p; puts(q); }
void copiesThenKeeps(char *p) { char *q = p; Saved = q; }
)c";
  EXPECT_EQ(summaryOf(Code, "borrows").Params, "bk");
  EXPECT_EQ(summaryOf(Code, "frees").Params, "k");
  ExternalSummary F = summaryOf(Code, "forwards");
  EXPECT_EQ(F.Params, "b");
  ASSERT_EQ(F.Forwards.size(), 1u);
  ASSERT_EQ(F.Forwards[0].size(), 1u);
  EXPECT_EQ(F.Forwards[0][0].Usr, "c:@F@elsewhere");
  // What a parameter points to is followed through the locals it is
  // copied into.
  EXPECT_EQ(summaryOf(Code, "readsArray").Params, "b");
  EXPECT_EQ(summaryOf(Code, "freesArray").Params, "k");
  EXPECT_EQ(summaryOf(Code, "freesThrough").Params, "k");
  EXPECT_EQ(summaryOf(Code, "clears").Params, "k");
  EXPECT_EQ(summaryOf(Code, "copiesThenPrints").Params, "b");
  EXPECT_EQ(summaryOf(Code, "copiesThenKeeps").Params, "k");
}

TEST(SummarizeTest, ReturnsAndNeverReturns) {
  std::string Code = std::string(CPrelude) + R"c(
char *fresh(void) { char *p = malloc(4); if (!p) return 0; return p; }
char *saved(void) { return Saved; }
void fatal(const char *m) { puts(m); exit(1); }
int enabled(void) { return 1; }
int valid(int fd) { return fd >= 0; }
int invalid(int fd) { return -1 == fd; }
int busy(int fd) { return fd > 2 && enabled(); }
)c";
  EXPECT_EQ(summaryOf(Code, "fresh").ReturnsKind, "libc:heap memory");
  EXPECT_EQ(summaryOf(Code, "saved").ReturnsKind, "");
  EXPECT_TRUE(summaryOf(Code, "fatal").NeverReturns);
  EXPECT_FALSE(summaryOf(Code, "enabled").NeverReturns);
  EXPECT_EQ(summaryOf(Code, "enabled").ReturnsConstant, 1);
  ExternalSummary Valid = summaryOf(Code, "valid");
  EXPECT_EQ(Valid.ValidityParam, 0);
  EXPECT_EQ(Valid.ValidityOp, ">=");
  EXPECT_EQ(Valid.ValidityValue, 0);
  ExternalSummary Invalid = summaryOf(Code, "invalid");
  EXPECT_EQ(Invalid.ValidityOp, "==");
  EXPECT_EQ(Invalid.ValidityValue, -1);
  EXPECT_EQ(summaryOf(Code, "busy").ValidityParam, -1); // Not one test.
}

} // namespace
