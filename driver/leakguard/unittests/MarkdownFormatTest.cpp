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
            "&lt;script&gt;alert(1)&lt;/script&gt;");
  EXPECT_EQ(escapeMarkdown("a & \"b\""), "a &amp; &quot;b&quot;");
  EXPECT_EQ(escapeMarkdown("<!-- hidden -->"), "&lt;!-- hidden --&gt;");
}

TEST(EscapeMarkdownTest, MarkdownSyntaxIsBackslashed) {
  EXPECT_EQ(escapeMarkdown("a|b"), "a\\|b");
  EXPECT_EQ(escapeMarkdown("`code`"), "\\`code\\`");
  EXPECT_EQ(escapeMarkdown("[x](y)"), "\\[x\\](y)");
  EXPECT_EQ(escapeMarkdown("**b** _i_ ~s~ #1"),
            "\\*\\*b\\*\\* \\_i\\_ \\~s\\~ \\#1");
  EXPECT_EQ(escapeMarkdown("a\\b"), "a\\\\b");
  EXPECT_EQ(escapeMarkdown("https://x.example"), "https\\://x.example");
  // What marks up only at the start of a line is escaped only there.
  EXPECT_EQ(escapeMarkdown("-x a-b.c (d) {e}"), "\\-x a-b.c (d) {e}");
  EXPECT_EQ(escapeMarkdown("+x"), "\\+x");
  EXPECT_EQ(escapeMarkdown("1. item"), "1\\. item");
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

TEST(MarkdownReportTest, FindingsByFileAndEachCheckExplainedOnce) {
  std::vector<Finding> Fs = {
      finding("leak-unreleased-resource", "res", loc("/p/a.cpp", 1)),
      finding("custom-check", "other", loc("/p/a.cpp", 2)),
      finding("leak-unreleased-resource", "res2", loc("/p/a.cpp", 5)),
      finding("leak-unjoined-thread", "thr", loc("/p/z.cpp", 9))};
  ReportInput In;
  In.Findings = Fs;
  In.Root = "/p";
  In.DocBaseUrl = "https://example.com/lg";
  std::string Out = markdown(In);
  size_t A = Out.find("### a.cpp\n");
  size_t Z = Out.find("### z.cpp\n");
  ASSERT_NE(A, std::string::npos) << Out;
  ASSERT_NE(Z, std::string::npos) << Out;
  EXPECT_LT(A, Z);
  EXPECT_NE(Out.find("L9 `leak-unjoined-thread` thr\n"), std::string::npos)
      << Out;
  EXPECT_NE(Out.find("L2 custom-check other\n"), std::string::npos) << Out;
  EXPECT_NE(Out.find("[Documentation](https://example.com/lg/docs/checks/"
                     "leak-unjoined-thread.md)"),
            std::string::npos);
  EXPECT_NE(Out.find("| Other checks | custom-check | 1 |\n"),
            std::string::npos);
  // A known check is explained once however many findings it has; an
  // unknown one cannot be.
  EXPECT_EQ(count(Out, "- `leak-unreleased-resource`: "), 1u) << Out;
  EXPECT_EQ(count(Out, "- `leak-unjoined-thread`: "), 1u);
  EXPECT_EQ(count(Out, "custom-check`: "), 0u);
  // Each finding of a known check says how to silence it.
  EXPECT_EQ(count(Out, "`// NOLINT(leak-unreleased-resource)`"), 2u);
  EXPECT_EQ(count(Out, "NOLINT(custom"), 0u);
}

TEST(MarkdownReportTest, LinksToTheReviewedCommit) {
  std::vector<Finding> Fs = {
      finding("leak-unreleased-resource", "res", loc("/p/src/a b#.cpp", 4))};
  Fs[0].Notes.push_back({loc("/p/src/a b#.cpp", 9), "leaks here"});
  Fs[0].Notes.push_back({loc("/p/inc/h.h", 2), "elsewhere"});
  ReportInput In;
  In.Findings = Fs;
  In.Root = "/p";
  In.LinkBase = "https://git.example/o/r/blob/abc1234";
  std::string Out = markdown(In);
  EXPECT_NE(Out.find("[L4](https://git.example/o/r/blob/abc1234/src/"
                     "a%20b%23.cpp#L4)"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("[L9](https://git.example/o/r/blob/abc1234/src/"
                     "a%20b%23.cpp#L9): leaks here"),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("[inc/h.h\\:2](https://git.example/o/r/blob/abc1234/"
                     "inc/h.h#L2): elsewhere"),
            std::string::npos)
      << Out;
}

TEST(MarkdownReportTest, AReviewOfAChangeListsOnlyChecksWithFindings) {
  std::vector<Finding> Fs = {
      finding("leak-unreleased-resource", "res", loc("/p/a.cpp", 1))};
  ReportInput In;
  In.Findings = Fs;
  In.Root = "/p";
  In.ChangedOnly = true;
  std::string Out = markdown(In);
  EXPECT_NE(Out.find("| Resources | `leak-unreleased-resource` | 1 |"),
            std::string::npos);
  EXPECT_EQ(Out.find("`leak-unjoined-thread` | 0"), std::string::npos) << Out;
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
  // The report's own marker and folds are the only '<'.
  EXPECT_EQ(count(Out, "<"), 1u + 4u * count(Out, "<details>")) << Out;
  EXPECT_EQ(Out.find("<!-- leakguard-report -->"), 0u);
  EXPECT_EQ(Out.find("](https://evil"), std::string::npos) << Out;
  EXPECT_EQ(Out.find("@admin"), std::string::npos);
  EXPECT_NE(Out.find("n\\|ote.cpp\\:2: note &lt;img src=x "
                     "onerror=alert(1)&gt; \\*\\*bold\\*\\* \\| pipe "
                     "&lt;!-- x --&gt; · "),
            std::string::npos)
      << Out;
  EXPECT_NE(Out.find("> - &lt;script&gt;bad&lt;/script&gt;.cpp\n"),
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
  EXPECT_NE(Out.find("L1 x\\`&lt;img src=x onerror=alert(1)&gt;\\` m\n"),
            std::string::npos)
      << Out;
  // No explanation, link or NOLINT line for a check LeakGuard does not have.
  EXPECT_EQ(Out.find("Why these leak"), std::string::npos) << Out;
  EXPECT_EQ(Out.find("NOLINT("), std::string::npos) << Out;
}

TEST(MarkdownReportTest, ExcerptFenceIsLongerThanAnyBacktickRun) {
  TempDir Dir;
  std::string File = Dir.write(
      "a.cpp", "int a;\nconst char *S = R\"(```` <b>)\";\nint T = 0;\n");
  std::vector<Finding> Fs = {
      finding("leak-unbounded-cache", "m", loc(File, 3))};
  Fs[0].Notes.push_back({loc(File, 2), "grows here"});
  SourceFiles Sources;
  ReportInput In;
  In.Findings = Fs;
  In.Root = Dir.path();
  In.Sources = &Sources;
  std::string Out = markdown(In);
  EXPECT_NE(Out.find("`````cpp\n"
                     "2 | const char *S = R\"(```` <b>)\";\n"
                     "3 > int T = 0;\n"
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
    // Some in full, more by line number, the rest counted.
    size_t Full = count(Out, "\nL");
    // Each mention of the check, less the table's and the explanation's.
    size_t ByLine = count(Out, " `leak-unreleased-resource`") - Full - 1 -
                    count(Out, "- `leak-unreleased-resource`: ");
    EXPECT_GT(Full, 0u);
    EXPECT_GT(ByLine, Full);
    size_t Shown = Full + ByLine;
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

TEST(MarkdownReportTest, FourHundredFindingsAreAllListedByLink) {
  ManyFindings M(400);
  M.In.LinkBase = "https://github.com/owner/repo/blob/"
                  "0123456789abcdef0123456789abcdef01234567/";
  std::string Out = markdown(M.In, 65536);
  EXPECT_LE(Out.size(), 65536u);
  EXPECT_EQ(Out.find("left out"), std::string::npos);
  // Every finding's line is linked, in full or by line number.
  for (unsigned I = 1; I <= 400; ++I)
    EXPECT_NE(Out.find("many.cpp#L" + std::to_string(I) + ")"),
              std::string::npos)
        << I;
}

TEST(MarkdownReportTest, NoLeftOutNoteWhenEverythingFits) {
  ManyFindings M(3);
  std::string Out = markdown(M.In);
  EXPECT_EQ(count(Out, "\nL"), 3u);
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
  EXPECT_EQ(count(Out, "\nL"), 10u);
}

} // namespace
