//===--- RaiiGapInLoopCheck.h - LeakGuard ----------------------------*- C++ -*-===//

#ifndef LEAKGUARD_CHECKS_RAIIGAPINLOOPCHECK_H
#define LEAKGUARD_CHECKS_RAIIGAPINLOOPCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::leak {

/// Finds resources acquired in a loop body and not released in the same iteration.
///
/// For the user-facing documentation see:
/// docs/checks/leak-raii-gap-in-loop.md
class RaiiGapInLoopCheck : public ClangTidyCheck {
public:
  RaiiGapInLoopCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::leak

#endif // LEAKGUARD_CHECKS_RAIIGAPINLOOPCHECK_H
