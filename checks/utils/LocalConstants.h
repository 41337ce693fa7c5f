//===--- LocalConstants.h - Constants held by locals, on every path -*- C++
//-*-===//
//
// A forward must-analysis over one function's CFG: at each point, the local
// variables (integers, enumerations, bools, pointers) that hold the same
// constant on every path reaching it: `p = NULL; if (n) { p = realloc(p, n);
// }` reallocates a null pointer, which loses nothing when it fails. Only
// locals whose address is never taken, never bound to a non-const reference
// and never captured by reference are followed: only the function's own
// statements change them.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_LOCALCONSTANTS_H
#define LEAKGUARD_CHECKS_UTILS_LOCALCONSTANTS_H

#include "clang/AST/Decl.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

namespace clang::tidy::leak::utils {

class StableConditions;

/// The solved analysis of one CFG.
class LocalConstants {
public:
  /// Solves the analysis over \p Graph; \p Conditions tells which locals
  /// only the function's own statements write.
  LocalConstants(const CFG &Graph, const StableConditions &Conditions,
                 const ASTContext &Context);

  /// The constant \p Var holds on every path right before the element
  /// \p Index of \p Block is evaluated (null pointers are 0).
  std::optional<int64_t> valueBefore(const CFGBlock *Block, unsigned Index,
                                     const VarDecl *Var) const;

  /// Every local known to hold a constant right before the element \p Index
  /// of \p Block.
  llvm::SmallVector<std::pair<const VarDecl *, int64_t>, 4>
  stateBefore(const CFGBlock *Block, unsigned Index) const;

private:
  using State = llvm::SmallVector<std::pair<const VarDecl *, int64_t>, 4>;
  void transfer(const CFGElement &E, State &S) const;
  /// What the branch from \p From to \p To tells (`if (!p)` taken: p is 0).
  void refineOnEdge(const CFGBlock *From, const CFGBlock *To, State &S) const;
  static State meet(const State &A, const State &B);

  const StableConditions &Conditions;
  const ASTContext &Context;
  /// The state at each block's entry; absent for unreachable blocks.
  llvm::DenseMap<const CFGBlock *, State> Entry;
};

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_LOCALCONSTANTS_H
