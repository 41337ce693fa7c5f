//===--- Matchers.h - AST matchers shared by LeakGuard's checks -*- C++ -*-===//

#ifndef LEAKGUARD_CHECKS_UTILS_MATCHERS_H
#define LEAKGUARD_CHECKS_UTILS_MATCHERS_H

#include "ApiModel.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/StringSet.h"
#include <string>
#include <vector>

namespace clang::tidy::leak::utils {

/// A cheap first test for name patterns: the last component of each pattern
/// ("open" for "::open", "operator new" for "::operator new"). Comparing a
/// declaration's own name with these avoids building its qualified name for
/// the many declarations that cannot match.
class NameFilter {
public:
  NameFilter() = default;
  explicit NameFilter(const std::vector<std::string> &Patterns) {
    add(Patterns);
  }
  void add(const std::vector<std::string> &Patterns) {
    for (llvm::StringRef Pattern : Patterns) {
      size_t Colons = Pattern.rfind("::");
      llvm::StringRef Last = Colons == llvm::StringRef::npos
                                 ? Pattern
                                 : Pattern.substr(Colons + 2);
      Names.insert(Last);
      HasOperators |= Last.starts_with("operator");
    }
  }
  /// False when \p D's name cannot match any of the patterns.
  bool mayMatch(const NamedDecl &D) const {
    if (const IdentifierInfo *II = D.getIdentifier())
      return Names.contains(II->getName());
    return HasOperators && Names.contains(D.getNameAsString());
  }

private:
  llvm::StringSet<> Names;
  bool HasOperators = false;
};

/// Function definitions written outside system headers: the bodies the
/// checks walk top-down (see BodyWalk.h). A lambda's call operator is matched
/// as a function of its own.
inline ast_matchers::internal::BindableMatcher<Decl> userFunctionDefinition() {
  using namespace ast_matchers;
  return functionDecl(isDefinition(), hasBody(stmt()),
                      unless(isExpansionInSystemHeader()));
}

/// Matches a named declaration whose qualified name matches one of the API
/// model's name patterns (see nameMatches): the lists come from rule packs and
/// options, so they are not known when the matcher is written.
AST_MATCHER_P(NamedDecl, matchesAnyListedName, std::vector<std::string>,
              Names) {
  // Most declarations are rejected on their own name, before the costly
  // qualified name is built.
  if (const IdentifierInfo *II = Node.getIdentifier()) {
    llvm::StringRef Name = II->getName();
    bool Possible = llvm::any_of(Names, [&](llvm::StringRef Pattern) {
      return Pattern.ends_with(Name) &&
             (Pattern.size() == Name.size() ||
              Pattern.drop_back(Name.size()).ends_with("::"));
    });
    if (!Possible)
      return false;
  }
  return nameMatchesAny(Names, Node.getQualifiedNameAsString());
}

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_MATCHERS_H
