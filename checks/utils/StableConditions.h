//===--- StableConditions.h - Branches that must agree ----------*- C++ -*-===//
//
// `if (!owned) fd = open(p); ... if (!owned) close(fd);` is not a leak: both
// branches test a condition that cannot change in between. The path query
// treats branches as independent (flow-sensitive, not path-sensitive), so it
// needs to know which conditions are stable: those reading only constants,
// const objects, members of `*this` in a const member function, and locals
// and parameters that the function never writes, takes the address of, or
// hands out by non-const reference. A condition with a call is never stable.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_STABLECONDITIONS_H
#define LEAKGUARD_CHECKS_UTILS_STABLECONDITIONS_H

#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <utility>

namespace clang {
class ASTContext;
} // namespace clang

namespace clang::tidy::leak::utils {

/// The variables and fields \p S itself (not its children) writes, or lets
/// something else write, appended to \p Written; of those, the ones it lets
/// something else write (address taken, bound to a non-const reference,
/// captured by reference) also to \p Escaped.
void declsWrittenBy(const Stmt *S, llvm::SmallVectorImpl<const Decl *> &Written,
                    llvm::SmallVectorImpl<const Decl *> &Escaped);

/// True when \p S or a statement inside it writes the variable or field
/// \p D, or lets something else write it (declsWrittenBy).
bool writesDecl(const Stmt *S, const Decl *D);

/// The stable branch conditions of one function body, numbered.
class StableConditions {
public:
  StableConditions(const Stmt *Body, const ASTContext &Context);

  /// The number of \p Cond's condition (structurally equal conditions share
  /// it) once negations are stripped (\p Negated tells whether an odd number
  /// was), or -1 when it may change while the function runs.
  int idOf(const Expr *Cond, bool &Negated);

  /// What holds where \p S is evaluated because of the `if` statements
  /// around it in the body: (condition number, value) pairs.
  llvm::SmallVector<std::pair<int, bool>, 4> factsAt(const Stmt *S);

  /// True when \p E can only read values the function does not change.
  bool isStable(const Expr *E) const;

  /// The numbers (below 32) of the conditions \p S may change the value
  /// of, as a bit mask. Besides the stable conditions, idOf numbers
  /// conditions on values that stay put until something on the path writes
  /// them (watched values): a flag in a variable of static storage, a field
  /// of `*this` or of the object a stable pointer points to
  /// (`if (!from_stdin) fd = open(p); ... if (!from_stdin) close(fd);`,
  /// `if (s->want_feed) ... if (s->want_feed)`). A path query forgets what
  /// it knew of such a condition at a statement that writes the value, or
  /// at a call that may: one whose callee is unknown or defined in this
  /// unit, one given the object's address, or for a global of external
  /// linkage any call outside the system headers.
  uint32_t clobbered(const Stmt *S) const;

  /// True when \p Var is a local integer, bool or pointer whose value only
  /// this function's own assignments change (its address is never taken, it is
  /// never bound to a non-const reference nor captured by reference).
  bool isTrackable(const VarDecl *Var) const;

  /// True when \p Var is a local scalar (integer, enumeration, bool or
  /// pointer) that only this function's own statements write.
  bool isFollowedLocal(const VarDecl *Var) const;

  /// True when \p Var is a trackable local integer that is never negative:
  /// initialized with a constant >= 0 and only incremented, increased by
  /// positive constants or set to constants >= 0 (`size_t Len = 0; ...
  /// Len++;`). Once a path increments it, it is positive.
  bool isNonNegativeCounter(const VarDecl *Var) const;

private:
  /// A watched value: a variable of static storage, or a field of the
  /// object \p Base points to (null: `*this`).
  struct Watch {
    const VarDecl *Var = nullptr;
    const FieldDecl *Field = nullptr;
    const VarDecl *Base = nullptr;
  };
  void addFacts(const Expr *Cond, bool Value,
                llvm::SmallVectorImpl<std::pair<int, bool>> &Facts);
  /// isStable, also accepting watched values (collected in \p Watches) when
  /// it is given.
  bool isStableOrWatched(const Expr *E,
                         llvm::SmallVectorImpl<Watch> *Watches) const;
  bool callMayWrite(const Stmt *Call, const Watch &W) const;

  const Stmt *Body;
  const ASTContext &Context;
  /// Variables and fields the body writes or lets others write.
  llvm::DenseSet<const Decl *> Written;
  /// Of those, the ones others may write.
  llvm::DenseSet<const Decl *> Escaped;
  /// Variables the body assigns, steps or takes the address of as a whole.
  llvm::DenseSet<const Decl *> Repointed;
  std::map<llvm::FoldingSetNodeID, int> Ids;
  /// The watched values of the conditions numbered below 32 that read any.
  llvm::SmallVector<std::pair<int, llvm::SmallVector<Watch, 1>>, 2> Watched;
  /// Built on the first factsAt query.
  std::unique_ptr<ParentMap> Parents;
  mutable llvm::DenseMap<const VarDecl *, bool> Counters;
};

/// What taking the \p Value branch of \p Cond tells of one local of
/// \p SC's function: `if (!p)` taken true means p is null (0), `if (n ==
/// 3)` taken true means n is 3, `if (flag)` taken false means flag is 0.
/// \p Followed says which locals may be named.
std::optional<std::pair<const VarDecl *, int64_t>>
assumedValue(const Expr *Cond, bool Value,
             llvm::function_ref<bool(const VarDecl *)> Followed,
             const ASTContext &Context);

/// What one path knows of a few local flags (`int started = 0; ...
/// started = 1;`): the constants last assigned to trackable locals, so that
/// `if (started) pthread_join(tid, 0);` follows the assignment made on the
/// path where the thread was created.
class LocalValues {
public:
  /// Records what \p S assigns to trackable locals.
  void update(const Stmt *S, const StableConditions &SC,
              const ASTContext &Context);
  /// Records what taking the \p Value branch of \p Cond tells.
  void assume(const Expr *Cond, bool Value, const StableConditions &SC,
              const ASTContext &Context);
  /// Records what leaving \p For through its condition tells: a counter
  /// stepped by one from a constant start up to a bound the loop does not
  /// write (`for (i = 0; i < n; i++)`) equals the bound on exit. A bound
  /// below the start (a negative count) is taken not to happen.
  void assumeLoopExit(const ForStmt *For, const StableConditions &SC,
                      const ASTContext &Context);
  /// Starts from what holds on every path to the starting point.
  void seed(llvm::ArrayRef<std::pair<const VarDecl *, int64_t>> Values,
            const StableConditions &SC);
  /// The value of \p Cond (`v`, `!v`, `v == K`, `v < K`, ...) when known.
  std::optional<bool> evaluate(const Expr *Cond, const StableConditions &SC,
                               const ASTContext &Context) const;
  /// A hash of what is known, for the search's visited set.
  uint64_t key() const;

private:
  void set(const VarDecl *Var, std::optional<int64_t> Value);
  std::optional<int64_t> get(const VarDecl *Var) const;
  bool isPositive(const VarDecl *Var) const {
    return llvm::is_contained(Positive, Var);
  }

  static constexpr size_t MaxTracked = 8;
  /// Counters are followed while their value stays within +-MaxCounted.
  static constexpr int64_t MaxCounted = 16;
  llvm::SmallVector<std::pair<const VarDecl *, int64_t>, 2> Known;
  /// Non-negative counters this path incremented since their last
  /// assignment (their value is unknown but positive).
  llvm::SmallVector<const VarDecl *, 2> Positive;
  /// Counters known equal to a loop bound (the bound's expression).
  llvm::SmallVector<std::pair<const VarDecl *, const Expr *>, 1> AtBound;
  /// Values locals are known not to hold (`if (id == -1) ... else` on the
  /// else branch): `id != -1` later on the path is known true.
  llvm::SmallVector<std::pair<const VarDecl *, int64_t>, 1> Excluded;
  bool excludes(const VarDecl *Var, int64_t Value) const {
    return llvm::is_contained(Excluded, std::make_pair(Var, Value));
  }
};

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_STABLECONDITIONS_H
