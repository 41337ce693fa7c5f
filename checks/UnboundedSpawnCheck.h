//===--- UnboundedSpawnCheck.h - LeakGuard ----------------------------*- C++ -*-===//

#ifndef LEAKGUARD_CHECKS_UNBOUNDEDSPAWNCHECK_H
#define LEAKGUARD_CHECKS_UNBOUNDEDSPAWNCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::leak {

/// Finds a thread or task spawned per iteration of an unbounded loop.
///
/// For the user-facing documentation see:
/// docs/checks/leak-unbounded-spawn.md
class UnboundedSpawnCheck : public ClangTidyCheck {
public:
  UnboundedSpawnCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::leak

#endif // LEAKGUARD_CHECKS_UNBOUNDEDSPAWNCHECK_H
