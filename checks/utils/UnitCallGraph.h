//===--- UnitCallGraph.h - Who calls whom in a translation unit -*- C++ -*-===//
//
// The call sites of every function of a translation unit, found in one pass
// on first use: which function each call is written in, and whether it runs
// once per program whatever calls that function (in the initializer of a
// static, or in a std::call_once). Functions whose address is taken (passed
// as a callback, stored in a table) may be called from anywhere.
//
// It answers "is this function reached only once?": a function all of whose
// callers are visible (internal linkage, or a non-public method) and run only
// once, from constructors of long-lived objects, `main`, static initializers
// or other such functions.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_UNITCALLGRAPH_H
#define LEAKGUARD_CHECKS_UTILS_UNITCALLGRAPH_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include <optional>

namespace clang {
class ASTContext;
} // namespace clang

namespace clang::tidy::leak::utils {

class SummaryIndex;

/// The name calls through pointers match functions by: the function type,
/// and for a non-static method its class (`m:Tool:int (int)`, `f:int (int)`).
std::string functionTypeKey(const FunctionDecl *F);
/// The same for the callee of a call through a pointer \p Call; empty when
/// the call is direct or its type unknown.
std::string indirectCalleeKey(const CallExpr *Call, const ASTContext &Context);

class UnitCallGraph {
public:
  /// \p Project, when given, names the callers other units have.
  explicit UnitCallGraph(ASTContext &Context,
                         const SummaryIndex *Project = nullptr)
      : Context(Context), Project(Project) {}

  struct CallSite {
    const Expr *Call = nullptr;
    /// The function the call is written in (a lambda's call operator for a
    /// call inside a lambda); null at namespace scope.
    const FunctionDecl *Caller = nullptr;
    /// The call runs once per program: in a static's initializer or a
    /// std::call_once / pthread_once.
    bool Once = false;
    /// The call is inside a loop of its function: it may run many times
    /// per call of that function.
    bool InLoop = false;
  };

  /// The call sites of \p F in this unit.
  llvm::ArrayRef<CallSite> callers(const FunctionDecl *F);

  /// Calls \p Visit for each function the unit calls, with its call sites
  /// (constructors included).
  void forEachCallee(
      llvm::function_ref<void(const FunctionDecl *, llvm::ArrayRef<CallSite>)>
          Visit);

  /// The functions whose address the unit takes (canonical declarations).
  const llvm::DenseSet<const FunctionDecl *> &addressTaken() {
    index();
    return AddressTaken;
  }

  /// Of those, the ones whose address is converted to another type (`(void
  /// *)handler`): calls through the pointer cannot be matched by type.
  const llvm::DenseSet<const FunctionDecl *> &addressCast() {
    index();
    return AddressCast;
  }

  /// Calls through a function pointer or a pointer to member, by the
  /// callee's type (functionTypeKey).
  const llvm::StringMap<llvm::SmallVector<CallSite, 2>> &indirectCalls() {
    index();
    return Indirect;
  }

  /// The function types (functionTypeKey) whose pointers the unit hands to
  /// code it cannot see: an argument of a function or constructor without a
  /// body here, or a field of one. Such code may call any function of the
  /// type.
  const llvm::StringSet<> &escapedFunctionTypes() {
    index();
    return EscapedTypes;
  }

  /// True when code LeakGuard cannot see may call \p F: it has external
  /// linkage and is not a private or protected method, or its address is
  /// taken.
  bool hasUnseenCallers(const FunctionDecl *F);

  /// True when every run of \p F happens once per program, or once per
  /// object for which \p IsOnceRoot holds (e.g. a constructor of a
  /// long-lived object, `main`): all its callers are visible and are such
  /// roots, run once, or are themselves reached only once, and no call is
  /// inside a loop. A function code elsewhere may call counts when every
  /// call in sight runs once per program (once per call site), and so does
  /// one the project's summary store says is reached only once (every call
  /// in every unit). Looks at most \p Depth calls up.
  /// With \p CallersInSight, \p F's own callers are taken to be the ones
  /// in this unit (a method of an object only `main` creates): none means
  /// it never runs.
  bool
  reachedOnlyOnce(const FunctionDecl *F,
                  llvm::function_ref<bool(const FunctionDecl *)> IsOnceRoot,
                  unsigned Depth = 4, bool CallersInSight = false);

private:
  using SiteMap =
      llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<CallSite, 2>>;
  /// The call sites, found on first use.
  SiteMap &index();
  /// Every call of \p F in sight runs in a static's initializer or in such
  /// a function (`static bool Done = initFields();` calling `initFields`
  /// only there); \p F's address is not taken.
  bool isOnceInitializerOnly(const FunctionDecl *F, unsigned Depth);
  /// The project's store says every run of \p F happens once.
  bool reachedOnlyOnceInProject(const FunctionDecl *F) const;

  ASTContext &Context;
  const SummaryIndex *Project;
  std::optional<SiteMap> Sites;
  llvm::DenseSet<const FunctionDecl *> AddressTaken;
  llvm::DenseSet<const FunctionDecl *> AddressCast;
  llvm::StringMap<llvm::SmallVector<CallSite, 2>> Indirect;
  llvm::StringSet<> EscapedTypes;
};

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_UNITCALLGRAPH_H
