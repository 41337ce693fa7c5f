//===--- RaiiGapInLoopCheck.h - LeakGuard ---------------------*- C++ -*-===//

#ifndef LEAKGUARD_CHECKS_RAIIGAPINLOOPCHECK_H
#define LEAKGUARD_CHECKS_RAIIGAPINLOOPCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/BodyWalk.h"
#include "utils/Escape.h"
#include "utils/Matchers.h"
#include "utils/OwnershipPaths.h"
#include "utils/ResourceFlow.h"
#include "utils/RuleOptions.h"
#include "utils/SharedOptions.h"

namespace clang::tidy::leak {

namespace utils {
struct Acquisition;
} // namespace utils

/// Finds resources acquired in a loop body and not released in the same
/// iteration.
///
/// For the user-facing documentation see:
/// docs/checks/leak-raii-gap-in-loop.md
class RaiiGapInLoopCheck : public ClangTidyCheck {
  /// The API model from the rule packs and rule files (the first member:
  /// others are initialized from it).
  utils::CheckRules Rules;
  utils::OwnershipOptions Ownership;

public:
  RaiiGapInLoopCheck(StringRef Name, ClangTidyContext *Context);
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override {
    Rules.reportErrors(*this, SM);
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override {
    Paths.clear();
    InstantiatedPatterns.clear();
    Returned.clear();
  }

private:
  void checkAcquisition(const Expr *E, const Stmt *Loop,
                        utils::StmtAncestors Up, const FunctionDecl *Fn,
                        ASTContext &Ctx);
  bool checkAccumulation(const utils::Acquisition &A, const Stmt *Loop,
                         ASTContext &Ctx);
  void checkDeferredCleanup(const CXXMemberCallExpr *Call, const Stmt *Loop,
                            ASTContext &Ctx);
  void reportAlloca(const CallExpr *Call, const SourceManager &SM);
  void reportDefer(const CallExpr *Call, const FunctionDecl *Callee);

  const std::string RawDeferFunctions;
  const bool ReportExceptionPaths;
  const bool ReportAccumulation;
  const bool ReportAlloca;
  const std::vector<std::string> DeferFunctions;
  /// Own names of the acquirers and defer functions: calls to anything
  /// else are skipped at once.
  const utils::NameFilter Acquirers;
  const utils::NameFilter Defers;
  utils::FunctionPathsCache Paths;
  /// What the unit's helper functions return (fresh resources).
  utils::ReturnedResources Returned;
  /// Templates analysed through an instantiation (see utils::shouldAnalyse).
  llvm::SmallPtrSet<const FunctionDecl *, 4> InstantiatedPatterns;
};

} // namespace clang::tidy::leak

#endif // LEAKGUARD_CHECKS_RAIIGAPINLOOPCHECK_H
