//===--- HandleTests.h - Which branch means "acquisition failed" -*- C++
//-*-===//
//
// Code that acquires a resource tests the result right away: `if (fd < 0)`,
// `if (!fp)`, `if (p == MAP_FAILED)`, `if (pipe(fds) != 0)`. On the branch
// where the acquisition failed the function holds nothing, so a return there
// is not a leak. This file reads such conditions.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_HANDLETESTS_H
#define LEAKGUARD_CHECKS_UTILS_HANDLETESTS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>
#include <string>

namespace clang::tidy::leak::utils {

class SummaryIndex;

/// A place holding a handle: a variable, or a field of a local struct
/// (`s.fd`, `s.in.fd`).
struct HandleRef {
  const ValueDecl *Var = nullptr;
  /// Fields from Var outwards: `s.a.fd` is {a, fd}.
  llvm::SmallVector<const FieldDecl *, 2> Fields;

  bool operator==(const HandleRef &O) const {
    return Var == O.Var && Fields == O.Fields;
  }
};

/// True when \p S assigns \p Var, steps it, takes its address or binds it
/// to a reference that may write it: after its declaration, \p Var can hold
/// another value than its initializer's.
bool reassigns(const Stmt *S, const VarDecl *Var);

/// What \p S itself (not its children) assigns, steps or takes the address
/// of: the left side of `=`/`+=`, the operand of `++`/`--`/`&`; null
/// otherwise.
const Expr *rewrittenBy(const Stmt *S);

/// The local X that \p E (`*P`) names when P is a local pointer initialized
/// with `&X` and never assigned again (nor its address taken); null
/// otherwise.
const VarDecl *pointedLocal(const Expr *E);

/// The place \p E names (`fd`, `s.fd`, `fds` through array decay, `&t`
/// with \p AddressOf), or std::nullopt. Parentheses and casts are ignored.
std::optional<HandleRef> handleRefOf(const Expr *E, bool AddressOf = false);

/// \p E without parentheses, casts and branch-prediction hints:
/// `__builtin_expect(!p, 0)` (the `unlikely(x)` macro) is `!p`.
const Expr *ignoreBranchHints(const Expr *E);

/// The variable or member \p E names (`fd`, `this->listen_fd_`, `s.flag`),
/// through parentheses and implicit casts; null for anything else.
const ValueDecl *referencedDecl(const Expr *E);

/// True when \p A and \p B are the same expression once parentheses and
/// casts are ignored (`ctx->count` and `(ctx->count)`), compared by
/// structure.
bool sameExpr(const Expr *A, const Expr *B, const ASTContext &Context);

/// True when \p E (ignoring parentheses and casts) reads \p H, or is an
/// assignment to \p H (`(fd = open(...))`).
bool refersToHandle(const Expr *E, const HandleRef &H);

/// What a failed acquisition looks like.
struct FailureSpec {
  /// The tracked handle.
  HandleRef Handle;
  /// The acquiring call: `if (pipe(fds) < 0)` and `if (open(...) < 0)` test
  /// it directly. May be null.
  const Expr *Acquisition = nullptr;
  /// A variable holding the acquiring call's status (`int rc = pipe(fds)`).
  const ValueDecl *Status = nullptr;
  /// True when the handle is written through an argument and the call
  /// returns a status: nonzero or negative means failure.
  bool StatusReturn = false;
  /// The kind's invalid values: "nullptr", "-1", "negative", "MAP_FAILED",
  /// "nonzero-return".
  llvm::ArrayRef<std::string> InvalidValues;
  /// The project's summaries, for validity tests defined in other units
  /// (`if (!isValid(fd))`). May be null.
  const SummaryIndex *Project = nullptr;
};

/// Which value of \p Cond means the acquisition described by \p Spec
/// failed: true (`fd < 0`, `!fp`), false (`fd >= 0`, `if (fp)`), or
/// std::nullopt when \p Cond does not test it.
std::optional<bool> failedWhen(const Expr *Cond, const FailureSpec &Spec,
                               const ASTContext &Context);

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_HANDLETESTS_H
