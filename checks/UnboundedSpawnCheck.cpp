//===--- UnboundedSpawnCheck.cpp - LeakGuard --------------------------------------===//

#include "UnboundedSpawnCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

void UnboundedSpawnCheck::registerMatchers(MatchFinder *Finder) {}

void UnboundedSpawnCheck::check(const MatchFinder::MatchResult &Result) {}

} // namespace clang::tidy::leak
