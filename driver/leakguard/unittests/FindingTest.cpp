//===--- FindingTest.cpp - Tests of the driver's diagnostic model ---------===//

#include "Finding.h"
#include "TestSupport.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"
#include <algorithm>
#include <string>
#include <vector>

using namespace clang::tidy::leak::driver;
using namespace clang::tidy::leak::driver::test;

namespace {

std::string str(const llvm::json::Value &V) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << V;
  return S;
}

Finding fullFinding() {
  Finding F = finding("leak-unjoined-thread",
                      "thread 'T' may be destroyed while joinable",
                      loc("/p/src/a b.cpp", 7, 15, 120));
  F.Level = "error";
  F.Notes.push_back({loc("/p/src/a b.cpp", 9, 3, 160),
                     "returns here while 'T' is still joinable"});
  F.Notes.push_back({loc("/p/include/h.h", 2, 1, 10), "second \"note\"\n"});
  F.Fixes.push_back({"/p/src/a b.cpp", 120, 11, "std::jthread"});
  F.Fixes.push_back({"/p/src/a b.cpp", 0, 0, "#include <thread>\n"});
  F.Fingerprint = "0123456789abcdef0123456789abcdef";
  return F;
}

void expectSameFinding(const Finding &A, const Finding &B) {
  EXPECT_EQ(A.Check, B.Check);
  EXPECT_EQ(A.Level, B.Level);
  EXPECT_EQ(A.Message, B.Message);
  EXPECT_EQ(A.Loc.File, B.Loc.File);
  EXPECT_EQ(A.Loc.Line, B.Loc.Line);
  EXPECT_EQ(A.Loc.Column, B.Loc.Column);
  EXPECT_EQ(A.Loc.Offset, B.Loc.Offset);
  EXPECT_EQ(A.Fingerprint, B.Fingerprint);
  ASSERT_EQ(A.Notes.size(), B.Notes.size());
  for (size_t I = 0; I < A.Notes.size(); ++I) {
    EXPECT_EQ(A.Notes[I].Message, B.Notes[I].Message);
    EXPECT_EQ(A.Notes[I].Loc.File, B.Notes[I].Loc.File);
    EXPECT_EQ(A.Notes[I].Loc.Line, B.Notes[I].Loc.Line);
    EXPECT_EQ(A.Notes[I].Loc.Column, B.Notes[I].Loc.Column);
    EXPECT_EQ(A.Notes[I].Loc.Offset, B.Notes[I].Loc.Offset);
  }
  ASSERT_EQ(A.Fixes.size(), B.Fixes.size());
  for (size_t I = 0; I < A.Fixes.size(); ++I) {
    EXPECT_EQ(A.Fixes[I].File, B.Fixes[I].File);
    EXPECT_EQ(A.Fixes[I].Offset, B.Fixes[I].Offset);
    EXPECT_EQ(A.Fixes[I].Length, B.Fixes[I].Length);
    EXPECT_EQ(A.Fixes[I].Text, B.Fixes[I].Text);
  }
}

TEST(FindingJsonTest, FindingRoundTripsWithNotesFixesAndFingerprint) {
  Finding F = fullFinding();
  llvm::Expected<Finding> Back = findingFromJSON(toJSON(F));
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  expectSameFinding(F, *Back);
}

TEST(FindingJsonTest, EmptyFingerprintIsOmitted) {
  Finding F = finding("leak-x", "m", loc("/p/a.cpp", 1));
  const llvm::json::Object *O = toJSON(F).getAsObject();
  ASSERT_TRUE(O);
  EXPECT_FALSE(O->get("fingerprint"));
  F.Fingerprint = "ff";
  EXPECT_EQ(toJSON(F).getAsObject()->getString("fingerprint"), "ff");
}

TEST(FindingJsonTest, UnitResultRoundTripsThroughText) {
  UnitResult R;
  R.File = "/p/src/a.cpp";
  R.Findings = {fullFinding(), finding("leak-y", "other", loc("/p/b.cpp", 3))};
  R.Errors = {"error: unknown type name 'foo'"};
  R.ConfigErrors = {"invalid RulePacks: 'nope'"};
  R.Dependencies = {"/p/src/a.cpp", "/p/include/h.h"};
  R.CheckSeconds = 0.25;
  R.CheckTimes = {{"leak-unjoined-thread", 0.125}, {"leak-y", 0.5}};

  llvm::Expected<UnitResult> Back = parseUnitResult(str(toJSON(R)));
  ASSERT_TRUE(bool(Back)) << llvm::toString(Back.takeError());
  EXPECT_EQ(Back->File, R.File);
  ASSERT_EQ(Back->Findings.size(), 2u);
  expectSameFinding(Back->Findings[0], R.Findings[0]);
  expectSameFinding(Back->Findings[1], R.Findings[1]);
  EXPECT_EQ(Back->Errors, R.Errors);
  EXPECT_EQ(Back->ConfigErrors, R.ConfigErrors);
  EXPECT_EQ(Back->Dependencies, R.Dependencies);
  EXPECT_DOUBLE_EQ(Back->CheckSeconds, 0.25);
  EXPECT_EQ(Back->CheckTimes, R.CheckTimes);
  // Serializing again gives the same text.
  EXPECT_EQ(str(toJSON(*Back)), str(toJSON(R)));
}

TEST(FindingJsonTest, DefaultsForAbsentOptionalFields) {
  llvm::Expected<Finding> F = findingFromJSON(llvm::json::Object{
      {"check", "leak-x"},
      {"location", llvm::json::Object{{"file", "/p/a.cpp"}, {"line", -4}}}});
  ASSERT_TRUE(bool(F)) << llvm::toString(F.takeError());
  EXPECT_EQ(F->Level, "warning");
  EXPECT_EQ(F->Message, "");
  EXPECT_EQ(F->Loc.Line, 0u); // Negative numbers are clamped.
  EXPECT_EQ(F->Loc.Column, 0u);
  EXPECT_TRUE(F->Notes.empty());
  EXPECT_TRUE(F->Fixes.empty());
  EXPECT_TRUE(F->Fingerprint.empty());

  llvm::Expected<UnitResult> R = parseUnitResult("{}");
  ASSERT_TRUE(bool(R)) << llvm::toString(R.takeError());
  EXPECT_TRUE(R->Findings.empty());
  EXPECT_EQ(R->CheckSeconds, 0);
}

TEST(FindingJsonTest, MalformedFindingsAreErrors) {
  using llvm::json::Array;
  using llvm::json::Object;
  Object Loc{{"file", "/p/a.cpp"}, {"line", 1}};
  EXPECT_EQ(errorMessage(findingFromJSON(llvm::json::Value(3))),
            "malformed result: finding is not an object");
  EXPECT_EQ(errorMessage(findingFromJSON(Object{{"location", Object(Loc)}})),
            "malformed result: finding without a check or a file");
  EXPECT_EQ(errorMessage(findingFromJSON(Object{{"check", "leak-x"}})),
            "malformed result: finding without a check or a file");
  EXPECT_EQ(errorMessage(findingFromJSON(Object{{"check", "leak-x"},
                                                {"location", Object(Loc)},
                                                {"notes", Array{"n"}}})),
            "malformed result: note is not an object");
  EXPECT_EQ(errorMessage(findingFromJSON(Object{{"check", "leak-x"},
                                                {"location", Object(Loc)},
                                                {"fixes", Array{1}}})),
            "malformed result: fix is not an object");
}

TEST(FindingJsonTest, MalformedUnitResultsAreErrors) {
  EXPECT_NE(errorMessage(parseUnitResult("")), "<success>");
  EXPECT_NE(errorMessage(parseUnitResult("{\"findings\": [")), "<success>");
  EXPECT_EQ(errorMessage(parseUnitResult("[]")),
            "malformed result: not an object");
  // One bad finding makes the whole result malformed.
  EXPECT_EQ(
      errorMessage(parseUnitResult("{\"findings\": [{\"check\": \"x\"}]}")),
      "malformed result: finding without a check or a file");
}

TEST(SortAndDeduplicateTest, OrdersByFileLineColumnCheckAndMessage) {
  std::vector<Finding> Fs = {
      finding("leak-b", "m", loc("/p/b.cpp", 1, 1)),
      finding("leak-a", "z", loc("/p/a.cpp", 10, 1)),
      finding("leak-a", "m", loc("/p/a.cpp", 2, 9)),
      finding("leak-b", "m", loc("/p/a.cpp", 2, 3)),
      finding("leak-a", "m", loc("/p/a.cpp", 2, 3)),
      finding("leak-a", "a", loc("/p/a.cpp", 2, 3)),
  };
  sortAndDeduplicate(Fs);
  std::vector<std::string> Order;
  Order.reserve(Fs.size());
  for (const Finding &F : Fs)
    Order.push_back(F.Loc.File + ":" + std::to_string(F.Loc.Line) + ":" +
                    std::to_string(F.Loc.Column) + " " + F.Check + " " +
                    F.Message);
  EXPECT_EQ(Order, (std::vector<std::string>{
                       "/p/a.cpp:2:3 leak-a a", "/p/a.cpp:2:3 leak-a m",
                       "/p/a.cpp:2:3 leak-b m", "/p/a.cpp:2:9 leak-a m",
                       "/p/a.cpp:10:1 leak-a z", "/p/b.cpp:1:1 leak-b m"}));
}

TEST(SortAndDeduplicateTest, DropsTheSameHeaderFindingFromSeveralUnits) {
  Finding F = fullFinding();
  std::vector<Finding> Fs = {F, finding("leak-x", "m", loc("/p/z.cpp", 1)), F,
                             F};
  sortAndDeduplicate(Fs);
  ASSERT_EQ(Fs.size(), 2u);
  expectSameFinding(Fs[0], F);
}

TEST(SortAndDeduplicateTest, KeepsFindingsThatDifferOnlyInTheirNotes) {
  Finding A = finding("leak-x", "m", loc("/p/a.cpp", 1));
  Finding B = A;
  A.Notes.push_back({loc("/p/a.cpp", 4, 1, 40), "returns here"});
  B.Notes.push_back({loc("/p/a.cpp", 6, 1, 60), "returns here"});
  Finding C = A;
  C.Notes.push_back({loc("/p/a.cpp", 8, 1, 80), "and here"});
  std::vector<Finding> Fs = {A, B, C};
  sortAndDeduplicate(Fs);
  EXPECT_EQ(Fs.size(), 3u);
}

TEST(SortAndDeduplicateTest, ResultDoesNotDependOnTheInputOrder) {
  // Same sort key, told apart only by notes, fixes and level.
  Finding Base = finding("leak-x", "m", loc("/p/a.cpp", 1));
  std::vector<Finding> Input;
  for (unsigned I = 0; I < 4; ++I) {
    Finding F = Base;
    F.Notes.push_back({loc("/p/a.cpp", 10 + I, 1, 100 + I), "n"});
    if (I % 2)
      F.Fixes.push_back({"/p/a.cpp", I, 1, "x"});
    F.Level = I == 3 ? "error" : "warning";
    Input.push_back(F);
  }
  std::vector<Finding> Expected = Input;
  sortAndDeduplicate(Expected);
  std::string ExpectedText;
  for (const Finding &F : Expected)
    ExpectedText += str(toJSON(F)) + "\n";

  std::vector<unsigned> Perm = {0, 1, 2, 3};
  unsigned Permutations = 0;
  do {
    std::vector<Finding> Shuffled;
    Shuffled.reserve(Perm.size());
    for (unsigned I : Perm)
      Shuffled.push_back(Input[I]);
    sortAndDeduplicate(Shuffled);
    std::string Text;
    for (const Finding &F : Shuffled)
      Text += str(toJSON(F)) + "\n";
    EXPECT_EQ(Text, ExpectedText);
    ++Permutations;
  } while (std::next_permutation(Perm.begin(), Perm.end()));
  EXPECT_EQ(Permutations, 24u);
  EXPECT_EQ(Expected.size(), 4u);
}

TEST(RelativePathTest, BelowTheRootOnly) {
  EXPECT_EQ(relativePath("/p/src/a.cpp", "/p"), "src/a.cpp");
  EXPECT_EQ(relativePath("/p/src/a.cpp", "/p/"), "src/a.cpp");
  EXPECT_EQ(relativePath("/p/src/a.cpp", "/p/x/../src"), "a.cpp");
  // A sibling sharing the prefix is not below the root.
  EXPECT_EQ(relativePath("/p2/a.cpp", "/p"), "/p2/a.cpp");
  EXPECT_EQ(relativePath("/p", "/p"), "/p");
  EXPECT_EQ(relativePath("/other/a.cpp", "/p"), "/other/a.cpp");
  EXPECT_EQ(relativePath("/p/a.cpp", ""), "/p/a.cpp");
}

} // namespace
