//===--- ArgumentOwnership.h - Who takes a handle passed to a call -*- C++
//-*-===//
//
// LeakGuard's precision policy (docs/precision.md) for a handle passed as an
// argument: a call whose callee LeakGuard cannot read may have taken it, so
// the caller is no longer responsible and nothing is reported. Only the
// callees whose behaviour is known borrow the handle: the C, POSIX and C++
// standard libraries (read, send, printf, strcpy, std::string's constructor),
// parameters that are pointers or references to const, and the functions a
// rule pack lists under `Ownership: Borrows`. A callee whose body is in the
// translation unit is read instead (see Escape.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_ARGUMENTOWNERSHIP_H
#define LEAKGUARD_CHECKS_UTILS_ARGUMENTOWNERSHIP_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::leak::utils {

struct ApiModel;

/// What a callee does with a handle passed to it.
enum class ArgumentUse {
  Borrowed, ///< Uses it and gives it back: the caller still owns it.
  Taken,    ///< Keeps or releases it, or may: the caller no longer owns it.
  ReadBody, ///< The callee's body is visible: read it to decide.
  /// A read-only parameter (`const T *`, `const T &`) of a callee whose body
  /// is visible: the body says whether it keeps the handle (`t->slots[i] =
  /// key;`) or, given the address of the caller's handle (or of a struct
  /// holding it), copies what it points to into a place that outlives the
  /// call (`q->slot[i] = *p;`).
  ReadOnlyBody,
  /// The same for a callee of another unit: its summary decides, and
  /// without one the parameter borrows.
  ReadOnlyExternal,
  /// The callee is the project's, defined in another unit: its summary in
  /// the project's store decides (ProjectSummaries.h); without one, as for
  /// any callee LeakGuard cannot read.
  External,
};

/// True when \p D is declared in a header of the C or POSIX library, the
/// C++ standard library or the compiler's own headers (a system header
/// with a standard name: `stdio.h`, `sys/socket.h`, `vector`, `bits/...`),
/// or in namespace std. A third-party library's headers (`event2/event.h`,
/// `openssl/ssl.h`) are not: LeakGuard does not know what their functions
/// keep.
bool isStandardLibraryDecl(const Decl *D);

/// The function a call through a local function pointer always reaches:
/// `void (*Sink)(char *) = consume; ... Sink(p);` where `Sink` is a local
/// initialized with a function and never assigned again. Null otherwise.
const FunctionDecl *resolvedFunctionPointer(const CallExpr *Call);

/// \p Call's callee: the direct one, or the one a local function pointer
/// always holds (resolvedFunctionPointer).
const FunctionDecl *knownCallee(const CallExpr *Call);

/// How \p Call's callee treats the handle passed as argument \p ArgIndex
/// (an index into Call->arguments()). \p Model supplies the rule packs'
/// `Ownership` lists; \p UnknownTakes is false when the user asked that
/// callees LeakGuard cannot read borrow (ProjectCallsTakePointers=false).
ArgumentUse argumentUse(const CallExpr *Call, unsigned ArgIndex,
                        const ApiModel &Model, bool UnknownTakes = true);

/// True when \p Var is released by its scope's end whatever happens:
/// `__attribute__((cleanup(f)))` and the macros built on it (`g_autofree`,
/// `g_autoptr`, `_cleanup_free_`).
bool releasedByCleanupAttribute(const VarDecl *Var);

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_ARGUMENTOWNERSHIP_H
