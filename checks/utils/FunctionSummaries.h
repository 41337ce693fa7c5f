//===--- FunctionSummaries.h - What a function does, read once --*- C++ -*-===//
//
// The facts about a function that its callers' analyses need, read from its
// body once per translation unit and kept: whether it ever returns (a
// `fatal()` helper that prints and exits does not, though it is not
// declared noreturn) and whether it always returns the same constant (a
// `static int featureEnabled(void) { return 1; }`). Beside them, the unit's
// globals that nothing ever writes: `static int Mode = 5;` is a constant.
//
// Recursion is cut conservatively: a function whose summary is being
// computed is assumed to return, and to return no constant.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_FUNCTIONSUMMARIES_H
#define LEAKGUARD_CHECKS_UTILS_FUNCTIONSUMMARIES_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include <cstdint>
#include <optional>

namespace clang::tidy::leak::utils {

class SummaryIndex;

/// What is known of one function.
struct FunctionSummary {
  /// No call to it returns: every path through its body ends the program
  /// or loops forever.
  bool NeverReturns = false;
  /// Every return statement returns this constant (bool, integer,
  /// enumerator; null pointers are 0).
  std::optional<int64_t> ReturnsConstant;
};

/// Summaries of the functions of one translation unit, computed on demand.
class FunctionSummaries {
public:
  /// \p Project, when given, holds the summaries of the functions and
  /// constants other units define (ProjectSummaries.h).
  explicit FunctionSummaries(ASTContext &Context,
                             const SummaryIndex *Project = nullptr)
      : Context(Context), Project(Project) {}

  ASTContext &context() const { return Context; }

  /// The summary of \p FD's definition in this unit (a default summary when
  /// it has none).
  const FunctionSummary &get(const FunctionDecl *FD);

  /// True when a call to \p Callee does not return: declared `noreturn` or
  /// `analyzer_noreturn`, or read so from its body.
  bool neverReturns(const FunctionDecl *Callee);

  /// The constant \p Call returns, when its callee always returns one and
  /// the call cannot reach another function (no virtual dispatch).
  std::optional<int64_t> constantResult(const CallExpr *Call);

  /// True when \p Var is a global or static of this unit that nothing
  /// writes: internal linkage (or a static local), not volatile, and never
  /// assigned, incremented, bound to a non-const reference or given away
  /// by address anywhere in the unit.
  bool isNeverWritten(const VarDecl *Var);

  /// The value of \p E when it folds to a constant with what this unit
  /// knows: literals, enumerators, constant and never-written variables with
  /// constant initializers, calls to functions that return a constant, and
  /// arithmetic, comparisons and logic over those.
  std::optional<int64_t> fold(const Expr *E);

  /// The variables with static storage the unit's code writes or gives
  /// away by address (every such global, whatever its linkage).
  std::vector<const VarDecl *> writtenGlobals();

private:
  FunctionSummary compute(const FunctionDecl *Definition);
  /// The declarations the unit's code writes, found on first use.
  const llvm::DenseSet<const Decl *> &writtenDecls();

  ASTContext &Context;
  const SummaryIndex *Project;
  llvm::DenseMap<const FunctionDecl *, FunctionSummary> Summaries;
  llvm::DenseSet<const FunctionDecl *> InProgress;
  std::optional<llvm::DenseSet<const Decl *>> WrittenGlobals;
};

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_FUNCTIONSUMMARIES_H
