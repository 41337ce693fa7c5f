//===--- UnreleasedResourceCheck.h - LeakGuard ----------------*- C++ -*-===//

#ifndef LEAKGUARD_CHECKS_UNRELEASEDRESOURCECHECK_H
#define LEAKGUARD_CHECKS_UNRELEASEDRESOURCECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/BodyWalk.h"
#include "utils/Escape.h"
#include "utils/Matchers.h"
#include "utils/OwnershipPaths.h"
#include "utils/ProjectSummaries.h"
#include "utils/ResourceFlow.h"
#include "utils/RuleOptions.h"
#include "utils/SharedOptions.h"

namespace clang::tidy::leak {

/// Finds resources not released on some path to the function's exit.
///
/// For the user-facing documentation see:
/// docs/checks/leak-unreleased-resource.md
class UnreleasedResourceCheck : public ClangTidyCheck {
  /// The API model from the rule packs and rule files (the first member:
  /// others are initialized from it).
  utils::CheckRules Rules;
  utils::OwnershipOptions Ownership;

public:
  UnreleasedResourceCheck(StringRef Name, ClangTidyContext *Context);
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override {
    Rules.reportErrors(*this, SM);
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// An acquisition found in the walk of a body, decided after it.
  struct PendingAcquisition {
    utils::Acquisition A;
    const Expr *E;
    /// The loop whose iteration leak-raii-gap-in-loop checks, or null.
    const Stmt *Loop;
    bool InCommandLineLoop;
  };
  void describeAcquisition(const Expr *E, utils::StmtAncestors Up,
                           const FunctionDecl *Fn,
                           std::vector<PendingAcquisition> &Pending);
  void checkAcquisitions(llvm::ArrayRef<PendingAcquisition> Pending,
                         const FunctionDecl *Fn, ASTContext &Ctx);
  void checkAcquisition(const PendingAcquisition &P,
                        const utils::FunctionPaths &FP,
                        const utils::ResourceFlow &Flow,
                        const FunctionDecl *Fn);
  void checkRealloc(const BinaryOperator *Assign, const FunctionDecl *Fn,
                    ASTContext &Ctx);
  void checkMismatch(const CXXDeleteExpr *Delete);
  void explainSummaries(const utils::Acquisition &A, const FunctionDecl *Fn);
  /// Adds \p Fn's summary for other units (the driver's first phase).
  void summarize(const FunctionDecl *Fn, ASTContext &Ctx);

  const bool ReportExceptionPaths;
  const bool TrackNew;
  /// For LeakGuard's own tests: every acquisition the one-pass analysis
  /// clears is searched as well, and a disagreement is reported.
  const bool CrossCheckPaths;
  const bool LoopCheckEnabled;
  /// The acquirers' own names: calls to anything else are skipped at once.
  const utils::NameFilter Acquirers;
  utils::FunctionPathsCache Paths;
  /// What the unit's helper functions return (fresh resources).
  utils::ReturnedResources Returned;
  /// Templates analysed through an instantiation (see utils::shouldAnalyse).
  llvm::SmallPtrSet<const FunctionDecl *, 4> InstantiatedPatterns;
  /// The unit's summaries, written at its end in the first phase.
  utils::UnitSummaries Summaries;
  /// The unit being summarized (its written globals are read at its end).
  ASTContext *SummarizedContext = nullptr;
};

} // namespace clang::tidy::leak

#endif // LEAKGUARD_CHECKS_UNRELEASEDRESOURCECHECK_H
