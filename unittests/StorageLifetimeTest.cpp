//===--- StorageLifetimeTest.cpp - Tests of utils/StorageLifetime --------===//

#include "utils/StorageLifetime.h"
#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <memory>
#include <string>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;
using namespace clang::tidy::leak::utils;

namespace {

std::unique_ptr<ASTUnit> parse(const std::string &Code) {
  std::vector<std::string> Args = {
      "-std=c++20",           "-nostdinc++",   "-isystem",
      LEAKGUARD_MOCK_HEADERS, "-resource-dir", LEAKGUARD_CLANG_RESOURCE_DIR};
  return tooling::buildASTFromCodeWithArgs(Code, Args, "input.cpp");
}

template <typename T>
const T *find(ASTUnit &AST, const internal::BindableMatcher<Decl> &M) {
  auto Matches = match(M.bind("d"), AST.getASTContext());
  if (Matches.empty())
    return nullptr;
  return Matches.front().getNodeAs<T>("d");
}

const VarDecl *var(ASTUnit &AST, StringRef Name) {
  return find<VarDecl>(AST, varDecl(hasName(Name)));
}

const FieldDecl *field(ASTUnit &AST, StringRef Name) {
  return find<FieldDecl>(AST, fieldDecl(hasName(Name)));
}

bool fieldIsLongLived(const std::string &Code, StringRef Name,
                      bool Heuristic = true) {
  std::unique_ptr<ASTUnit> AST = parse(Code);
  EXPECT_TRUE(AST);
  if (!AST)
    return false;
  const FieldDecl *FD = field(*AST, Name);
  EXPECT_TRUE(FD) << "no field " << Name.str();
  LifetimeIndex Index = LifetimeIndex::build(AST->getASTContext(), Heuristic);
  return Index.isLongLived(FD);
}

TEST(StorageLifetimeTest, VariablesWithProgramLifetime) {
  std::unique_ptr<ASTUnit> AST = parse(R"cc(
    #include <vector>
    std::vector<int> Global;
    namespace { std::vector<int> Anonymous; }
    thread_local std::vector<int> PerThread;
    struct S { static std::vector<int> Member; static inline int Inline; };
    void f() {
      static std::vector<int> StaticLocal;
      std::vector<int> Local;
      (void)Local;
    }
  )cc");
  ASSERT_TRUE(AST);
  for (StringRef Name :
       {"Global", "Anonymous", "PerThread", "Member", "Inline", "StaticLocal"})
    EXPECT_TRUE(hasProgramLifetime(var(*AST, Name))) << Name.str();
  EXPECT_FALSE(hasProgramLifetime(var(*AST, "Local")));
  EXPECT_FALSE(hasProgramLifetime(nullptr));
}

TEST(StorageLifetimeTest, MeyersSingletonMember) {
  EXPECT_TRUE(fieldIsLongLived(R"cc(
    #include <map>
    class Registry {
    public:
      static Registry &get() { static Registry R; return R; }
    private:
      std::map<int, int> Items;
    };
  )cc",
                               "Items"));
}

TEST(StorageLifetimeTest, HeldByGlobalPointerAndSmartPointer) {
  EXPECT_TRUE(fieldIsLongLived(R"cc(
    #include <memory>
    struct A { int Items; };
    std::unique_ptr<A> Holder;
    void start() { Holder = std::make_unique<A>(); }
  )cc",
                               "Items"));
  EXPECT_TRUE(fieldIsLongLived(R"cc(
    struct B { int Items; };
    B *Instance = nullptr;
    B &get() { if (!Instance) Instance = new B; return *Instance; }
  )cc",
                               "Items"));
}

TEST(StorageLifetimeTest, NestedMembersAndTemplates) {
  EXPECT_TRUE(fieldIsLongLived(R"cc(
    struct Inner { int Items; };
    struct Outer { Inner In; };
    Outer Global;
  )cc",
                               "Items"));
  // The pattern's field of a class template instantiated at global scope.
  EXPECT_TRUE(fieldIsLongLived(R"cc(
    template <typename T> struct Memo { T Items; };
    Memo<int> Global;
  )cc",
                               "Items"));
}

TEST(StorageLifetimeTest, PerRequestObjectsAreNotLongLived) {
  EXPECT_FALSE(fieldIsLongLived(R"cc(
    struct Request { int Items; };
    void handle() { Request R; (void)R; }
  )cc",
                                "Items"));
  EXPECT_FALSE(fieldIsLongLived(R"cc(
    struct Conn { int Items; };
    void accept() { Conn *C = new Conn; delete C; }
  )cc",
                                "Items"));
  // A global instance and per-request ones: not attributed to the global.
  EXPECT_FALSE(fieldIsLongLived(R"cc(
    struct Batch { int Items; };
    Batch Default;
    void build() { Batch B; (void)B; }
  )cc",
                                "Items"));
  // Never created in this translation unit: unknown, so not long-lived.
  EXPECT_FALSE(fieldIsLongLived(R"cc(
    struct Unknown { int Items; };
  )cc",
                                "Items"));
}

TEST(StorageLifetimeTest, NonOwningPointersDoNotPropagate) {
  // A per-request Session points back at the long-lived Server; the Server
  // stays long-lived.
  EXPECT_TRUE(fieldIsLongLived(R"cc(
    struct Server;
    struct Session { Server *Owner; };
    struct Server { int Items; };
    Server TheServer;
    void onConnect() { Session S{&TheServer}; (void)S; }
  )cc",
                               "Items"));
}

TEST(StorageLifetimeTest, CreatedInMainHeuristic) {
  const char *Code = R"cc(
    struct App { int Items; void run() {} };
    int main() { App A; A.run(); }
  )cc";
  EXPECT_TRUE(fieldIsLongLived(Code, "Items", /*Heuristic=*/true));
  EXPECT_FALSE(fieldIsLongLived(Code, "Items", /*Heuristic=*/false));
}

TEST(StorageLifetimeTest, CollectHeldRecords) {
  std::unique_ptr<ASTUnit> AST = parse(R"cc(
    #include <memory>
    struct T {};
    std::unique_ptr<T> HeldUnique;
    std::shared_ptr<T> HeldShared;
    T *HeldPointer;
    T HeldArray[4];
  )cc");
  ASSERT_TRUE(AST);
  for (StringRef Name :
       {"HeldUnique", "HeldShared", "HeldPointer", "HeldArray"}) {
    llvm::SmallPtrSet<const CXXRecordDecl *, 4> Held;
    collectHeldRecords(var(*AST, Name)->getType(), Held);
    ASSERT_EQ(Held.size(), 1u) << Name.str();
    EXPECT_EQ((*Held.begin())->getName(), "T") << Name.str();
  }
  // Without following pointers, only sole owners reach T.
  auto HoldsT = [&](StringRef Name) {
    llvm::SmallPtrSet<const CXXRecordDecl *, 4> Held;
    collectHeldRecords(var(*AST, Name)->getType(), Held,
                       /*ThroughPointers=*/false);
    for (const CXXRecordDecl *RD : Held)
      if (RD->getName() == "T")
        return true;
    return false;
  };
  EXPECT_TRUE(HoldsT("HeldUnique"));
  EXPECT_TRUE(HoldsT("HeldArray"));
  EXPECT_FALSE(HoldsT("HeldPointer"));
  EXPECT_FALSE(HoldsT("HeldShared"));
}

} // namespace
