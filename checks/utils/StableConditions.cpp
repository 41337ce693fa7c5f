//===--- StableConditions.cpp - Branches that must agree ------------------===//

#include "StableConditions.h"
#include "HandleTests.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/Hashing.h"

namespace clang::tidy::leak::utils {

/// The variable or field \p E names, through parentheses, casts, member
/// accesses and subscripts: `s.flag` gives both `flag` and `s`.
static void namedDecls(const Expr *E,
                       llvm::SmallVectorImpl<const Decl *> &Out) {
  for (unsigned Depth = 0; E && Depth < 16; ++Depth) {
    E = E->IgnoreParenCasts();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
      Out.push_back(DRE->getDecl());
      return;
    }
    if (const auto *ME = dyn_cast<MemberExpr>(E)) {
      Out.push_back(ME->getMemberDecl());
      E = ME->getBase();
      continue;
    }
    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
      E = ASE->getBase();
      continue;
    }
    return;
  }
}

static bool isNonConstReference(QualType T) {
  return T->isReferenceType() && (T->isRValueReferenceType() ||
                                  !T.getNonReferenceType().isConstQualified());
}

/// True when argument \p I of \p Call binds to a non-const reference (or the
/// callee is unknown).
static bool passesByReference(const CallExpr *Call, unsigned I) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return true;
  unsigned Param = I;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
      Method && isa<CXXOperatorCallExpr>(Call)) {
    if (I == 0)
      return !Method->isConst(); // The object of `a += b`.
    Param = I - 1;
  }
  if (Param >= Callee->getNumParams())
    return false; // Passed through `...`: copied.
  return isNonConstReference(Callee->getParamDecl(Param)->getType());
}

void declsWrittenBy(const Stmt *S, llvm::SmallVectorImpl<const Decl *> &Written,
                    llvm::SmallVectorImpl<const Decl *> &Escaped) {
  if (!S)
    return;
  llvm::SmallVector<const Decl *, 4> Decls;
  size_t Direct = 0; // Decls[0, Direct) are written here, not escaped.
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->isAssignmentOp())
      namedDecls(BO->getLHS(), Decls);
    Direct = Decls.size();
  } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp())
      namedDecls(UO->getSubExpr(), Decls);
    Direct = Decls.size();
    if (UO->getOpcode() == UO_AddrOf)
      namedDecls(UO->getSubExpr(), Decls);
  } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (passesByReference(Call, I) &&
          !Call->getArg(I)->getType()->isPointerType())
        namedDecls(Call->getArg(I), Decls);
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      if (const CXXMethodDecl *M = Member->getMethodDecl(); !M || !M->isConst())
        namedDecls(Member->getImplicitObjectArgument(), Decls);
  } else if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    for (const LambdaCapture &C : Lambda->captures())
      if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
        Decls.push_back(C.getCapturedVar());
  } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *VD = dyn_cast<VarDecl>(D);
          VD && VD->getInit() && isNonConstReference(VD->getType()))
        namedDecls(VD->getInit(), Decls);
  }
  Written.append(Decls.begin(), Decls.end());
  Escaped.append(Decls.begin() + Direct, Decls.end());
}

/// Collects what \p S writes, or lets something else write (\p Out), and,
/// of those, what it lets something else write (\p Escaped: the address
/// taken, bound to a non-const reference, captured by reference).
bool writesDecl(const Stmt *S, const Decl *D) {
  if (!S || !D)
    return false;
  llvm::SmallVector<const Decl *, 4> Written, Given;
  declsWrittenBy(S, Written, Given);
  if (llvm::is_contained(Written, D))
    return true;
  return llvm::any_of(S->children(),
                      [&](const Stmt *Child) { return writesDecl(Child, D); });
}

static void collectWritten(const Stmt *S, llvm::DenseSet<const Decl *> &Out,
                           llvm::DenseSet<const Decl *> &Escaped) {
  if (!S)
    return;
  llvm::SmallVector<const Decl *, 4> Written, Given;
  declsWrittenBy(S, Written, Given);
  Out.insert(Written.begin(), Written.end());
  Escaped.insert(Given.begin(), Given.end());
  for (const Stmt *Child : S->children())
    collectWritten(Child, Out, Escaped);
}

/// The variables \p S (and what it contains) assigns, steps or takes the
/// address of as a whole: `p = q`, `++p`, `&p`; not `p->x = 1`, which
/// writes what p points to.
static void collectRepointed(const Stmt *S, llvm::DenseSet<const Decl *> &Out) {
  if (!S)
    return;
  if (const Expr *Target = rewrittenBy(S))
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Target->IgnoreParenCasts()))
      Out.insert(Ref->getDecl());
  for (const Stmt *Child : S->children())
    collectRepointed(Child, Out);
}

StableConditions::StableConditions(const Stmt *Body, const ASTContext &Context)
    : Body(Body), Context(Context) {
  collectWritten(Body, Written, Escaped);
  collectRepointed(Body, Repointed);
}

bool StableConditions::isTrackable(const VarDecl *Var) const {
  if (!Var || !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
      Escaped.contains(Var))
    return false;
  QualType T = Var->getType();
  return !T->isReferenceType() && !T.isVolatileQualified() &&
         (T->isIntegralOrEnumerationType() || T->isBooleanType() ||
          T->isPointerType());
}

bool StableConditions::isFollowedLocal(const VarDecl *Var) const {
  if (!Var || !Var->hasLocalStorage() || Escaped.contains(Var))
    return false;
  QualType T = Var->getType();
  return !T->isReferenceType() && !T.isVolatileQualified() &&
         (T->isIntegralOrEnumerationType() || T->isBooleanType() ||
          T->isPointerType());
}

bool StableConditions::isNonNegativeCounter(const VarDecl *Var) const {
  if (!isTrackable(Var) || !Var->getType()->isIntegerType())
    return false;
  auto [It, Inserted] = Counters.try_emplace(Var, false);
  if (!Inserted)
    return It->second;
  auto NonNegativeConstant = [&](const Expr *E) {
    Expr::EvalResult R;
    return E && !E->isValueDependent() && E->EvaluateAsInt(R, Context) &&
           !R.Val.getInt().isNegative();
  };
  auto Names = [&](const Expr *E) {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return Ref && Ref->getDecl() == Var;
  };
  bool Counter = NonNegativeConstant(Var->getInit());
  llvm::SmallVector<const Stmt *, 32> Work{Body};
  while (Counter && !Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (const auto *UO = dyn_cast<UnaryOperator>(S);
        UO && UO->isDecrementOp() && Names(UO->getSubExpr()))
      Counter = false;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp() && Names(BO->getLHS()))
      Counter =
          (BO->getOpcode() == BO_Assign || BO->getOpcode() == BO_AddAssign) &&
          NonNegativeConstant(BO->getRHS());
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  Counters[Var] = Counter;
  return Counter;
}

/// The tracked variable \p E names, or null.
static const VarDecl *trackedVar(const Expr *E, const StableConditions &SC) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return SC.isTrackable(Var) ? Var : nullptr;
}

static std::optional<int64_t> constantOf(const Expr *E,
                                         const ASTContext &Context) {
  E = E->IgnoreParenImpCasts();
  if (E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  // NULL, nullptr, (void *)0: a pointer known to be null.
  if (E->getType()->isPointerType() || E->getType()->isNullPtrType())
    return E->isNullPointerConstant(const_cast<ASTContext &>(Context),
                                    Expr::NPC_ValueDependentIsNotNull) !=
                   Expr::NPCK_NotNull
               ? std::optional<int64_t>(0)
               : std::nullopt;
  Expr::EvalResult R;
  if (!E->EvaluateAsInt(R, Context))
    return std::nullopt;
  return R.Val.getInt().trySExtValue();
}

void LocalValues::assumeLoopExit(const ForStmt *For, const StableConditions &SC,
                                 const ASTContext &Context) {
  const auto *Cond = For ? dyn_cast_or_null<BinaryOperator>(
                               For->getCond()->IgnoreParenImpCasts())
                         : nullptr;
  if (!Cond || (Cond->getOpcode() != BO_LT && Cond->getOpcode() != BO_NE) ||
      !For->getInit() || !For->getInc())
    return;
  const VarDecl *Counter = trackedVar(Cond->getLHS(), SC);
  const Expr *Bound = Cond->getRHS()->IgnoreParenImpCasts();
  // The bound is a variable or a field (`n`, `ctx->count`).
  if (!Counter || !referencedDecl(Bound) || Bound->HasSideEffects(Context))
    return;
  // The start: `i = C` or `int i = C`, a constant not below zero.
  const Expr *Start = nullptr;
  if (const auto *Init = dyn_cast<BinaryOperator>(For->getInit());
      Init && Init->getOpcode() == BO_Assign &&
      trackedVar(Init->getLHS(), SC) == Counter)
    Start = Init->getRHS();
  else if (const auto *DS = dyn_cast<DeclStmt>(For->getInit());
           DS && DS->isSingleDecl() && DS->getSingleDecl() == Counter)
    Start = Counter->getInit();
  std::optional<int64_t> First =
      Start ? constantOf(Start, Context) : std::nullopt;
  if (!First || *First < 0)
    return;
  // The step: `i++`, `++i`, `i += 1`; nothing else in the loop moves the
  // counter or the bound.
  const auto *Inc = dyn_cast<Expr>(For->getInc())->IgnoreParenImpCasts();
  bool StepsByOne = false;
  if (const auto *UO = dyn_cast<UnaryOperator>(Inc))
    StepsByOne =
        UO->isIncrementOp() && trackedVar(UO->getSubExpr(), SC) == Counter;
  else if (const auto *BO = dyn_cast<BinaryOperator>(Inc))
    StepsByOne = BO->getOpcode() == BO_AddAssign &&
                 trackedVar(BO->getLHS(), SC) == Counter &&
                 constantOf(BO->getRHS(), Context) == 1;
  if (!StepsByOne || writesDecl(For->getBody(), Counter) ||
      writesDecl(For->getBody(), referencedDecl(Bound)))
    return;
  set(Counter, std::nullopt);
  AtBound.push_back({Counter, Bound});
}

void LocalValues::update(const Stmt *S, const StableConditions &SC,
                         const ASTContext &Context) {
  // A call may change a bound read through a pointer; a write of the bound
  // does.
  if (!AtBound.empty())
    llvm::erase_if(AtBound, [&](const auto &Pair) {
      return isa<CallExpr>(S) || writesDecl(S, referencedDecl(Pair.second));
    });
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (!BO->isAssignmentOp())
      return;
    const VarDecl *Var = trackedVar(BO->getLHS(), SC);
    if (!Var)
      return;
    std::optional<int64_t> Value;
    if (BO->getOpcode() == BO_Assign)
      Value = constantOf(BO->getRHS(), Context);
    set(Var, Value);
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp())
      if (const VarDecl *Var = trackedVar(UO->getSubExpr(), SC)) {
        // A counter stepped from a known value keeps a known value while it
        // stays small: `for (i = 0; i < 1; i++)` runs once. Beyond that the
        // loop is not unrolled.
        std::optional<int64_t> Value = get(Var);
        if (Value)
          Value = *Value + (UO->isIncrementOp() ? 1 : -1);
        if (Value && (*Value > MaxCounted || *Value < -MaxCounted))
          Value.reset();
        set(Var, Value);
        // `Len++` on a counter that is never negative: positive from here.
        if (!Value && UO->isIncrementOp() && SC.isNonNegativeCounter(Var) &&
            Positive.size() < MaxTracked)
          Positive.push_back(Var);
      }
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D); SC.isTrackable(Var))
        set(Var, Var->getInit() ? constantOf(Var->getInit(), Context)
                                : std::nullopt);
}

std::optional<std::pair<const VarDecl *, int64_t>>
assumedValue(const Expr *Cond, bool Value,
             llvm::function_ref<bool(const VarDecl *)> Followed,
             const ASTContext &Context) {
  if (!Cond)
    return std::nullopt;
  Cond = ignoreBranchHints(Cond)->IgnoreParenImpCasts();
  auto Named = [&](const Expr *E) -> const VarDecl * {
    const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return Var && Followed(Var) ? Var : nullptr;
  };
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot)
    return assumedValue(UO->getSubExpr(), !Value, Followed, Context);
  if (const VarDecl *Var = Named(Cond)) {
    if (Value)
      return std::nullopt; // Non-zero: not one value.
    return std::make_pair(Var, int64_t(0));
  }
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  if (!BO || !BO->isEqualityOp())
    return std::nullopt;
  // `v == K` taken true, or `v != K` taken false.
  if (Value != (BO->getOpcode() == BO_EQ))
    return std::nullopt;
  const VarDecl *Var = Named(BO->getLHS());
  const Expr *Other = BO->getRHS();
  if (!Var) {
    Var = Named(BO->getRHS());
    Other = BO->getLHS();
  }
  std::optional<int64_t> K = Var ? constantOf(Other, Context) : std::nullopt;
  if (!K)
    return std::nullopt;
  return std::make_pair(Var, *K);
}

/// The value \p Cond taken \p Value says a followed local does not hold:
/// `v == K` taken false, `v != K` or `v` taken true.
static std::optional<std::pair<const VarDecl *, int64_t>>
excludedValue(const Expr *Cond, bool Value,
              llvm::function_ref<bool(const VarDecl *)> Followed,
              const ASTContext &Context) {
  if (!Cond)
    return std::nullopt;
  Cond = ignoreBranchHints(Cond)->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot)
    return excludedValue(UO->getSubExpr(), !Value, Followed, Context);
  // `v` taken true is `v == 0` taken false.
  if (std::optional<std::pair<const VarDecl *, int64_t>> Zero =
          assumedValue(Cond, false, Followed, Context);
      Zero && Value && Zero->second == 0 &&
      isa<DeclRefExpr>(Cond->IgnoreParenImpCasts()))
    return Zero;
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  if (!BO || !BO->isEqualityOp() || Value == (BO->getOpcode() == BO_EQ))
    return std::nullopt;
  // The same comparison taken the other way names the value.
  return assumedValue(Cond, !Value, Followed, Context);
}

void LocalValues::assume(const Expr *Cond, bool Value,
                         const StableConditions &SC,
                         const ASTContext &Context) {
  auto Followed = [&](const VarDecl *V) { return SC.isTrackable(V); };
  if (auto Known = assumedValue(Cond, Value, Followed, Context)) {
    set(Known->first, Known->second);
    return;
  }
  if (auto Not = excludedValue(Cond, Value, Followed, Context);
      Not && !get(Not->first) && !excludes(Not->first, Not->second) &&
      Excluded.size() < MaxTracked)
    Excluded.push_back(*Not);
}

void LocalValues::seed(
    llvm::ArrayRef<std::pair<const VarDecl *, int64_t>> Values,
    const StableConditions &SC) {
  for (const auto &[Var, Value] : Values)
    if (SC.isTrackable(Var))
      set(Var, Value);
}

void LocalValues::set(const VarDecl *Var, std::optional<int64_t> Value) {
  llvm::erase(Positive, Var);
  llvm::erase_if(Excluded, [&](const auto &Pair) { return Pair.first == Var; });
  llvm::erase_if(AtBound, [&](const auto &Pair) { return Pair.first == Var; });
  auto It = llvm::find_if(Known, [&](const auto &E) { return E.first == Var; });
  if (It != Known.end())
    Known.erase(It);
  if (Value && Known.size() < MaxTracked)
    Known.push_back({Var, *Value});
}

std::optional<int64_t> LocalValues::get(const VarDecl *Var) const {
  for (const auto &[V, Value] : Known)
    if (V == Var)
      return Value;
  return std::nullopt;
}

/// `V op K` (or `K op V` when \p Swapped) for a V known only to be
/// positive, when that decides it.
static std::optional<bool> comparePositive(BinaryOperatorKind Op, bool Swapped,
                                           std::optional<int64_t> K) {
  if (!K)
    return std::nullopt;
  if (Swapped) // K op V is V op' K.
    Op = BinaryOperator::reverseComparisonOp(Op);
  switch (Op) {
  case BO_EQ:
    return *K <= 0 ? std::optional<bool>(false) : std::nullopt;
  case BO_NE:
    return *K <= 0 ? std::optional<bool>(true) : std::nullopt;
  case BO_GT:
    return *K <= 0 ? std::optional<bool>(true) : std::nullopt;
  case BO_GE:
    return *K <= 1 ? std::optional<bool>(true) : std::nullopt;
  case BO_LT:
    return *K <= 1 ? std::optional<bool>(false) : std::nullopt;
  case BO_LE:
    return *K <= 0 ? std::optional<bool>(false) : std::nullopt;
  default:
    return std::nullopt;
  }
}

std::optional<bool> LocalValues::evaluate(const Expr *Cond,
                                          const StableConditions &SC,
                                          const ASTContext &Context) const {
  if ((Known.empty() && Positive.empty() && AtBound.empty() &&
       Excluded.empty()) ||
      !Cond)
    return std::nullopt;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
      UO && UO->getOpcode() == UO_LNot) {
    std::optional<bool> Inner = evaluate(UO->getSubExpr(), SC, Context);
    return Inner ? std::optional<bool>(!*Inner) : std::nullopt;
  }
  if (const VarDecl *Var = trackedVar(Cond, SC)) {
    if (isPositive(Var) || excludes(Var, 0))
      return true;
    std::optional<int64_t> Value = get(Var);
    return Value ? std::optional<bool>(*Value != 0) : std::nullopt;
  }
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  if (!BO || !BO->isComparisonOp())
    return std::nullopt;
  const VarDecl *Var = trackedVar(BO->getLHS(), SC);
  const Expr *Other = BO->getRHS();
  bool Swapped = false;
  if (!Var) {
    Var = trackedVar(BO->getRHS(), SC);
    Other = BO->getLHS();
    Swapped = true;
  }
  // A counter that left its loop equals the loop's bound.
  for (const auto &[Counter, Bound] : AtBound)
    if (Var == Counter && sameExpr(Other, Bound, Context))
      switch (BO->getOpcode()) {
      case BO_EQ:
      case BO_LE:
      case BO_GE:
        return true;
      case BO_NE:
      case BO_LT:
      case BO_GT:
        return false;
      default:
        return std::nullopt;
      }
  if (Var && isPositive(Var))
    return comparePositive(BO->getOpcode(), Swapped,
                           constantOf(Other, Context));
  std::optional<int64_t> Value = Var ? get(Var) : std::nullopt;
  // Known not to hold the value compared with.
  if (Var && !Value && BO->isEqualityOp())
    if (std::optional<int64_t> K = constantOf(Other, Context);
        K && excludes(Var, *K))
      return BO->getOpcode() == BO_NE;
  std::optional<int64_t> Constant =
      Value ? constantOf(Other, Context) : std::nullopt;
  if (!Constant)
    return std::nullopt;
  int64_t L = Swapped ? *Constant : *Value;
  int64_t R = Swapped ? *Value : *Constant;
  switch (BO->getOpcode()) {
  case BO_EQ:
    return L == R;
  case BO_NE:
    return L != R;
  case BO_LT:
    return L < R;
  case BO_GT:
    return L > R;
  case BO_LE:
    return L <= R;
  case BO_GE:
    return L >= R;
  default:
    return std::nullopt;
  }
}

uint64_t LocalValues::key() const {
  uint64_t Hash = 0;
  for (const auto &[Var, Value] : Known)
    Hash ^= llvm::hash_combine(Var, Value);
  for (const VarDecl *Var : Positive)
    Hash ^= llvm::hash_combine(Var, "positive");
  for (const auto &[Var, Bound] : AtBound)
    Hash ^= llvm::hash_combine(Var, Bound);
  for (const auto &[Var, Value] : Excluded)
    Hash ^= llvm::hash_combine(Var, Value, "excluded");
  return Hash;
}

/// The value \p E yields: the assigned value for an assignment.
static const Expr *assignedValue(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    const auto *BO = dyn_cast<BinaryOperator>(E);
    if (!BO || BO->getOpcode() != BO_Assign)
      return E;
    E = BO->getRHS();
  }
  return E;
}

bool StableConditions::isStable(const Expr *E) const {
  return isStableOrWatched(E, nullptr);
}

/// True for a type whose value a branch can test as a flag.
static bool isScalarFlag(QualType T) {
  return !T->isReferenceType() && !T.isVolatileQualified() &&
         (T->isIntegralOrEnumerationType() || T->isBooleanType() ||
          T->isPointerType());
}

bool StableConditions::isStableOrWatched(
    const Expr *E, llvm::SmallVectorImpl<Watch> *Watches) const {
  if (!E)
    return false;
  auto Recurse = [&](const Expr *Sub) {
    return isStableOrWatched(Sub, Watches);
  };
  E = E->IgnoreParenImpCasts();
  if (isa<IntegerLiteral, CXXBoolLiteralExpr, CXXNullPtrLiteralExpr,
          CharacterLiteral, FloatingLiteral, GNUNullExpr>(E))
    return true;
  // `(void *)0`, `(int)flags`: a cast of a stable value is stable.
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    return Recurse(Cast->getSubExpr());
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *D = DRE->getDecl();
    if (isa<EnumConstantDecl>(D))
      return true;
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || VD->getType()->isReferenceType())
      return false;
    if (VD->getType().isConstQualified())
      return true;
    if (VD->hasLocalStorage())
      return !Written.contains(VD);
    // A global or static flag: watched, unless the function lets others
    // write it (its address taken).
    if (!Watches || Escaped.contains(VD) || !isScalarFlag(VD->getType()))
      return false;
    Watches->push_back({VD, nullptr, nullptr});
    return true;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Field || Field->isMutable() || Field->getType()->isReferenceType())
      return false;
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    if (const auto *This = dyn_cast<CXXThisExpr>(Base)) {
      // A const member function cannot change *this (but for mutable
      // members); elsewhere only const fields are stable.
      if (Field->getType().isConstQualified() ||
          This->getType()->getPointeeType().isConstQualified())
        return true;
      if (!Watches || !isScalarFlag(Field->getType()))
        return false;
      Watches->push_back({nullptr, Field, nullptr});
      return true;
    }
    // A const field of a named object (a reference cannot be re-seated), or
    // of the object a stable pointer points to.
    if (Field->getType().isConstQualified() && isa<DeclRefExpr>(Base))
      return !ME->isArrow() || isStable(Base);
    if (ME->isArrow()) {
      // Another object, reached through a pointer: watched when the
      // pointer is a local or parameter the function never changes.
      const auto *Ref = dyn_cast<DeclRefExpr>(Base);
      const auto *Pointer = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
      if (!Watches || !Pointer || !Pointer->hasLocalStorage() ||
          Repointed.contains(Pointer) || Escaped.contains(Pointer) ||
          !isScalarFlag(Field->getType()))
        return false;
      Watches->push_back({nullptr, Field, Pointer});
      return true;
    }
    return !Written.contains(Field) && isStable(Base);
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    switch (UO->getOpcode()) {
    case UO_LNot:
    case UO_Minus:
    case UO_Plus:
    case UO_Not:
      return Recurse(UO->getSubExpr());
    default:
      return false;
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    // `(b = a) == NULL` tests a.
    if (BO->isComparisonOp())
      return Recurse(assignedValue(BO->getLHS())) &&
             Recurse(assignedValue(BO->getRHS()));
    return !BO->isAssignmentOp() && BO->getOpcode() != BO_Comma &&
           Recurse(BO->getLHS()) && Recurse(BO->getRHS());
  }
  return false;
}

/// True when \p E mentions \p Var (or `this`, when \p Var is null).
static bool mentions(const Stmt *E, const VarDecl *Var) {
  if (!E)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E); Ref && Var)
    return Ref->getDecl() == Var;
  if (isa<CXXThisExpr>(E) && !Var)
    return true;
  for (const Stmt *Child : E->children())
    if (mentions(Child, Var))
      return true;
  return false;
}

bool StableConditions::callMayWrite(const Stmt *Call, const Watch &W) const {
  const FunctionDecl *Callee = nullptr;
  if (const auto *CE = dyn_cast<CallExpr>(Call))
    Callee = CE->getDirectCallee();
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Call))
    Callee = Construct->getConstructor();
  else
    return isa<CXXDeleteExpr>(Call); // A destructor runs: unknown code.
  if (!Callee)
    return true; // Through a pointer: anything.
  const SourceManager &SM = Context.getSourceManager();
  bool InSystemHeader = SM.isInSystemHeader(Callee->getLocation());
  bool DefinedHere = Callee->hasBody();
  if (W.Var) {
    // The C library writes no flag of the program. A function defined
    // elsewhere cannot name a static of this file; one defined here, or
    // any function for a global of external linkage, may write it.
    if (InSystemHeader)
      return false;
    return DefinedHere || W.Var->isExternallyVisible();
  }
  // A field of an object: a function defined here may write it (through
  // any pointer it has); others only when given the object (or `this`).
  if (DefinedHere && !InSystemHeader)
    return true;
  return mentions(Call, W.Base);
}

uint32_t StableConditions::clobbered(const Stmt *S) const {
  if (Watched.empty() || !S)
    return 0;
  llvm::SmallVector<const Decl *, 4> Writes, Given;
  declsWrittenBy(S, Writes, Given);
  bool IsCall = isa<CallExpr, CXXConstructExpr, CXXDeleteExpr>(S);
  uint32_t Mask = 0;
  for (const auto &[Id, Watches] : Watched)
    for (const Watch &W : Watches) {
      const Decl *D = W.Var ? static_cast<const Decl *>(W.Var) : W.Field;
      if (llvm::is_contained(Writes, D) || (IsCall && callMayWrite(S, W))) {
        Mask |= 1u << Id;
        break;
      }
    }
  return Mask;
}

/// Profiles a condition so that `(b = a) == NULL` and `a == NULL` compare
/// equal.
static void profileCondition(const Expr *E, llvm::FoldingSetNodeID &ID,
                             const ASTContext &Context) {
  E = assignedValue(E);
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->isComparisonOp()) {
    ID.AddInteger(BO->getOpcode());
    profileCondition(BO->getLHS(), ID, Context);
    profileCondition(BO->getRHS(), ID, Context);
    return;
  }
  E->Profile(ID, Context, /*Canonical=*/true);
}

/// \p Cond without parentheses, implicit casts and `!`.
static const Expr *stripNegations(const Expr *Cond, bool &Negated) {
  Negated = false;
  while (true) {
    Cond = ignoreBranchHints(Cond)->IgnoreParenImpCasts();
    const auto *UO = dyn_cast<UnaryOperator>(Cond);
    if (!UO || UO->getOpcode() != UO_LNot)
      return Cond;
    Negated = !Negated;
    Cond = UO->getSubExpr();
  }
}

int StableConditions::idOf(const Expr *Cond, bool &Negated) {
  if (!Cond)
    return -1;
  const Expr *Base = assignedValue(stripNegations(Cond, Negated));
  if (Base->isValueDependent())
    return -1;
  llvm::SmallVector<Watch, 1> Watches;
  if (!isStableOrWatched(Base, &Watches))
    return -1;
  llvm::FoldingSetNodeID ID;
  // `p == NULL` is `!p`, `p != 0` is `p`: one condition however spelled.
  auto IsNull = [&](const Expr *E) {
    return E->IgnoreParenCasts()->isNullPointerConstant(
               const_cast<ASTContext &>(Context),
               Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
  };
  if (const auto *Eq = dyn_cast<BinaryOperator>(Base); Eq && Eq->isEqualityOp())
    for (auto [Side, Other] : {std::pair(Eq->getLHS(), Eq->getRHS()),
                               std::pair(Eq->getRHS(), Eq->getLHS())})
      if (IsNull(Other) && !IsNull(Side)) {
        if (Eq->getOpcode() == BO_EQ)
          Negated = !Negated;
        Base = assignedValue(Side->IgnoreParenImpCasts());
        break;
      }
  // `a != b` is `!(a == b)`, `a >= b` is `!(a < b)`, `a <= b` is `!(a >
  // b)`: one condition, so that a branch on one decides the other.
  const auto *BO = dyn_cast<BinaryOperator>(Base);
  if (BO && (BO->getOpcode() == BO_NE || BO->getOpcode() == BO_GE ||
             BO->getOpcode() == BO_LE)) {
    Negated = !Negated;
    ID.AddInteger(BO->getOpcode() == BO_NE   ? BO_EQ
                  : BO->getOpcode() == BO_GE ? BO_LT
                                             : BO_GT);
    profileCondition(BO->getLHS(), ID, Context);
    profileCondition(BO->getRHS(), ID, Context);
  } else {
    profileCondition(Base, ID, Context);
  }
  auto [It, Inserted] = Ids.try_emplace(ID, static_cast<int>(Ids.size()));
  int Id = It->second;
  if (Watches.empty())
    return Id;
  // Only the first 32 conditions are followed along paths; a watched one
  // beyond them stays unknown.
  if (Id >= 32)
    return -1;
  if (Inserted)
    Watched.push_back({Id, std::move(Watches)});
  return Id;
}

void StableConditions::addFacts(
    const Expr *Cond, bool Value,
    llvm::SmallVectorImpl<std::pair<int, bool>> &Facts) {
  bool Negated = false;
  const Expr *Base = stripNegations(Cond, Negated);
  if (Negated)
    Value = !Value;
  if (const auto *BO = dyn_cast<BinaryOperator>(Base)) {
    // a && b is true: both are; a || b is false: neither is.
    if ((BO->getOpcode() == BO_LAnd && Value) ||
        (BO->getOpcode() == BO_LOr && !Value)) {
      addFacts(BO->getLHS(), Value, Facts);
      addFacts(BO->getRHS(), Value, Facts);
    }
  }
  bool Complement = false; // `a != b` stands for `a == b`, negated.
  int Id = idOf(Base, Complement);
  if (Id >= 0)
    Facts.push_back({Id, Complement ? !Value : Value});
}

llvm::SmallVector<std::pair<int, bool>, 4>
StableConditions::factsAt(const Stmt *S) {
  llvm::SmallVector<std::pair<int, bool>, 4> Facts;
  // Parents once per body: asking for the facts of every acquisition must
  // not walk the whole body each time.
  if (!Parents)
    Parents = std::make_unique<ParentMap>(const_cast<Stmt *>(Body));
  const Stmt *Child = S;
  for (const Stmt *P = Parents->getParent(S); P;
       Child = P, P = Parents->getParent(P)) {
    if (isa<LambdaExpr>(P))
      return {}; // A lambda's body is another function.
    // The right operand of `a && b` runs when a held, of `a || b` when it
    // did not; a branch of `c ? x : y` as c says.
    if (const auto *Logical = dyn_cast<BinaryOperator>(P);
        Logical && Logical->isLogicalOp() && Child == Logical->getRHS()) {
      addFacts(Logical->getLHS(), Logical->getOpcode() == BO_LAnd, Facts);
      continue;
    }
    if (const auto *Choice = dyn_cast<ConditionalOperator>(P)) {
      if (Child == Choice->getTrueExpr())
        addFacts(Choice->getCond(), true, Facts);
      else if (Child == Choice->getFalseExpr())
        addFacts(Choice->getCond(), false, Facts);
      continue;
    }
    const auto *If = dyn_cast<IfStmt>(P);
    if (!If || If->isConsteval() || !If->getCond())
      continue;
    if (Child == If->getThen())
      addFacts(If->getCond(), true, Facts);
    else if (Child == If->getElse())
      addFacts(If->getCond(), false, Facts);
  }
  return Facts;
}

} // namespace clang::tidy::leak::utils
