//===--- PathFeasibility.h - Can this one path run? -------------*- C++ -*-===//
//
// The path queries (OwnershipPaths.h) relate branches only where the cheap
// reasoning can: the same condition twice, local flags and constants, loop
// bounds. What remains — `if (n > 10) ... if (n < 5) return;`, a length
// computed from another — is asked of an SMT solver, as the Clang Static
// Analyzer's Z3 cross-check does, and only for the one path about to be
// reported.
//
// The path is encoded as it runs: locals and members of `*this` are
// bit-vectors renamed at each assignment; a call forgets every member, every
// global and every local whose address was taken; anything not understood
// (a call's result, a load through a pointer) is a fresh unknown. So the
// encoding allows more than the program can do, never less: "cannot run"
// is a proof, and anything else keeps the report.
//
// The solver is LLVM's own (llvm/Support/SMTAPI.h) with Z3, present when
// LLVM was built with it (LLVM_WITH_Z3, as Debian's is); elsewhere every
// path may run. It is bounded by Z3's deterministic resource limit, never by
// time, so that a verdict does not depend on the machine's load.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_PATHFEASIBILITY_H
#define LEAKGUARD_CHECKS_UTILS_PATHFEASIBILITY_H

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/ArrayRef.h"
#include <memory>

namespace clang::tidy::leak::utils {

/// One block of a path: its elements from First (to the end, or to Last),
/// then, when Cond is set, the branch taken on it.
struct PathStep {
  const CFGBlock *Block = nullptr;
  unsigned First = 0;
  /// One past the last element that runs; ~0u: to the block's end.
  unsigned Last = ~0u;
  const Expr *Cond = nullptr;
  bool TakenTrue = false;
};

enum class Feasibility {
  Feasible,   ///< The solver found values that run it.
  Infeasible, ///< Proved: no values run it.
  Unknown,    ///< Resource limit reached, or no solver.
};

/// Z3's resource limit for one query.
constexpr unsigned DefaultResourceLimit = 400000;

/// Answers path queries about one function body: the solver and what the
/// body lets calls change are set up once, and each query runs in its own
/// scope of the solver, so that a function with many findings pays the
/// set-up once.
class PathSolver {
public:
  PathSolver(const Stmt *Body, ASTContext &Context);
  ~PathSolver();
  PathSolver(const PathSolver &) = delete;
  PathSolver &operator=(const PathSolver &) = delete;

  /// Whether the path \p Steps through the body can run.
  Feasibility check(llvm::ArrayRef<PathStep> Steps,
                    unsigned ResourceLimit = DefaultResourceLimit);

private:
  struct Impl;
  std::unique_ptr<Impl> State;
};

/// The same for one path, with a solver of its own.
Feasibility checkPath(llvm::ArrayRef<PathStep> Steps, const Stmt *Body,
                      ASTContext &Context,
                      unsigned ResourceLimit = DefaultResourceLimit);

/// True when LeakGuard was built with a solver (LLVM_WITH_Z3).
bool haveSolver();

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_PATHFEASIBILITY_H
