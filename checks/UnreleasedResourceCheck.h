//===--- UnreleasedResourceCheck.h - LeakGuard ----------------------------*- C++ -*-===//

#ifndef LEAKGUARD_CHECKS_UNRELEASEDRESOURCECHECK_H
#define LEAKGUARD_CHECKS_UNRELEASEDRESOURCECHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::leak {

/// Finds resources not released on some path to the function's exit.
///
/// For the user-facing documentation see:
/// docs/checks/leak-unreleased-resource.md
class UnreleasedResourceCheck : public ClangTidyCheck {
public:
  UnreleasedResourceCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::leak

#endif // LEAKGUARD_CHECKS_UNRELEASEDRESOURCECHECK_H
