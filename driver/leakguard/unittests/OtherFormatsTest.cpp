//===--- OtherFormatsTest.cpp - Tests of the text, JSON and fixes reports -===//

#include "Formats.h"
#include "TestSupport.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

using namespace clang::tidy::leak::driver;
using namespace clang::tidy::leak::driver::test;
namespace json = llvm::json;

namespace {

template <typename Writer>
std::string render(Writer Write, const ReportInput &In) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  Write(OS, In);
  return S;
}

TEST(TextFormatTest, ClangStyleWithSourceLineAndCaretKeepingTabs) {
  TempDir Dir;
  std::string File = Dir.write("a.cpp", "void f() {\n\tint  Fd = open();\n}\n");
  std::vector<Finding> Fs = {
      finding("leak-unreleased-resource", "leaks 'Fd'", loc(File, 2, 7))};
  Fs[0].Notes.push_back({loc(File, 3, 1), "returns here"});
  Fs[0].Notes.push_back({loc(Dir.path("gone.h"), 1, 1), "no source"});
  SourceFiles Sources;
  ReportInput In;
  In.Findings = Fs;
  In.Root = Dir.path();
  In.Sources = &Sources;
  EXPECT_EQ(render(writeText, In),
            "a.cpp:2:7: warning: leaks 'Fd' [leak-unreleased-resource]\n"
            "    2 | \tint  Fd = open();\n"
            "      | \t     ^\n"
            "a.cpp:3:1: note: returns here\n"
            "    3 | }\n"
            "      | ^\n"
            "gone.h:1:1: note: no source\n");
}

TEST(JsonFormatTest, RelativePathsAndSummary) {
  std::vector<Finding> Fs = {
      finding("leak-unbounded-cache", "grows", loc("/p/src/c.cpp", 4, 2))};
  Fs[0].Fingerprint = "abc";
  Fs[0].Notes.push_back({loc("/p/src/c.cpp", 8, 3), "inserted here"});
  Fs[0].Fixes.push_back({"/p/src/c.cpp", 10, 2, "x"});
  std::vector<UnitFailure> Failures = {{"/p/bad.cpp", "crashed"}};
  ReportInput In;
  In.Findings = Fs;
  In.Failures = Failures;
  In.Root = "/p";
  In.UnitsAnalysed = 5;
  In.SuppressedByBaseline = 2;
  In.OutsideDiff = 1;
  llvm::Expected<json::Value> V = json::parse(render(writeJson, In));
  ASSERT_TRUE(bool(V)) << llvm::toString(V.takeError());
  const json::Object &O = *V->getAsObject();
  EXPECT_EQ(O.getString("tool"), "leakguard");
  const json::Object &F = *(*O.getArray("findings"))[0].getAsObject();
  EXPECT_EQ(F.getString("file"), "src/c.cpp");
  EXPECT_EQ(F.getInteger("line"), 4);
  EXPECT_EQ(F.getInteger("column"), 2);
  EXPECT_EQ(F.getString("check"), "leak-unbounded-cache");
  EXPECT_EQ(F.getString("fingerprint"), "abc");
  const json::Object &N = *(*F.getArray("notes"))[0].getAsObject();
  EXPECT_EQ(N.getString("file"), "src/c.cpp");
  EXPECT_EQ(N.getInteger("line"), 8);
  EXPECT_EQ(N.getString("message"), "inserted here");
  const json::Object &X = *(*F.getArray("fixes"))[0].getAsObject();
  EXPECT_EQ(X.getString("file"), "src/c.cpp");
  EXPECT_EQ(X.getInteger("offset"), 10);
  EXPECT_EQ(X.getInteger("length"), 2);
  EXPECT_EQ(X.getString("text"), "x");
  const json::Object &E = *(*O.getArray("errors"))[0].getAsObject();
  EXPECT_EQ(E.getString("file"), "bad.cpp");
  EXPECT_EQ(E.getString("message"), "crashed");
  const json::Object &S = *O.getObject("summary");
  EXPECT_EQ(S.getInteger("findings"), 1);
  EXPECT_EQ(S.getInteger("unitsAnalysed"), 5);
  EXPECT_EQ(S.getInteger("unitsFailed"), 1);
  EXPECT_EQ(S.getInteger("suppressedByBaseline"), 2);
  EXPECT_EQ(S.getInteger("outsideDiff"), 1);
}

TEST(FixesFormatTest, ClangApplyReplacementsYaml) {
  std::vector<Finding> Fs = {
      finding("leak-unjoined-thread", "joinable", loc("/p/a.cpp", 3, 3, 42))};
  Fs[0].Fixes.push_back({"/p/a.cpp", 42, 11, "std::jthread"});
  Fs[0].Notes.push_back({loc("/p/a.cpp", 5, 1, 80), "returns here"});
  ReportInput In;
  In.Findings = Fs;
  std::string Y = render(writeFixes, In);
  for (const char *Expected :
       {"DiagnosticName:  leak-unjoined-thread", "Message:         joinable",
        "FilePath:        '/p/a.cpp'", "FileOffset:      42",
        "Offset:          42", "Length:          11",
        "ReplacementText: 'std::jthread'", "Message:         returns here",
        "FileOffset:      80", "Level:           Warning"})
    EXPECT_NE(Y.find(Expected), std::string::npos) << Expected << "\n" << Y;
}

} // namespace
