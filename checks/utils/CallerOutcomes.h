//===--- CallerOutcomes.h - What callers do with a failure result -*- C++ -*-=//
//
// A leak on a function's error path matters only if the program goes on:
// `start_worker()` returning NULL after forgetting its allocation leaks
// nothing when its only caller, `main`, exits on NULL. This is the caller's
// side of a summary: for each call, what the caller does right after the
// call returns 0 (or null), 1 or -1 — ends the program, returns a value at
// once (which its own callers then judge), or anything else.
//
// The reading is syntactic and bounded, so it stays linear in the size of
// a function: the call is tested in an `if` (or assigned, then tested, or
// returned), and from there the statements that follow are evaluated with
// the result known, through nested `if`s and `goto`s to a `return`, an
// `exit`, or the end of `main`. A loop, a switch or a write of the result
// stops the reading: unknown.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_CALLEROUTCOMES_H
#define LEAKGUARD_CHECKS_UTILS_CALLEROUTCOMES_H

#include "ProjectSummaries.h"
#include "UnitCallGraph.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include <memory>
#include <string>

namespace clang::tidy::leak::utils {

class FunctionSummaries;
class OutcomeReader;

/// What \p Caller does right after \p Call returns each of
/// CallResultValues: one AfterCall character per value. A call of a void
/// function is judged by what follows it (the same for every value).
std::string afterCallOutcomes(const CallExpr *Call, const FunctionDecl *Caller,
                              FunctionSummaries &Summaries);

/// Decides whether a function's return of a failure value ends the
/// program: from the unit's own call sites for functions only the unit can
/// call, from the project's summary store for the others.
class CallerExits {
public:
  CallerExits(ASTContext &Context, FunctionSummaries &Summaries,
              const SummaryIndex *Project);
  ~CallerExits();

  /// True when \p Fn returning \p Value (one of CallResultValues; 0 for a
  /// function returning void) ends the program: every call of it exits, or
  /// returns a value that ends the program in its own caller, at once.
  bool returnEndsProgram(const FunctionDecl *Fn, int64_t Value);

  /// True when an exception leaving \p Fn ends the program: \p Fn is
  /// `main` or `noexcept`, or every caller is visible (a `static` function,
  /// a private method, whose address is not taken), calls it outside any
  /// `try` block, and is itself such a function (a helper only `main`
  /// calls). Then std::terminate runs and nothing leaks. A function other
  /// units could call counts as one whose callers are all visible when the
  /// complete summary store names no caller outside this unit.
  bool exceptionsEndProgram(const FunctionDecl *Fn, unsigned Depth = 4);

private:
  bool callersAllInSight(const FunctionDecl *Fn,
                         llvm::ArrayRef<UnitCallGraph::CallSite> Sites);
  bool decide(const FunctionDecl *Fn, unsigned ValueIndex, unsigned Depth);

  const SummaryIndex *Project;
  UnitCallGraph Calls;
  std::unique_ptr<OutcomeReader> Reader;
  llvm::DenseMap<std::pair<const FunctionDecl *, unsigned>, bool> Decided;
  llvm::DenseMap<const FunctionDecl *, bool> Terminates;
  ASTContext &Context;
};

/// The unit's calls and the functions whose address it takes, as the
/// summary store records them (UnitSummaries::Calls, AddressTaken): calls
/// of functions other units may define or call.
void collectCallSites(ASTContext &Context, FunctionSummaries &Summaries,
                      UnitSummaries &Into);

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_CALLEROUTCOMES_H
