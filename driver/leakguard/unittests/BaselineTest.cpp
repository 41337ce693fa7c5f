//===--- BaselineTest.cpp - Tests of fingerprints and baselines -----------===//

#include "Baseline.h"
#include "TestSupport.h"
#include "llvm/ADT/StringExtras.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

using namespace clang::tidy::leak::driver;
using namespace clang::tidy::leak::driver::test;

namespace {

const char *const Check = "leak-unreleased-resource";
const char *const Message = "file descriptor 'Fd' is not closed on every path";

/// The fingerprint of one finding at \p Line of \p Rel in \p Dir.
std::string fingerprintAt(const TempDir &Dir, llvm::StringRef Rel,
                          unsigned Line, llvm::StringRef Msg = Message,
                          llvm::StringRef CheckName = Check) {
  std::vector<Finding> Fs = {finding(CheckName, Msg, loc(Dir.path(Rel), Line))};
  SourceFiles Sources;
  assignFingerprints(Fs, Sources, Dir.path());
  return Fs.front().Fingerprint;
}

TEST(FingerprintTest, IsThirtyTwoLowerCaseHexDigits) {
  TempDir Dir;
  Dir.write("a.cpp", "int Fd = open();\n");
  std::string FP = fingerprintAt(Dir, "a.cpp", 1);
  ASSERT_EQ(FP.size(), 32u);
  for (char C : FP)
    EXPECT_TRUE(llvm::isDigit(C) || (C >= 'a' && C <= 'f')) << FP;
}

TEST(FingerprintTest, StableWhenUnrelatedLinesShiftOrTheCheckoutMoves) {
  TempDir Before;
  TempDir After;
  Before.write("src/io.cpp", "void f() {\n  int Fd = open(\"x\");\n}\n");
  After.write("src/io.cpp", "// A new comment.\n#include <new>\n\n"
                            "void f() {\n  int Fd = open(\"x\");\n}\n");
  EXPECT_EQ(fingerprintAt(Before, "src/io.cpp", 2),
            fingerprintAt(After, "src/io.cpp", 5));
}

TEST(FingerprintTest, StableWhenTheLineIsReindented) {
  TempDir Before;
  TempDir After;
  Before.write("a.cpp", "  int Fd = open(\"x\");\n");
  After.write("a.cpp", "\t\tint   Fd =\topen(\"x\");   \r\n");
  EXPECT_EQ(fingerprintAt(Before, "a.cpp", 1),
            fingerprintAt(After, "a.cpp", 1));
}

TEST(FingerprintTest, DigitsInTheMessageDoNotMatter) {
  TempDir Dir;
  Dir.write("a.cpp", "int Fd = open();\n");
  EXPECT_EQ(fingerprintAt(Dir, "a.cpp", 1, "not closed after line 12"),
            fingerprintAt(Dir, "a.cpp", 1, "not closed after line 40"));
}

TEST(FingerprintTest, DiffersForCheckMessageFileAndLineText) {
  TempDir Dir;
  Dir.write("a.cpp", "int Fd = open();\nint Gd = open();\n");
  Dir.write("b.cpp", "int Fd = open();\n");
  std::string Base = fingerprintAt(Dir, "a.cpp", 1);
  EXPECT_NE(Base, fingerprintAt(Dir, "a.cpp", 1, Message, "leak-other"));
  EXPECT_NE(Base, fingerprintAt(Dir, "a.cpp", 1, "another message"));
  EXPECT_NE(Base, fingerprintAt(Dir, "b.cpp", 1));
  EXPECT_NE(Base, fingerprintAt(Dir, "a.cpp", 2));
}

TEST(FingerprintTest, IdenticalKeysGetAnOccurrenceIndex) {
  TempDir Dir;
  std::string File = Dir.write("a.cpp", "use();\nuse();\nuse();\nother();\n");
  SourceFiles Sources;
  std::vector<Finding> Two = {finding(Check, Message, loc(File, 1)),
                              finding(Check, Message, loc(File, 2))};
  assignFingerprints(Two, Sources, Dir.path());
  EXPECT_NE(Two[0].Fingerprint, Two[1].Fingerprint);

  // Adding a third identical finding after them keeps the first two.
  std::vector<Finding> Three = {finding(Check, Message, loc(File, 1)),
                                finding(Check, Message, loc(File, 2)),
                                finding(Check, Message, loc(File, 3))};
  assignFingerprints(Three, Sources, Dir.path());
  EXPECT_EQ(Three[0].Fingerprint, Two[0].Fingerprint);
  EXPECT_EQ(Three[1].Fingerprint, Two[1].Fingerprint);
  EXPECT_NE(Three[2].Fingerprint, Two[0].Fingerprint);
  EXPECT_NE(Three[2].Fingerprint, Two[1].Fingerprint);

  // A finding with another key does not take an index of theirs.
  std::vector<Finding> Mixed = {finding(Check, Message, loc(File, 1)),
                                finding(Check, Message, loc(File, 4)),
                                finding(Check, Message, loc(File, 2))};
  assignFingerprints(Mixed, Sources, Dir.path());
  EXPECT_EQ(Mixed[0].Fingerprint, Two[0].Fingerprint);
  EXPECT_EQ(Mixed[2].Fingerprint, Two[1].Fingerprint);
}

TEST(FingerprintTest, MissingSourceStillGivesDistinctFingerprints) {
  TempDir Dir;
  SourceFiles Sources;
  std::vector<Finding> Fs = {
      finding(Check, Message, loc(Dir.path("gone.cpp"), 1)),
      finding(Check, Message, loc(Dir.path("gone.cpp"), 7))};
  assignFingerprints(Fs, Sources, Dir.path());
  EXPECT_EQ(Fs[0].Fingerprint.size(), 32u);
  EXPECT_NE(Fs[0].Fingerprint, Fs[1].Fingerprint);
}

TEST(BaselineFileTest, WriteThenReadGivesTheFingerprints) {
  TempDir Dir;
  std::string Src = Dir.write("src/a.cpp", "x();\ny();\n");
  std::vector<Finding> Fs = {finding(Check, Message, loc(Src, 1)),
                             finding("leak-unjoined-thread", "m", loc(Src, 2))};
  SourceFiles Sources;
  assignFingerprints(Fs, Sources, Dir.path());
  std::string Path = Dir.path("baseline.json");
  llvm::Error E = writeBaseline(Path, Fs, Dir.path());
  ASSERT_FALSE(bool(E)) << llvm::toString(std::move(E));

  llvm::Expected<BaselineFile> Read = readBaseline(Path);
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  EXPECT_EQ(Read->Fingerprints.size(), 2u);
  EXPECT_TRUE(Read->Fingerprints.contains(Fs[0].Fingerprint));
  EXPECT_TRUE(Read->Fingerprints.contains(Fs[1].Fingerprint));
  ASSERT_EQ(Read->Entries.size(), 2u);
  EXPECT_EQ(Read->Entries[0].Check, Check);
  EXPECT_EQ(Read->Entries[0].File, "src/a.cpp");

  // For people reading it: version, check, relative file and message.
  std::string Text = Dir.read("baseline.json");
  llvm::Expected<llvm::json::Value> Doc = llvm::json::parse(Text);
  ASSERT_TRUE(bool(Doc)) << llvm::toString(Doc.takeError());
  const llvm::json::Object *O = Doc->getAsObject();
  ASSERT_TRUE(O);
  EXPECT_EQ(O->getInteger("version"), 1);
  const llvm::json::Array *Entries = O->getArray("findings");
  ASSERT_TRUE(Entries);
  ASSERT_EQ(Entries->size(), 2u);
  const llvm::json::Object *First = (*Entries)[0].getAsObject();
  ASSERT_TRUE(First);
  EXPECT_EQ(First->getString("file"), "src/a.cpp");
  EXPECT_EQ(First->getString("check"), Check);
  EXPECT_EQ(First->getString("message"), Message);
  EXPECT_EQ(First->getString("fingerprint"), Fs[0].Fingerprint);
}

TEST(BaselineFileTest, EmptyBaselineRoundTrips) {
  TempDir Dir;
  std::string Path = Dir.path("empty.json");
  llvm::Error E = writeBaseline(Path, {}, Dir.path());
  ASSERT_FALSE(bool(E)) << llvm::toString(std::move(E));
  llvm::Expected<BaselineFile> Read = readBaseline(Path);
  ASSERT_TRUE(bool(Read)) << llvm::toString(Read.takeError());
  EXPECT_TRUE(Read->Fingerprints.empty());
  EXPECT_TRUE(Read->Entries.empty());
}

TEST(BaselineFileTest, FixedEntriesAreCountedInAnalysedFilesOnly) {
  TempDir Dir;
  std::string A = Dir.write("a.cpp", "x();\ny();\n");
  std::string B = Dir.write("b.cpp", "z();\n");
  std::vector<Finding> Before = {
      finding("leak-unreleased-resource", "m1", loc(A, 1)),
      finding("leak-unjoined-thread", "m2", loc(A, 2)),
      finding("leak-unreleased-resource", "m3", loc(B, 1))};
  SourceFiles Sources;
  assignFingerprints(Before, Sources, Dir.path());
  llvm::Error E = writeBaseline(Dir.path("base.json"), Before, Dir.path());
  ASSERT_FALSE(bool(E)) << llvm::toString(std::move(E));
  llvm::Expected<BaselineFile> Base = readBaseline(Dir.path("base.json"));
  ASSERT_TRUE(bool(Base)) << llvm::toString(Base.takeError());

  // a.cpp lost its thread finding; b.cpp was not analysed, so its finding,
  // absent from this run, is not counted as fixed.
  std::vector<Finding> Now = {Before[0]};
  llvm::StringMap<llvm::StringSet<>> Run;
  Run["a.cpp"].insert("leak-unreleased-resource");
  Run["a.cpp"].insert("leak-unjoined-thread");
  std::map<std::string, size_t> Fixed = fixedBaselineEntries(Now, *Base, Run);
  ASSERT_EQ(Fixed.size(), 1u);
  EXPECT_EQ(Fixed["leak-unjoined-thread"], 1u);

  // A check that did not run fixed nothing.
  Run["b.cpp"].insert("leak-unjoined-thread");
  Fixed = fixedBaselineEntries(Now, *Base, Run);
  EXPECT_EQ(Fixed.count("leak-unreleased-resource"), 0u);
  Run["b.cpp"].insert("leak-unreleased-resource");
  Fixed = fixedBaselineEntries(Now, *Base, Run);
  EXPECT_EQ(Fixed["leak-unreleased-resource"], 1u);
  EXPECT_EQ(Fixed["leak-unjoined-thread"], 1u);
}

TEST(BaselineFileTest, MissingFileIsAnError) {
  TempDir Dir;
  std::string Message = errorMessage(readBaseline(Dir.path("nope.json")));
  EXPECT_EQ(Message.rfind("cannot read " + Dir.path("nope.json"), 0), 0u)
      << Message;
}

TEST(BaselineFileTest, MalformedContentIsAnErrorNotACrash) {
  TempDir Dir;
  struct Case {
    const char *Content;
    const char *Why;
  } Cases[] = {
      {"", "Unexpected EOF"},
      {"{\"findings\": [", "Unexpected EOF"},
      {"not json", "Invalid JSON value"},
      {"[]", "no 'findings' array"},
      {"{\"version\": 1}", "no 'findings' array"},
      {"{\"findings\": {}}", "no 'findings' array"},
      {"{\"findings\": [1]}", "an entry has no fingerprint"},
      {"{\"findings\": [{\"fingerprint\": 3}]}", "an entry has no fingerprint"},
      {"{\"findings\": [{\"check\": \"x\"}]}", "an entry has no fingerprint"},
  };
  for (const Case &C : Cases) {
    std::string Path = Dir.write("bad.json", C.Content);
    std::string Message = errorMessage(readBaseline(Path));
    EXPECT_EQ(Message.rfind("invalid baseline " + Path + ": ", 0), 0u)
        << C.Content << " -> " << Message;
    EXPECT_NE(Message.find(C.Why), std::string::npos)
        << C.Content << " -> " << Message;
  }
}

TEST(ApplyBaselineTest, DropsKnownFindingsKeepsOrderAndCounts) {
  std::vector<Finding> Fs;
  for (const char *FP : {"a1", "b2", "c3", "d4", "b2"}) {
    Fs.push_back(finding(Check, FP, loc("/p/a.cpp", 1)));
    Fs.back().Fingerprint = FP;
  }
  llvm::StringSet<> Baseline;
  Baseline.insert("b2");
  Baseline.insert("d4");
  Baseline.insert("zz"); // Fixed since: matches nothing.
  EXPECT_EQ(applyBaseline(Fs, Baseline), 3u);
  ASSERT_EQ(Fs.size(), 2u);
  EXPECT_EQ(Fs[0].Fingerprint, "a1");
  EXPECT_EQ(Fs[1].Fingerprint, "c3");

  EXPECT_EQ(applyBaseline(Fs, llvm::StringSet<>()), 0u);
  EXPECT_EQ(Fs.size(), 2u);
}

} // namespace
