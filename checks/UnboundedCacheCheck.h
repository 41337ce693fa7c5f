//===--- UnboundedCacheCheck.h - LeakGuard ----------------------------*- C++
//-*-===//

#ifndef LEAKGUARD_CHECKS_UNBOUNDEDCACHECHECK_H
#define LEAKGUARD_CHECKS_UNBOUNDEDCACHECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/BodyWalk.h"
#include "utils/ProjectSummaries.h"
#include "utils/RuleOptions.h"
#include "utils/WriteIndex.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::leak {

/// Finds long-lived containers that only grow.
///
/// For the user-facing documentation see:
/// docs/checks/leak-unbounded-cache.md
class UnboundedCacheCheck : public ClangTidyCheck {
  /// The API model from the rule packs and rule files (the first member:
  /// others are initialized from it).
  utils::CheckRules Rules;

public:
  UnboundedCacheCheck(StringRef Name, ClangTidyContext *Context);
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override {
    Rules.reportErrors(*this, SM);
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  /// How an event reached its container.
  enum class Via {
    Direct,       // the variable itself, or a member through `this`
    LocalObject,  // a member of a function-local object
    StaticObject, // a member of an object with program lifetime
  };
  enum class EventKind {
    Grow,         // insert, push_back, map operator[] ...
    CapacityGrow, // resize, reserve, assign: grows the buffer, not entries
    KeepCapacity, // clear, erase, pop_*, resize: removes entries
    Release,      // shrink_to_fit, swap, assignment, moved from, escapes
    SizeCheck,    // size() compared against a bound
  };
  struct Event {
    EventKind Kind;
    Via How;
    SourceLocation Loc;
    /// The container expression: where the event's context is read from.
    const Expr *At;
    /// The function the event is in (the bound of a size check applies to
    /// growth in the same function).
    const Decl *Function = nullptr;
    /// Growth that runs once at start-up (an init function, a static's
    /// initializer, std::call_once).
    bool AtStartup = false;
    /// Function and AtStartup are filled in only for the containers still
    /// candidates at the end of the translation unit: finding them walks the
    /// parent map, whose construction costs a walk of the whole AST.
    bool ContextKnown = false;
  };
  /// A container: a variable, a data member, or the container an accessor
  /// function returns by reference.
  struct Target {
    const ValueDecl *Container = nullptr;
    const FunctionDecl *Accessor = nullptr;
    Via How = Via::Direct;
  };

private:
  /// True when \p Fn, which grows \p Container, is API that nothing in
  /// the project calls, or that only such API calls (a complete summary
  /// store says so: `keepUntilExit` → `registerFile`), and only adds, a
  /// registration (`register_port(scheme, port)`): how often it runs is
  /// its users' choice, not the input's. A cache that looks up before it
  /// inserts is still judged.
  bool isUncalledRegistration(const FunctionDecl *Fn,
                              const ValueDecl *Container) const;
  void addEvent(const Expr *ContainerExpr, EventKind Kind, SourceLocation Loc,
                ASTContext &Ctx);
  bool isStartupContext(const Expr *E, ASTContext &Ctx, const Decl *&Function);
  bool isStartupContextSlow(const Expr *E, ASTContext &Ctx,
                            const Decl *&Function) const;
  bool startsUp(const FunctionDecl *Fn) const;
  bool isFirstCallOnly(const Expr *E, const FunctionDecl *Fn, ASTContext &Ctx);

  std::vector<std::string> ExtraContainerTypes;
  std::vector<std::string> ExtraGrowMethods;
  std::vector<std::string> ExtraShrinkMethods;
  std::vector<std::string> StartupFunctions;
  const bool RetainedCapacity;
  const bool SingletonHeuristic;
  /// LeakGuardSummaryStore: the project's calls decide which functions run
  /// once (growth bounded by call sites).
  std::string StorePath;
  std::shared_ptr<const utils::SummaryIndex> Project;

  std::vector<std::string> ContainerTypes;
  std::vector<std::string> GrowMethods;
  std::vector<std::string> ShrinkMethods;
  std::vector<std::string> ThreadTypes;

  struct Info {
    llvm::SmallVector<Event, 4> Events;
    bool HasCapacity = false;
  };
  llvm::DenseMap<const ValueDecl *, Info> Containers;
  llvm::SmallVector<std::pair<const FunctionDecl *, Event>, 4> AccessorEvents;
  /// Accessor -> the container it returns by reference.
  llvm::DenseMap<const FunctionDecl *, const ValueDecl *> Accessors;
  /// Accessor -> the accessor whose result it returns.
  llvm::DenseMap<const FunctionDecl *, const FunctionDecl *> AccessorChains;
  llvm::SmallPtrSet<const FunctionDecl *, 4> CapacityAccessors;
  /// The bodies of the functions written outside system headers: where an
  /// event's context is looked up.
  utils::BodyIndex Bodies;
  ASTContext *Context = nullptr;
  /// Who writes what (first-call guards), built on first use.
  std::unique_ptr<utils::WriteIndex> Writes;
};

} // namespace clang::tidy::leak

#endif // LEAKGUARD_CHECKS_UNBOUNDEDCACHECHECK_H
