//===--- UncancelledWaitCheck.cpp - LeakGuard --------------------------------------===//

#include "UncancelledWaitCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

void UncancelledWaitCheck::registerMatchers(MatchFinder *Finder) {}

void UncancelledWaitCheck::check(const MatchFinder::MatchResult &Result) {}

} // namespace clang::tidy::leak
