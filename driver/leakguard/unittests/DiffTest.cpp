//===--- DiffTest.cpp - Tests of the driver's changed-lines mode ----------===//

#include "Diff.h"
#include "TestSupport.h"
#include "llvm/Support/Program.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

using namespace clang::tidy::leak::driver;
using namespace clang::tidy::leak::driver::test;

namespace {

/// The lines among 1..\p Max of \p File that \p C contains.
std::vector<unsigned> linesOf(const ChangedLines &C, llvm::StringRef File,
                              unsigned Max = 30) {
  std::vector<unsigned> Lines;
  for (unsigned L = 1; L <= Max; ++L)
    if (C.contains(File, L))
      Lines.push_back(L);
  return Lines;
}

using Lines = std::vector<unsigned>;

ChangedLines parseOrDie(llvm::StringRef Diff, llvm::StringRef Base) {
  llvm::Expected<ChangedLines> C = parseUnifiedDiff(Diff, Base);
  if (!C) {
    ADD_FAILURE() << llvm::toString(C.takeError());
    return ChangedLines();
  }
  return std::move(*C);
}

TEST(ParseUnifiedDiffTest, GitDiffRecordsAddedAndModifiedNewSideLines) {
  const char *Diff = "diff --git a/src/io.cpp b/src/io.cpp\n"
                     "index 1111111..2222222 100644\n"
                     "--- a/src/io.cpp\n"
                     "+++ b/src/io.cpp\n"
                     "@@ -3,5 +3,6 @@ int open() {\n"
                     " context3\n"
                     "-old4\n"
                     "+new4\n"
                     "+new5\n"
                     " context6\n"
                     "-old7\n"
                     " context7\n"
                     " context8\n";
  ChangedLines C = parseOrDie(Diff, "/proj");
  EXPECT_EQ(linesOf(C, "/proj/src/io.cpp"), (Lines{4, 5}));
  // The "b/" prefix is stripped and "a/" is never used.
  EXPECT_EQ(linesOf(C, "/proj/b/src/io.cpp"), Lines{});
  EXPECT_EQ(linesOf(C, "/proj/a/src/io.cpp"), Lines{});
}

TEST(ParseUnifiedDiffTest, SeveralHunksAndFilesKeepTheirOwnLineNumbers) {
  const char *Diff = "--- a/one.cpp\n"
                     "+++ b/one.cpp\n"
                     "@@ -1,2 +1,3 @@\n"
                     "+first\n"
                     " a\n"
                     " b\n"
                     "@@ -20,2 +21,2 @@\n"
                     " c\n"
                     "-d\n"
                     "+D\n"
                     "--- a/two.cpp\n"
                     "+++ b/two.cpp\n"
                     "@@ -7,0 +8,2 @@\n"
                     "+x\n"
                     "+y\n";
  ChangedLines C = parseOrDie(Diff, "/proj");
  EXPECT_EQ(linesOf(C, "/proj/one.cpp"), (Lines{1, 22}));
  EXPECT_EQ(linesOf(C, "/proj/two.cpp"), (Lines{8, 9}));
}

TEST(ParseUnifiedDiffTest, AddedFileHasEveryLineChanged) {
  const char *Diff = "diff --git a/new.cpp b/new.cpp\n"
                     "new file mode 100644\n"
                     "index 0000000..3333333\n"
                     "--- /dev/null\n"
                     "+++ b/new.cpp\n"
                     "@@ -0,0 +1,3 @@\n"
                     "+int a;\n"
                     "+int b;\n"
                     "+int c;\n";
  ChangedLines C = parseOrDie(Diff, "/proj");
  EXPECT_EQ(linesOf(C, "/proj/new.cpp"), (Lines{1, 2, 3}));
}

TEST(ParseUnifiedDiffTest, DeletedFileRecordsNothingAndNextFileStillCounts) {
  const char *Diff = "diff --git a/gone.cpp b/gone.cpp\n"
                     "deleted file mode 100644\n"
                     "--- a/gone.cpp\n"
                     "+++ /dev/null\n"
                     "@@ -1,2 +0,0 @@\n"
                     "-int a;\n"
                     "-int b;\n"
                     "diff --git a/kept.cpp b/kept.cpp\n"
                     "--- a/kept.cpp\n"
                     "+++ b/kept.cpp\n"
                     "@@ -2,0 +3 @@\n"
                     "+int c;\n";
  ChangedLines C = parseOrDie(Diff, "/proj");
  EXPECT_EQ(linesOf(C, "/proj/gone.cpp"), Lines{});
  EXPECT_EQ(linesOf(C, "/dev/null"), Lines{});
  EXPECT_EQ(linesOf(C, "/proj/kept.cpp"), Lines{3});
}

TEST(ParseUnifiedDiffTest, RenamedFileCountsUnderItsNewName) {
  const char *Diff = "diff --git a/old_name.cpp b/new_name.cpp\n"
                     "similarity index 90%\n"
                     "rename from old_name.cpp\n"
                     "rename to new_name.cpp\n"
                     "--- a/old_name.cpp\n"
                     "+++ b/new_name.cpp\n"
                     "@@ -4 +4 @@\n"
                     "-old\n"
                     "+new\n"
                     "diff --git a/moved.cpp b/dir/moved.cpp\n"
                     "similarity index 100%\n"
                     "rename from moved.cpp\n"
                     "rename to dir/moved.cpp\n";
  ChangedLines C = parseOrDie(Diff, "/proj");
  EXPECT_EQ(linesOf(C, "/proj/new_name.cpp"), Lines{4});
  EXPECT_EQ(linesOf(C, "/proj/old_name.cpp"), Lines{});
  // A pure rename changes no line.
  EXPECT_EQ(linesOf(C, "/proj/dir/moved.cpp"), Lines{});
}

TEST(ParseUnifiedDiffTest, HunkWithZeroNewLinesChangesNothing) {
  const char *Diff = "--- a/f.cpp\n"
                     "+++ b/f.cpp\n"
                     "@@ -5,2 +4,0 @@\n"
                     "-gone5\n"
                     "-gone6\n"
                     "@@ -10 +9,2 @@\n"
                     "-was10\n"
                     "+now9\n"
                     "+now10\n";
  ChangedLines C = parseOrDie(Diff, "/proj");
  EXPECT_EQ(linesOf(C, "/proj/f.cpp"), (Lines{9, 10}));
}

TEST(ParseUnifiedDiffTest, OmittedCountsMeanOneLine) {
  const char *Diff = "--- a/f.cpp\n"
                     "+++ b/f.cpp\n"
                     "@@ -1 +1 @@\n"
                     "-a\n"
                     "+A\n"
                     "@@ -3 +3,2 @@\n"
                     "-c\n"
                     "+C\n"
                     "+C2\n"
                     "@@ -8,2 +9 @@\n"
                     "-h\n"
                     "-i\n"
                     "+HI\n";
  ChangedLines C = parseOrDie(Diff, "/proj");
  EXPECT_EQ(linesOf(C, "/proj/f.cpp"), (Lines{1, 3, 4, 9}));
}

TEST(ParseUnifiedDiffTest, NoNewlineMarkerIsNotALine) {
  // The marker follows the old last line and the new last line; the next
  // file's hunk must still be read as a hunk.
  const char *Diff = "--- a/f.cpp\n"
                     "+++ b/f.cpp\n"
                     "@@ -1,2 +1,2 @@\n"
                     " a\n"
                     "-b\n"
                     "\\ No newline at end of file\n"
                     "+B\n"
                     "\\ No newline at end of file\n"
                     "--- a/g.cpp\n"
                     "+++ b/g.cpp\n"
                     "@@ -1,2 +1,2 @@\n"
                     "-x\n"
                     "\\ No newline at end of file\n"
                     "+X\n"
                     " y\n";
  ChangedLines C = parseOrDie(Diff, "/proj");
  EXPECT_EQ(linesOf(C, "/proj/f.cpp"), Lines{2});
  EXPECT_EQ(linesOf(C, "/proj/g.cpp"), Lines{1});
}

TEST(ParseUnifiedDiffTest, CrlfLineEndingsAreAccepted) {
  const char *Diff = "diff --git a/w.cpp b/w.cpp\r\n"
                     "--- a/w.cpp\r\n"
                     "+++ b/w.cpp\r\n"
                     "@@ -2,2 +2,4 @@\r\n"
                     " keep\r\n"
                     "+added\r\n"
                     " keep\r\n"
                     "+added\r\n";
  ChangedLines C = parseOrDie(Diff, "/proj");
  EXPECT_EQ(linesOf(C, "/proj/w.cpp"), (Lines{3, 5}));
}

TEST(ParseUnifiedDiffTest, DiffDashUPathsDropTheTimestamp) {
  const char *Diff = "--- old/src/a.cpp\t2024-05-01 10:00:00.000000000 +0200\n"
                     "+++ new/src/a.cpp\t2024-05-01 10:05:00.000000000 +0200\n"
                     "@@ -1,3 +1,3 @@\n"
                     " a\n"
                     "-b\n"
                     "+B\n"
                     " c\n";
  ChangedLines C = parseOrDie(Diff, "/proj");
  EXPECT_EQ(linesOf(C, "/proj/new/src/a.cpp"), Lines{2});
}

TEST(ParseUnifiedDiffTest, AbsolutePathsAreKeptAndDotsRemoved) {
  const char *Diff = "--- /abs/x/../y.cpp\n"
                     "+++ /abs/x/../y.cpp\n"
                     "@@ -1 +1 @@\n"
                     "-a\n"
                     "+b\n"
                     "--- ./z.cpp\n"
                     "+++ ./sub/../z.cpp\n"
                     "@@ -1 +1 @@\n"
                     "-a\n"
                     "+b\n";
  ChangedLines C = parseOrDie(Diff, "/proj");
  EXPECT_EQ(linesOf(C, "/abs/y.cpp"), Lines{1});
  EXPECT_EQ(linesOf(C, "/proj/z.cpp"), Lines{1});
}

TEST(ParseUnifiedDiffTest, PathWithSpacesEndsAtGitsTab) {
  // git appends a tab to names that contain a space.
  const char *Diff = "diff --git a/my file.cpp b/my file.cpp\n"
                     "--- a/my file.cpp\t\n"
                     "+++ b/my file.cpp\t\n"
                     "@@ -1 +1,2 @@\n"
                     " a\n"
                     "+b\n";
  ChangedLines C = parseOrDie(Diff, "/proj");
  EXPECT_EQ(linesOf(C, "/proj/my file.cpp"), Lines{2});
}

TEST(ParseUnifiedDiffTest, QuotedPathIsUnescaped) {
  // git quotes names with non-ASCII bytes and escapes them in octal.
  const char *Diff = "--- \"a/t\\303\\251st \\\"q\\\".cpp\"\n"
                     "+++ \"b/t\\303\\251st \\\"q\\\".cpp\"\n"
                     "@@ -1 +1 @@\n"
                     "-a\n"
                     "+b\n";
  ChangedLines C = parseOrDie(Diff, "/proj");
  EXPECT_EQ(linesOf(C, "/proj/t\xc3\xa9st \"q\".cpp"), Lines{1});
}

TEST(ParseUnifiedDiffTest, ContentLinesThatLookLikeHeadersStayInTheHunk) {
  // A removed "-- x" line and an added "++ y" line look like file headers.
  const char *Diff = "--- a/f.cpp\n"
                     "+++ b/f.cpp\n"
                     "@@ -1,2 +1,2 @@\n"
                     "--- x\n"
                     "+++ y\n"
                     " z\n"
                     "@@ -9 +9 @@\n"
                     "-q\n"
                     "+Q\n";
  ChangedLines C = parseOrDie(Diff, "/proj");
  EXPECT_EQ(linesOf(C, "/proj/f.cpp"), (Lines{1, 9}));
  EXPECT_EQ(linesOf(C, "/proj/y"), Lines{});
}

TEST(ParseUnifiedDiffTest, BPrefixKeptWhenTheFileExistsWithIt) {
  TempDir Dir;
  Dir.write("b/real.cpp", "int x;\n");
  const char *Diff = "--- a/b/real.cpp\n"
                     "+++ b/real.cpp\n"
                     "@@ -1 +1 @@\n"
                     "-int y;\n"
                     "+int x;\n";
  ChangedLines C = parseOrDie(Diff, Dir.path());
  EXPECT_EQ(linesOf(C, Dir.path("b/real.cpp")), Lines{1});
  EXPECT_EQ(linesOf(C, Dir.path("real.cpp")), Lines{});
}

TEST(ParseUnifiedDiffTest, EmptyDiffChangesNothing) {
  ChangedLines C = parseOrDie("", "/proj");
  EXPECT_FALSE(C.contains("/proj/a.cpp", 1));
}

TEST(ParseUnifiedDiffTest, MalformedHunkHeadersAreErrors) {
  for (const char *Header :
       {"@@ -1,2 @@", "@@ -1 +x @@", "@@ -1 +1,y @@", "@@ @@", "@@ -1 + @@"}) {
    std::string Diff =
        std::string("--- a/f.cpp\n+++ b/f.cpp\n") + Header + "\n+line\n";
    EXPECT_EQ(errorMessage(parseUnifiedDiff(Diff, "/proj")),
              std::string("malformed hunk header: ") + Header);
  }
}

TEST(ParseUnifiedDiffTest, MalformedOldRangeIsAnError) {
  for (const char *Header : {"@@ -1,z +1 @@", "@@ 1 +1 @@"}) {
    std::string Diff =
        std::string("--- a/f.cpp\n+++ b/f.cpp\n") + Header + "\n-a\n+b\n";
    EXPECT_NE(errorMessage(parseUnifiedDiff(Diff, "/proj")), "<success>")
        << Header;
  }
}

TEST(ChangedLinesTest, ContainsOnlyTheAddedRangesOfThatFile) {
  ChangedLines C;
  C.addLines("/p/a.cpp", 10, 3);
  C.addLines("/p/a.cpp", 20, 0); // Nothing.
  EXPECT_EQ(linesOf(C, "/p/a.cpp"), (Lines{10, 11, 12}));
  EXPECT_FALSE(C.contains("/p/b.cpp", 10));
  // Paths are compared exactly.
  EXPECT_FALSE(C.contains("/p/./a.cpp", 10));
}

TEST(ChangedLinesTest, WholeFileContainsEveryLine) {
  ChangedLines C;
  C.addWholeFile("/p/new.cpp");
  EXPECT_TRUE(C.contains("/p/new.cpp", 1));
  EXPECT_TRUE(C.contains("/p/new.cpp", 100000));
  EXPECT_FALSE(C.contains("/p/other.cpp", 1));
}

TEST(ChangedLinesTest, TouchesByTheFindingsLocationOrANote) {
  ChangedLines C;
  C.addLines("/p/a.cpp", 5, 1);
  C.addLines("/p/h.h", 2, 1);

  Finding AtLine = finding("leak-x", "m", loc("/p/a.cpp", 5));
  EXPECT_TRUE(C.touches(AtLine));

  Finding ByNote = finding("leak-x", "m", loc("/p/a.cpp", 1));
  EXPECT_FALSE(C.touches(ByNote));
  ByNote.Notes.push_back({loc("/p/a.cpp", 9), "not changed"});
  EXPECT_FALSE(C.touches(ByNote));
  ByNote.Notes.push_back({loc("/p/h.h", 2), "changed, other file"});
  EXPECT_TRUE(C.touches(ByNote));

  // The same line number in another file does not count.
  Finding OtherFile = finding("leak-x", "m", loc("/p/b.cpp", 5));
  OtherFile.Notes.push_back({loc("/p/b.cpp", 2), "n"});
  EXPECT_FALSE(C.touches(OtherFile));
}

//===----------------------------------------------------------------------===//
// changedSinceGitRef against a repository created by the test.
//===----------------------------------------------------------------------===//

class GitRepoTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::ErrorOr<std::string> Found = llvm::sys::findProgramByName("git");
    if (!Found)
      GTEST_SKIP() << "git is not installed";
    Git = *Found;
    git({"init", "-q", "."});
    git({"config", "user.name", "LeakGuard"});
    git({"config", "user.email", "lg@example.com"});
    git({"config", "commit.gpgsign", "false"});
  }

  /// Runs git in the repository; fails the test when git does.
  void git(std::vector<std::string> Args) {
    std::vector<llvm::StringRef> Argv = {Git, "-C", Dir.path()};
    Argv.insert(Argv.end(), Args.begin(), Args.end());
    std::optional<llvm::StringRef> Redirects[] = {
        llvm::StringRef(""), llvm::StringRef(""), llvm::StringRef("")};
    std::string Err;
    int RC = llvm::sys::ExecuteAndWait(Git, Argv, std::nullopt, Redirects, 0, 0,
                                       &Err);
    ASSERT_EQ(RC, 0) << "git " << Args.front() << ": " << Err;
  }

  void commitAll() {
    git({"add", "-A", "."});
    git({"commit", "-q", "-m", "c"});
  }

  TempDir Dir;
  std::string Git;
};

TEST_F(GitRepoTest, ReportsUnstagedStagedAndUntrackedChanges) {
  Dir.write("src/a.cpp", "1\n2\n3\n4\n5\n");
  Dir.write("src/b.cpp", "1\n2\n");
  commitAll();
  Dir.write("src/a.cpp", "1\n2\nthree\n4\n5\n6\n"); // Unstaged.
  Dir.write("src/b.cpp", "zero\n1\n2\n");
  git({"add", "src/b.cpp"});       // Staged.
  Dir.write("src/new.cpp", "x\n"); // Untracked.
  Dir.write("ignored.o", "x\n");
  Dir.write(".gitignore", "*.o\n");

  llvm::Expected<ChangedLines> C = changedSinceGitRef("HEAD", Dir.path("src"));
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(linesOf(*C, Dir.path("src/a.cpp")), (Lines{3, 6}));
  EXPECT_EQ(linesOf(*C, Dir.path("src/b.cpp")), Lines{1});
  EXPECT_TRUE(C->contains(Dir.path("src/new.cpp"), 1));
  EXPECT_TRUE(C->contains(Dir.path("src/new.cpp"), 500));
  EXPECT_FALSE(C->contains(Dir.path("ignored.o"), 1));
}

TEST_F(GitRepoTest, CommittedChangesSinceAnOlderRefCount) {
  Dir.write("a.cpp", "1\n2\n3\n");
  commitAll();
  git({"tag", "base"});
  Dir.write("a.cpp", "1\nTWO\n3\n");
  commitAll();
  llvm::Expected<ChangedLines> C = changedSinceGitRef("base", Dir.path());
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(linesOf(*C, Dir.path("a.cpp")), Lines{2});
  // Nothing changed since HEAD.
  llvm::Expected<ChangedLines> None = changedSinceGitRef("HEAD", Dir.path());
  ASSERT_TRUE(bool(None)) << llvm::toString(None.takeError());
  EXPECT_EQ(linesOf(*None, Dir.path("a.cpp")), Lines{});
}

TEST_F(GitRepoTest, UnknownRefIsAnErrorNamingGitDiff) {
  Dir.write("a.cpp", "1\n");
  commitAll();
  std::string Message =
      errorMessage(changedSinceGitRef("no-such-ref", Dir.path()));
  EXPECT_NE(Message.find("git diff failed"), std::string::npos) << Message;
  EXPECT_NE(Message.find("no-such-ref"), std::string::npos) << Message;
}

TEST_F(GitRepoTest, DirectoryOutsideARepositoryIsAnError) {
  TempDir NotARepo;
  std::string Message =
      errorMessage(changedSinceGitRef("HEAD", NotARepo.path()));
  EXPECT_NE(Message.find("git rev-parse failed"), std::string::npos) << Message;
}

TEST_F(GitRepoTest, UserDiffPrefixSettingsDoNotChangeThePaths) {
  Dir.write("a.cpp", "1\n2\n");
  commitAll();
  Dir.write("a.cpp", "1\nTWO\n");
  // "w/a.cpp" (work tree) instead of "b/a.cpp".
  git({"config", "diff.mnemonicPrefix", "true"});
  llvm::Expected<ChangedLines> C = changedSinceGitRef("HEAD", Dir.path());
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(linesOf(*C, Dir.path("a.cpp")), Lines{2});
  // No prefix at all.
  git({"config", "diff.mnemonicPrefix", "false"});
  git({"config", "diff.noprefix", "true"});
  C = changedSinceGitRef("HEAD", Dir.path());
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(linesOf(*C, Dir.path("a.cpp")), Lines{2});
}

TEST_F(GitRepoTest, NonAsciiAndSpacedNamesAreFound) {
  Dir.write("base.cpp", "1\n");
  Dir.write("t\xc3\xa9st.cpp", "1\n2\n");
  commitAll();
  Dir.write("t\xc3\xa9st.cpp", "1\nTWO\n");  // Tracked, quoted by git.
  Dir.write("n\xc3\xa9w file.cpp", "new\n"); // Untracked, quoted too.
  Dir.write("plain new.cpp", "new\n");       // Untracked, a space.
  llvm::Expected<ChangedLines> C = changedSinceGitRef("HEAD", Dir.path());
  ASSERT_TRUE(bool(C)) << llvm::toString(C.takeError());
  EXPECT_EQ(linesOf(*C, Dir.path("t\xc3\xa9st.cpp")), Lines{2});
  EXPECT_TRUE(C->contains(Dir.path("plain new.cpp"), 1));
  EXPECT_TRUE(C->contains(Dir.path("n\xc3\xa9w file.cpp"), 1));
}

} // namespace
