//===--- CallableResolution.h - The body a thread or task runs --*- C++ -*-===//
//
// Given the callable argument of a thread or task constructor (std::thread,
// pthread_create, std::async, a pool's submit), finds the function whose body
// will run: a lambda's call operator, a function named by reference or
// pointer, a member function named by pointer (with its object), a functor's
// operator(), or the target of std::bind. Only definitions visible in the
// translation unit are found.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_CALLABLERESOLUTION_H
#define LEAKGUARD_CHECKS_UTILS_CALLABLERESOLUTION_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include <optional>

namespace clang::tidy::leak::utils {

/// How the callable was spelled.
enum class CallableKind {
  Lambda,         ///< A lambda expression (or a variable initialized by one).
  Function,       ///< A free or static function, by reference or pointer.
  MemberFunction, ///< A pointer to member function, with its object.
  Functor,        ///< An object of a class with an operator().
  Bind,           ///< std::bind / std::bind_front of one of the above.
};

struct ResolvedCallable {
  CallableKind Kind = CallableKind::Function;
  /// The function that runs (a lambda's or functor's operator() included).
  const FunctionDecl *Function = nullptr;
  /// Its body (never null in a resolved callable).
  const Stmt *Body = nullptr;
  /// For member functions: the object expression (e.g. `this`), if given.
  const Expr *Object = nullptr;
};

/// Resolves \p Callable, the callable argument of a spawning call whose
/// remaining arguments are \p Rest (the first of which is the object for a
/// member-function pointer). std::nullopt when the body is not in the TU or
/// the callable cannot be followed (e.g. a std::function parameter).
std::optional<ResolvedCallable>
resolveCallable(const Expr *Callable, llvm::ArrayRef<const Expr *> Rest = {});

/// The arguments of a thread construction or spawning call, split into the
/// callable and the rest: for a CXXConstructExpr the callable is argument 0,
/// for pthread_create argument 2 (the start routine). Returns null when \p E
/// is neither.
const Expr *spawnedCallable(const Expr *E,
                            llvm::SmallVectorImpl<const Expr *> &Rest);

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_CALLABLERESOLUTION_H
