//===--- ConfigCheckTest.cpp - Tests of the configuration verifier --------===//

#include "ConfigCheck.h"
#include "gtest/gtest.h"

using namespace clang::tidy;
using namespace clang::tidy::leak::driver;

namespace {

const std::vector<std::string> Checks = {"leak-unjoined-thread",
                                         "leak-unbounded-cache"};

ConfigVerifier makeVerifier() {
  llvm::StringSet<> Options;
  Options.insert("leak-unbounded-cache.RetainedCapacity");
  return ConfigVerifier(Checks, std::move(Options));
}

TEST(NearestNameTest, TyposAreMatchedOthersAreNot) {
  EXPECT_EQ(nearestName("leak-unjoined-thred", Checks), "leak-unjoined-thread");
  EXPECT_EQ(nearestName("leak-unbounded-cahce", Checks),
            "leak-unbounded-cache");
  EXPECT_EQ(nearestName("leak-everything", Checks), "");
  EXPECT_EQ(nearestName("x", Checks), "");
}

TEST(PositionOfTest, FindsWholeWordsOnly) {
  llvm::StringRef Text = "Checks: 'leak-a,leak-ab'\nOther: leak-ab\n";
  EXPECT_EQ(positionOf(Text, "leak-ab"), std::make_pair(1U, 17U));
  EXPECT_EQ(positionOf(Text, "Other"), std::make_pair(2U, 1U));
  EXPECT_EQ(positionOf(Text, "leak-c"), std::make_pair(0U, 0U));
}

TEST(ConfigVerifierTest, UnknownLeakChecksAreProblemsOtherToolsAreNot) {
  ConfigVerifier V = makeVerifier();
  V.verifyChecks("-*,bugprone-*,-leak-unjoined-thred,leak-unbounded-*",
                 "--checks", "");
  ASSERT_EQ(V.problems().size(), 1U);
  EXPECT_EQ(V.problems()[0],
            "--checks: 'leak-unjoined-thred' names no LeakGuard check; did "
            "you mean 'leak-unjoined-thread'?");
}

TEST(ConfigVerifierTest, GlobsMatchingNothingAreProblems) {
  ConfigVerifier V = makeVerifier();
  V.verifyChecks("leak-*,leak-thread*", "a/.clang-tidy",
                 "Checks: 'leak-*,leak-thread*'\n");
  ASSERT_EQ(V.problems().size(), 1U);
  EXPECT_EQ(V.problems()[0],
            "a/.clang-tidy:1:17: 'leak-thread*' names no LeakGuard check");
}

TEST(ConfigVerifierTest, UnknownLeakOptionKeysAreProblems) {
  ConfigVerifier V = makeVerifier();
  ClangTidyOptions::OptionMap Map;
  Map["leak-unbounded-cache.RetainedCapacty"] =
      ClangTidyOptions::ClangTidyValue("1");
  Map["leak-unbounded-cache.RetainedCapacity"] =
      ClangTidyOptions::ClangTidyValue("1");
  Map["bugprone-x.Anything"] = ClangTidyOptions::ClangTidyValue("1");
  Map["RuleFiles"] = ClangTidyOptions::ClangTidyValue("r.yaml");
  V.verifyOptions(Map, "--config-file", "");
  ASSERT_EQ(V.problems().size(), 1U);
  EXPECT_EQ(V.problems()[0],
            "--config-file: unknown option "
            "'leak-unbounded-cache.RetainedCapacty'; did you mean "
            "'leak-unbounded-cache.RetainedCapacity'?");
}

TEST(ConfigVerifierTest, EachProblemOnce) {
  ConfigVerifier V = makeVerifier();
  V.verifyChecks("leak-nope", "--checks", "");
  V.verifyChecks("leak-nope", "--checks", "");
  V.add("rule file 'r.yaml': cannot read");
  V.add("rule file 'r.yaml': cannot read");
  EXPECT_EQ(V.problems().size(), 2U);
}

} // namespace
