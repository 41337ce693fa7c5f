//===--- CheckInfoTest.cpp - Tests of the driver's check metadata ---------===//

#include "CheckInfo.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

using namespace clang::tidy::leak::driver;

namespace {

TEST(CheckInfoTest, TheSixChecksInChecklistOrder) {
  std::vector<std::string> Names;
  for (const CheckInfo &C : allChecks())
    Names.push_back(C.Name.str());
  EXPECT_EQ(Names, (std::vector<std::string>{
                       "leak-unjoined-thread", "leak-uncancelled-wait",
                       "leak-unbounded-cache", "leak-unreleased-resource",
                       "leak-raii-gap-in-loop", "leak-unbounded-spawn"}));
}

TEST(CheckInfoTest, EveryEntryIsCompleteWithDistinctGroupsAndNumericCwes) {
  llvm::StringSet<> Groups;
  for (const CheckInfo &C : allChecks()) {
    SCOPED_TRACE(C.Name.str());
    EXPECT_FALSE(C.Summary.empty());
    EXPECT_TRUE(C.Summary.starts_with("Finds ")) << C.Summary.str();
    EXPECT_TRUE(C.Summary.ends_with(".")) << C.Summary.str();
    EXPECT_FALSE(C.Description.empty());
    EXPECT_FALSE(C.WhyItLeaks.empty());
    EXPECT_FALSE(C.FixPattern.empty());
    EXPECT_TRUE(Groups.insert(C.Group).second) << C.Group.str();
    llvm::SmallVector<llvm::StringRef, 4> Cwes;
    C.Cwes.split(Cwes, ',');
    EXPECT_FALSE(Cwes.empty());
    for (llvm::StringRef N : Cwes) {
      unsigned Number = 0;
      EXPECT_FALSE(N.getAsInteger(10, Number)) << C.Cwes.str();
      EXPECT_GT(Number, 0u);
    }
  }
}

TEST(CheckInfoTest, FindCheckKnowsOnlyLeakGuardsChecks) {
  const CheckInfo *C = findCheck("leak-unbounded-cache");
  ASSERT_TRUE(C);
  EXPECT_EQ(C->Name, "leak-unbounded-cache");
  EXPECT_EQ(C->Group, "Caches");
  EXPECT_FALSE(findCheck("leak-"));
  EXPECT_FALSE(findCheck("bugprone-use-after-move"));
  EXPECT_FALSE(findCheck(""));
}

TEST(CheckInfoTest, DocumentationPathsAndLinks) {
  EXPECT_EQ(docPath("leak-unjoined-thread"),
            "docs/checks/leak-unjoined-thread.md");
  EXPECT_EQ(docUrl("leak-unjoined-thread", "https://x.example/lg"),
            "https://x.example/lg/docs/checks/leak-unjoined-thread.md");
  EXPECT_EQ(docUrl("leak-unjoined-thread", "https://x.example/lg/"),
            "https://x.example/lg/docs/checks/leak-unjoined-thread.md");
  EXPECT_EQ(driverDocUrl("https://x.example/lg"),
            "https://x.example/lg/docs/driver.md");
  // Without a base: a file: URI into the sources.
  llvm::StringRef Local = "";
  std::string Url = docUrl("leak-unjoined-thread", Local);
  EXPECT_TRUE(llvm::StringRef(Url).starts_with("file:///")) << Url;
  EXPECT_TRUE(
      llvm::StringRef(Url).ends_with("/docs/checks/leak-unjoined-thread.md"))
      << Url;
  EXPECT_EQ(llvm::StringRef(Url).find("//docs"), llvm::StringRef::npos);
}

} // namespace
