//===--- GithubFormatTest.cpp - Tests of GitHub Actions annotations -------===//

#include "Formats.h"
#include "TestSupport.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

using namespace clang::tidy::leak::driver;
using namespace clang::tidy::leak::driver::test;

namespace {

std::string github(const ReportInput &In) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  writeGithub(OS, In);
  return S;
}

TEST(GithubFormatTest, OneAnnotationPerFindingWithNotesInTheMessage) {
  std::vector<Finding> Fs = {finding("leak-unjoined-thread",
                                     "thread 'T' may be destroyed",
                                     loc("/p/src/a.cpp", 7, 15))};
  Fs[0].Notes.push_back({loc("/p/src/a.cpp", 9, 3), "returns here"});
  ReportInput In;
  In.Findings = Fs;
  In.Root = "/p";
  EXPECT_EQ(github(In), "::warning file=src/a.cpp,line=7,col=15,"
                        "title=leak-unjoined-thread::thread 'T' may be "
                        "destroyed%0Asrc/a.cpp:9: note: returns here\n");
}

TEST(GithubFormatTest, MessageDataEscapesPercentAndLineBreaksOnly) {
  std::vector<Finding> Fs = {finding(
      "leak-x", "100% sure\r\nline two :: a, b: c", loc("/p/a.cpp", 1, 2))};
  Fs[0].Level = "error";
  ReportInput In;
  In.Findings = Fs;
  In.Root = "/p";
  EXPECT_EQ(github(In), "::error file=a.cpp,line=1,col=2,title=leak-x::100%25 "
                        "sure%0D%0Aline two :: a, b: c\n");
}

TEST(GithubFormatTest, PropertiesAlsoEscapeColonsAndCommas) {
  std::vector<Finding> Fs = {
      finding("odd,check:name", "m", loc("/p/dir,1/a:b%c.cpp", 3, 4))};
  ReportInput In;
  In.Findings = Fs;
  In.Root = "/p";
  EXPECT_EQ(github(In), "::warning file=dir%2C1/a%3Ab%25c.cpp,line=3,col=4,"
                        "title=odd%2Ccheck%3Aname::m\n");
}

TEST(GithubFormatTest, FailedUnitsAreErrorsTitledLeakguard) {
  std::vector<UnitFailure> Failures = {
      {"/p/b,c.cpp", "does not compile:\nerror: x"}};
  ReportInput In;
  In.Failures = Failures;
  In.Root = "/p";
  EXPECT_EQ(
      github(In),
      "::error file=b%2Cc.cpp,title=leakguard::does not compile:%0Aerror: "
      "x\n");
}

TEST(GithubFormatTest, NothingToReportWritesNothing) {
  ReportInput In;
  EXPECT_EQ(github(In), "");
}

TEST(GithubFormatTest, ErrorsFirstAndAtMostTenOfEachLevel) {
  std::vector<Finding> Fs;
  Fs.reserve(13);
  for (unsigned I = 0; I < 12; ++I)
    Fs.push_back(finding("leak-unbounded-cache", "w" + std::to_string(I),
                         loc("/p/a.cpp", I + 1, 1)));
  Fs.push_back(finding("leak-unjoined-thread", "e", loc("/p/z.cpp", 1, 1)));
  Fs.back().Level = "error";
  ReportInput In;
  In.Findings = Fs;
  In.Root = "/p";
  std::string Out = github(In);
  llvm::SmallVector<llvm::StringRef, 16> Lines;
  llvm::StringRef(Out).split(Lines, '\n', -1, /*KeepEmpty=*/false);
  ASSERT_EQ(Lines.size(), 12u); // 1 error, 10 warnings, 1 notice.
  EXPECT_TRUE(Lines[0].starts_with("::error file=z.cpp"));
  EXPECT_TRUE(Lines[10].ends_with("::w9"));
  EXPECT_EQ(Lines[11], "::notice title=leakguard::2 more findings or failures "
                       "than GitHub shows in one step: see the job summary or "
                       "the SARIF report");
}

} // namespace
