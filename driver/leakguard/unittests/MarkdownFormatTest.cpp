//===--- MarkdownFormatTest.cpp - Tests of the Markdown reviewer report ---===//

#include "Formats.h"
#include "TestSupport.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

using namespace clang::tidy::leak::driver;
using namespace clang::tidy::leak::driver::test;

namespace {

std::string markdown(const ReportInput &In, size_t MaxChars = 60000) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  writeMarkdown(OS, In, MaxChars);
  return S;
}

size_t count(llvm::StringRef Text, llvm::StringRef What) {
  return Text.count(What);
}

TEST(EscapeMarkdownTest, HtmlBecomesEntities) {
  EXPECT_EQ(escapeMarkdown("<script>alert(1)</script>"),
            "&lt;script&gt;alert\\(1\\)&lt;/script&gt;");
  EXPECT_EQ(escapeMarkdown("a & \"b\""), "a &amp; &quot;b&quot;");
  EXPECT_EQ(escapeMarkdown("<!-- hidden -->"),
            "&lt;\\!\\-\\- hidden \\-\\-&gt;");
}

TEST(EscapeMarkdownTest, MarkdownSyntaxIsBackslashed) {
  EXPECT_EQ(escapeMarkdown("a|b"), "a\\|b");
  EXPECT_EQ(escapeMarkdown("`code`"), "\\`code\\`");
  EXPECT_EQ(escapeMarkdown("[x](y)"), "\\[x\\]\\(y\\)");
  EXPECT_EQ(escapeMarkdown("**b** _i_ ~s~ #1"),
            "\\*\\*b\\*\\* \\_i\\_ \\~s\\~ \\#1");
  EXPECT_EQ(escapeMarkdown("a\\b"), "a\\\\b");
  EXPECT_EQ(escapeMarkdown("https://x.example"), "https\\://x\\.example");
}

TEST(EscapeMarkdownTest, NoMentionsAndNoLineBreaks) {
  EXPECT_EQ(escapeMarkdown("@team"), "&#64;team");
  EXPECT_EQ(escapeMarkdown("one\ntwo\r\nthree"), "one two  three");
  EXPECT_EQ(escapeMarkdown("plain words 42"), "plain words 42");
}

TEST(MarkdownReportTest, SummaryWithoutFindings) {
  ReportInput In;
  In.UnitsAnalysed = 2;
  std::string Out = markdown(In);
  EXPECT_EQ(Out, "<!-- leakguard-report -->\n## LeakGuard report\n\n"
                 "No leak findings (2 translation units).\n\n");
}

TEST(MarkdownReportTest, SummaryCountsFilesBaselineAndDiff) {
  std::vector<Finding> Fs = {
      finding("leak-unreleased-resource", "m", loc("/p/a.cpp", 1)),
      finding("leak-unreleased-resource", "m", loc("/p/a.cpp", 5)),
      finding("leak-unjoined-thread", "m", loc("/p/b.cpp", 2))};
  ReportInput In;
  In.Findings = Fs;
  In.Root = "/p";
  In.UnitsAnalysed = 4;
  In.SuppressedByBaseline = 7;
  In.OutsideDiff = 3;
  std::string Out = markdown(In);
  EXPECT_NE(Out.find("**3 findings** in 2 files (4 translation units, 7 "
                     "known findings in the baseline, 3 findings outside the "
                     "changed lines).\n"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("| Resources | `leak-unreleased-resource` | 2 |\n"),
            std::string::npos);
  EXPECT_NE(Out.find("| Thread creation | `leak-unjoined-thread` | 1 |\n"),
            std::string::npos);
  EXPECT_NE(Out.find("| Caches | `leak-unbounded-cache` | 0 |\n"),
            std::string::npos);
  EXPECT_EQ(Out.find("left out"), std::string::npos);
}

TEST(MarkdownReportTest, SectionsFollowTheChecklistOrder) {
  std::vector<Finding> Fs = {
      finding("leak-unreleased-resource", "res", loc("/p/a.cpp", 1)),
      finding("custom-check", "other", loc("/p/a.cpp", 2)),
      finding("leak-unjoined-thread", "thr", loc("/p/z.cpp", 9))};
  ReportInput In;
  In.Findings = Fs;
  In.Root = "/p";
  In.DocBaseUrl = "https://example.com/lg";
  std::string Out = markdown(In);
  size_t Thread = Out.find("### Thread creation\n");
  size_t Resources = Out.find("### Resources\n");
  size_t Other = Out.find("### Other checks\n");
  ASSERT_NE(Thread, std::string::npos) << Out;
  ASSERT_NE(Resources, std::string::npos) << Out;
  ASSERT_NE(Other, std::string::npos) << Out;
  EXPECT_LT(Thread, Resources);
  EXPECT_LT(Resources, Other);
  EXPECT_NE(Out.find("#### z\\.cpp\\:9: thr (`leak-unjoined-thread`)\n"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("[Documentation of `leak-unjoined-thread`](https://"
                     "example.com/lg/docs/checks/leak-unjoined-thread.md)"),
            std::string::npos);
  EXPECT_NE(Out.find("| Other checks | custom\\-check | 1 |\n"),
            std::string::npos);
  // A known check explains itself; an unknown one cannot.
  EXPECT_EQ(count(Out, "**Why it leaks:**"), 2u);
}

TEST(MarkdownReportTest, CraftedMessagesNotesAndPathsInjectNothing) {
  std::vector<Finding> Fs = {finding(
      "leak-unjoined-thread",
      "thread '<b>x</b>' [click](https://evil.example) `code` #1 @admin",
      loc("/p/<img src=x onerror=alert(1)>.cpp", 3))};
  Fs[0].Notes.push_back(
      {loc("/p/n|ote.cpp", 2),
       "note <img src=x onerror=alert(1)> **bold** | pipe <!-- x -->"});
  std::vector<UnitFailure> Failures = {
      {"/p/<script>bad</script>.cpp", "crash"}};
  ReportInput In;
  In.Findings = Fs;
  In.Failures = Failures;
  In.Root = "/p";
  std::string Out = markdown(In);
  // The report's own marker is the only '<'.
  EXPECT_EQ(count(Out, "<"), 1u) << Out;
  EXPECT_EQ(Out.find("<!-- leakguard-report -->"), 0u);
  EXPECT_EQ(Out.find("](https://evil"), std::string::npos) << Out;
  EXPECT_EQ(Out.find("@admin"), std::string::npos);
  EXPECT_NE(Out.find("- note at n\\|ote\\.cpp\\:2: note &lt;img src=x "
                     "onerror=alert\\(1\\)&gt; \\*\\*bold\\*\\* \\| pipe "
                     "&lt;\\!\\-\\- x \\-\\-&gt;\n"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("> - &lt;script&gt;bad&lt;/script&gt;\\.cpp\n"),
            std::string::npos)
      << Out;
}

TEST(MarkdownReportTest, CraftedUnknownCheckNameInjectsNothing) {
  // Check names of other tools or of --from-results are not ours.
  std::vector<Finding> Fs = {
      finding("x`<img src=x onerror=alert(1)>`", "m", loc("/p/a.cpp", 1))};
  ReportInput In;
  In.Findings = Fs;
  In.Root = "/p";
  std::string Out = markdown(In);
  EXPECT_EQ(Out.find("<img"), std::string::npos) << Out;
  EXPECT_NE(Out.find("#### a\\.cpp\\:1: m (x\\`&lt;img src=x "
                     "onerror=alert\\(1\\)&gt;\\`)\n"),
            std::string::npos)
      << Out;
  // No link to a documentation page LeakGuard does not have.
  EXPECT_EQ(Out.find("[Documentation of"), std::string::npos) << Out;
}

TEST(MarkdownReportTest, ExcerptFenceIsLongerThanAnyBacktickRun) {
  TempDir Dir;
  std::string File = Dir.write(
      "a.cpp", "int a;\nconst char *S = R\"(```` <b>)\";\nint T = 0;\n");
  std::vector<Finding> Fs = {
      finding("leak-unbounded-cache", "m", loc(File, 3))};
  SourceFiles Sources;
  ReportInput In;
  In.Findings = Fs;
  In.Root = Dir.path();
  In.Sources = &Sources;
  std::string Out = markdown(In);
  EXPECT_NE(Out.find("`````cpp\n"
                     "    1 | int a;\n"
                     "    2 | const char *S = R\"(```` <b>)\";\n"
                     "    3 > int T = 0;\n"
                     "`````\n"),
            std::string::npos)
      << Out;
}

/// \p N findings, each with a quoted source line, in one file.
struct ManyFindings {
  explicit ManyFindings(unsigned N) {
    std::string Code;
    for (unsigned I = 1; I <= N; ++I)
      Code += "  int Fd" + std::to_string(I) + " = open(\"/dev/null\", 0);\n";
    File = Dir.write("many.cpp", Code);
    for (unsigned I = 1; I <= N; ++I) {
      Fs.push_back(finding("leak-unreleased-resource",
                           "file descriptor 'Fd" + std::to_string(I) +
                               "' is not closed on every path",
                           loc(File, I, 12)));
      Fs.back().Notes.push_back({loc(File, I), "returns here"});
    }
    In.Findings = Fs;
    In.Root = Dir.path();
    In.Sources = &Sources;
  }
  TempDir Dir;
  std::string File;
  std::vector<Finding> Fs;
  SourceFiles Sources;
  ReportInput In;
};

TEST(MarkdownReportTest, CapKeepsTheReportBelowTheLimitAndSaysWhatIsLeftOut) {
  ManyFindings M(3000);
  for (size_t Max : {size_t(65536), size_t(60000), size_t(5000)}) {
    std::string Out = markdown(M.In, Max);
    EXPECT_LE(Out.size(), Max);
    size_t Shown = count(Out, "\n#### ");
    EXPECT_GT(Shown, 0u);
    EXPECT_LT(Shown, 3000u);
    EXPECT_NE(Out.find("**" + std::to_string(3000 - Shown) +
                       " of 3000 findings were left out** to stay within the "
                       "size of a comment"),
              std::string::npos)
        << Max;
    // The summary still counts everything.
    EXPECT_NE(Out.find("**3000 findings** in 1 file"), std::string::npos);
    EXPECT_NE(Out.find("| Resources | `leak-unreleased-resource` | 3000 |"),
              std::string::npos);
  }
}

TEST(MarkdownReportTest, NoLeftOutNoteWhenEverythingFits) {
  ManyFindings M(3);
  std::string Out = markdown(M.In);
  EXPECT_EQ(count(Out, "\n#### "), 3u);
  EXPECT_EQ(Out.find("left out"), std::string::npos);
}

TEST(MarkdownReportTest, CapHoldsWithManyFailedUnits) {
  std::vector<UnitFailure> Failures;
  Failures.reserve(3000);
  for (unsigned I = 0; I < 3000; ++I)
    Failures.push_back({"/p/src/generated/unit_" + std::to_string(I) + ".cpp",
                        "the analysis crashed"});
  ManyFindings M(10);
  M.In.Failures = Failures;
  std::string Out = markdown(M.In, 65536);
  EXPECT_LE(Out.size(), 65536u);
  EXPECT_NE(Out.find("3000 translation unit(s) could not be analysed"),
            std::string::npos);
  EXPECT_EQ(count(Out, "> - /p/src/generated/unit\\_"), 20u);
  EXPECT_NE(Out.find("> - and 2980 more (the SARIF or JSON report lists all "
                     "of them)\n"),
            std::string::npos);
  // Room is left for the findings.
  EXPECT_EQ(count(Out, "\n#### "), 10u);
}

} // namespace
