//===--- OwnershipPaths.h - Paths on which a resource is lost --*- C++ -*-===//
//
// The path query shared by the checks that follow one owned thing through a
// function: "from this acquisition, is there a path to the function's exit
// (or to the end of this loop iteration) on which nothing ends the ownership?"
// The check says what each CFG element means for its resource (released,
// escaped, joined, overwritten, destroyed while held); this file walks the
// CFG, including the branch on which the acquisition failed (which holds
// nothing) and exceptions thrown by calls that may throw.
//
// Flow-sensitive, and path-sensitive only for stable conditions: two
// branches on the same condition that cannot change in between (a const
// member, a local flag never written; see StableConditions.h) agree, as do
// the `if` around the acquisition and later tests of its condition. Other
// branches are treated as independent, as in bugprone-use-after-move.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_OWNERSHIPPATHS_H
#define LEAKGUARD_CHECKS_UTILS_OWNERSHIPPATHS_H

#include "CallerOutcomes.h"
#include "FunctionSummaries.h"
#include "LocalConstants.h"
#include "PathFeasibility.h"
#include "StableConditions.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace clang::tidy::leak::utils {

/// Whether each function of a unit may throw (mayThrow), once read.
using ThrowMemo = llvm::DenseMap<const FunctionDecl *, bool>;

/// True when an exception leaving \p Fn ends the program: it is `main`
/// (with no handler above it, std::terminate runs) or declared `noexcept`
/// (std::terminate runs). Such exception paths leak nothing.
bool exceptionEndsProgram(const FunctionDecl *Fn);

/// What one CFG element means for the tracked resource.
enum class OwnershipEvent {
  None,  ///< Unrelated to the resource.
  Ends,  ///< Released, joined, escaped or handed to an owner: path is safe.
  Leaks, ///< Lost while held: overwritten, or its owner destroyed.
};

/// How a leaking path leaves the analysed region.
enum class LeakKind {
  Return,            ///< A return statement.
  FallOffEnd,        ///< The end of the function body.
  Throw,             ///< A throw expression.
  ExceptionFromCall, ///< A call that may throw.
  Lost,              ///< An element classified as OwnershipEvent::Leaks.
  NextIteration,     ///< The end of the loop iteration (continue included).
};

/// A path on which the resource is still held when it leaves.
struct LeakingPath {
  LeakKind Kind = LeakKind::FallOffEnd;
  /// Where to point the note: the return, throw, throwing call, overwriting
  /// element, or the break/continue/goto that led there. May be null.
  const Stmt *At = nullptr;
  /// The note's location (At's, or the end of the function or scope).
  SourceLocation Loc;
  /// The jump statement (break, continue, goto, return) taken on the way, if
  /// any; lets a note say "continue here skips the release".
  const Stmt *Jump = nullptr;
};

/// The question a check asks.
struct OwnershipQuery {
  /// Required: what each element after the acquisition means.
  llvm::function_ref<OwnershipEvent(const CFGElement &)> Classify;
  /// Optional: true when taking the \p TakenTrue branch of \p Cond means the
  /// acquisition failed, so the path holds nothing (e.g. `if (fd < 0)`).
  llvm::function_ref<bool(const Expr *Cond, bool TakenTrue)> AcquisitionFailed;
  /// Reaching the function's exit is a leak (false when only Classify's
  /// Leaks events count, e.g. an object whose destructor is the leak).
  bool ExitLeaks = true;
  /// A call that may throw, outside any try block, counts as an exit.
  bool ExceptionExits = true;
  /// Leaving the function ends the program (`main`): the operating system
  /// reclaims what is still held, so neither its exit nor an exception
  /// leaving it is a leak; only Classify's Leaks events and, with
  /// IterationOf, the iteration's end are.
  bool ExitEndsProgram = false;
  /// When set, the function the paths belong to: a return of a failure
  /// value on which every caller ends the program (CallerOutcomes.h) is
  /// not a leak either.
  const FunctionDecl *Function = nullptr;
  /// When set, the end of this loop's iteration is a leak (a path that
  /// reaches the loop's condition or increment again).
  const Stmt *IterationOf = nullptr;
  /// Optional, for FunctionPaths::mayLeak: the declarations that Classify
  /// and AcquisitionFailed look at. Classify must answer None for every
  /// element that names none of them (a statement that refers to none, the
  /// destructor of another variable) other than the acquisition itself, and
  /// may answer Leaks only for an element that names one. Empty: the query
  /// is always searched.
  llvm::ArrayRef<const ValueDecl *> Mentions;
};

/// A value copied or stored into a variable of the body: a declaration's
/// initializer or a plain assignment (`T x = v;`, `x = v;`, `*p = v;` with
/// p always pointing to x).
struct CopySite {
  const Stmt *At = nullptr;
  const Expr *Value = nullptr;
  const ValueDecl *Target = nullptr;
  /// The value goes into a field of Target, a local struct (`S.First =
  /// Data;`), not into Target itself.
  bool IntoField = false;
};

/// The CFG of one function body, built once, answering path queries.
class FunctionPaths {
public:
  /// Builds the CFG of \p Body (with implicit destructors); null when clang
  /// cannot build one (e.g. invalid code). \p UnknownCalleesThrow: whether a
  /// call to a function whose body is not visible may throw (see mayThrow).
  /// \p Summaries (optional) tells which calls never return and which
  /// conditions fold to constants.
  static std::unique_ptr<FunctionPaths>
  build(const Stmt *Body, ASTContext &Context, bool UnknownCalleesThrow = true,
        FunctionSummaries *Summaries = nullptr);

  /// The first leaking path after \p Acquisition, preferring ordinary exits
  /// over exceptions; std::nullopt when every path ends the ownership.
  std::optional<LeakingPath> findLeak(const Stmt *Acquisition,
                                      const OwnershipQuery &Query) const;

  /// For each acquisition and its query, whether findLeak could find a
  /// leaking path; a cleared bit means it cannot. All queries are answered
  /// by one forward pass over the CFG (see OwnershipDataflow.cpp), so a
  /// function with many acquisitions costs the search of the few that may
  /// leak, not one walk of the function per acquisition.
  llvm::BitVector mayLeak(llvm::ArrayRef<const Stmt *> Acquisitions,
                          llvm::ArrayRef<OwnershipQuery> Queries) const;

  /// True when every path on which \p Pointer is null right after \p After
  /// is evaluated ends the program (`p = realloc(p, n); if (!p) abort();`,
  /// an assertion), so that nothing held can leak there. With \p Fn, the
  /// function the paths belong to, leaving it counts too when that ends the
  /// program: returning from `main`, or returning a failure value every
  /// caller exits on (`if (!p) return 1;` in option parsing).
  bool nullPathsEndProgram(const Stmt *After, const Expr *Pointer,
                           const FunctionDecl *Fn = nullptr) const;

  /// The constant the local \p Var holds on every path reaching \p S
  /// (see LocalConstants.h); null pointers are 0.
  std::optional<int64_t> constantBefore(const Stmt *S,
                                        const VarDecl *Var) const;

  /// The copies whose value mentions \p V (indexed once per body, so that
  /// following the aliases of every acquisition stays linear).
  llvm::ArrayRef<CopySite> copiesOf(const ValueDecl *V) const;

  /// The element (block and index) evaluating \p S, or {null, 0}.
  std::pair<const CFGBlock *, unsigned> elementOf(const Stmt *S) const;

  const CFG &cfg() const { return *Graph; }
  const Stmt *body() const { return Body; }

  /// Who decides that a return ends the program (null: nothing does).
  void setCallerExits(CallerExits *Exits) { Callers = Exits; }
  /// True when an exception leaving \p Fn ends the program
  /// (CallerExits::exceptionsEndProgram; without callers' facts, `main` and
  /// `noexcept` functions).
  bool exceptionEndsProgramFrom(const FunctionDecl *Fn) const;
  /// Where whether each function may throw is kept, once read (null: callee
  /// bodies are read a fixed depth at each question).
  void setThrowMemo(ThrowMemo *Memo) { Throws = Memo; }
  /// True when \p Fn leaving through \p Jump (its return statement, or
  /// null at the end of a void function) ends the program in every caller.
  bool returnEndsProgram(const FunctionDecl *Fn, const Stmt *Jump) const;

private:
  FunctionPaths(std::unique_ptr<CFG> Graph, const Stmt *Body,
                ASTContext &Context, bool UnknownCalleesThrow,
                FunctionSummaries *Summaries);
  /// True when the element \p S is a call that never returns.
  bool endsProgram(const Stmt *S) const;
  /// The value of a branch condition that folds to a constant.
  std::optional<bool> constantCondition(const Expr *Cond) const;
  /// Whether a path coming from \p From enters \p Loop, a loop that runs
  /// at most once; std::nullopt when that is not known.
  std::optional<bool> entersLoop(const Stmt *Loop, const CFGBlock *From) const;
  std::optional<LeakingPath> search(const CFGBlock *Start, unsigned Index,
                                    const OwnershipQuery &Query,
                                    bool Exceptions, bool Correlate) const;
  StableConditions &conditions() const;
  bool isInsideTry(const Stmt *S) const;
  bool isIterationEnd(const CFGBlock *Block, const Stmt *Loop) const;

  std::unique_ptr<CFG> Graph;
  const Stmt *Body;
  ASTContext &Context;
  bool UnknownCalleesThrow;
  CallerExits *Callers = nullptr;
  ThrowMemo *Throws = nullptr;
  llvm::DenseMap<const Stmt *, std::pair<const CFGBlock *, unsigned>> Elements;
  std::vector<SourceRange> TryBlocks;
  /// Built on the first query that branches.
  mutable std::unique_ptr<StableConditions> Conditions;
  FunctionSummaries *Summaries;
  mutable llvm::DenseMap<const Expr *, std::optional<bool>> FoldedConditions;
  mutable llvm::DenseMap<const Stmt *, std::optional<uint64_t>> TripCounts;
  /// Built on the first copiesOf query.
  mutable std::optional<
      llvm::DenseMap<const ValueDecl *, llvm::SmallVector<CopySite, 1>>>
      Copies;
  /// Solved on the first constantBefore query.
  mutable std::unique_ptr<LocalConstants> Constants;
  /// The solver for the paths about to be reported, set up on first use.
  mutable std::unique_ptr<PathSolver> Solver;
};

/// Builds each function's CFG at most once per translation unit.
class FunctionPathsCache {
public:
  /// The paths of \p Body, or null when no CFG can be built.
  const FunctionPaths *get(const Stmt *Body, ASTContext &Context);
  void clear() {
    Cache.clear();
    UsesExceptions.reset();
    Exits.reset();
    Throws.clear();
    Summaries.reset();
  }
  /// The unit's function summaries (see FunctionSummaries.h).
  FunctionSummaries &summaries(ASTContext &Context);
  /// What the unit's and the project's callers do with failure results.
  CallerExits &callerExits(ASTContext &Context);
  /// Whether a call to a function whose body is not visible may throw (in a
  /// file that throws or catches). Off by default: a call counts as an
  /// exception exit only when it can be seen to throw.
  void setUnknownCallsThrow(bool Value) { UnknownCallsThrow = Value; }
  /// The summaries of other units' functions, or null.
  void setProject(const SummaryIndex *Index) { Project = Index; }

private:
  llvm::DenseMap<const Stmt *, std::unique_ptr<FunctionPaths>> Cache;
  std::unique_ptr<FunctionSummaries> Summaries;
  std::unique_ptr<CallerExits> Exits;
  /// Whether each function of the unit may throw, read once.
  ThrowMemo Throws;
  /// Whether the unit's main file uses exceptions, found on first use.
  std::optional<bool> UsesExceptions;
  bool UnknownCallsThrow = false;
  const SummaryIndex *Project = nullptr;
};

/// True when evaluating \p S may throw: a C++ call or construction whose
/// callee is not known not to throw (noexcept, extern "C", builtin, or a body
/// in this translation unit that cannot throw — read once per function into
/// \p Memo and followed to any depth, or two calls deep without one).
/// Callees whose body is not visible (and virtual ones) may throw only when
/// \p UnknownCalleesThrow. Always false in C or with exceptions disabled.
bool mayThrow(const Stmt *S, const ASTContext &Context,
              bool UnknownCalleesThrow = true, ThrowMemo *Memo = nullptr);

/// True when the code of the unit's main file throws or catches: a throw
/// expression or a try block. Code that never mentions exceptions is rarely
/// written against callees that throw, so there a call whose body is not
/// visible is not counted as a way out.
bool mainFileUsesExceptions(const ASTContext &Context);

/// The statement a CFG element evaluates, or null (destructors, scope marks).
const Stmt *elementStmt(const CFGElement &E);

/// True when \p Inner is \p Outer or lies inside it.
bool containsStmt(const Stmt *Outer, const Stmt *Inner);

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_OWNERSHIPPATHS_H
