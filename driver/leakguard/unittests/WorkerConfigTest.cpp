//===--- WorkerConfigTest.cpp - Tests of how project configs are read -----===//

#include "Worker.h"
#include "gtest/gtest.h"

using namespace clang::tidy::leak::driver;

namespace {

TEST(LeakChecksOnlyTest, OtherToolsChecksAreDropped) {
  EXPECT_EQ(leakChecksOnly("*"), "");
  EXPECT_EQ(leakChecksOnly("-*,bugprone-*,clang-analyzer-*"), "");
  EXPECT_EQ(leakChecksOnly("modernize-*,-leak-unbounded-cache"),
            "-leak-unbounded-cache");
}

TEST(LeakChecksOnlyTest, MinusStarStaysBeforeLeakChecks) {
  EXPECT_EQ(leakChecksOnly("-*,leak-unjoined-thread"),
            "-*,leak-unjoined-thread");
  EXPECT_EQ(leakChecksOnly("-*,\n  bugprone-*,\n  leak-*\n"), "-*,leak-*");
  // Only disabling leak checks: `-*` would turn every one off.
  EXPECT_EQ(leakChecksOnly("-*,-leak-unjoined-thread"),
            "-leak-unjoined-thread");
}

} // namespace
