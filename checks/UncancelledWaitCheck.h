//===--- UncancelledWaitCheck.h - LeakGuard ----------------------------*- C++ -*-===//

#ifndef LEAKGUARD_CHECKS_UNCANCELLEDWAITCHECK_H
#define LEAKGUARD_CHECKS_UNCANCELLEDWAITCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::leak {

/// Finds blocking waits with no way out.
///
/// For the user-facing documentation see:
/// docs/checks/leak-uncancelled-wait.md
class UncancelledWaitCheck : public ClangTidyCheck {
public:
  UncancelledWaitCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::leak

#endif // LEAKGUARD_CHECKS_UNCANCELLEDWAITCHECK_H
