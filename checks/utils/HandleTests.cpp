//===--- HandleTests.cpp - Which branch means "acquisition failed" --------===//

#include "HandleTests.h"
#include "ArgumentOwnership.h"
#include "ProjectSummaries.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/Builtins.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::leak::utils {

/// True when \p E names \p Var.
static bool namesVar(const Expr *E, const VarDecl *Var) {
  const auto *Ref =
      dyn_cast_or_null<DeclRefExpr>(E ? E->IgnoreParenImpCasts() : nullptr);
  return Ref && Ref->getDecl() == Var;
}

const Expr *rewrittenBy(const Stmt *S) {
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(S);
      BO && BO->isAssignmentOp())
    return BO->getLHS();
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(S);
      UO && (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf))
    return UO->getSubExpr();
  return nullptr;
}

bool reassigns(const Stmt *S, const VarDecl *Var) {
  if (!S)
    return false;
  const Expr *Target = rewrittenBy(S);
  // Bound to a reference that may write it: `T *&R = Var;`, `reset(Var)`
  // with a `T *&` parameter.
  auto WritableRef = [](QualType T) {
    return T->isLValueReferenceType() &&
           !T.getNonReferenceType().isConstQualified();
  };
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *Bound = dyn_cast<VarDecl>(D);
          Bound && WritableRef(Bound->getType()) &&
          namesVar(Bound->getInit(), Var))
        return true;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      for (unsigned I = 0; I < Call->getNumArgs() && I < Callee->getNumParams();
           ++I)
        if (WritableRef(Callee->getParamDecl(I)->getType()) &&
            namesVar(Call->getArg(I), Var))
          return true;
  if (Target)
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts());
        Ref && Ref->getDecl() == Var)
      return true;
  for (const Stmt *Child : S->children())
    if (reassigns(Child, Var))
      return true;
  return false;
}

const VarDecl *pointedLocal(const Expr *E) {
  const auto *Deref =
      dyn_cast_or_null<UnaryOperator>(E ? E->IgnoreParenCasts() : nullptr);
  if (!Deref || Deref->getOpcode() != UO_Deref)
    return nullptr;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Deref->getSubExpr()->IgnoreParenImpCasts());
  const auto *Ptr = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Ptr || !Ptr->hasLocalStorage() || isa<ParmVarDecl>(Ptr) ||
      !Ptr->getInit())
    return nullptr;
  const auto *AddrOf =
      dyn_cast<UnaryOperator>(Ptr->getInit()->IgnoreParenImpCasts());
  if (!AddrOf || AddrOf->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *Target =
      dyn_cast<DeclRefExpr>(AddrOf->getSubExpr()->IgnoreParenImpCasts());
  const auto *Local = Target ? dyn_cast<VarDecl>(Target->getDecl()) : nullptr;
  const auto *Fn = dyn_cast<FunctionDecl>(Ptr->getDeclContext());
  if (!Local || !Local->hasLocalStorage() || !Fn || !Fn->getBody() ||
      reassigns(Fn->getBody(), Ptr))
    return nullptr;
  return Local;
}

std::optional<HandleRef> handleRefOf(const Expr *E, bool AddressOf) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenCasts();
  if (AddressOf) {
    const auto *UO = dyn_cast<UnaryOperator>(E);
    if (!UO || UO->getOpcode() != UO_AddrOf)
      return std::nullopt;
    E = UO->getSubExpr()->IgnoreParenCasts();
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (!isa<VarDecl, ParmVarDecl>(DRE->getDecl()))
      return std::nullopt;
    // A local reference bound to a local (`char *&Ref = data;`) names it:
    // references cannot be re-seated.
    if (const auto *Var = dyn_cast<VarDecl>(DRE->getDecl());
        Var && Var->getType()->isReferenceType() && Var->hasLocalStorage() &&
        !isa<ParmVarDecl>(Var) && Var->getInit())
      if (const auto *Bound =
              dyn_cast<DeclRefExpr>(Var->getInit()->IgnoreParenImpCasts());
          Bound && Bound->getDecl() != Var)
        if (const auto *Target = dyn_cast<VarDecl>(Bound->getDecl());
            Target && Target->hasLocalStorage())
          return handleRefOf(Bound);
    HandleRef H;
    H.Var = DRE->getDecl();
    return H;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Field || ME->isArrow())
      return std::nullopt;
    std::optional<HandleRef> Base = handleRefOf(ME->getBase());
    if (!Base)
      return std::nullopt;
    // The members of a union are one place: writing one and reading another
    // moves the same bytes.
    if (const RecordDecl *Union = Field->getParent(); Union->isUnion())
      Field = *Union->field_begin();
    Base->Fields.push_back(Field);
    return Base;
  }
  // `*P` where P always points to the local X is X.
  if (!AddressOf)
    if (const VarDecl *Local = pointedLocal(E)) {
      HandleRef H;
      H.Var = Local;
      return H;
    }
  // An element of a local array (`fds[0]` of `int fds[2]`) stands for the
  // array: pipe() fills both elements with one call.
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *Base = ASE->getBase()->IgnoreParenImpCasts();
    if (Base->getType()->isArrayType())
      return handleRefOf(Base);
  }
  return std::nullopt;
}

const Expr *ignoreBranchHints(const Expr *E) {
  while (E) {
    E = E->IgnoreParenCasts();
    const auto *Call = dyn_cast<CallExpr>(E);
    if (!Call || Call->getNumArgs() == 0)
      return E;
    switch (Call->getBuiltinCallee()) {
    case Builtin::BI__builtin_expect:
    case Builtin::BI__builtin_expect_with_probability:
    case Builtin::BI__builtin_unpredictable:
      E = Call->getArg(0);
      continue;
    default:
      return E;
    }
  }
  return E;
}

const ValueDecl *referencedDecl(const Expr *E) {
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  return nullptr;
}

bool sameExpr(const Expr *A, const Expr *B, const ASTContext &Context) {
  if (!A || !B)
    return false;
  llvm::FoldingSetNodeID IA, IB;
  A->IgnoreParenCasts()->Profile(IA, Context, /*Canonical=*/true);
  B->IgnoreParenCasts()->Profile(IB, Context, /*Canonical=*/true);
  return IA == IB;
}

bool refersToHandle(const Expr *E, const HandleRef &H) {
  if (!E || !H.Var)
    return false;
  E = E->IgnoreParenCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->isAssignmentOp())
      E = BO->getLHS();
  std::optional<HandleRef> Ref = handleRefOf(E);
  return Ref && *Ref == H;
}

namespace {
enum class Operand { Other, Handle, Status };

bool hasInvalid(const FailureSpec &Spec, llvm::StringRef Value) {
  return llvm::is_contained(Spec.InvalidValues, Value);
}

bool isAcquisition(const Expr *E, const FailureSpec &Spec) {
  if (!Spec.Acquisition)
    return false;
  return E->IgnoreParenCasts() == Spec.Acquisition->IgnoreParenCasts();
}

Operand classify(const Expr *E, const FailureSpec &Spec) {
  E = E->IgnoreParenCasts();
  bool StatusKind = Spec.StatusReturn || hasInvalid(Spec, "nonzero-return");
  if (isAcquisition(E, Spec))
    return StatusKind ? Operand::Status : Operand::Handle;
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Assign) {
    // `(fd = open(...))` is the handle, `(rc = pipe(fds))` the status.
    if (isAcquisition(BO->getRHS(), Spec))
      return StatusKind ? Operand::Status : Operand::Handle;
    E = BO->getLHS()->IgnoreParenCasts();
  }
  if (Spec.Status)
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E);
        DRE && DRE->getDecl() == Spec.Status)
      return Operand::Status;
  // A handle written through an argument (`pipe(fds)`) is tested by the
  // status; its own value too when the kind has an invalid value: on
  // success it is valid, so `if (fds[0] != -1) close(fds[0]);` closes it on
  // every path that acquired it.
  std::optional<HandleRef> Ref = handleRefOf(E);
  bool ValueTells = !Spec.StatusReturn ||
                    llvm::any_of(Spec.InvalidValues, [](llvm::StringRef V) {
                      return V != "nonzero-return";
                    });
  if (Ref && *Ref == Spec.Handle && ValueTells)
    return Operand::Handle;
  return Operand::Other;
}

std::optional<llvm::APSInt> intValue(const Expr *E, const ASTContext &Ctx) {
  E = E->IgnoreParenCasts();
  if (E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  // A local that keeps its initializer (`const void *Failed = (void *)-1;`,
  // never assigned again): its initializer's value.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    const auto *Fn =
        Var ? dyn_cast<FunctionDecl>(Var->getDeclContext()) : nullptr;
    if (Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) &&
        Var->getInit() && Fn && Fn->getBody() &&
        !Var->getType()->isReferenceType() && !reassigns(Fn->getBody(), Var))
      return intValue(Var->getInit(), Ctx);
  }
  Expr::EvalResult R;
  if (!E->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  return R.Val.getInt();
}

bool isNullConstant(const Expr *E, const ASTContext &Ctx) {
  if (E->isValueDependent())
    return false;
  return E->IgnoreParenCasts()->isNullPointerConstant(
             const_cast<ASTContext &>(Ctx),
             Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
}

/// A pointer, or (in a template) a handle whose type depends on a template
/// parameter: a kind whose failure value is nullptr returns pointers.
bool isPointerLike(const Expr *E, const FailureSpec &Spec) {
  QualType T = E->IgnoreParenCasts()->getType();
  return T->isPointerType() || T->isNullPtrType() ||
         (T->isDependentType() && hasInvalid(Spec, "nullptr"));
}

BinaryOperatorKind swapped(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT:
    return BO_GT;
  case BO_GT:
    return BO_LT;
  case BO_LE:
    return BO_GE;
  case BO_GE:
    return BO_LE;
  default:
    return Op;
  }
}

/// True for a global the C or C++ standard library declares (`stdin`,
/// `stdout`, `stderr`): an object the library owns, not one a caller
/// acquires.
bool isLibraryGlobal(const Expr *E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->hasGlobalStorage() && isStandardLibraryDecl(Var);
}

/// True for the address of a named object: an array (`buf` decayed), or
/// `&x`. A block fresh from an acquirer is never at the address of an
/// object that already exists.
bool isAddressOfObject(const Expr *E) {
  // Through casts that keep the address.
  for (;;) {
    E = E->IgnoreParens();
    const auto *Cast = dyn_cast<CastExpr>(E);
    if (!Cast || Cast->getCastKind() == CK_ArrayToPointerDecay)
      break;
    if (Cast->getCastKind() != CK_NoOp && Cast->getCastKind() != CK_BitCast)
      return false;
    E = Cast->getSubExpr();
  }
  const Expr *Object = nullptr;
  if (const auto *Decay = dyn_cast<CastExpr>(E))
    Object = Decay->getSubExpr();
  else if (const auto *UO = dyn_cast<UnaryOperator>(E);
           UO && UO->getOpcode() == UO_AddrOf)
    Object = UO->getSubExpr();
  const auto *Ref =
      Object ? dyn_cast<DeclRefExpr>(Object->IgnoreParens()) : nullptr;
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && !Var->getType()->isReferenceType();
}

/// `X Op V` where X is a value that is negative on failure. A descriptor
/// that is 0, 1 or 2 is a standard stream the process keeps (the daemon
/// idiom: `dup2(fd, 0..2); if (fd > STDERR_FILENO) close(fd);`), so
/// `fd > 2` being false also means there is nothing to close.
std::optional<bool> negativeMeansFailed(BinaryOperatorKind Op, int64_t V,
                                        bool Descriptor = true) {
  if (!Descriptor && (V == 2 || V == 3))
    return std::nullopt;
  switch (Op) {
  case BO_LT: // fd < 0, fd < 3; fd < 1 is not a test of failure alone
    return V == 0 || V == 3 ? std::optional<bool>(true) : std::nullopt;
  case BO_LE: // fd <= -1, fd <= 2
    return V == -1 || V == 2 ? std::optional<bool>(true) : std::nullopt;
  case BO_EQ: // fd == -1
    return V < 0 ? std::optional<bool>(true) : std::nullopt;
  case BO_NE: // fd != -1
    return V < 0 ? std::optional<bool>(false) : std::nullopt;
  case BO_GE: // fd >= 0, fd >= 3
    return V == 0 || V == 3 ? std::optional<bool>(false) : std::nullopt;
  case BO_GT: // fd > -1, fd > 0, fd > STDERR_FILENO
    return V == -1 || V == 0 || V == 2 ? std::optional<bool>(false)
                                       : std::nullopt;
  default:
    return std::nullopt;
  }
}

/// `X Op V` where X is a status: nonzero (or negative) on failure.
std::optional<bool> statusMeansFailed(BinaryOperatorKind Op, int64_t V) {
  if (V == 0) {
    if (Op == BO_NE || Op == BO_LT)
      return true;
    if (Op == BO_EQ || Op == BO_GE)
      return false;
    return std::nullopt;
  }
  return negativeMeansFailed(Op, V, /*Descriptor=*/false);
}
} // namespace

/// `H Op N` where H is an integer handle (a descriptor).
static std::optional<bool> integerHandleFailed(BinaryOperatorKind Op, int64_t N,
                                               const FailureSpec &Spec) {
  // A descriptor fresh from an acquirer is not one of the three the process
  // starts with (they are open), so `fd == STDIN_FILENO` holds nothing to
  // release: `if (fd == -1) fd = STDIN_FILENO; ... if (fd != STDIN_FILENO)
  // close(fd);` falls back to a descriptor it does not own.
  bool Descriptor = hasInvalid(Spec, "negative") || hasInvalid(Spec, "-1");
  if (Descriptor && N >= 0 && N <= 2) {
    if (Op == BO_EQ)
      return true;
    if (Op == BO_NE)
      return false;
  }
  if (hasInvalid(Spec, "negative"))
    return negativeMeansFailed(Op, N);
  if (hasInvalid(Spec, "-1") && N == -1) {
    if (Op == BO_EQ)
      return true;
    if (Op == BO_NE)
      return false;
  }
  return std::nullopt;
}

/// A validity test of another unit given the handle, as its summary
/// describes it (`return fd >= 0;` in io.c).
static std::optional<bool>
failedWhenExternalPredicate(const CallExpr *Call, const FunctionDecl *Callee,
                            const FailureSpec &Spec) {
  const ExternalSummary *S =
      Spec.Project ? Spec.Project->function(Callee) : nullptr;
  if (!S || S->ValidityParam < 0 ||
      static_cast<unsigned>(S->ValidityParam) >= Call->getNumArgs())
    return std::nullopt;
  std::optional<HandleRef> Arg = handleRefOf(Call->getArg(S->ValidityParam));
  if (!Arg || !(*Arg == Spec.Handle))
    return std::nullopt;
  std::optional<BinaryOperatorKind> Op =
      llvm::StringSwitch<std::optional<BinaryOperatorKind>>(S->ValidityOp)
          .Case("<", BO_LT)
          .Case(">", BO_GT)
          .Case("<=", BO_LE)
          .Case(">=", BO_GE)
          .Case("==", BO_EQ)
          .Case("!=", BO_NE)
          .Default(std::nullopt);
  if (!Op)
    return std::nullopt;
  return integerHandleFailed(*Op, S->ValidityValue, Spec);
}

/// A validity predicate of the unit given the handle: `isValid(fd)` whose
/// body is `return fd >= 0;` tests what its body tests.
static std::optional<bool> failedWhenPredicate(const CallExpr *Call,
                                               const FailureSpec &Spec,
                                               const ASTContext &Context) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  const FunctionDecl *Def = nullptr;
  if (Callee && !Callee->hasBody(Def))
    return failedWhenExternalPredicate(Call, Callee, Spec);
  if (!Callee || !Def || Call->getNumArgs() != Def->getNumParams())
    return std::nullopt;
  const auto *Body = dyn_cast<CompoundStmt>(Def->getBody());
  const auto *Ret = Body && Body->size() == 1
                        ? dyn_cast<ReturnStmt>(Body->body_front())
                        : nullptr;
  if (!Ret || !Ret->getRetValue())
    return std::nullopt;
  // Predicates built on predicates, a few deep (and no recursion).
  static thread_local unsigned Depth = 0;
  if (Depth >= 3)
    return std::nullopt;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
    std::optional<HandleRef> Arg = handleRefOf(Call->getArg(I));
    if (!Arg || !(*Arg == Spec.Handle))
      continue;
    FailureSpec Inner = Spec;
    Inner.Handle = HandleRef();
    Inner.Handle.Var = Def->getParamDecl(I);
    Inner.Acquisition = nullptr;
    Inner.Status = nullptr;
    Inner.StatusReturn = false;
    ++Depth;
    std::optional<bool> Failed = failedWhen(Ret->getRetValue(), Inner, Context);
    --Depth;
    return Failed;
  }
  return std::nullopt;
}

std::optional<bool> failedWhen(const Expr *Cond, const FailureSpec &Spec,
                               const ASTContext &Context) {
  if (!Cond)
    return std::nullopt;
  const Expr *E = ignoreBranchHints(Cond);
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_LNot) {
    std::optional<bool> Inner = failedWhen(UO->getSubExpr(), Spec, Context);
    if (!Inner)
      return std::nullopt;
    return !*Inner;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (std::optional<bool> Tested = failedWhenPredicate(Call, Spec, Context))
      return Tested;
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->isComparisonOp()) {
    BinaryOperatorKind Op = BO->getOpcode();
    const Expr *Tested = BO->getLHS();
    const Expr *Value = BO->getRHS();
    Operand Kind = classify(Tested, Spec);
    if (Kind == Operand::Other) {
      std::swap(Tested, Value);
      Op = swapped(Op);
      Kind = classify(Tested, Spec);
    }
    if (Kind == Operand::Other ||
        (Op != BO_EQ && Op != BO_NE && !BO->isRelationalOp()))
      return std::nullopt;
    if (Kind == Operand::Status) {
      std::optional<llvm::APSInt> V = intValue(Value, Context);
      if (!V)
        return std::nullopt;
      std::optional<int64_t> N = V->trySExtValue();
      if (!N)
        return std::nullopt;
      return statusMeansFailed(Op, *N);
    }
    // The handle itself.
    if (isPointerLike(Tested, Spec)) {
      // A stream the C library owns (`stdin`, `stdout`): a handle fresh from
      // an acquirer is never it, so `f == stdin` holds nothing to release
      // (`f = use_stdin ? stdin : fopen(p, "r"); ... if (f != stdin)
      // fclose(f);`).
      // Nor at the address of an object that exists (`p = stack_buf; if
      // (big) p = malloc(n); ... if (p != stack_buf) free(p);`).
      if (isLibraryGlobal(Value) || isAddressOfObject(Value)) {
        if (Op == BO_EQ)
          return true;
        if (Op == BO_NE)
          return false;
        return std::nullopt;
      }
      bool IsNull = isNullConstant(Value, Context);
      std::optional<llvm::APSInt> V;
      if (!IsNull && Value->getType()->isPointerType())
        V = intValue(Value, Context);
      bool Matches = (IsNull && hasInvalid(Spec, "nullptr")) ||
                     (V && *V == -1 && hasInvalid(Spec, "MAP_FAILED"));
      if (!Matches)
        return std::nullopt;
      if (Op == BO_EQ)
        return true;
      if (Op == BO_NE)
        return false;
      return std::nullopt;
    }
    std::optional<llvm::APSInt> V = intValue(Value, Context);
    if (!V)
      return std::nullopt;
    std::optional<int64_t> Small = V->trySExtValue();
    if (!Small)
      return std::nullopt;
    return integerHandleFailed(Op, *Small, Spec);
  }
  // A plain truth test: `if (fp)`, `if (pipe(fds))`, `if (rc)`.
  switch (classify(E, Spec)) {
  case Operand::Status:
    return true;
  case Operand::Handle:
    if (isPointerLike(E, Spec) && hasInvalid(Spec, "nullptr"))
      return false;
    return std::nullopt;
  case Operand::Other:
    return std::nullopt;
  }
  return std::nullopt;
}

} // namespace clang::tidy::leak::utils
