//===--- SourceTextTest.cpp - Tests of source lines and atomic writes -----===//

#include "SourceText.h"
#include "TestSupport.h"
#include "gtest/gtest.h"
#include <string>

using namespace clang::tidy::leak::driver;
using namespace clang::tidy::leak::driver::test;

namespace {

TEST(SourceFilesTest, LinesWithoutTerminatorsCrlfIncluded) {
  TempDir Dir;
  std::string Unix = Dir.write("u.cpp", "one\ntwo\n\nfour");
  std::string Dos = Dir.write("d.cpp", "one\r\ntwo\r\n");
  SourceFiles S;
  EXPECT_EQ(S.line(Unix, 1), "one");
  EXPECT_EQ(S.line(Unix, 2), "two");
  EXPECT_EQ(S.line(Unix, 3), "");
  EXPECT_EQ(S.line(Unix, 4), "four"); // No final newline.
  EXPECT_EQ(S.line(Unix, 5), "");
  EXPECT_EQ(S.line(Unix, 0), "");
  EXPECT_EQ(S.line(Dos, 1), "one");
  EXPECT_EQ(S.line(Dos, 2), "two");
  EXPECT_EQ(S.line(Dos, 3), "");
  EXPECT_EQ(S.line(Dir.path("missing.cpp"), 1), "");
}

TEST(SourceFilesTest, ReadsEachFileOnce) {
  TempDir Dir;
  std::string File = Dir.write("a.cpp", "first\n");
  SourceFiles S;
  EXPECT_EQ(S.line(File, 1), "first");
  Dir.write("a.cpp", "changed\n");
  EXPECT_EQ(S.line(File, 1), "first");
}

TEST(LineAndColumnTest, OneBasedByteColumns) {
  llvm::StringRef Text = "ab\ncd\xc3\xa9x\n";
  EXPECT_EQ(lineAndColumn(Text, 0), std::make_pair(1u, 1u));
  EXPECT_EQ(lineAndColumn(Text, 2), std::make_pair(1u, 3u));
  EXPECT_EQ(lineAndColumn(Text, 3), std::make_pair(2u, 1u));
  EXPECT_EQ(lineAndColumn(Text, 7), std::make_pair(2u, 5u)); // Bytes.
  // Past the end: clamped to the end.
  EXPECT_EQ(lineAndColumn(Text, 1000), std::make_pair(3u, 1u));
}

TEST(WriteFileAtomicallyTest, WritesTheContentAndLeavesNoTemporary) {
  TempDir Dir;
  std::string Path = Dir.path("report.txt");
  Dir.write("report.txt", "old content that is longer\n");
  llvm::Error E =
      writeFileAtomically(Path, [](llvm::raw_ostream &OS) { OS << "new\n"; });
  ASSERT_FALSE(bool(E)) << llvm::toString(std::move(E));
  EXPECT_EQ(Dir.read("report.txt"), "new\n");
  unsigned Entries = 0;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir.path(), EC), End;
       !EC && It != End; It.increment(EC))
    ++Entries;
  EXPECT_EQ(Entries, 1u);
}

TEST(WriteFileAtomicallyTest, UnwritableDirectoryIsAnError) {
  TempDir Dir;
  llvm::Error E = writeFileAtomically(Dir.path("no/such/dir/r.txt"),
                                      [](llvm::raw_ostream &OS) { OS << "x"; });
  EXPECT_TRUE(bool(E));
  llvm::consumeError(std::move(E));
}

} // namespace
