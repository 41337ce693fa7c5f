//===--- UnjoinedThreadCheck.h - LeakGuard ----------------------------*- C++ -*-===//

#ifndef LEAKGUARD_CHECKS_UNJOINEDTHREADCHECK_H
#define LEAKGUARD_CHECKS_UNJOINEDTHREADCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::leak {

/// Finds threads that can be destroyed while joinable or detached while running forever.
///
/// For the user-facing documentation see:
/// docs/checks/leak-unjoined-thread.md
class UnjoinedThreadCheck : public ClangTidyCheck {
public:
  UnjoinedThreadCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::leak

#endif // LEAKGUARD_CHECKS_UNJOINEDTHREADCHECK_H
