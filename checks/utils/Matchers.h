//===--- Matchers.h - AST matchers shared by LeakGuard's checks -*- C++ -*-===//

#ifndef LEAKGUARD_CHECKS_UTILS_MATCHERS_H
#define LEAKGUARD_CHECKS_UTILS_MATCHERS_H

#include "ApiModel.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include <string>
#include <vector>

namespace clang::tidy::leak::utils {

/// Matches a named declaration whose qualified name matches one of the API
/// model's name patterns (see nameMatches): the lists come from rule packs and
/// options, so they are not known when the matcher is written.
AST_MATCHER_P(NamedDecl, matchesAnyListedName, std::vector<std::string>,
              Names) {
  return nameMatchesAny(Names, Node.getQualifiedNameAsString());
}

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_MATCHERS_H
