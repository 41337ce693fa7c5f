//===--- CompileDbTest.cpp - Tests of the compilation database units ------===//

#include "CompileDb.h"
#include "TestSupport.h"
#include "gtest/gtest.h"
#include <string>
#include <vector>

using namespace clang::tidy::leak::driver;
using namespace clang::tidy::leak::driver::test;

namespace {

class CompileDbTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string D = Dir.path();
    Dir.write("build/compile_commands.json",
              "[\n"
              "{\"directory\": \"" +
                  D +
                  "/build\", \"file\": \"../src/b.cpp\","
                  " \"arguments\": [\"c++\", \"-c\", \"../src/b.cpp\"]},\n"
                  "{\"directory\": \"" +
                  D + "/build\", \"file\": \"" + D +
                  "/src/a.cpp\", \"command\": \"c++ -DX=1 -c a.cpp\"},\n"
                  "{\"directory\": \"" +
                  D + "/build\", \"file\": \"" + D +
                  "/src2/c.cpp\", \"command\": \"c++ -c c.cpp\"},\n"
                  "{\"directory\": \"" +
                  D + "/build\", \"file\": \"" + D +
                  "/tools/./x/../t.cpp\", \"command\": \"c++ -c t.cpp\"}\n"
                  "]\n");
  }

  std::vector<std::string> files(llvm::ArrayRef<std::string> Paths) {
    llvm::Expected<std::vector<Unit>> Units =
        loadUnits(Dir.path("build"), Paths);
    if (!Units) {
      ADD_FAILURE() << llvm::toString(Units.takeError());
      return {};
    }
    std::vector<std::string> Files;
    for (const Unit &U : *Units)
      Files.push_back(U.File);
    return Files;
  }

  TempDir Dir;
};

TEST_F(CompileDbTest, AllUnitsSortedWithNormalizedAbsolutePaths) {
  EXPECT_EQ(files({}), (std::vector<std::string>{
                           Dir.path("src/a.cpp"), Dir.path("src/b.cpp"),
                           Dir.path("src2/c.cpp"), Dir.path("tools/t.cpp")}));
  llvm::Expected<std::vector<Unit>> Units = loadUnits(Dir.path("build"), {});
  ASSERT_TRUE(bool(Units)) << llvm::toString(Units.takeError());
  EXPECT_EQ((*Units)[0].Directory, Dir.path("build"));
  EXPECT_EQ((*Units)[0].Arguments,
            (std::vector<std::string>{"c++", "-DX=1", "-c", "a.cpp"}));
}

TEST_F(CompileDbTest, PathsSelectFilesAndDirectoriesButNotPrefixSiblings) {
  EXPECT_EQ(
      files({Dir.path("src")}),
      (std::vector<std::string>{Dir.path("src/a.cpp"), Dir.path("src/b.cpp")}));
  EXPECT_EQ(
      files({Dir.path("src/")}),
      (std::vector<std::string>{Dir.path("src/a.cpp"), Dir.path("src/b.cpp")}));
  EXPECT_EQ(files({Dir.path("src/b.cpp"), Dir.path("tools")}),
            (std::vector<std::string>{Dir.path("src/b.cpp"),
                                      Dir.path("tools/t.cpp")}));
  EXPECT_EQ(files({Dir.path("src2/../src/a.cpp")}),
            (std::vector<std::string>{Dir.path("src/a.cpp")}));
}

TEST_F(CompileDbTest, PathThatSelectsNothingIsAnError) {
  std::string Nowhere = Dir.path("sr");
  EXPECT_EQ(errorMessage(loadUnits(Dir.path("build"), {Nowhere})),
            Nowhere +
                ": no translation unit of the compilation database is there");
}

TEST_F(CompileDbTest, MissingOrBrokenDatabaseIsAnError) {
  EXPECT_NE(errorMessage(loadUnits(Dir.path("src"), {})).find("cannot load"),
            std::string::npos);
  Dir.write("bad/compile_commands.json", "[{\"directory\": ");
  EXPECT_NE(errorMessage(loadUnits(Dir.path("bad"), {})).find("cannot load"),
            std::string::npos);
}

TEST_F(CompileDbTest, FindBuildDirWithAnExplicitDirectory) {
  llvm::Expected<std::string> Found = findBuildDir(Dir.path("build"));
  ASSERT_TRUE(bool(Found)) << llvm::toString(Found.takeError());
  EXPECT_EQ(*Found, Dir.path("build"));
  std::string Message = errorMessage(findBuildDir(Dir.path("src")));
  EXPECT_EQ(Message.rfind("no compile_commands.json in " + Dir.path("src") +
                              "\n  make one: CMake: ",
                          0),
            0u)
      << Message;
  EXPECT_NE(Message.find("bear -- make"), std::string::npos);
}

TEST(AbsolutePathTest, NormalizesDots) {
  EXPECT_EQ(absolutePath("/a/./b/../c"), "/a/c");
  EXPECT_TRUE(llvm::sys::path::is_absolute(absolutePath("rel/x.cpp")));
  EXPECT_TRUE(
      llvm::StringRef(absolutePath("rel/./x.cpp")).ends_with("/rel/x.cpp"));
}

} // namespace

namespace {

TEST(CompilesCOrCxxTest, ByExtension) {
  EXPECT_TRUE(compilesCOrCxx("/p/a.c", {"cc", "-c", "a.c"}));
  EXPECT_TRUE(compilesCOrCxx("/p/a.cc", {"c++", "-c", "a.cc"}));
  EXPECT_TRUE(compilesCOrCxx("/p/a.cpp", {}));
  EXPECT_TRUE(compilesCOrCxx("/p/a.hpp", {}));
  EXPECT_FALSE(compilesCOrCxx("/p/start.S", {"cc", "-c", "start.S"}));
  EXPECT_FALSE(compilesCOrCxx("/p/start.s", {"as", "start.s"}));
  EXPECT_FALSE(compilesCOrCxx("/p/kernel.cu", {"nvcc", "kernel.cu"}));
  EXPECT_FALSE(compilesCOrCxx("/p/lib.rs", {"rustc", "lib.rs"}));
}

TEST(CompilesCOrCxxTest, ExplicitLanguageWins) {
  EXPECT_FALSE(compilesCOrCxx("/p/gen.c", {"cc", "-x", "assembler", "gen.c"}));
  EXPECT_FALSE(
      compilesCOrCxx("/p/gen.inc", {"cc", "-xassembler-with-cpp", "gen.inc"}));
  EXPECT_TRUE(compilesCOrCxx("/p/gen.inc", {"cc", "-x", "c++", "gen.inc"}));
  EXPECT_TRUE(compilesCOrCxx("/p/gen.S", {"cc", "-x", "c", "gen.S"}));
}

TEST(FlagsClangRejectsTest, GccOnlyFlagsOnly) {
  std::vector<std::string> Unknown = flagsClangRejects(
      {"g++", "-fconcepts-diagnostics-depth=2", "-O2", "-Wall", "-I", "inc",
       "-o", "-fnot-a-flag-but-a-file.o", "-c", "a.cpp"});
  EXPECT_EQ(Unknown,
            std::vector<std::string>{"-fconcepts-diagnostics-depth=2"});
  EXPECT_TRUE(
      flagsClangRejects({"clang++", "-std=c++20", "-c", "a.cpp"}).empty());
  EXPECT_TRUE(flagsClangRejects({}).empty());
}

TEST(AdaptCommandsTest, ExtraArgumentsAndDroppedFlags) {
  std::vector<Unit> Units = {
      {"/p/a.cpp",
       "/p",
       {"g++", "-fconcepts-diagnostics-depth=2", "-c", "a.cpp"}},
      {"/p/b.cpp",
       "/p",
       {"g++", "-fconcepts-diagnostics-depth=2", "-c", "b.cpp"}}};
  DroppedFlags Dropped;
  adaptCommands(Units, {"--target=arm-none-eabi"}, {"-DX=1"}, Dropped);
  EXPECT_EQ(Units[0].Arguments,
            (std::vector<std::string>{"g++", "--target=arm-none-eabi", "-c",
                                      "a.cpp", "-DX=1"}));
  EXPECT_EQ(Dropped.Unknown,
            std::vector<std::string>{"-fconcepts-diagnostics-depth=2"});
  EXPECT_TRUE(Dropped.LoadCode.empty());
}

TEST(CodeLoadingFlagsTest, PluginsAndLoadsWithTheirValues) {
  std::vector<std::string> Args = {"clang++", "-fplugin=/p/evil.so",
                                   "-Xclang", "-load",
                                   "-Xclang", "/p/evil.so",
                                   "-O2",     "-fpass-plugin=/p/pass.so",
                                   "-Xclang", "-plugin",
                                   "-Xclang", "evil",
                                   "-Xclang", "-fno-color-diagnostics",
                                   "-c",      "a.cpp"};
  EXPECT_EQ(codeLoadingFlags(Args), (std::vector<std::pair<size_t, size_t>>{
                                        {1, 1}, {2, 5}, {7, 7}, {8, 11}}));
  std::vector<Unit> Units = {{"/p/a.cpp", "/p", Args}};
  DroppedFlags Dropped;
  adaptCommands(Units, {}, {}, Dropped);
  EXPECT_EQ(Units[0].Arguments, (std::vector<std::string>{
                                    "clang++", "-O2", "-Xclang",
                                    "-fno-color-diagnostics", "-c", "a.cpp"}));
  EXPECT_EQ(Dropped.LoadCode,
            (std::vector<std::string>{
                "-fplugin=/p/evil.so", "-Xclang -load -Xclang /p/evil.so",
                "-fpass-plugin=/p/pass.so", "-Xclang -plugin -Xclang evil"}));
}

} // namespace

namespace {

TEST(AnalysedAlikeTest, OutputsAndCodeGenerationDoNotCount) {
  // A source in a static and a shared library (CMake): one unit.
  EXPECT_TRUE(
      analysedAlike({"c++", "-Iinc", "-O2", "-o", "a.o", "-c", "a.cpp"},
                    {"c++", "-Dlib_EXPORTS", "-Iinc", "-O2", "-fPIC", "-MD",
                     "-MT", "x", "-MF", "a.d", "-oshared/a.o", "-c", "a.cpp"}));
  // Another configuration is another unit.
  EXPECT_FALSE(analysedAlike({"c++", "-DX=1", "-c", "a.cpp"},
                             {"c++", "-DX=2", "-c", "a.cpp"}));
  EXPECT_FALSE(analysedAlike({"c++", "-std=c++17", "a.cpp"},
                             {"c++", "-std=c++20", "a.cpp"}));
}

TEST(AnalysedAlikeTest, DuplicateEntriesAreOneUnit) {
  TempDir Dir;
  const std::string &D = Dir.path();
  Dir.write("build/compile_commands.json",
            "[{\"directory\": \"" + D +
                "\", \"file\": \"a.cpp\", \"command\": \"c++ -o s/a.o -c "
                "a.cpp\"},\n"
                " {\"directory\": \"" +
                D +
                "\", \"file\": \"a.cpp\", \"command\": \"c++ -fPIC "
                "-Dlib_EXPORTS -o d/a.o -c a.cpp\"},\n"
                " {\"directory\": \"" +
                D +
                "\", \"file\": \"a.cpp\", \"command\": \"c++ -DTESTING -c "
                "a.cpp\"}]\n");
  llvm::Expected<std::vector<Unit>> Units = loadUnits(Dir.path("build"), {});
  ASSERT_TRUE(static_cast<bool>(Units)) << llvm::toString(Units.takeError());
  EXPECT_EQ(Units->size(), 2u);
}

} // namespace
