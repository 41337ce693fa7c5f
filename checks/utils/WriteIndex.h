//===--- WriteIndex.h - Which functions write which variables ---*- C++ -*-===//
//
// One pass over a translation unit records, for every variable and field,
// the functions whose bodies write it: assign it, step it, take its address,
// bind it to a non-const reference or capture it by reference. A lambda's
// body counts as a function of its own (it may run on another thread).
//
// Data-flow questions of the thread checks are answered from it: a flag that
// a loop reads is a stop signal when another function writes it; a member
// written only by constructors (or only defaulted with constants elsewhere)
// is configuration, read-only once the object is built.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_WRITEINDEX_H
#define LEAKGUARD_CHECKS_UTILS_WRITEINDEX_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace clang {
class ASTContext;
} // namespace clang

namespace clang::tidy::leak::utils {

/// The writers of every variable and field of one translation unit, indexed
/// on first use.
class WriteIndex {
public:
  explicit WriteIndex(ASTContext &Context) : Context(Context) {}

  /// The functions that write \p D (variables and fields; empty when none
  /// of the unit's code does). Writes at namespace scope (initializers of
  /// globals) have a null writer.
  llvm::ArrayRef<const FunctionDecl *> writers(const Decl *D);

  /// True when some function other than \p Reader (and other than the
  /// lambdas \p Reader contains, which run as part of it unless handed to a
  /// thread) writes \p D.
  bool writtenOutside(const Decl *D, const FunctionDecl *Reader);

  /// True when \p D (a field or variable) is configuration: only
  /// constructors and setters (functions that only store their parameters
  /// into fields), or nothing, in this unit give it a value that is not a
  /// constant; elsewhere it is at most defaulted (`if (N == 0) N = 1;`).
  /// Once an object is set up, its value stays within what it was given.
  bool isConfiguration(const Decl *D);

  /// True when some code of the unit steps \p D (`++`, `--`, `+=`, `-=`):
  /// a counter, not a flag.
  bool isStepped(const Decl *D);

private:
  using WriterMap =
      llvm::DenseMap<const Decl *, llvm::SmallVector<const FunctionDecl *, 2>>;
  /// The index, built on first use.
  WriterMap &index();

  ASTContext &Context;
  std::optional<WriterMap> Writers;
  /// The writers that store something other than a constant.
  WriterMap VariableWriters;
  llvm::DenseSet<const Decl *> Stepped;
};

/// The declaration in the template that \p D (a member of an instantiated
/// class template, or an instantiated function) comes from; \p D itself
/// otherwise.
const Decl *patternOf(const Decl *D);

/// The function (or lambda call operator) whose body \p D is declared in, or
/// \p D itself for a function.
const FunctionDecl *enclosingFunctionOf(const Decl *D);

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_WRITEINDEX_H
