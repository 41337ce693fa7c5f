//===--- SarifFormatTest.cpp - Tests of the SARIF 2.1.0 report ------------===//

#include "CheckInfo.h"
#include "Formats.h"
#include "TestSupport.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

using namespace clang::tidy::leak::driver;
using namespace clang::tidy::leak::driver::test;
namespace json = llvm::json;

namespace {

/// The SARIF report of \p In, parsed; its only run in \p Run.
class SarifTest : public ::testing::Test {
protected:
  void report(const ReportInput &In) {
    std::string S;
    llvm::raw_string_ostream OS(S);
    writeSarif(OS, In);
    llvm::Expected<json::Value> V = json::parse(S);
    ASSERT_TRUE(bool(V)) << llvm::toString(V.takeError());
    Doc = std::move(*V);
    const json::Object *O = Doc.getAsObject();
    ASSERT_TRUE(O);
    EXPECT_EQ(O->getString("version"), "2.1.0");
    const json::Array *Runs = O->getArray("runs");
    ASSERT_TRUE(Runs);
    ASSERT_EQ(Runs->size(), 1u);
    Run = (*Runs)[0].getAsObject();
    ASSERT_TRUE(Run);
    Rules = Run->getObject("tool")->getObject("driver")->getArray("rules");
    Results = Run->getArray("results");
    ASSERT_TRUE(Rules);
    ASSERT_TRUE(Results);
  }

  const json::Object &result(size_t I) { return *(*Results)[I].getAsObject(); }

  static const json::Object &region(const json::Object &Located) {
    return *Located.getObject("physicalLocation")->getObject("region");
  }
  static std::string uri(const json::Object &Located) {
    return Located.getObject("physicalLocation")
        ->getObject("artifactLocation")
        ->getString("uri")
        .value_or("<none>")
        .str();
  }
  static const json::Object &firstLocation(const json::Object &Result) {
    return *(*Result.getArray("locations"))[0].getAsObject();
  }

  json::Value Doc = nullptr;
  const json::Object *Run = nullptr;
  const json::Array *Rules = nullptr;
  const json::Array *Results = nullptr;
};

TEST_F(SarifTest, EveryCheckIsARuleWithCweTagsAndHelp) {
  ReportInput In;
  In.Root = "/p";
  In.DocBaseUrl = "https://example.com/lg/";
  report(In);
  ASSERT_EQ(Rules->size(), allChecks().size());
  for (size_t I = 0; I < Rules->size(); ++I) {
    const json::Object &R = *(*Rules)[I].getAsObject();
    const CheckInfo &C = allChecks()[I];
    EXPECT_EQ(R.getString("id"), C.Name);
    EXPECT_EQ(R.getObject("shortDescription")->getString("text"), C.Summary);
    EXPECT_EQ(R.getString("helpUri"),
              "https://example.com/lg/docs/checks/" + C.Name.str() + ".md");
    EXPECT_EQ(R.getObject("properties")->getString("problem.category"),
              C.Group);
  }
  // leak-unreleased-resource: CWE-404, 772 and 775.
  const json::Object *Resource = nullptr;
  for (const json::Value &R : *Rules)
    if (R.getAsObject()->getString("id") == "leak-unreleased-resource")
      Resource = R.getAsObject();
  ASSERT_TRUE(Resource);
  const json::Array *Tags = Resource->getObject("properties")->getArray("tags");
  ASSERT_TRUE(Tags);
  std::vector<std::string> TagList;
  for (const json::Value &T : *Tags)
    TagList.push_back(T.getAsString().value_or("").str());
  EXPECT_EQ(TagList, (std::vector<std::string>{
                         "reliability", "external/cwe/cwe-404",
                         "external/cwe/cwe-772", "external/cwe/cwe-775"}));
  EXPECT_TRUE(Results->empty());
}

TEST_F(SarifTest, ResultsPointAtTheirRuleAndCarryTheFingerprint) {
  std::vector<Finding> Fs = {
      finding("leak-unbounded-spawn", "spawn", loc("/p/src/a.cpp", 3, 5)),
      finding("other-tool-check", "other", loc("/p/src/a.cpp", 4, 1))};
  Fs[0].Fingerprint = "00112233445566778899aabbccddeeff";
  Fs[1].Level = "error";
  ReportInput In;
  In.Findings = Fs;
  In.Root = "/p";
  report(In);
  ASSERT_EQ(Results->size(), 2u);
  // The unknown check is appended as a rule of its own.
  ASSERT_EQ(Rules->size(), allChecks().size() + 1);
  for (size_t I = 0; I < 2; ++I) {
    int64_t Index = result(I).getInteger("ruleIndex").value_or(-1);
    ASSERT_GE(Index, 0);
    ASSERT_LT(size_t(Index), Rules->size());
    EXPECT_EQ((*Rules)[Index].getAsObject()->getString("id"),
              result(I).getString("ruleId"));
  }
  EXPECT_EQ(result(0).getString("ruleId"), "leak-unbounded-spawn");
  EXPECT_EQ(result(0).getString("level"), "warning");
  EXPECT_EQ(result(1).getString("level"), "error");
  EXPECT_EQ(result(0)
                .getObject("partialFingerprints")
                ->getString("leakguardFingerprint/v1"),
            "00112233445566778899aabbccddeeff");
  EXPECT_TRUE(result(1).getObject("partialFingerprints"));
  EXPECT_EQ(uri(firstLocation(result(0))), "src/a.cpp");
  EXPECT_EQ(firstLocation(result(0))
                .getObject("physicalLocation")
                ->getObject("artifactLocation")
                ->getString("uriBaseId"),
            "%SRCROOT%");
  EXPECT_EQ(region(firstLocation(result(0))).getInteger("startLine"), 3);
  EXPECT_EQ(region(firstLocation(result(0))).getInteger("startColumn"), 5);
  EXPECT_FALSE(result(0).get("relatedLocations"));
  EXPECT_EQ(Run->getObject("originalUriBaseIds")
                ->getObject("%SRCROOT%")
                ->getString("uri"),
            "file:///p/");
}

TEST_F(SarifTest, NotesAreRelatedLocations) {
  std::vector<Finding> Fs = {
      finding("leak-unjoined-thread", "thread", loc("/p/a.cpp", 7, 15))};
  Fs[0].Notes.push_back({loc("/p/a.cpp", 9, 3), "returns here"});
  Fs[0].Notes.push_back({loc("/p/inc/h.h", 2, 1), "declared here"});
  ReportInput In;
  In.Findings = Fs;
  In.Root = "/p";
  report(In);
  const json::Array *Related = result(0).getArray("relatedLocations");
  ASSERT_TRUE(Related);
  ASSERT_EQ(Related->size(), 2u);
  const json::Object &First = *(*Related)[0].getAsObject();
  const json::Object &Second = *(*Related)[1].getAsObject();
  EXPECT_EQ(First.getInteger("id"), 0);
  EXPECT_EQ(Second.getInteger("id"), 1);
  EXPECT_EQ(First.getObject("message")->getString("text"), "returns here");
  EXPECT_EQ(region(First).getInteger("startLine"), 9);
  EXPECT_EQ(uri(Second), "inc/h.h");
  EXPECT_EQ(region(Second).getInteger("startLine"), 2);
}

TEST_F(SarifTest, UrisArePercentEncodedAndOutsideTheRootAbsolute) {
  std::vector<Finding> Fs = {
      finding("leak-x", "m", loc("/p/my dir/a#1%.cpp", 1)),
      finding("leak-x", "m", loc("/usr/include/x y.h", 2))};
  ReportInput In;
  In.Findings = Fs;
  In.Root = "/p";
  report(In);
  EXPECT_EQ(uri(firstLocation(result(0))), "my%20dir/a%231%25.cpp");
  EXPECT_EQ(uri(firstLocation(result(1))), "file:///usr/include/x%20y.h");
  EXPECT_FALSE(firstLocation(result(1))
                   .getObject("physicalLocation")
                   ->getObject("artifactLocation")
                   ->get("uriBaseId"));
}

TEST_F(SarifTest, ColumnsCountCodePointsAndSnippetsQuoteTheLine) {
  TempDir Dir;
  // "é" is two bytes: byte column 12 is code point column 11.
  std::string File =
      Dir.write("a.cpp", "// x\nint \xc3\xa9 = 0; int Fd = 1;\n");
  std::vector<Finding> Fs = {finding("leak-x", "m", loc(File, 2, 12))};
  SourceFiles Sources;
  ReportInput In;
  In.Findings = Fs;
  In.Root = Dir.path();
  In.Sources = &Sources;
  report(In);
  const json::Object &R = region(firstLocation(result(0)));
  EXPECT_EQ(R.getInteger("startColumn"), 11);
  EXPECT_EQ(R.getObject("snippet")->getString("text"),
            "int \xc3\xa9 = 0; int Fd = 1;");
  EXPECT_EQ(Run->getString("columnKind"), "unicodeCodePoints");
}

TEST_F(SarifTest, FailedUnitsAreErrorNotifications) {
  std::vector<UnitFailure> Failures = {{"/p/bad.cpp", "the analysis crashed"}};
  ReportInput In;
  In.Failures = Failures;
  In.Root = "/p";
  report(In);
  const json::Object &Invocation =
      *(*Run->getArray("invocations"))[0].getAsObject();
  EXPECT_EQ(Invocation.getBoolean("executionSuccessful"), false);
  const json::Array *Notes = Invocation.getArray("toolExecutionNotifications");
  ASSERT_TRUE(Notes);
  ASSERT_EQ(Notes->size(), 1u);
  const json::Object &N = *(*Notes)[0].getAsObject();
  EXPECT_EQ(N.getString("level"), "error");
  EXPECT_EQ(N.getObject("message")->getString("text"), "the analysis crashed");
  EXPECT_EQ(uri(*(*N.getArray("locations"))[0].getAsObject()), "bad.cpp");
}

TEST_F(SarifTest, NotesFormACodeFlowInOrder) {
  std::vector<Finding> Fs = {
      finding("leak-unreleased-resource", "fd leaks", loc("/p/a.cpp", 4, 12))};
  Fs[0].Notes.push_back({loc("/p/a.cpp", 9, 5), "leaks 'Fd' when returning"});
  Fs[0].Notes.push_back({loc("/p/a.cpp", 9, 5), "call 'close' on this path"});
  ReportInput In;
  In.Findings = Fs;
  In.Root = "/p";
  report(In);
  const json::Array *Flows = result(0).getArray("codeFlows");
  ASSERT_TRUE(Flows);
  ASSERT_EQ(Flows->size(), 1u);
  const json::Array *Steps =
      (*(*Flows)[0].getAsObject()->getArray("threadFlows"))[0]
          .getAsObject()
          ->getArray("locations");
  ASSERT_TRUE(Steps);
  ASSERT_EQ(Steps->size(), 3u);
  std::vector<std::string> Messages;
  for (const json::Value &Step : *Steps) {
    const json::Object *Location = Step.getAsObject()->getObject("location");
    Messages.push_back(
        Location->getObject("message")->getString("text").value_or("").str());
  }
  EXPECT_EQ(Messages,
            (std::vector<std::string>{"fd leaks", "leaks 'Fd' when returning",
                                      "call 'close' on this path"}));
  EXPECT_EQ((*Steps)[2].getAsObject()->getInteger("executionOrder"), 3);
}

TEST_F(SarifTest, NoDocumentationLinkWithoutAWebAddress) {
  ReportInput In;
  In.Root = "/p";
  report(In);
  const json::Object &Rule = *(*Rules)[0].getAsObject();
  if (llvm::StringRef(LEAKGUARD_DOC_BASE_URL).empty()) {
    EXPECT_FALSE(Rule.get("helpUri"));
    EXPECT_FALSE(
        Run->getObject("tool")->getObject("driver")->get("informationUri"));
  }
  // The help is there either way, in text and Markdown, never a file:// link.
  std::string Markdown =
      Rule.getObject("help")->getString("markdown").value_or("").str();
  EXPECT_NE(Markdown.find("**Why it leaks.**"), std::string::npos);
  EXPECT_EQ(Markdown.find("file://"), std::string::npos);
}

} // namespace
