//===--- UnboundedCacheCheck.cpp - LeakGuard --------------------------------------===//

#include "UnboundedCacheCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

void UnboundedCacheCheck::registerMatchers(MatchFinder *Finder) {}

void UnboundedCacheCheck::check(const MatchFinder::MatchResult &Result) {}

} // namespace clang::tidy::leak
