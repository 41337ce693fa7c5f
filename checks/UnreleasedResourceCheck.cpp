//===--- UnreleasedResourceCheck.cpp - LeakGuard --------------------------------------===//

#include "UnreleasedResourceCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

void UnreleasedResourceCheck::registerMatchers(MatchFinder *Finder) {}

void UnreleasedResourceCheck::check(const MatchFinder::MatchResult &Result) {}

} // namespace clang::tidy::leak
