//===--- ResourceFlow.h - One acquisition followed through a body -*- C++
//-*-===//
//
// Shared by leak-unreleased-resource and leak-raii-gap-in-loop: finds where an
// acquisition's handle is kept (a local variable, a field of a local struct,
// an out-parameter array), and classifies each CFG element for the
// OwnershipPaths query: released, escaped, overwritten.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_RESOURCEFLOW_H
#define LEAKGUARD_CHECKS_UTILS_RESOURCEFLOW_H

#include "ApiModel.h"
#include "BodyWalk.h"
#include "Escape.h"
#include "HandleTests.h"
#include "OwnershipPaths.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <optional>
#include <string>

namespace clang::tidy::leak::utils {

/// One acquisition and the place its handle is kept.
struct Acquisition {
  /// The acquiring CallExpr or CXXNewExpr.
  const Expr *Call = nullptr;
  /// The model's kind; null for new / new[].
  const ResourceKind *Kind = nullptr;
  enum class NewForm { None, Object, Array } New = NewForm::None;
  /// "open", "new", "new[]".
  std::string Acquirer;
  /// Where the handle is kept; Handle.Var is null when it is not kept in a
  /// local (passed on directly, stored in a member, discarded).
  HandleRef Handle;
  /// The result is thrown away (`strdup(s);`).
  bool Discarded = false;
  /// The expression receiving the acquisition directly (a call, a
  /// construction, a return), when Handle.Var is null.
  const Stmt *Consumer = nullptr;
  /// A variable holding an out-parameter acquirer's status.
  const ValueDecl *Status = nullptr;
  /// The handle is written through an argument; the call returns a status.
  bool StatusReturn = false;
};

/// What a function of the translation unit returns: a fresh resource its
/// body acquired and hands to the caller (`char *copyName(...) { char *p =
/// malloc(n); ...; return p; }`), or nothing the caller must release.
struct ReturnedResource {
  const ResourceKind *Kind = nullptr;
  enum class NewForm { None, Object, Array } New = NewForm::None;
  /// -1: the result is the resource; N >= 0: the function returns nothing
  /// and writes the resource through its parameter N, a reference to a
  /// pointer (`void makeBuffer(char *&Out) { Out = malloc(n); }`).
  int OutParam = -1;
  explicit operator bool() const { return Kind || New != NewForm::None; }
};

/// The resources the unit's functions return, read from their bodies once
/// per translation unit.
class ReturnedResources {
public:
  /// What \p Callee returns: a fresh resource when its body assigns an
  /// acquisition to one variable (or returns it directly), every return
  /// returns that variable or an invalid value (null, a negative constant),
  /// and the body neither releases it nor hands it elsewhere.
  ReturnedResource of(const FunctionDecl *Callee, const ApiModel &Model,
                      const EscapeOptions &Options);
  void clear() { Known.clear(); }

private:
  llvm::DenseMap<const FunctionDecl *, ReturnedResource> Known;
};

/// True when a call to \p Callee may return a resource its body acquired:
/// a function of the unit (not of a system header) returning a pointer or
/// an integer, or one of another unit whose summary in \p Project says so. Lets
/// a check skip other calls before asking ReturnedResources.
bool mayReturnFreshResource(const FunctionDecl *Callee,
                            const SummaryIndex *Project = nullptr);

/// How a summary names the resource \p R: "PACK:KIND", "new", "new[]".
std::string kindKey(const ReturnedResource &R);

/// Describes the acquisition \p E (a call to an acquirer of \p Model, a
/// function of the unit that returns a fresh resource when \p Returned is
/// given, or a new-expression) whose ancestors in its function body are
/// \p Up, or std::nullopt when \p E acquires nothing.
std::optional<Acquisition>
describeAcquisition(const Expr *E, StmtAncestors Up, const ApiModel &Model,
                    ReturnedResources *Returned = nullptr,
                    const EscapeOptions *Options = nullptr);

/// The kind \p Callee returns a fresh handle of by its declaration,
/// `__attribute__((ownership_returns(malloc)))`, or null.
const ResourceKind *declaredAcquirer(const FunctionDecl *Callee,
                                     const ApiModel &Model);

/// True when a member function of \p Record (with a body in the unit)
/// executes `delete this`: such objects own themselves.
bool deletesItself(const CXXRecordDecl *Record);

/// "fd", "s.fd".
std::string handleName(const HandleRef &H);
/// The function (or operator) that releases \p A: "close", "delete[]".
std::string releaserName(const Acquisition &A);
/// Past participles for messages: {"opened", "closed"}, {"allocated",
/// "freed"}; {"acquired", "released"} for unknown kinds.
std::pair<llvm::StringRef, llvm::StringRef> verbs(const Acquisition &A);
/// A short noun for messages: the kind's name, or "object" for new.
std::string kindName(const Acquisition &A);

/// The innermost loop (for, while, do, range-for) among \p E's ancestors
/// \p Up whose body or condition contains it, within the same function;
/// null otherwise.
const Stmt *innermostLoop(const Stmt *E, StmtAncestors Up);

/// The loop whose iteration owns \p A (whose call's ancestors are \p Up):
/// the innermost loop around the acquisition when the handle is declared
/// inside it, else null (a handle declared before the loop may legitimately
/// outlive the iteration).
const Stmt *iterationLoop(const Acquisition &A, StmtAncestors Up,
                          const SourceManager &SM);

/// True when leaving \p Fn ends the program, so that the operating system
/// reclaims the memory, descriptors and streams it still holds: `main`.
bool exitEndsProgram(const FunctionDecl *Fn);

/// True when \p Fn is `main` and one of the loops among \p Up (the
/// ancestors of an acquisition) runs over the command line: its condition
/// reads `argc` or `argv` (`while ((c = getopt(argc, argv, "...")) != -1)`).
/// What such a loop leaks by acquiring again is bounded by the command line
/// and reclaimed when the program ends.
bool inCommandLineLoop(StmtAncestors Up, const FunctionDecl *Fn);

/// Whether a resource check analyses the body of \p Fn. A template is
/// analysed once, in its definition, unless clang cannot build the
/// definition's control-flow graph (a range-for over a range whose type
/// depends on a template parameter): then its first instantiation is
/// analysed instead. \p InstantiatedPatterns records those definitions.
bool shouldAnalyse(
    const FunctionDecl *Fn, FunctionPathsCache &Paths, ASTContext &Context,
    llvm::SmallPtrSetImpl<const FunctionDecl *> &InstantiatedPatterns);

/// A handle handed to an owner function that can fail and returns the new
/// owner (`FILE *f = fdopen(fd, "r")`): ownership moves to the heir only if
/// the call succeeded, so the handle stays tracked, and what releases or
/// hands on the heir ends it.
struct FallibleTransfer {
  const Stmt *Call = nullptr;  ///< The owner call.
  const Stmt *Store = nullptr; ///< The declaration or assignment of the heir.
  HandleRef Heir;
};

/// Follows acquisitions through function bodies.
class ResourceFlow {
public:
  ResourceFlow(const ApiModel &Model, const EscapeOptions &Options,
               ASTContext &Context)
      : Model(Model), Options(Options), Context(Context) {}

  /// What \p E means for \p A's handle, given the fallible transfers of
  /// that handle in the body and its aliases (other locals it is copied
  /// into: releasing or handing on any of them ends the ownership).
  OwnershipEvent classify(const CFGElement &E, const Acquisition &A,
                          llvm::ArrayRef<FallibleTransfer> Transfers = {},
                          llvm::ArrayRef<HandleRef> Aliases = {}) const;

  /// The places in locals of \p Body that the handle \p H is copied into,
  /// directly or through one another (`char *copy = data; char *p = copy;`,
  /// `S.First = data; char *q = S.First;`), in any order: the set does not
  /// follow the paths. A place is a local, or the field of a local struct or
  /// union that holds the handle.
  llvm::SmallVector<HandleRef, 2> aliasesOf(const FunctionPaths &Paths,
                                            const HandleRef &H) const;

  /// The fallible transfers of \p H in the body of \p Paths (see
  /// FallibleTransfer).
  std::vector<FallibleTransfer> fallibleTransfers(const FunctionPaths &Paths,
                                                  const HandleRef &H) const;

  /// True when \p S releases \p A's handle (a release function or delete).
  bool releases(const Stmt *S, const Acquisition &A) const;
  /// True when \p S releases what an argument \p Names (a release
  /// function's argument, delete's operand, a release method's object).
  bool releasesWhere(const Stmt *S,
                     llvm::function_ref<bool(const Expr *)> Names) const;
  /// True when \p S (a method's body) releases the member \p Field of its
  /// object, itself or through methods of the object it calls, \p Depth
  /// calls deep.
  bool releasesOwnField(const Stmt *S, const FieldDecl *Field,
                        unsigned Depth) const;

  /// The first path after \p A on which its handle is still held at the
  /// function's exit (or, with \p Loop, at the end of the iteration).
  /// \p Fn is the function whose body \p Paths holds: leaving `main` ends
  /// the program, which releases every resource but those that outlive it.
  std::optional<LeakingPath> findLeak(const FunctionPaths &Paths,
                                      const Acquisition &A, const Stmt *Loop,
                                      bool Exceptions,
                                      const FunctionDecl *Fn = nullptr) const;

  /// For each of \p Acquisitions (all in the body of \p Paths), whether
  /// findLeak(Paths, A, nullptr, Exceptions, Fn) may find a leaking path: a
  /// cleared bit means it finds none. One pass over the function answers
  /// all of them (FunctionPaths::mayLeak).
  llvm::BitVector mayLeak(const FunctionPaths &Paths,
                          llvm::ArrayRef<Acquisition> Acquisitions,
                          bool Exceptions,
                          const FunctionDecl *Fn = nullptr) const;

private:
  class PreparedQuery;

  const ApiModel &Model;
  const EscapeOptions &Options;
  ASTContext &Context;
};

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_RESOURCEFLOW_H
