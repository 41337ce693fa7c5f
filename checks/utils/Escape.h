//===--- Escape.h - Does a handle leave the function? -----------*- C++ -*-===//
//
// A function that hands a resource (or a thread, or any owned value) to
// something that outlives it is not responsible for releasing it: returned,
// stored in a member, global, static or out-parameter, inserted into a
// container, passed to an owning wrapper (std::unique_ptr with a deleter, a
// class whose constructor takes ownership), captured by a lambda, or its
// address passed on. This file answers that question for one evaluation step
// (a CFG element) or for a whole body.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_ESCAPE_H
#define LEAKGUARD_CHECKS_UTILS_ESCAPE_H

#include "HandleTests.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/Stmt.h"
#include <string>
#include <vector>

namespace clang::tidy::leak::utils {

struct ApiModel;
class SummaryIndex;
struct Forward;

/// Who may take ownership of a handle.
struct EscapeOptions {
  /// Class types whose constructors take ownership of their arguments
  /// (`hasAnyName` patterns), e.g. "::std::unique_ptr".
  std::vector<std::string> OwnerTypes = {"::std::unique_ptr",
                                         "::std::shared_ptr"};
  /// Functions (or methods, "Class::method") that take ownership of their
  /// arguments, e.g. "::std::unique_ptr::reset".
  std::vector<std::string> OwnerFunctions = {"::std::unique_ptr::reset",
                                             "::std::shared_ptr::reset",
                                             "::std::__shared_ptr::reset",
                                             "::fdopen",
                                             "::fdopendir",
                                             "::pthread_create",
                                             "::std::bind",
                                             "::std::bind_front",
                                             "::std::make_unique",
                                             "::std::make_shared"};
  /// Methods that release the object they are called on (reference
  /// counting, self-deleting objects): `mem->Unref()`.
  std::vector<std::string> ReleaseMethods = {
      "Unref",   "unref",       "Release", "release", "Destroy",
      "destroy", "deleteLater", "DecRef",  "decRef"};
  /// Constructors of class types declared outside the standard libraries
  /// take ownership (a project's own RAII wrappers).
  bool ProjectTypesTakeOwnership = true;
  /// A handle (pointer or descriptor, by value or by address) passed to a
  /// function LeakGuard cannot read (declared outside the standard libraries
  /// with no body in the unit, a virtual or indirect call) may be kept by
  /// it; see ArgumentOwnership.h. When the callee's body is visible, it is
  /// read instead: the argument escapes only if the callee releases or keeps
  /// it. False: such callees only borrow (more findings, less precision).
  bool ProjectCallsTakePointers = true;
  /// The API model naming release functions (the default model when null).
  const ApiModel *Model = nullptr;
  /// The summaries of the functions other units define: what a call to one
  /// does with a handle passed to it (ProjectSummaries.h). Null: unknown.
  const SummaryIndex *Project = nullptr;
  /// While a summary is computed: a handle passed to a function of another
  /// unit is recorded here as a forward (resolved when the store is read)
  /// instead of counting as taken.
  std::vector<Forward> *Forwards = nullptr;
};

/// How a handle leaves.
enum class EscapeKind {
  None,
  Returned,     ///< `return fd;`, `return {fd, n};`
  Stored,       ///< `g = fd;`, `*out = fd;`, `this->fd = fd;`, `int a = fd;`
  Container,    ///< `v.push_back(f);`, `m.emplace(k, f);`
  Owner,        ///< `std::unique_ptr<FILE, D> p(f);`, `Fd owner(fd);`
  Captured,     ///< `[&fd] { ... }`, `[f] { ... }`
  AddressTaken, ///< `take(&fd);`
  PassedOn,     ///< `list_add(head, p);` (a project function)
};

/// One escape: its kind and what receives the handle (the assignment's left
/// side, the container, the owner construction or call), or null.
struct Escape {
  EscapeKind Kind = EscapeKind::None;
  const Stmt *At = nullptr;
  const Expr *Target = nullptr;
  explicit operator bool() const { return Kind != EscapeKind::None; }
};

/// True when the body of \p Def keeps or releases the handle passed as its
/// parameter \p I (or may: a callee LeakGuard cannot read takes it). With
/// \p ValueOnly the caller passes the handle itself, not its address, so
/// writes through the parameter (into the block) keep nothing; otherwise
/// they count, as they change the caller's handle when given its address.
bool keepsParameter(const FunctionDecl *Def, unsigned I, const EscapeOptions &O,
                    bool ValueOnly = false);

/// True when \p Method hands its object away: passes `this` to a call that
/// keeps it, stores it where it outlives the call, builds an object around
/// it that keeps it, or calls a method of the object that does. A
/// constructor that does registers the object at birth; a method that does
/// (`start()` queueing the task) takes the object it is called on.
bool thisEscapes(const CXXMethodDecl *Method, const EscapeOptions &O);

/// The first call in \p Body that passes \p H to a function of another unit
/// whose summary (O.Project) says it only borrows it, or null: the reason a
/// finding names for a handle such a call does not take.
const CallExpr *externalBorrow(const Stmt *Body, const HandleRef &H,
                               const EscapeOptions &O);

/// True when the value of \p E carries \p H: `fd`, `s` for `s.fd`, `&fd`,
/// `c ? fd : -1`, `{fd, 1}`, `Owner(fd)`, `std::move(p)`, `p + 1`.
bool carriesHandle(const Expr *E, const HandleRef &H, const EscapeOptions &O);

/// How evaluating \p S by itself (one CFG element: a return, assignment,
/// declaration, call, construction or lambda) hands \p H over.
Escape escapesAt(const Stmt *S, const HandleRef &H, const EscapeOptions &O);

/// The first escape of \p H anywhere in \p Body (flow-insensitive); lambda
/// bodies are searched too.
Escape findEscape(const Stmt *Body, const HandleRef &H, const EscapeOptions &O);

/// The local variable an escape target lives in: `v` for `v.push_back(x)`,
/// `arr[i] = x` and `m[k] = x`; null for members, globals reached through
/// pointers and anything else.
const VarDecl *targetVariable(const Expr *Target);

/// The qualified name of \p D, with a class template specialization's
/// members named after the template: "std::unique_ptr::reset".
std::string qualifiedName(const NamedDecl *D);

/// The function \p Call calls: its direct callee or, in a template, the one
/// function an unresolved name can only mean (`fopen(path, mode)` with a
/// dependent `path`); null when unknown or overloaded.
const FunctionDecl *calledFunction(const CallExpr *Call);

/// True for container insertion methods: push_back, emplace_back, insert...
bool isContainerInsert(llvm::StringRef MethodName);

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_ESCAPE_H
