//===--- UnjoinedThreadCheck.h - LeakGuard ----------------------*- C++ -*-===//

#ifndef LEAKGUARD_CHECKS_UNJOINEDTHREADCHECK_H
#define LEAKGUARD_CHECKS_UNJOINEDTHREADCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/OwnershipPaths.h"
#include "utils/RuleOptions.h"
#include "utils/SharedOptions.h"
#include "utils/StopSignals.h"
#include <string>
#include <vector>

namespace clang::tidy::leak {

/// Finds threads that can be destroyed while joinable or detached while running
/// forever.
///
/// For the user-facing documentation see:
/// docs/checks/leak-unjoined-thread.md
class UnjoinedThreadCheck : public ClangTidyCheck {
  /// The API model from the rule packs and rule files (the first member:
  /// others are initialized from it).
  utils::CheckRules Rules;

public:
  UnjoinedThreadCheck(StringRef Name, ClangTidyContext *Context);
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override {
    Rules.reportErrors(*this, SM);
  }
  // C too: pthread_create, pthread_cond_wait and sem_wait are C APIs.
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return true;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void checkLocalThread(const VarDecl *Var, const DeclStmt *Decl,
                        ASTContext &Context);
  void checkPthread(const CallExpr *Create, const VarDecl *Handle,
                    ASTContext &Context);
  void checkMember(const FieldDecl *Field, ASTContext &Context);
  void checkDetach(const CXXMemberCallExpr *Detach, ASTContext &Context);
  void checkGlobals(ASTContext &Context);
  bool isStartedOnce(const CXXMemberCallExpr *Detach,
                     ASTContext &Context) const;

  utils::ThreadOptions Threads;
  /// A call whose body is not visible may throw (see OwnershipPaths.h).
  const bool UnknownCallsThrow;
  utils::FunctionPathsCache Paths;
  /// Threads and containers of threads with static storage, and the
  /// function bodies of the unit: decided at its end.
  std::vector<const VarDecl *> GlobalThreads;
  std::vector<const FunctionDecl *> Bodies;
};

} // namespace clang::tidy::leak

#endif // LEAKGUARD_CHECKS_UNJOINEDTHREADCHECK_H
