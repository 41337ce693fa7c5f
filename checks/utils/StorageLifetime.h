//===--- StorageLifetime.h - Which objects live as long as the program -*- C++
//-*-===//
//
// Answers "does this variable or data member live as long as the program (or
// a long-lived object)?" for checks that look for state that only
// accumulates. A variable is long-lived when it has static or thread storage
// duration. A data member is long-lived when its class has an instance that
// is: held by a long-lived variable (directly, through a pointer, a smart
// pointer or std::optional, or nested in a member of such an object),
// including the static-local instance of a singleton; or, with the creation
// heuristic, created only in main() in this translation unit. Classes with an
// instance created anywhere else (a local variable, a `new` or
// `make_unique` in an ordinary function) count as per-request.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_STORAGELIFETIME_H
#define LEAKGUARD_CHECKS_UTILS_STORAGELIFETIME_H

#include "clang/AST/Decl.h"
#include "clang/AST/DeclCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"

namespace clang {
class ASTContext;
namespace tidy::leak::utils {

/// True for variables with static or thread storage duration: namespace
/// scope, static locals, static data members (inline too), thread_local.
bool hasProgramLifetime(const VarDecl *VD);

/// The class template pattern of \p RD when it is an instantiation (or a
/// class nested in one), else \p RD; always the canonical declaration.
const CXXRecordDecl *normalizeRecord(const CXXRecordDecl *RD);

/// The field of the class template pattern that \p FD was instantiated from,
/// else \p FD; always the canonical declaration.
const FieldDecl *normalizeField(const FieldDecl *FD);

/// The classes whose objects an object of type \p T keeps alive: T itself,
/// array elements, the object of a unique_ptr or std::optional and, with
/// \p ThroughPointers, the pointee of a pointer, reference or shared_ptr;
/// normalized.
void collectHeldRecords(QualType T,
                        llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Out,
                        bool ThroughPointers = true);

/// A translation-unit-wide index of where objects of each class are created.
class LifetimeIndex {
public:
  /// Indexes every variable, `new` and make_unique/make_shared in \p Ctx.
  /// \p CreatedInMainIsLongLived enables the creation heuristic. A creation
  /// outside loops of a function for which \p RunsOnce holds (one that runs
  /// once per program) counts as a creation in `main`.
  static LifetimeIndex
  build(ASTContext &Ctx, bool CreatedInMainIsLongLived,
        llvm::function_ref<bool(const FunctionDecl *)> RunsOnce = nullptr);

  /// An object of class \p RD lives as long as the program in some place
  /// (held by a static, or, with the heuristic, created only in main).
  bool isLongLivedRecord(const CXXRecordDecl *RD) const;
  /// Long-lived only because the program creates its objects in `main` (or
  /// in what runs once): no static holds one. Such an object belongs to the
  /// program, and what grows it is decided by the program's own calls.
  bool isLongLivedOnlyInMain(const CXXRecordDecl *RD) const;
  /// Some object of class \p RD is created and destroyed per call (a local,
  /// a `new` outside main and outside a static's initializer).
  bool isPerRequestRecord(const CXXRecordDecl *RD) const;
  /// \p FD belongs to a long-lived object and to no per-request one.
  bool isLongLived(const FieldDecl *FD) const;
  /// \p VD has program lifetime or is a static member; fields as above.
  bool isLongLived(const ValueDecl *VD) const;

  // Building blocks, used by build() and by tests.
  enum class Creation { Static, StaticReference, InMain, PerRequest };
  void addCreation(QualType T, Creation C);
  /// Closes the sets over value and owning-pointer members.
  void finish(bool CreatedInMainIsLongLived);

private:
  llvm::DenseMap<const CXXRecordDecl *, unsigned> Flags;
  llvm::SmallPtrSet<const CXXRecordDecl *, 16> LongLived;
  llvm::SmallPtrSet<const CXXRecordDecl *, 16> StaticallyHeld;
  llvm::SmallPtrSet<const CXXRecordDecl *, 16> PerRequest;
};

} // namespace tidy::leak::utils
} // namespace clang

#endif // LEAKGUARD_CHECKS_UTILS_STORAGELIFETIME_H
