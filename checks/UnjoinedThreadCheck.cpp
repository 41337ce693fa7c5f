//===--- UnjoinedThreadCheck.cpp - LeakGuard --------------------------------------===//

#include "UnjoinedThreadCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

void UnjoinedThreadCheck::registerMatchers(MatchFinder *Finder) {}

void UnjoinedThreadCheck::check(const MatchFinder::MatchResult &Result) {}

} // namespace clang::tidy::leak
