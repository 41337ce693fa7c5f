//===--- RuleLoaderTest.cpp - Rule packs: parsing, validation, merging ----===//

#include "utils/RuleLoader.h"
#include "utils/ApiModel.h"
#include "utils/RuleOptions.h"
#include "utils/RulesYaml.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"

namespace clang::tidy::leak::utils {
namespace {

/// The first problem in \p Text as "L:C: message", or "ok".
std::string problem(llvm::StringRef Text) {
  RulePack Pack;
  RuleDiagnostic Error;
  if (parseRulePack(Text, "t.yaml", Pack, Error))
    return "ok";
  EXPECT_EQ(Error.File, "t.yaml");
  return std::to_string(Error.Line) + ":" + std::to_string(Error.Column) +
         ": " + Error.Message;
}

constexpr const char *Header = "Version: 1\nPack: mine\n";

std::string withHeader(llvm::StringRef Body) {
  return std::string(Header) + Body.str();
}

TEST(RuleLoaderTest, EmbeddedPacksAreValid) {
  std::vector<std::string> Names;
  for (const EmbeddedRulePack &E : embeddedRulePacks()) {
    RulePack Pack;
    RuleDiagnostic Error;
    EXPECT_TRUE(parseRulePack(E.Text, E.FileName, Pack, Error)) << Error.str();
    Names.push_back(Pack.Name + (Pack.Optional ? "?" : ""));
  }
  llvm::sort(Names);
  EXPECT_EQ(llvm::join(Names, ","),
            "containers,curl?,cxx,libc,libpq?,posix,sqlite3?,threads,zlib?");
}

TEST(RuleLoaderTest, DefaultModelHasTheDefaultPacks) {
  const ApiModel &M = defaultApiModel();
  EXPECT_EQ(llvm::join(M.Packs, ","), "containers,cxx,libc,posix,threads");
  int Arg = 7;
  const ResourceKind *Fd = M.findAcquirer("::pipe", Arg);
  ASSERT_NE(Fd, nullptr);
  EXPECT_EQ(Fd->Name, "file descriptor");
  EXPECT_EQ(Fd->Pack, "posix");
  EXPECT_EQ(Arg, 0);
  EXPECT_TRUE(M.isReleaser(*Fd, "close", 0));
  EXPECT_EQ(llvm::join(Fd->InvalidValues, ","), "negative");
  const ResourceKind *Heap = M.findAcquirer("realloc", Arg);
  ASSERT_NE(Heap, nullptr);
  EXPECT_EQ(Heap->Name, "heap memory");
  EXPECT_EQ(Arg, -1);
  EXPECT_TRUE(M.isReleaser(*Heap, "::realloc", 0));
  EXPECT_NE(M.findAcquirer("::operator new[]", Arg), nullptr);
  EXPECT_EQ(M.findAcquirer("::operator new[]", Arg)->Name, "array from new[]");
  EXPECT_EQ(M.findAcquirer("::timer_create", Arg)->Name, "POSIX timer");
  EXPECT_EQ(Arg, 2);
  EXPECT_EQ(M.findAcquirer("::curl_easy_init", Arg), nullptr);
  EXPECT_EQ(M.Resources.size(), 10u);
  EXPECT_EQ(M.ThreadTypes.size(), 2u);
  EXPECT_EQ(llvm::join(M.SelfJoiningThreads, ","), "::std::jthread");
  EXPECT_EQ(M.JoinFunctions.size(), 3u);
  EXPECT_EQ(M.BlockingFunctions.size(), 10u);
  EXPECT_FALSE(llvm::is_contained(M.BlockingFunctions, "::pthread_mutex_lock"));
  // Names never decide by default: stop signals are found by data flow.
  EXPECT_TRUE(M.StopSignalNames.empty());
  EXPECT_EQ(M.TakeFunctions.size(), 12u);
  EXPECT_TRUE(llvm::is_contained(M.TakeFunctions, "::epoll_ctl(2)"));
  EXPECT_TRUE(llvm::is_contained(M.TakeFunctions, "::syscall"));
  EXPECT_EQ(M.ContainerTypes.size(), 16u);
  EXPECT_TRUE(llvm::is_contained(M.GrowMethods, "operator[]"));
  EXPECT_EQ(M.GrowMethods.size(), 13u);
  EXPECT_EQ(M.ShrinkMethods.size(), 12u);
}

TEST(RuleLoaderTest, OptionalPackEnabledByName) {
  RuleConfig Config;
  Config.Packs = {"curl", "sqlite3"};
  LoadedRules R = buildRules(Config);
  EXPECT_TRUE(R.Errors.empty());
  int Arg;
  ASSERT_NE(R.Model.findAcquirer("curl_easy_init", Arg), nullptr);
  EXPECT_EQ(R.Model.findAcquirer("sqlite3_open", Arg)->Name,
            "sqlite3 connection");
  EXPECT_EQ(Arg, 1);
  EXPECT_EQ(R.Model.findAcquirer("::gzopen", Arg), nullptr);
}

TEST(RuleLoaderTest, DisablingPacks) {
  RuleConfig Config;
  Config.Packs = {"-*", "zlib"};
  LoadedRules R = buildRules(Config);
  EXPECT_TRUE(R.Errors.empty());
  EXPECT_EQ(llvm::join(R.Model.Packs, ","), "zlib");
  Config.Packs = {"-posix"};
  R = buildRules(Config);
  EXPECT_EQ(llvm::join(R.Model.Packs, ","), "containers,cxx,libc,threads");
}

TEST(RuleLoaderTest, UnknownPackName) {
  RuleConfig Config;
  Config.Packs = {"curll", "nosuch"};
  LoadedRules R = buildRules(Config);
  ASSERT_EQ(R.Errors.size(), 2u);
  EXPECT_EQ(
      R.Errors[0].str(),
      "option 'RulePacks': unknown rule pack 'curll'; did you mean 'curl'?");
  EXPECT_EQ(
      R.Errors[1].str(),
      "option 'RulePacks': unknown rule pack 'nosuch' (available: containers, "
      "curl, cxx, libc, libpq, posix, sqlite3, threads, zlib)");
  // The defaults are still there.
  EXPECT_EQ(R.Model.Packs.size(), 5u);
}

TEST(RuleLoaderTest, MalformedYaml) {
  EXPECT_EQ(problem("Version: 1\nPack: [a\n"),
            "3:1: malformed YAML: end of sequence flow not found");
  EXPECT_EQ(problem("Version: 1\nPack: \"mine\n"),
            "2:7: malformed YAML: unterminated quoted scalar");
  EXPECT_EQ(problem("Version: 1\nPack: 'mi''ne\n"),
            "2:7: malformed YAML: unterminated quoted scalar");
  EXPECT_EQ(problem("Version: 1\n---\nPack: x\n"),
            "2:1: malformed YAML: a rule file holds one YAML document; a "
            "second one starts here");
  // yaml-cpp 0.7 alone never returns on these.
  EXPECT_EQ(problem(","),
            "1:1: malformed YAML: unexpected ',' outside any collection");
  EXPECT_EQ(problem("{a: b},"),
            "1:7: malformed YAML: unexpected ',' outside any collection");
  EXPECT_EQ(problem(std::string(40, '[') + std::string(40, ']')),
            "1:33: malformed YAML: nesting deeper than 32 levels");
  EXPECT_EQ(problem("Version: 1\nPack: x\n\0"),
            "ok"); // the embedded NUL is not part of a StringRef from a literal
  EXPECT_EQ(problem(llvm::StringRef("Version: 1\n\0", 12)),
            "2:1: malformed YAML: NUL byte in rule file");
  EXPECT_EQ(problem(""), "1:1: empty rule file (expected a mapping with "
                         "'Version' and 'Pack')");
  EXPECT_EQ(problem("- a\n"), "1:1: rule file must be a mapping, got a list");
}

TEST(RuleLoaderTest, UnknownKeyWithSuggestion) {
  EXPECT_EQ(problem(withHeader("Resources:\n"
                               "  - Name: handle\n"
                               "    Acquire: [my_open]\n"
                               "    Relase: [my_close]\n")),
            "6:5: unknown key 'Relase' in resource; did you mean 'Release'?");
  EXPECT_EQ(problem("Version: 1\nPack: x\nresources: []\n"),
            "3:1: unknown key 'resources' in rule file; did you mean "
            "'Resources'?");
  EXPECT_EQ(problem("Version: 1\nPack: x\nZebra: 1\n"),
            "3:1: unknown key 'Zebra' in rule file (expected Version, Pack, "
            "Description, Optional, Resources, Threads, Waits, Containers, "
            "Ownership)");
  EXPECT_EQ(problem(withHeader("Threads: {Spwn: [f]}\n")),
            "3:11: unknown key 'Spwn' in 'Threads'; did you mean 'Spawn'?");
  EXPECT_EQ(problem(withHeader("Resources:\n"
                               "  - Name: h\n"
                               "    Acquire: [{Function: f, HandelArg: 1}]\n"
                               "    Release: [g]\n")),
            "5:29: unknown key 'HandelArg' in 'Acquire' entry; did you mean "
            "'HandleArg'?");
  EXPECT_EQ(problem(withHeader("Resources:\n"
                               "  - Name: h\n"
                               "    Acquire: [f]\n"
                               "    Release: [g]\n"
                               "    Invalid: [negativ]\n")),
            "7:15: 'negativ' is not an invalid-handle value; did you mean "
            "'negative'?");
}

TEST(RuleLoaderTest, WrongType) {
  EXPECT_EQ(problem("Version: one\nPack: x\n"),
            "1:10: 'Version' must be an integer from 0 to 1000, got 'one'");
  EXPECT_EQ(problem("Version: 2\nPack: x\n"),
            "1:10: unsupported schema version 2; this LeakGuard reads "
            "version 1");
  EXPECT_EQ(problem("Version: 1\nPack: [x]\n"),
            "2:7: 'Pack' must be a string, got a list");
  EXPECT_EQ(problem(withHeader("Optional: yes\n")),
            "3:11: 'Optional' must be true or false, got 'yes'");
  EXPECT_EQ(problem(withHeader("Resources: {Name: h}\n")),
            "3:12: 'Resources' must be a list, got a mapping");
  EXPECT_EQ(problem(withHeader("Resources:\n"
                               "  - Name: h\n"
                               "    Acquire:\n"
                               "      - Function: f\n"
                               "        HandleArg: -1\n"
                               "    Release: [g]\n")),
            "7:20: 'HandleArg' must be an integer from 0 to 63, got '-1'");
  EXPECT_EQ(problem(withHeader("Resources:\n"
                               "  - Name: h\n"
                               "    Acquire: f\n"
                               "    Release: [g]\n")),
            "5:14: 'Acquire' must be a non-empty list of functions, got a "
            "scalar");
  EXPECT_EQ(problem(withHeader("Resources:\n"
                               "  - Name: h\n"
                               "    Acquire: []\n"
                               "    Release: [g]\n")),
            "5:14: 'Acquire' must be a non-empty list of functions");
  EXPECT_EQ(problem(withHeader("Containers: {Grow: [push back]}\n")),
            "3:21: 'push back' is not a function or type name (write it like "
            "'::open' or 'ns::Class')");
  EXPECT_EQ(problem(withHeader("Waits: {Blocking: [[a]]}\n")),
            "3:20: 'Blocking' must be a string, got a list");
}

TEST(RuleLoaderTest, OwnershipEntriesMayNameArguments) {
  EXPECT_EQ(
      problem(withHeader("Ownership:\n"
                         "  Takes: ['::epoll_ctl(2)', '::f(0, 3)', g]\n")),
      "ok");
  EXPECT_EQ(problem(withHeader("Ownership: {Takes: ['::f(x)']}\n")),
            "3:21: '::f(x)': the arguments must be 0-based positions, like "
            "'::epoll_ctl(2)' or '::f(0,2)'");
  EXPECT_EQ(problem(withHeader("Ownership: {Takes: ['::f()']}\n")),
            "3:21: '::f()': the arguments must be 0-based positions, like "
            "'::epoll_ctl(2)' or '::f(0,2)'");
  // Positions belong to ownership entries only.
  EXPECT_EQ(problem(withHeader("Threads: {Spawn: ['::f(1)']}\n")),
            "3:19: '::f(1)' is not a function or type name (write it like "
            "'::open' or 'ns::Class')");
  std::vector<std::string> Entries = {"::epoll_ctl(2)", "::keep"};
  EXPECT_TRUE(ownershipEntryMatches(Entries, "::epoll_ctl", 2));
  EXPECT_FALSE(ownershipEntryMatches(Entries, "::epoll_ctl", 0));
  EXPECT_TRUE(ownershipEntryMatches(Entries, "::keep", 5));
  EXPECT_FALSE(ownershipEntryMatches(Entries, "::other", 2));
}

TEST(RuleLoaderTest, MissingField) {
  EXPECT_EQ(problem("Version: 1\n"),
            "1:1: rule file is missing required key 'Pack'");
  EXPECT_EQ(problem(withHeader("Resources:\n"
                               "  - Name: h\n"
                               "    Acquire: [f]\n")),
            "4:5: resource is missing required key 'Release'");
  EXPECT_EQ(problem(withHeader("Resources:\n"
                               "  - Name: h\n"
                               "    Acquire: [{HandleArg: 1}]\n"
                               "    Release: [g]\n")),
            "5:15: 'Acquire' entry is missing required key 'Function'");
}

TEST(RuleLoaderTest, DuplicateEntry) {
  EXPECT_EQ(problem("Version: 1\nPack: x\nPack: y\n"),
            "3:1: duplicate key 'Pack' (first at 2:1)");
  EXPECT_EQ(problem(withHeader("Threads: {Join: [a, b, a]}\n")),
            "3:24: duplicate entry 'a' in 'Join' (first at 3:18)");
  EXPECT_EQ(problem(withHeader("Resources:\n"
                               "  - Name: h\n"
                               "    Acquire: [f, g, f]\n"
                               "    Release: [r]\n")),
            "5:21: duplicate entry 'f' in 'Acquire' (first at 5:15)");
  EXPECT_EQ(problem(withHeader("Resources:\n"
                               "  - {Name: h, Acquire: [f], Release: [r]}\n"
                               "  - {Name: h, Acquire: [g], Release: [r]}\n")),
            "5:12: duplicate resource 'h' (first at 4:5)");
  EXPECT_EQ(problem(withHeader("Resources:\n"
                               "  - {Name: h, Acquire: [f], Release: [r]}\n"
                               "  - {Name: i, Acquire: [f], Release: [r]}\n")),
            "5:25: duplicate entry 'f': it already acquires 'h'");
}

TEST(RuleLoaderTest, ShorthandAndDefaults) {
  RulePack Pack;
  RuleDiagnostic Error;
  ASSERT_TRUE(
      parseRulePack(withHeader("Resources:\n"
                               "  - Name: handle\n"
                               "    Acquire:\n"
                               "      - my_open\n"
                               "      - {Function: my_pair, HandleArg: 1}\n"
                               "    Release: [{Function: ::my_close}]\n"
                               "    Invalid: [-1, MY_BAD]\n"),
                    "t.yaml", Pack, Error))
      << Error.str();
  ASSERT_EQ(Pack.Model.Resources.size(), 1u);
  const ResourceKind &K = Pack.Model.Resources[0];
  EXPECT_EQ(K.Pack, "mine");
  EXPECT_EQ(K.Acquire[0].HandleArg, -1);
  EXPECT_EQ(K.Acquire[1].HandleArg, 1);
  EXPECT_EQ(K.Release[0].HandleArg, 0u);
  EXPECT_EQ(llvm::join(K.InvalidValues, ","), "-1,MY_BAD");
}

TEST(RuleLoaderTest, MergeExtendsAndRejectsDuplicates) {
  ApiModel M = defaultApiModel();
  RulePack Pack;
  RuleDiagnostic Error;
  ASSERT_TRUE(parseRulePack(withHeader("Resources:\n"
                                       "  - Name: file descriptor\n"
                                       "    Acquire: [::my_open]\n"
                                       "    Release: [::my_close]\n"),
                            "t.yaml", Pack, Error));
  ASSERT_TRUE(mergeRulePack(M, Pack, Error)) << Error.str();
  int Arg;
  const ResourceKind *Fd = M.findAcquirer("my_open", Arg);
  ASSERT_NE(Fd, nullptr);
  EXPECT_EQ(Fd->Name, "file descriptor");
  EXPECT_TRUE(M.isReleaser(*Fd, "my_close", 0));
  EXPECT_TRUE(M.isReleaser(*Fd, "close", 0));
  // The same pack again.
  EXPECT_FALSE(mergeRulePack(M, Pack, Error));
  EXPECT_EQ(Error.str(), "rule file 't.yaml':2:7: duplicate pack 'mine': a "
                         "pack of that name is already loaded");
  ASSERT_TRUE(parseRulePack("Version: 1\nPack: other\nResources:\n"
                            "  - {Name: x, Acquire: [::open], Release: [c]}\n",
                            "u.yaml", Pack, Error));
  EXPECT_FALSE(mergeRulePack(M, Pack, Error));
  EXPECT_EQ(Error.str(), "rule file 'u.yaml':4:25: duplicate entry '::open': "
                         "it already acquires 'file descriptor' (pack posix)");
}

TEST(RuleLoaderTest, RuleFilesAndCache) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("leakguard-rules", Dir));
  llvm::SmallString<128> Good(Dir), Bad(Dir), Missing(Dir);
  llvm::sys::path::append(Good, "good.yaml");
  llvm::sys::path::append(Bad, "bad.yaml");
  llvm::sys::path::append(Missing, "missing.yaml");
  {
    std::error_code EC;
    llvm::raw_fd_ostream(Good, EC)
        << "Version: 1\nPack: mine\nResources:\n"
           "  - {Name: thing, Acquire: [my_open], Release: [my_close]}\n";
    llvm::raw_fd_ostream(Bad, EC) << "Version: 1\nPack: bad\nRelase: []\n";
  }
  RuleConfig Config;
  Config.Files = {std::string(Good), std::string(Bad), std::string(Missing)};
  const LoadedRules &R = loadRules(Config);
  ASSERT_EQ(R.Errors.size(), 2u);
  EXPECT_EQ(R.Errors[0].str(), "rule file '" + std::string(Bad) +
                                   "':3:1: unknown key 'Relase' in rule "
                                   "file (expected Version, Pack, "
                                   "Description, Optional, Resources, "
                                   "Threads, Waits, Containers, Ownership)");
  EXPECT_EQ(R.Errors[1].str(), "rule file '" + std::string(Missing) +
                                   "': cannot read: No such file or directory");
  int Arg;
  EXPECT_NE(R.Model.findAcquirer("my_open", Arg), nullptr);
  EXPECT_EQ(&loadRules(Config), &R);
  llvm::sys::fs::remove_directories(Dir);
}

static void writeFile(llvm::StringRef Path, llvm::StringRef Text) {
  llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path));
  std::error_code EC;
  llvm::raw_fd_ostream(Path, EC) << Text;
}

TEST(RuleLoaderTest, RelativeRuleFilesFollowTheNamingConfig) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("leakguard-cfg", Dir));
  std::string Root = std::string(Dir);
  // root/.clang-tidy names the rule file; root/sub inherits it.
  writeFile(Root + "/.clang-tidy", "CheckOptions:\n  RuleFiles: 'r.yaml'\n");
  writeFile(Root + "/sub/.clang-tidy",
            "InheritParentConfig: true\nCheckOptions:\n  Other: 1\n");
  EXPECT_EQ(ruleFileBaseDirectory(Root + "/sub/deep/main.cpp"), Root);
  EXPECT_EQ(resolveRuleFiles("r.yaml; /abs/x.yaml, ../y.yaml",
                             Root + "/sub/deep/main.cpp"),
            (std::vector<std::string>{
                Root + "/r.yaml", "/abs/x.yaml",
                std::string(llvm::sys::path::parent_path(Root)) + "/y.yaml"}));
  // A check-local option counts too.
  writeFile(Root + "/sub/.clang-tidy",
            "InheritParentConfig: true\nCheckOptions:\n"
            "  leak-unreleased-resource.RuleFiles: 'mine.yaml'\n");
  EXPECT_EQ(ruleFileBaseDirectory(Root + "/sub/deep/main.cpp"), Root + "/sub");
  // Without inheritance the nearest .clang-tidy is used (the option came
  // from elsewhere, e.g. --config).
  writeFile(Root + "/sub/.clang-tidy", "Checks: '-*'\n");
  EXPECT_EQ(ruleFileBaseDirectory(Root + "/sub/deep/main.cpp"), Root + "/sub");
  llvm::sys::fs::remove_directories(Dir);
}

} // namespace
} // namespace clang::tidy::leak::utils
