//===--- BodyWalk.h - Top-down walks of function bodies ---------*- C++ -*-===//
//
// Checks that look at many statements of every function (every `new`, every
// call) find them by walking each function body top-down instead of with
// upward matchers (`forCallable`, `hasAncestor`, `isInTemplateInstantiation`):
// an upward matcher makes clang build the parent map of the whole translation
// unit, the standard library included, which costs more than the checks
// themselves. The walk hands each statement the chain of statements above it
// within its body, which is all the parent information the checks need.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_BODYWALK_H
#define LEAKGUARD_CHECKS_UTILS_BODYWALK_H

#include "clang/AST/Decl.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <memory>
#include <vector>

namespace clang::tidy::leak::utils {

/// The statements enclosing a statement within one function body, outermost
/// (the body) first: back() is the statement's parent. A declaration's
/// initializer has its DeclStmt as parent.
using StmtAncestors = llvm::ArrayRef<const Stmt *>;

/// Calls \p Visit with every statement of \p Body and its ancestors,
/// parents before children. A lambda's captures are visited as part of the
/// enclosing body, its own body is not: the lambda's call operator is a
/// function of its own (the AST matchers visit it as one).
void walkBody(const Stmt *Body,
              llvm::function_ref<void(const Stmt *, StmtAncestors)> Visit);

/// True when \p D is a template instantiation or is declared inside one
/// (a member of a class template specialization, a lambda in an instantiated
/// function): LeakGuard analyses a template once, in its definition.
bool isInTemplateInstantiation(const Decl *D);

/// The nearest ancestor of \p S that is not a parenthesis, cast, cleanup or
/// temporary, or null at the top of \p Up; \p Child receives the statement
/// that ancestor was reached from (\p S or one of the skipped wrappers).
const Stmt *parentIgnoringWrappers(const Stmt *S, StmtAncestors Up,
                                   const Stmt *&Child);

/// The variable of \p DS initialized by \p Init (a direct child of \p DS),
/// or null.
const VarDecl *varInitializedBy(const DeclStmt *DS, const Stmt *Init);

/// Parents of statements that matchers found one by one, without the
/// translation unit's parent map: the check records the function bodies it
/// sees, and a clang::ParentMap is built, on demand, for the one body that
/// contains a statement.
class BodyIndex {
public:
  /// Records \p Fn's body. Lambdas' call operators are ignored: their bodies
  /// belong to the function the lambda is written in.
  void addBody(const FunctionDecl *Fn);

  struct Owner {
    /// The function whose body contains the statement.
    const FunctionDecl *Function = nullptr;
    /// Parents within that body, lambda bodies included.
    const ParentMap *Parents = nullptr;
  };
  /// The recorded body containing \p S, or an empty Owner when \p S lies in
  /// no recorded body (an initializer outside any function).
  Owner find(const Stmt *S, const SourceManager &SM);

  void clear() {
    Bodies.clear();
    Maps.clear();
  }

private:
  const ParentMap &parentsOf(const FunctionDecl *Fn);

  std::vector<const FunctionDecl *> Bodies;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<ParentMap>> Maps;
};

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_BODYWALK_H
