//===--- RaiiGapInLoopCheck.cpp - LeakGuard --------------------------------------===//

#include "RaiiGapInLoopCheck.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

void RaiiGapInLoopCheck::registerMatchers(MatchFinder *Finder) {}

void RaiiGapInLoopCheck::check(const MatchFinder::MatchResult &Result) {}

} // namespace clang::tidy::leak
