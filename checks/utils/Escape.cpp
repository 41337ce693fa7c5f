//===--- Escape.cpp - Does a handle leave the function? -------------------===//

#include "Escape.h"
#include "ApiModel.h"
#include "ArgumentOwnership.h"
#include "ProjectSummaries.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::leak::utils {

const FunctionDecl *calledFunction(const CallExpr *Call) {
  if (const FunctionDecl *Callee = Call->getDirectCallee())
    return Callee;
  const auto *Lookup =
      dyn_cast_or_null<UnresolvedLookupExpr>(Call->getCallee()->IgnoreParens());
  if (!Lookup)
    return nullptr;
  const FunctionDecl *Only = nullptr;
  for (const NamedDecl *D : Lookup->decls()) {
    const auto *F = dyn_cast<FunctionDecl>(D->getUnderlyingDecl());
    if (!F || (Only && F->getCanonicalDecl() != Only->getCanonicalDecl()))
      return nullptr; // A template or an overload set: unknown.
    Only = F;
  }
  return Only;
}

std::string qualifiedName(const NamedDecl *D) {
  if (!D)
    return "";
  if (const auto *Method = dyn_cast<CXXMethodDecl>(D)) {
    const CXXRecordDecl *Parent = Method->getParent();
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Parent))
      return Spec->getSpecializedTemplate()->getQualifiedNameAsString() +
             "::" + Method->getNameAsString();
  }
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(D))
    return Spec->getSpecializedTemplate()->getQualifiedNameAsString();
  return D->getQualifiedNameAsString();
}

bool isContainerInsert(llvm::StringRef Name) {
  return llvm::StringSwitch<bool>(Name)
      .Cases({"push_back", "emplace_back", "push_front", "emplace_front"}, true)
      .Cases({"insert", "emplace", "emplace_hint", "try_emplace"}, true)
      .Cases({"insert_or_assign", "push", "push_range", "append_range"}, true)
      .Default(false);
}

/// True when constructing \p Record takes ownership of its arguments.
static bool isOwnerType(const CXXRecordDecl *Record, const EscapeOptions &O) {
  if (!Record)
    return false;
  if (nameMatchesAny(O.OwnerTypes, qualifiedName(Record)))
    return true;
  return O.ProjectTypesTakeOwnership && !isStandardLibraryDecl(Record);
}

static bool isPrefixOf(const HandleRef &Ref, const HandleRef &H) {
  if (Ref.Var != H.Var || Ref.Fields.size() > H.Fields.size())
    return false;
  for (size_t I = 0; I < Ref.Fields.size(); ++I)
    if (Ref.Fields[I] != H.Fields[I])
      return false;
  return true;
}

static const Expr *strip(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(Next))
      Next = EWC->getSubExpr();
    else if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = MTE->getSubExpr();
    else if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = BTE->getSubExpr();
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

static bool constructionCarries(const CXXConstructExpr *CE, const HandleRef &H,
                                const EscapeOptions &O) {
  const CXXConstructorDecl *Ctor = CE->getConstructor();
  if (!Ctor)
    return false;
  const CXXRecordDecl *Record = Ctor->getParent();
  // Copies and moves of an aggregate carrying the handle keep carrying it,
  // and so does a generic holder built by a constructor template
  // (`std::any(p)`, a `std::function` from a lambda).
  if (!Ctor->isCopyOrMoveConstructor() && !isOwnerType(Record, O) &&
      !Ctor->getPrimaryTemplate())
    return false;
  for (const Expr *Arg : CE->arguments())
    if (carriesHandle(Arg, H, O))
      return true;
  return false;
}

static bool lambdaCaptures(const LambdaExpr *L, const HandleRef &H) {
  for (const LambdaCapture &C : L->captures())
    if (C.capturesVariable() && C.getCapturedVar() == H.Var)
      return true;
  return false;
}

/// True when the lvalue \p E lies inside the block the pointer \p H points
/// to: `item->link`, `buf[4]`, `(*item).link.next`. Its address is a pointer
/// into the block, and whoever keeps it keeps the block (an intrusive list
/// links `&item->link`, and frees the item from it later).
static bool isPartOfPointee(const Expr *E, const HandleRef &H,
                            const EscapeOptions &O) {
  for (E = E->IgnoreParens(); E;) {
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      if (ME->isArrow())
        return carriesHandle(ME->getBase(), H, O);
      E = ME->getBase()->IgnoreParens();
    } else if (const auto *Sub = dyn_cast<ArraySubscriptExpr>(E)) {
      // A pointer, not an array of handles (`&fds[0]`).
      return Sub->getBase()
                 ->IgnoreParenImpCasts()
                 ->getType()
                 ->isPointerType() &&
             carriesHandle(Sub->getBase(), H, O);
    } else if (const auto *UO = dyn_cast<UnaryOperator>(E);
               UO && UO->getOpcode() == UO_Deref) {
      return carriesHandle(UO->getSubExpr(), H, O);
    } else {
      return false;
    }
  }
  return false;
}

bool carriesHandle(const Expr *E, const HandleRef &H, const EscapeOptions &O) {
  // `*p` bound to a reference (a glvalue no copy or load wraps) is p's
  // object itself, at p's address: `done(*relay)` hands relay over as
  // `done(relay)` would.
  if (const auto *Deref =
          E ? dyn_cast<UnaryOperator>(E->IgnoreParens()) : nullptr;
      Deref && Deref->getOpcode() == UO_Deref && Deref->isGLValue() &&
      !Deref->getType()->isScalarType())
    if (std::optional<HandleRef> Ref = handleRefOf(Deref->getSubExpr()))
      if (isPrefixOf(*Ref, H))
        return true;
  E = strip(E);
  if (!E || !H.Var)
    return false;
  if (std::optional<HandleRef> Ref = handleRefOf(E))
    return isPrefixOf(*Ref, H);
  // An array inside the block decays to the address of a part of it
  // (`return b->data;`).
  if (E->getType()->isArrayType() && isPartOfPointee(E, H, O))
    return true;
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() != UO_AddrOf)
      return false;
    if (std::optional<HandleRef> Ref = handleRefOf(UO->getSubExpr())) {
      // `&w.base` of a struct's first member is the struct's own address,
      // from which the callee reaches every member (C's base-struct idiom:
      // it casts back to the whole).
      while (!Ref->Fields.empty() && Ref->Fields.back()->getFieldIndex() == 0 &&
             !Ref->Fields.back()->getParent()->isUnion())
        Ref->Fields.pop_back();
      return isPrefixOf(*Ref, H);
    }
    if (isa<CompoundLiteralExpr>(strip(UO->getSubExpr())))
      return carriesHandle(UO->getSubExpr(), H, O);
    return isPartOfPointee(UO->getSubExpr(), H, O);
  }
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(E))
    return carriesHandle(CO->getTrueExpr(), H, O) ||
           carriesHandle(CO->getFalseExpr(), H, O);
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Assign || BO->getOpcode() == BO_Comma) {
      // `orig = (cur = strdup(s))`: the value of an assignment to the
      // handle is the handle.
      if (BO->getOpcode() == BO_Assign)
        if (std::optional<HandleRef> LHS = handleRefOf(BO->getLHS());
            LHS && isPrefixOf(*LHS, H))
          return true;
      return carriesHandle(BO->getRHS(), H, O);
    }
    // `p + 16`, and address arithmetic on the pointer's bits
    // (`(uintptr_t)p + a & ~(a - 1)`).
    bool Address =
        BO->getType()->isPointerType() ||
        (BO->getType()->isIntegerType() && H.Var->getType()->isPointerType());
    if (Address && (BO->isAdditiveOp() || BO->getOpcode() == BO_And ||
                    BO->getOpcode() == BO_Or))
      return carriesHandle(BO->getLHS(), H, O) ||
             carriesHandle(BO->getRHS(), H, O);
    return false;
  }
  if (const auto *ILE = dyn_cast<InitListExpr>(E)) {
    for (const Expr *Init : ILE->inits())
      if (carriesHandle(Init, H, O))
        return true;
    return false;
  }
  // `(struct blob){.bytes = p}`, and its address: the literal carries what
  // its initializers do.
  if (const auto *Literal = dyn_cast<CompoundLiteralExpr>(E))
    return carriesHandle(Literal->getInitializer(), H, O);
  if (const auto *PLIE = dyn_cast<CXXParenListInitExpr>(E)) {
    for (const Expr *Init : PLIE->getInitExprs())
      if (carriesHandle(Init, H, O))
        return true;
    return false;
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(E))
    return constructionCarries(CE, H, O);
  // In a template, an object of a dependent type built from the handle
  // (`std::unique_ptr<T>(p)`, `Holder<T> h(p)`): which constructor runs is
  // known only per instantiation, so it is taken to adopt the handle.
  if (const auto *U = dyn_cast<CXXUnresolvedConstructExpr>(E))
    return llvm::any_of(U->arguments(), [&](const Expr *Arg) {
      return carriesHandle(Arg, H, O);
    });
  if (const auto *PLE = dyn_cast<ParenListExpr>(E)) {
    for (unsigned I = 0; I < PLE->getNumExprs(); ++I)
      if (carriesHandle(PLE->getExpr(I), H, O))
        return true;
    return false;
  }
  if (const auto *New = dyn_cast<CXXNewExpr>(E))
    return New->getInitializer() && carriesHandle(New->getInitializer(), H, O);
  if (const auto *L = dyn_cast<LambdaExpr>(E))
    return lambdaCaptures(L, H);
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = calledFunction(Call);
    if (!Callee || Call->getNumArgs() == 0)
      return false;
    std::string Name = qualifiedName(Callee);
    // std::move(p), std::forward<T>(p), std::exchange(p, nullptr).
    if (nameMatchesAny({"::std::move", "::std::forward", "::std::exchange"},
                       Name))
      return carriesHandle(Call->getArg(0), H, O);
    // The C library's copies return their destination (`return
    // memcpy(p, src, n);`), or a place inside it (stpcpy, mempcpy).
    if (isStandardLibraryDecl(Callee) && Callee->getIdentifier() &&
        llvm::is_contained({"memcpy", "memmove", "memset", "strcpy", "strncpy",
                            "strcat", "strncat", "stpcpy", "stpncpy", "mempcpy",
                            "wmemcpy", "wmemmove", "wmemset", "wcscpy",
                            "wcsncpy", "wcscat", "wcsncat"},
                           Callee->getName()))
      return carriesHandle(Call->getArg(0), H, O);
    if (nameMatchesAny(O.OwnerFunctions, Name))
      for (const Expr *Arg : Call->arguments())
        if (carriesHandle(Arg, H, O))
          return true;
    // A project function given the pointer may return it, or a pointer
    // derived from it (`align(p + header)`): its result is an alias.
    if (Callee->getReturnType()->isPointerType() &&
        !isStandardLibraryDecl(Callee))
      for (const Expr *Arg : Call->arguments())
        if (carriesHandle(Arg, H, O))
          return true;
    return false;
  }
  return false;
}

static Escape findIn(const Stmt *S, const HandleRef &H, const EscapeOptions &O);
static bool outlivesCall(const Expr *E);

/// Depth of the look into callees' bodies (recursion guard).
static thread_local unsigned CalleeDepth = 0;

namespace {
/// The locals that hold what a parameter carries: the parameter, and every
/// local initialized or assigned from an access path rooted at one of them
/// (`char *Data = *DataPtr;`, `= Array[2]`, `= S.First`, `= (char **)V`).
class Carriers {
public:
  Carriers(const ParmVarDecl *Param, const Stmt *Body) {
    Vars.insert(Param);
    // Two rounds reach a copy of a copy (`char **P = (char **)V; char *D =
    // *P;`).
    for (unsigned Round = 0; Round < 2; ++Round)
      collect(Body);
  }
  const llvm::SmallPtrSetImpl<const VarDecl *> &vars() const { return Vars; }

  /// The carrier \p E reads through, or null: `*P`, `P[2]`, `P->F`, `S.F`,
  /// `(T *)P`, `P` itself. \p Through is set when the path dereferences.
  const VarDecl *rootOf(const Expr *E, bool *Through = nullptr) const {
    bool Deref = false;
    while (E) {
      E = E->IgnoreParenCasts();
      if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
        const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        if (!Var || !Vars.contains(Var))
          return nullptr;
        if (Through)
          *Through = Deref;
        return Var;
      }
      if (const auto *UO = dyn_cast<UnaryOperator>(E);
          UO && UO->getOpcode() == UO_Deref) {
        Deref = true;
        E = UO->getSubExpr();
        continue;
      }
      if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
        Deref = true;
        E = ASE->getBase();
        continue;
      }
      if (const auto *Member = dyn_cast<MemberExpr>(E)) {
        Deref |= Member->isArrow();
        E = Member->getBase();
        continue;
      }
      return nullptr;
    }
    return nullptr;
  }

  /// True when \p S only copies what a carrier holds into another carrier.
  bool isCopy(const Stmt *S) const {
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      return llvm::all_of(DS->decls(), [&](const Decl *D) {
        const auto *Var = dyn_cast<VarDecl>(D);
        return Var && Vars.contains(Var) && Var->getInit() &&
               rootOf(Var->getInit());
      });
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->getOpcode() == BO_Assign)
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        return Vars.contains(dyn_cast<VarDecl>(Ref->getDecl())) &&
               rootOf(BO->getRHS());
    return false;
  }

private:
  void collect(const Stmt *S) {
    if (!S || isa<LambdaExpr, BlockExpr>(S))
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D);
            Var && Var->hasLocalStorage() &&
            !Var->getType()->isReferenceType() && Var->getInit() &&
            rootOf(Var->getInit()))
          Vars.insert(Var);
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->getOpcode() == BO_Assign)
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
            Var && Var->hasLocalStorage() &&
            !Var->getType()->isReferenceType() && rootOf(BO->getRHS()))
          Vars.insert(Var);
    for (const Stmt *Child : S->children())
      collect(Child);
  }

  llvm::SmallPtrSet<const VarDecl *, 4> Vars;
};

/// True when \p S, or a statement inside it, releases, keeps or writes
/// through what \p C's carriers hold: an escape of a carrier (other than a
/// copy into another carrier), a release of an access path rooted at one
/// (`free(*P)`, `free(Array[2])`), or, unless \p ValueOnly, an assignment
/// through one (`*P = 0`).
bool keepsCarried(const Stmt *S, const Carriers &C, const ApiModel &Model,
                  const EscapeOptions &O, bool ValueOnly) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (C.isCopy(S))
    return false;
  // `*P = NULL`, `Array[2] = Other`: the caller's handle slot changes when
  // the caller passed its address. (Writing a counter the pointer reaches,
  // `W->Uses += 1`, does not.) Given the handle itself, the callee only
  // writes inside the block.
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      !ValueOnly && BO && BO->isAssignmentOp() &&
      BO->getLHS()->getType()->isPointerType()) {
    bool Through = false;
    if (C.rootOf(BO->getLHS(), &Through) && Through)
      return true;
  }
  // `Queue->Slot[I] = *P`, `LastFd = P->Fd`: what the caller's address
  // points to is copied into a place that outlives the call.
  if (!ValueOnly) {
    const Expr *Target = nullptr, *Value = nullptr;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->getOpcode() == BO_Assign) {
      Target = BO->getLHS();
      Value = BO->getRHS();
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
               Op && Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
      Target = Op->getArg(0);
      Value = Op->getArg(1);
    }
    bool Through = false;
    if (Target && C.rootOf(Value, &Through) && Through && outlivesCall(Target))
      return true;
  }
  auto Reaches = [&](const Expr *E) {
    if (C.rootOf(E))
      return true;
    return llvm::any_of(C.vars(), [&](const VarDecl *Var) {
      HandleRef H;
      H.Var = Var;
      return refersToHandle(E, H);
    });
  };
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *F = calledFunction(Call);
        F && Model.isAnyReleaser(qualifiedName(F)))
      for (const Expr *Arg : Call->arguments())
        if (Reaches(Arg))
          return true;
  if (const auto *Delete = dyn_cast<CXXDeleteExpr>(S))
    if (Reaches(Delete->getArgument()))
      return true;
  for (const VarDecl *Var : C.vars()) {
    HandleRef H;
    H.Var = Var;
    if (escapesAt(S, H, O))
      return true;
  }
  for (const Stmt *Child : S->children())
    if (keepsCarried(Child, C, Model, O, ValueOnly))
      return true;
  return false;
}
} // namespace

/// Whether the callee keeps or releases its argument \p I: read from its
/// body when it is visible (what the parameter carries, followed through
/// the locals the body copies it into, and unless \p ValueOnly what it
/// points to), \p Unread otherwise.
static bool calleeKeeps(const FunctionDecl *Callee, unsigned I,
                        const EscapeOptions &O, bool ValueOnly, bool Unread) {
  const FunctionDecl *Def = nullptr;
  if (!Callee || !Callee->hasBody(Def) || !Def || CalleeDepth >= 2)
    return Unread;
  ++CalleeDepth;
  bool Keeps = keepsParameter(Def, I, O, ValueOnly);
  --CalleeDepth;
  return Keeps;
}

bool keepsParameter(const FunctionDecl *Def, unsigned I, const EscapeOptions &O,
                    bool ValueOnly) {
  // The function's own body is read here; the callees it reads count
  // against the depth, as they do from a caller's analysis.
  if (!Def || !Def->getBody() || Def->isVariadic() || I >= Def->getNumParams())
    return true;
  const ApiModel &Model = O.Model ? *O.Model : defaultApiModel();
  Carriers C(Def->getParamDecl(I), Def->getBody());
  return keepsCarried(Def->getBody(), C, Model, O, ValueOnly);
}

/// Whether \p Callee, a function of another unit, keeps its argument \p I:
/// its summary says, or the call is recorded as a forward while a summary
/// is computed, or, unknown, it may.
static bool externalKeeps(const FunctionDecl *Callee, unsigned I,
                          const EscapeOptions &O) {
  if (const ExternalSummary *S =
          O.Project ? O.Project->function(Callee) : nullptr)
    return S->param(I) != ParamFate::Borrowed;
  if (O.Forwards) {
    O.Forwards->push_back({usrOf(Callee->getCanonicalDecl()), I});
    return false;
  }
  return O.ProjectCallsTakePointers;
}

const CallExpr *externalBorrow(const Stmt *Body, const HandleRef &H,
                               const EscapeOptions &O) {
  if (!Body || !O.Project)
    return nullptr;
  if (const auto *Call = dyn_cast<CallExpr>(Body))
    if (const ExternalSummary *S = O.Project->function(knownCallee(Call)))
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (S->param(I) == ParamFate::Borrowed &&
            carriesHandle(Call->getArg(I), H, O))
          return Call;
  for (const Stmt *Child : Body->children())
    if (const CallExpr *Found = externalBorrow(Child, H, O))
      return Found;
  return nullptr;
}

/// True when the object \p E names outlives the function: a member of
/// `*this`, a global or static, or an object reached through a pointer or
/// reference (owned by someone else).
static bool outlivesCall(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = strip(E);
    if (isa<CXXThisExpr>(E))
      return true;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      return Var &&
             (!Var->hasLocalStorage() || Var->getType()->isReferenceType() ||
              isa<ParmVarDecl>(Var));
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (Member->isArrow())
        return true;
      E = Member->getBase();
      continue;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_Deref)
      return true;
    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
      E = ASE->getBase();
      continue;
    }
    return false;
  }
  return false;
}

/// Whether the call \p Call keeps its argument \p I, a handle or a pointer
/// to its object (\p ByAddress: the address of the caller's handle, whose
/// callee body is not read for what it does through it).
static bool callKeepsArgument(const CallExpr *Call, unsigned I, bool ByAddress,
                              const EscapeOptions &O) {
  const FunctionDecl *Callee = knownCallee(Call);
  const ApiModel &Model = O.Model ? *O.Model : defaultApiModel();
  // An operator written as a method counts its object as argument 0.
  unsigned Offset =
      isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee)
          ? 1
          : 0;
  switch (argumentUse(Call, I, Model, O.ProjectCallsTakePointers)) {
  case ArgumentUse::Borrowed:
    return false;
  case ArgumentUse::Taken:
    return true;
  case ArgumentUse::ReadBody:
    return ByAddress || calleeKeeps(Callee, I - Offset, O, /*ValueOnly=*/true,
                                    /*Unread=*/true);
  case ArgumentUse::ReadOnlyBody:
    // Through a read-only pointer nothing is written: given the handle's
    // address, the body may only copy what it holds away.
    // What cannot be read borrows, as `const` says.
    return calleeKeeps(Callee, I - Offset, O, /*ValueOnly=*/!ByAddress,
                       /*Unread=*/false);
  case ArgumentUse::ReadOnlyExternal:
    if (const ExternalSummary *S =
            O.Project ? O.Project->function(Callee) : nullptr)
      return S->param(I - Offset) != ParamFate::Borrowed;
    return false;
  case ArgumentUse::External:
    // A summary covers what the callee does through the handle's address
    // too (it follows what the parameter points to).
    return externalKeeps(Callee, I - Offset, O);
  }
  return true;
}

static Escape callEscape(const CallExpr *Call, const HandleRef &H,
                         const EscapeOptions &O) {
  const FunctionDecl *Callee = knownCallee(Call);
  const Expr *Object = nullptr;
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call))
    Object = MC->getImplicitObjectArgument();
  unsigned First = 0;
  // `v += p`-style operators on a container receive the handle.
  if (isa<CXXOperatorCallExpr>(Call) &&
      isa_and_nonnull<CXXMethodDecl>(Callee) && Call->getNumArgs() > 0) {
    Object = Call->getArg(0);
    First = 1;
  }
  // A method that hands its object away (`task->start()` queueing `this`)
  // takes the handle it is called on.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
      MC && carriesHandle(MC->getImplicitObjectArgument(), H, O) &&
      thisEscapes(MC->getMethodDecl(), O))
    return {EscapeKind::PassedOn, Call, Call};
  if (Callee) {
    std::string Name = qualifiedName(Callee);
    if (nameMatchesAny(O.OwnerFunctions, Name))
      for (unsigned I = 0; I < Call->getNumArgs(); ++I)
        if (carriesHandle(Call->getArg(I), H, O))
          return {EscapeKind::Owner, Call, Call};
    if (Object && Callee->getIdentifier() &&
        isContainerInsert(Callee->getName()))
      for (unsigned I = First; I < Call->getNumArgs(); ++I)
        if (carriesHandle(Call->getArg(I), H, O))
          return {EscapeKind::Container, Call, Object};
  }
  // `Member.store(fd)`, `Global = p` (std::atomic, std::any, std::function):
  // a non-const method of a standard object that outlives the call keeps
  // what it is given. (A project's methods are read or assumed to keep it
  // below.)
  if (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Callee);
      Method && Object && !Method->isConst() && isStandardLibraryDecl(Method) &&
      outlivesCall(Object))
    for (unsigned I = First; I < Call->getNumArgs(); ++I)
      if (carriesHandle(Call->getArg(I), H, O))
        return {EscapeKind::Stored, Call, Object};
  const ApiModel &Model = O.Model ? *O.Model : defaultApiModel();
  unsigned Offset =
      isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee)
          ? 1
          : 0;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    const Expr *Arg = strip(Call->getArg(I));
    bool ByAddress = false;
    if (const auto *UO = dyn_cast<UnaryOperator>(Arg);
        UO && UO->getOpcode() == UO_AddrOf)
      if (std::optional<HandleRef> Ref = handleRefOf(UO->getSubExpr());
          Ref && isPrefixOf(*Ref, H))
        ByAddress = true;
    // A local array holding the handle (in an element's field) decays to
    // the address of the caller's storage, as `&s` does.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Arg);
        Ref && Ref->getType()->isArrayType() && !H.Fields.empty() &&
        Ref->getDecl() == H.Var)
      ByAddress = true;
    if (!ByAddress && !carriesHandle(Arg, H, O))
      continue;
    EscapeKind Kind =
        ByAddress ? EscapeKind::AddressTaken : EscapeKind::PassedOn;
    if (callKeepsArgument(Call, I, ByAddress, O))
      return {Kind, Call, Call};
  }
  return {};
}

namespace {
/// True for `this` or `*this` (through parentheses and casts).
bool isThisValue(const Expr *E) {
  E = strip(E);
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_Deref)
    E = strip(UO->getSubExpr());
  return isa_and_nonnull<CXXThisExpr>(E);
}

/// True for a place inside the object itself: `Self`, `this->Link.Next`
/// (a pointer to itself keeps nothing reachable from elsewhere).
bool isOwnMember(const Expr *E) {
  E = strip(E);
  while (const auto *Member = dyn_cast<MemberExpr>(E)) {
    E = strip(Member->getBase());
    if (isa<CXXThisExpr>(E))
      return true;
    if (Member->isArrow())
      return false;
  }
  return isa<CXXThisExpr>(E);
}

/// The search of thisEscapes through one body.
bool handsThisAway(const Stmt *S, const EscapeOptions &O) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (isThisValue(Call->getArg(I)) &&
          callKeepsArgument(Call, I, /*ByAddress=*/false, O))
        return true;
    // A method of the same object that hands it away: `start()` calling
    // `enqueue()`.
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call);
        MC && isa<CXXThisExpr>(strip(MC->getImplicitObjectArgument())) &&
        thisEscapes(MC->getMethodDecl(), O))
      return true;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
    for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
      if (isThisValue(Construct->getArg(I))) {
        // An object built around `this` (a thread, a holder) keeps it,
        // unless its constructor can be read and does not.
        const FunctionDecl *Def = nullptr;
        const CXXConstructorDecl *Ctor = Construct->getConstructor();
        if (!Ctor || Ctor->isCopyOrMoveConstructor())
          continue;
        if (!Ctor->hasBody(Def) || CalleeDepth >= 2)
          return true;
        ++CalleeDepth;
        bool Keeps = keepsParameter(Def, I, O, /*ValueOnly=*/true);
        --CalleeDepth;
        if (Keeps)
          return true;
      }
  if (const auto *Assign = dyn_cast<BinaryOperator>(S);
      Assign && Assign->getOpcode() == BO_Assign &&
      isThisValue(Assign->getRHS()) && outlivesCall(Assign->getLHS()) &&
      !isOwnMember(Assign->getLHS()))
    return true;
  for (const Stmt *Child : S->children())
    if (handsThisAway(Child, O))
      return true;
  return false;
}
} // namespace

bool thisEscapes(const CXXMethodDecl *Method, const EscapeOptions &O) {
  const FunctionDecl *Def = nullptr;
  if (!Method || Method->isStatic() || !Method->hasBody(Def) || !Def ||
      isStandardLibraryDecl(Method) || CalleeDepth >= 2)
    return false;
  ++CalleeDepth;
  bool Escapes = handsThisAway(Def->getBody(), O);
  // A constructor's member initializers may hand it away too.
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def); Ctor && !Escapes)
    for (const CXXCtorInitializer *Init : Ctor->inits())
      if (Init->isWritten() && handsThisAway(Init->getInit(), O)) {
        Escapes = true;
        break;
      }
  --CalleeDepth;
  return Escapes;
}

Escape escapesAt(const Stmt *S, const HandleRef &H, const EscapeOptions &O) {
  if (!S || !H.Var)
    return {};
  if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
    if (carriesHandle(Ret->getRetValue(), H, O))
      return {EscapeKind::Returned, S, nullptr};
    return {};
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() != BO_Assign)
      return {};
    std::optional<HandleRef> LHS = handleRefOf(BO->getLHS());
    if (LHS && *LHS == H)
      return {};
    // Linked into its own block (`item->link.next = &item->link`): nothing
    // outside reaches it.
    if (isPartOfPointee(BO->getLHS(), H, O))
      return {};
    if (carriesHandle(BO->getRHS(), H, O))
      return {EscapeKind::Stored, S, BO->getLHS()};
    return {};
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D))
        if (VD != H.Var && VD->getInit() &&
            carriesHandle(VD->getInit(), H, O)) {
          // Name what receives it: an owner, a lambda, or another variable.
          const Expr *Init = strip(VD->getInit());
          if (isa<CXXConstructExpr, CXXNewExpr, CXXUnresolvedConstructExpr,
                  ParenListExpr>(Init))
            return {EscapeKind::Owner, S, Init};
          if (isa<LambdaExpr>(Init))
            return {EscapeKind::Captured, S, Init};
          return {EscapeKind::Stored, S, nullptr};
        }
    return {};
  }
  if (const auto *CE = dyn_cast<CXXConstructExpr>(S)) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (Ctor && !Ctor->isCopyOrMoveConstructor() &&
        isOwnerType(Ctor->getParent(), O))
      for (const Expr *Arg : CE->arguments())
        if (carriesHandle(Arg, H, O))
          return {EscapeKind::Owner, S, CE};
    return {};
  }
  if (const auto *New = dyn_cast<CXXNewExpr>(S)) {
    if (New->getInitializer() && carriesHandle(New->getInitializer(), H, O))
      return {EscapeKind::Owner, S, New};
    return {};
  }
  if (const auto *L = dyn_cast<LambdaExpr>(S)) {
    if (lambdaCaptures(L, H))
      return {EscapeKind::Captured, S, L};
    return {};
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    // `memcpy(slot, &node, sizeof(node))`: the pointer's bytes copied into
    // another place, a store by other means (unaligned links in a tree).
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->getIdentifier() && Call->getNumArgs() == 3 &&
        llvm::is_contained(
            {"memcpy", "memmove", "__builtin_memcpy", "__builtin_memmove"},
            Callee->getName()))
      if (const auto *Source =
              dyn_cast<UnaryOperator>(Call->getArg(1)->IgnoreParenCasts());
          Source && Source->getOpcode() == UO_AddrOf)
        if (std::optional<HandleRef> Ref = handleRefOf(Source->getSubExpr());
            Ref && *Ref == H)
          return {EscapeKind::Stored, S, Call->getArg(0)};
    return callEscape(Call, H, O);
  }
  return {};
}

static Escape findIn(const Stmt *S, const HandleRef &H,
                     const EscapeOptions &O) {
  if (!S)
    return {};
  if (Escape E = escapesAt(S, H, O))
    return E;
  for (const Stmt *Child : S->children())
    if (Escape E = findIn(Child, H, O))
      return E;
  return {};
}

Escape findEscape(const Stmt *Body, const HandleRef &H,
                  const EscapeOptions &O) {
  return findIn(Body, H, O);
}

const VarDecl *targetVariable(const Expr *Target) {
  while (Target) {
    Target = Target->IgnoreParenImpCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Target))
      return dyn_cast<VarDecl>(DRE->getDecl());
    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(Target)) {
      if (!ASE->getBase()->IgnoreParenImpCasts()->getType()->isArrayType())
        return nullptr;
      Target = ASE->getBase();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Target)) {
      if (Op->getOperator() != OO_Subscript || Op->getNumArgs() == 0)
        return nullptr;
      Target = Op->getArg(0);
      continue;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(Target)) {
      if (ME->isArrow())
        return nullptr;
      Target = ME->getBase();
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

} // namespace clang::tidy::leak::utils
