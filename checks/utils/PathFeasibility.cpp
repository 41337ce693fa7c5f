//===--- PathFeasibility.cpp - Can this one path run? ---------------------===//

#include "PathFeasibility.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/SMTAPI.h"
#include <string>

namespace clang::tidy::leak::utils {

#if LLVM_WITH_Z3

bool haveSolver() { return true; }

namespace {

/// Locals whose address or a reference to them escapes anywhere in the body
/// (`&n`, a by-reference argument or capture, `int &r = n`): a call may
/// change them.
class AddressTaken {
public:
  explicit AddressTaken(const Stmt *Body) { visit(Body, nullptr); }
  bool contains(const ValueDecl *D) const { return Taken.contains(D); }

private:
  void visit(const Stmt *S, const Stmt *Parent) {
    if (!S)
      return;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      if (isa<VarDecl>(Ref->getDecl()) && !isPlainUse(Ref, Parent))
        Taken.insert(Ref->getDecl());
    for (const Stmt *Child : S->children())
      visit(Child, S);
  }

  /// Read for its value, or written as a whole.
  static bool isPlainUse(const DeclRefExpr *Ref, const Stmt *Parent) {
    if (const auto *Cast = dyn_cast_or_null<ImplicitCastExpr>(Parent))
      return Cast->getCastKind() == CK_LValueToRValue;
    if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Parent))
      return BO->isAssignmentOp() && BO->getLHS() == Ref;
    if (const auto *UO = dyn_cast_or_null<UnaryOperator>(Parent))
      return UO->isIncrementDecrementOp();
    return false;
  }

  llvm::DenseSet<const ValueDecl *> Taken;
};

/// The path's constraints, built step by step into the solver.
class PathEncoder {
public:
  PathEncoder(ASTContext &Context, llvm::SMTSolver &Solver,
              const AddressTaken &Taken)
      : Context(Context), Solver(Solver), Taken(Taken) {}

  void run(const Stmt *S) {
    if (isa<CallExpr, CXXConstructExpr, CXXNewExpr, CXXDeleteExpr>(S)) {
      forgetShared();
      return;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isAssignmentOp()) {
      assign(BO);
      return;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(S);
        UO && UO->isIncrementDecrementOp()) {
      step(UO);
      return;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D); Var && isScalar(Var))
          define(Var, Var->getInit());
  }

  void branch(const Expr *Cond, bool TakenTrue) {
    llvm::SMTExprRef C = boolean(Cond);
    Solver.addConstraint(TakenTrue ? C : Solver.mkNot(C));
  }

private:
  static bool isScalarType(QualType T) {
    return !T.isNull() && !T->isDependentType() &&
           (T->isIntegralOrEnumerationType() || T->isPointerType() ||
            T->isNullPtrType());
  }
  static bool isScalar(const ValueDecl *D) {
    return D && !D->getType()->isReferenceType() && isScalarType(D->getType());
  }

  unsigned width(QualType T) const {
    unsigned W = static_cast<unsigned>(Context.getTypeSize(T));
    return W ? W : 64;
  }

  llvm::SMTExprRef fresh(QualType T) {
    std::string Name = "u" + std::to_string(Counter++);
    return Solver.mkSymbol(Name.c_str(), Solver.getBitvectorSort(width(T)));
  }

  llvm::SMTExprRef constant(const llvm::APSInt &V, QualType T) {
    unsigned W = width(T);
    llvm::APSInt Sized = V.extOrTrunc(W);
    return Solver.mkBitvector(Sized, W);
  }

  /// The place \p E names that the encoding follows: a local, a global or a
  /// member of `*this`.
  const ValueDecl *place(const Expr *E) const {
    E = E->IgnoreParens();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); isScalar(Var))
        return Var;
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
          Field && isScalar(Field) &&
          isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
        return Field;
    return nullptr;
  }

  /// Shared with code a call runs: members, globals and statics, locals
  /// whose address escaped.
  bool isShared(const ValueDecl *D) const {
    if (isa<FieldDecl>(D))
      return true;
    const auto *Var = cast<VarDecl>(D);
    return !Var->hasLocalStorage() || Taken.contains(Var);
  }

  void forgetShared() {
    llvm::SmallVector<const ValueDecl *, 8> Gone;
    for (const auto &[D, V] : Values)
      if (isShared(D))
        Gone.push_back(D);
    for (const ValueDecl *D : Gone)
      Values.erase(D);
  }

  llvm::SMTExprRef current(const ValueDecl *D) {
    auto [It, New] = Values.try_emplace(D);
    if (New)
      It->second = fresh(D->getType());
    return It->second;
  }

  void define(const VarDecl *Var, const Expr *Init) {
    if (Init && isScalarType(Init->getType()))
      Values[Var] = convert(value(Init), Init->getType(), Var->getType());
    else
      Values[Var] = fresh(Var->getType());
  }

  void assign(const BinaryOperator *BO) {
    const ValueDecl *Target = place(BO->getLHS());
    if (!Target) {
      // A store through a pointer may change anything shared.
      forgetShared();
      return;
    }
    QualType T = Target->getType();
    if (!isScalarType(BO->getRHS()->getType())) {
      Values[Target] = fresh(T);
      return;
    }
    llvm::SMTExprRef RHS =
        convert(value(BO->getRHS()), BO->getRHS()->getType(), T);
    if (BO->getOpcode() == BO_Assign) {
      Values[Target] = RHS;
      return;
    }
    std::optional<llvm::SMTExprRef> Result =
        arithmetic(BinaryOperator::getOpForCompoundAssignment(BO->getOpcode()),
                   current(Target), RHS, T);
    Values[Target] = Result ? *Result : fresh(T);
  }

  void step(const UnaryOperator *UO) {
    const ValueDecl *Target = place(UO->getSubExpr());
    if (!Target)
      return;
    QualType T = Target->getType();
    if (T->isPointerType()) {
      Values[Target] = fresh(T); // Stepped by the pointee's size.
      return;
    }
    llvm::SMTExprRef One = constant(llvm::APSInt::get(1), T);
    llvm::SMTExprRef Old = current(Target);
    Values[Target] = UO->isIncrementOp() ? Solver.mkBVAdd(Old, One)
                                         : Solver.mkBVSub(Old, One);
  }

  /// \p V of type \p From as a value of type \p To.
  llvm::SMTExprRef convert(llvm::SMTExprRef V, QualType From, QualType To) {
    unsigned WF = width(From), WT = width(To);
    if (WF == WT)
      return V;
    if (WF > WT)
      return Solver.mkBVExtract(WT - 1, 0, V);
    bool Signed = From->isSignedIntegerOrEnumerationType();
    return Signed ? Solver.mkBVSignExt(WT - WF, V)
                  : Solver.mkBVZeroExt(WT - WF, V);
  }

  llvm::SMTExprRef fromBool(llvm::SMTExprRef B, QualType T) {
    return Solver.mkIte(B, constant(llvm::APSInt::get(1), T),
                        constant(llvm::APSInt::get(0), T));
  }

  std::optional<llvm::SMTExprRef> arithmetic(BinaryOperatorKind Op,
                                             llvm::SMTExprRef L,
                                             llvm::SMTExprRef R, QualType T) {
    bool Signed = T->isSignedIntegerOrEnumerationType();
    // Signed overflow is undefined: a program that runs does not overflow.
    // (Unsigned arithmetic wraps, as written.) Not for an operand that may
    // not be evaluated on the path (the right of `&&`, an arm of `?:`).
    Signed = Signed && Conditional == 0;
    switch (Op) {
    case BO_Add:
      if (Signed) {
        Solver.addConstraint(Solver.mkBVAddNoOverflow(L, R, true));
        Solver.addConstraint(Solver.mkBVAddNoUnderflow(L, R));
      }
      return Solver.mkBVAdd(L, R);
    case BO_Sub:
      if (Signed) {
        Solver.addConstraint(Solver.mkBVSubNoOverflow(L, R));
        Solver.addConstraint(Solver.mkBVSubNoUnderflow(L, R, true));
      }
      return Solver.mkBVSub(L, R);
    case BO_Mul:
      if (Signed) {
        Solver.addConstraint(Solver.mkBVMulNoOverflow(L, R, true));
        Solver.addConstraint(Solver.mkBVMulNoUnderflow(L, R));
      }
      return Solver.mkBVMul(L, R);
    case BO_Div:
      return Signed ? Solver.mkBVSDiv(L, R) : Solver.mkBVUDiv(L, R);
    case BO_Rem:
      return Signed ? Solver.mkBVSRem(L, R) : Solver.mkBVURem(L, R);
    case BO_And:
      return Solver.mkBVAnd(L, R);
    case BO_Or:
      return Solver.mkBVOr(L, R);
    case BO_Xor:
      return Solver.mkBVXor(L, R);
    case BO_Shl:
      return Solver.mkBVShl(L, R);
    case BO_Shr:
      return Signed ? Solver.mkBVAshr(L, R) : Solver.mkBVLshr(L, R);
    default:
      return std::nullopt;
    }
  }

  /// \p E's value as a bit-vector of its type's width.
  llvm::SMTExprRef value(const Expr *E) {
    QualType T = E->getType();
    if (!isScalarType(T))
      return fresh(Context.LongTy);
    E = E->IgnoreParens();
    Expr::EvalResult Folded;
    if (!E->isValueDependent() && E->EvaluateAsInt(Folded, Context) &&
        Folded.Val.isInt())
      return constant(Folded.Val.getInt(), T);
    if (isa<CXXNullPtrLiteralExpr, GNUNullExpr>(E))
      return constant(llvm::APSInt::get(0), T);
    if (const auto *Cast = dyn_cast<CastExpr>(E)) {
      const Expr *Sub = Cast->getSubExpr();
      switch (Cast->getCastKind()) {
      case CK_LValueToRValue:
        if (const ValueDecl *D = place(Sub))
          return current(D);
        return fresh(T);
      case CK_NoOp:
      case CK_IntegralCast:
      case CK_IntegralToPointer:
      case CK_PointerToIntegral:
      case CK_BitCast:
      case CK_NullToPointer:
        if (isScalarType(Sub->getType()))
          return convert(value(Sub), Sub->getType(), T);
        return fresh(T);
      case CK_IntegralToBoolean:
      case CK_PointerToBoolean:
        return fromBool(boolean(E), T);
      default:
        return fresh(T);
      }
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
      switch (UO->getOpcode()) {
      case UO_Minus:
        return Solver.mkBVNeg(value(UO->getSubExpr()));
      case UO_Not:
        return Solver.mkBVNot(value(UO->getSubExpr()));
      case UO_Plus:
        return value(UO->getSubExpr());
      case UO_LNot:
        return fromBool(boolean(E), T);
      default:
        return fresh(T);
      }
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->isComparisonOp() || BO->isLogicalOp())
        return fromBool(boolean(E), T);
      if (BO->isAssignmentOp() || BO->getOpcode() == BO_Comma)
        return fresh(T); // Its effect is its own element.
      if (T->isPointerType() || BO->getLHS()->getType()->isPointerType())
        return fresh(T); // Scaled by the pointee's size.
      llvm::SMTExprRef L =
          convert(value(BO->getLHS()), BO->getLHS()->getType(), T);
      llvm::SMTExprRef R =
          convert(value(BO->getRHS()), BO->getRHS()->getType(), T);
      if (std::optional<llvm::SMTExprRef> Result =
              arithmetic(BO->getOpcode(), L, R, T))
        return *Result;
      return fresh(T);
    }
    if (const auto *CO = dyn_cast<ConditionalOperator>(E);
        CO && isScalarType(CO->getTrueExpr()->getType()) &&
        isScalarType(CO->getFalseExpr()->getType())) {
      llvm::SMTExprRef C = boolean(CO->getCond());
      ++Conditional;
      llvm::SMTExprRef Then =
          convert(value(CO->getTrueExpr()), CO->getTrueExpr()->getType(), T);
      llvm::SMTExprRef Else =
          convert(value(CO->getFalseExpr()), CO->getFalseExpr()->getType(), T);
      --Conditional;
      return Solver.mkIte(C, Then, Else);
    }
    return fresh(T); // A call, a load through a pointer, anything else.
  }

  /// \p E as a condition.
  llvm::SMTExprRef boolean(const Expr *E) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
        Cast && (Cast->getCastKind() == CK_IntegralToBoolean ||
                 Cast->getCastKind() == CK_PointerToBoolean))
      return nonZero(Cast->getSubExpr());
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && UO->getOpcode() == UO_LNot)
      return Solver.mkNot(boolean(UO->getSubExpr()));
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->isLogicalOp()) {
        llvm::SMTExprRef L = boolean(BO->getLHS());
        ++Conditional;
        llvm::SMTExprRef R = boolean(BO->getRHS());
        --Conditional;
        return BO->getOpcode() == BO_LAnd ? Solver.mkAnd(L, R)
                                          : Solver.mkOr(L, R);
      }
      if (BO->isComparisonOp()) {
        if (isScalarType(BO->getLHS()->getType()) &&
            isScalarType(BO->getRHS()->getType()))
          return compare(BO);
        // Floating-point or class operands: not modelled. (Its value, as
        // an int, would ask for this condition again.)
        return Solver.mkSymbol(("b" + std::to_string(Counter++)).c_str(),
                               Solver.getBoolSort());
      }
    }
    return nonZero(E);
  }

  llvm::SMTExprRef nonZero(const Expr *E) {
    if (!isScalarType(E->getType()))
      return Solver.mkSymbol(("b" + std::to_string(Counter++)).c_str(),
                             Solver.getBoolSort());
    llvm::SMTExprRef V = value(E);
    return Solver.mkNot(
        Solver.mkEqual(V, constant(llvm::APSInt::get(0), E->getType())));
  }

  llvm::SMTExprRef compare(const BinaryOperator *BO) {
    // After the usual conversions both sides have one type; take the wider
    // and its signedness.
    QualType LT = BO->getLHS()->getType(), RT = BO->getRHS()->getType();
    QualType T = width(LT) >= width(RT) ? LT : RT;
    llvm::SMTExprRef L = convert(value(BO->getLHS()), LT, T);
    llvm::SMTExprRef R = convert(value(BO->getRHS()), RT, T);
    bool Signed = T->isSignedIntegerOrEnumerationType() &&
                  LT->isSignedIntegerOrEnumerationType() ==
                      RT->isSignedIntegerOrEnumerationType();
    switch (BO->getOpcode()) {
    case BO_EQ:
      return Solver.mkEqual(L, R);
    case BO_NE:
      return Solver.mkNot(Solver.mkEqual(L, R));
    case BO_LT:
      return Signed ? Solver.mkBVSlt(L, R) : Solver.mkBVUlt(L, R);
    case BO_GT:
      return Signed ? Solver.mkBVSgt(L, R) : Solver.mkBVUgt(L, R);
    case BO_LE:
      return Signed ? Solver.mkBVSle(L, R) : Solver.mkBVUle(L, R);
    case BO_GE:
      return Signed ? Solver.mkBVSge(L, R) : Solver.mkBVUge(L, R);
    default:
      return Solver.mkSymbol(("b" + std::to_string(Counter++)).c_str(),
                             Solver.getBoolSort());
    }
  }

  ASTContext &Context;
  llvm::SMTSolver &Solver;
  const AddressTaken &Taken;
  llvm::DenseMap<const ValueDecl *, llvm::SMTExprRef> Values;
  unsigned Counter = 0;
  /// Inside an operand that may not be evaluated.
  unsigned Conditional = 0;
};

} // namespace

/// The locals, globals and members of `*this` \p S reads or writes.
static void placesIn(const Stmt *S, llvm::SmallPtrSetImpl<const Decl *> &Out) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
    if (isa<VarDecl>(Ref->getDecl()))
      Out.insert(Ref->getDecl());
  } else if (const auto *Member = dyn_cast<MemberExpr>(S)) {
    if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      Out.insert(Member->getMemberDecl());
  }
  for (const Stmt *Child : S->children())
    placesIn(Child, Out);
}

/// The places \p S computes from other values (`m = n + 1`, `n++`, `int n
/// = 1`), into \p Out; not a value taken from a call (`p = malloc(n)`).
static void computedPlaces(const Stmt *S,
                           llvm::SmallPtrSetImpl<const Decl *> &Out) {
  auto FromCall = [](const Expr *E) {
    return isa<CallExpr, CXXConstructExpr, CXXNewExpr>(E->IgnoreParenCasts());
  };
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && Var->getInit() && !FromCall(Var->getInit()))
        Out.insert(Var);
  } else if (const auto *BO = dyn_cast<BinaryOperator>(S);
             BO && BO->isAssignmentOp()) {
    if (BO->isCompoundAssignmentOp() || !FromCall(BO->getRHS()))
      placesIn(BO->getLHS(), Out);
  } else if (const auto *UO = dyn_cast<UnaryOperator>(S);
             UO && UO->isIncrementDecrementOp()) {
    placesIn(UO->getSubExpr(), Out);
  }
}

/// A contradiction needs two facts about the same value: two branches on
/// it, or a branch on a value the path computed. Without them each branch
/// is on values of its own and can go either way (the cheap reasoning
/// already pruned constant conditions), so the path can run. Most paths
/// about to be reported are of that kind, and skip the solver.
static bool worthAsking(llvm::ArrayRef<PathStep> Steps) {
  llvm::SmallPtrSet<const Decl *, 16> Tested, Computed;
  bool Shared = false;
  for (const PathStep &Step : Steps) {
    if (Step.Block) {
      unsigned End = std::min<unsigned>(Step.Last, Step.Block->size());
      for (unsigned I = Step.First; I < End; ++I)
        if (std::optional<CFGStmt> S = (*Step.Block)[I].getAs<CFGStmt>())
          computedPlaces(S->getStmt(), Computed);
    }
    if (!Step.Cond)
      continue;
    llvm::SmallPtrSet<const Decl *, 4> Here;
    placesIn(Step.Cond, Here);
    for (const Decl *D : Here)
      Shared |= !Tested.insert(D).second || Computed.contains(D);
    if (Shared)
      return true;
  }
  return false;
}

struct PathSolver::Impl {
  Impl(const Stmt *Body, ASTContext &Context)
      : Context(Context), Taken(Body), Solver(llvm::CreateZ3Solver()) {}
  ASTContext &Context;
  AddressTaken Taken;
  llvm::SMTSolverRef Solver;
};

PathSolver::PathSolver(const Stmt *Body, ASTContext &Context)
    : State(std::make_unique<Impl>(Body, Context)) {}

PathSolver::~PathSolver() = default;

Feasibility PathSolver::check(llvm::ArrayRef<PathStep> Steps,
                              unsigned ResourceLimit) {
  if (!worthAsking(Steps))
    return Feasibility::Feasible;
  llvm::SMTSolver &Solver = *State->Solver;
  Solver.setUnsignedParam("rlimit", ResourceLimit);
  Solver.push();
  PathEncoder Encoder(State->Context, Solver, State->Taken);
  for (const PathStep &Step : Steps) {
    if (!Step.Block)
      continue;
    unsigned End = std::min<unsigned>(Step.Last, Step.Block->size());
    for (unsigned I = Step.First; I < End; ++I)
      if (std::optional<CFGStmt> S = (*Step.Block)[I].getAs<CFGStmt>())
        Encoder.run(S->getStmt());
    if (Step.Cond)
      Encoder.branch(Step.Cond, Step.TakenTrue);
  }
  std::optional<bool> Sat = Solver.check();
  Solver.pop();
  if (!Sat)
    return Feasibility::Unknown;
  return *Sat ? Feasibility::Feasible : Feasibility::Infeasible;
}

Feasibility checkPath(llvm::ArrayRef<PathStep> Steps, const Stmt *Body,
                      ASTContext &Context, unsigned ResourceLimit) {
  PathSolver Solver(Body, Context);
  return Solver.check(Steps, ResourceLimit);
}

#else // !LLVM_WITH_Z3

bool haveSolver() { return false; }

struct PathSolver::Impl {};
PathSolver::PathSolver(const Stmt *, ASTContext &) {}
PathSolver::~PathSolver() = default;
Feasibility PathSolver::check(llvm::ArrayRef<PathStep>, unsigned) {
  return Feasibility::Unknown;
}

Feasibility checkPath(llvm::ArrayRef<PathStep>, const Stmt *, ASTContext &,
                      unsigned) {
  return Feasibility::Unknown;
}

#endif

} // namespace clang::tidy::leak::utils
