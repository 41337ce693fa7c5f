//===--- UnboundedSpawnCheck.h - LeakGuard ----------------------*- C++ -*-===//

#ifndef LEAKGUARD_CHECKS_UNBOUNDEDSPAWNCHECK_H
#define LEAKGUARD_CHECKS_UNBOUNDEDSPAWNCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/LoopBounds.h"
#include "utils/RuleOptions.h"
#include "utils/SharedOptions.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <string>
#include <vector>

namespace clang::tidy::leak {

/// Finds a thread or task spawned per iteration of an unbounded loop.
///
/// For the user-facing documentation see:
/// docs/checks/leak-unbounded-spawn.md
class UnboundedSpawnCheck : public ClangTidyCheck {
  /// The API model from the rule packs and rule files (the first member:
  /// others are initialized from it).
  utils::CheckRules Rules;

public:
  UnboundedSpawnCheck(StringRef Name, ClangTidyContext *Context);
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override {
    Rules.reportErrors(*this, SM);
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

  /// What a spawn creates, for the wording of its diagnostics.
  enum class SpawnKind { Thread = 0, DetachedThread = 1, Task = 2 };

private:
  struct Spawn {
    const Expr *Site;
    /// The expression that owns the thread: the spawn itself, or for
    /// emplace_back the container call.
    SpawnKind Kind;
  };

  /// How the thread a spawn creates outlives (or not) a scope.
  struct Escape {
    bool Escapes;
    bool Detached;
    /// The container the thread is added to, when known.
    const ValueDecl *Holder = nullptr;
  };
  Escape escapesScope(const Spawn &S, const Stmt *Scope) const;
  bool isGuarded(const Stmt *Scope, const Expr *SpawnSite) const;
  bool isInPoolType(const FunctionDecl *Function) const;
  /// Reports \p S, spawned once per iteration of \p Loop through \p Calls
  /// (the call of the spawning function first); \p AtWrapperCall puts the
  /// warning on that first call instead of the spawn.
  void report(const Spawn &S, const Stmt *Loop, SpawnKind Kind,
              llvm::ArrayRef<const CallExpr *> Calls, bool AtWrapperCall);

  const std::string RawSpawnFunctions;
  const std::string RawWorkerCountNames;
  const std::string RawSemaphoreTypes;
  const std::string RawPoolTypes;
  std::vector<std::string> ThreadTypes;
  std::vector<std::string> SpawnFunctions;
  std::vector<std::string> JoinFunctions;
  std::vector<std::string> DetachFunctions;
  std::vector<std::string> SemaphoreTypes;
  std::vector<std::string> PoolTypes;
  utils::LoopBoundConfig BoundConfig;
  /// The project's summaries (callers in other units), when a store is set.
  std::shared_ptr<const utils::SummaryIndex> Project;

  ASTContext *Ctx = nullptr;
  std::vector<Spawn> Spawns;
  /// Calls to functions defined outside system headers, by callee.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const CallExpr *, 2>>
      CallSites;
};

} // namespace clang::tidy::leak

#endif // LEAKGUARD_CHECKS_UNBOUNDEDSPAWNCHECK_H
