//===--- UnboundedCacheCheck.h - LeakGuard ----------------------------*- C++ -*-===//

#ifndef LEAKGUARD_CHECKS_UNBOUNDEDCACHECHECK_H
#define LEAKGUARD_CHECKS_UNBOUNDEDCACHECHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::leak {

/// Finds long-lived containers that only grow.
///
/// For the user-facing documentation see:
/// docs/checks/leak-unbounded-cache.md
class UnboundedCacheCheck : public ClangTidyCheck {
public:
  UnboundedCacheCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::leak

#endif // LEAKGUARD_CHECKS_UNBOUNDEDCACHECHECK_H
