//===--- LoopBounds.cpp - Is a loop's trip count bounded? -----------------===//

#include "LoopBounds.h"
#include "Escape.h"
#include "StableConditions.h"
#include "WriteIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::leak::utils {

// How deep isBoundedCount follows initializers of variables.
static constexpr unsigned MaxInitDepth = 4;

static std::string normalizeName(llvm::StringRef Name) {
  Name.consume_front("m_");
  Name = Name.trim('_');
  // A "k" constant prefix: kWorkers, kNumThreads.
  if (Name.size() > 1 && Name[0] == 'k' && llvm::isUpper(Name[1]))
    Name = Name.drop_front();
  std::string Result;
  for (char C : Name)
    if (C != '_')
      Result.push_back(llvm::toLower(C));
  return Result;
}

bool isWorkerCountName(llvm::StringRef Name,
                       const std::vector<std::string> &Names) {
  if (Name.empty())
    return false;
  std::string Normalized = normalizeName(Name);
  if (Normalized.empty())
    return false;
  for (const std::string &Candidate : Names)
    if (normalizeName(Candidate) == Normalized)
      return true;
  return false;
}

static const Expr *strip(const Expr *E) {
  while (E) {
    const Expr *Prev = E;
    E = E->IgnoreParenCasts()->IgnoreImplicit();
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
      if (Construct->getNumArgs() == 1 &&
          !isa<CXXTemporaryObjectExpr>(Construct))
        E = Construct->getArg(0);
    if (E == Prev)
      break;
  }
  return E;
}

/// True for C arrays of known size, std::array and std::initializer_list.
static bool isFixedSizeType(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T.isNull())
    return false;
  if (isa<ConstantArrayType>(T.getTypePtr()))
    return true;
  const auto *Record = T->getAsCXXRecordDecl();
  if (!Record)
    return false;
  std::string Name = Record->getQualifiedNameAsString();
  return Name == "std::array" || Name == "std::initializer_list" ||
         Name == "std::__1::array";
}

/// The name a call is made under: the callee's name, or for a call through a
/// function object (std::views::iota(...)) the object's name.
static llvm::StringRef calleeName(const CallExpr *Call) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
    if (Op->getOperator() == OO_Call && Op->getNumArgs() > 0)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(strip(Op->getArg(0))))
        if (Ref->getDecl()->getIdentifier())
          return Ref->getDecl()->getName();
  if (const auto *Callee = Call->getDirectCallee())
    if (Callee->getIdentifier())
      return Callee->getName();
  return {};
}

/// The call's arguments, without the function object of an operator() call.
static llvm::ArrayRef<const Expr *> callArgs(const CallExpr *Call) {
  llvm::ArrayRef<const Expr *> Args(Call->getArgs(), Call->getNumArgs());
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call))
    if (Op->getOperator() == OO_Call && !Args.empty())
      return Args.drop_front();
  return Args;
}

static bool isBoundedCountImpl(const Expr *E, ASTContext &Ctx,
                               const LoopBoundConfig &Config, unsigned Depth);

static bool isBoundedVar(const VarDecl *Var, ASTContext &Ctx,
                         const LoopBoundConfig &Config, unsigned Depth) {
  if (!Var || Var->isInvalidDecl())
    return false;
  if (Var->getIdentifier() &&
      isWorkerCountName(Var->getName(), Config.WorkerCountNames))
    return true;
  if (isa<ParmVarDecl>(Var) || Depth >= MaxInitDepth)
    return false;
  const Expr *Init = Var->getInit();
  if (!Init)
    return false;
  // A local initialized from a bound (unsigned N = hardware_concurrency()),
  // a const or constexpr variable.
  if (Var->hasLocalStorage() || Var->getType().isConstQualified() ||
      Var->isConstexpr())
    return isBoundedCountImpl(Init, Ctx, Config, Depth + 1);
  return false;
}

static bool isBoundedCall(const CallExpr *Call, ASTContext &Ctx,
                          const LoopBoundConfig &Config, unsigned Depth) {
  llvm::StringRef Name = calleeName(Call);
  llvm::ArrayRef<const Expr *> Args = callArgs(Call);
  if (Name == "hardware_concurrency" || Name == "get_nprocs" ||
      Name == "get_nprocs_conf" || Name == "sysconf")
    return true;
  if (Args.empty() && isWorkerCountName(Name, Config.WorkerCountNames))
    return true;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const Expr *Object = Member->getImplicitObjectArgument();
    return Object && isFixedSizeType(Object->getType()) &&
           (Name == "size" || Name == "max_size" || Name == "end" ||
            Name == "cend");
  }
  if ((Name == "size" || Name == "ssize" || Name == "end" || Name == "cend") &&
      Args.size() == 1)
    return isFixedSizeType(Args[0]->getType());
  if (Name == "min") {
    for (const Expr *Arg : Args)
      if (isBoundedCountImpl(Arg, Ctx, Config, Depth))
        return true;
    return false;
  }
  if (Name == "max") {
    for (const Expr *Arg : Args)
      if (!isBoundedCountImpl(Arg, Ctx, Config, Depth))
        return false;
    return !Args.empty();
  }
  if (Name == "clamp" && Args.size() == 3)
    return isBoundedCountImpl(Args[2], Ctx, Config, Depth);
  return false;
}

static bool isBoundedCountImpl(const Expr *E, ASTContext &Ctx,
                               const LoopBoundConfig &Config, unsigned Depth) {
  E = strip(E);
  if (!E || E->isValueDependent() || E->isTypeDependent())
    return false;
  if (E->getType()->isIntegralOrEnumerationType()) {
    Expr::EvalResult Result;
    if (E->EvaluateAsInt(Result, Ctx))
      return true;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return isBoundedVar(dyn_cast<VarDecl>(Ref->getDecl()), Ctx, Config, Depth);
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const ValueDecl *D = Member->getMemberDecl();
    if (D->getIdentifier() &&
        isWorkerCountName(D->getName(), Config.WorkerCountNames))
      return true;
    // Configuration: a field set when the object is built and never again
    // by this unit's code.
    if (isa<FieldDecl>(D) && Config.Writes && Config.Writes->isConfiguration(D))
      return true;
    return isBoundedVar(dyn_cast<VarDecl>(D), Ctx, Config, Depth);
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return isBoundedCall(Call, Ctx, Config, Depth);
  if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
    switch (Unary->getOpcode()) {
    case UO_Minus:
    case UO_Plus:
    case UO_Not:
      return isBoundedCountImpl(Unary->getSubExpr(), Ctx, Config, Depth);
    default:
      return false;
    }
  }
  if (const auto *Cond = dyn_cast<AbstractConditionalOperator>(E))
    return isBoundedCountImpl(Cond->getTrueExpr(), Ctx, Config, Depth) &&
           isBoundedCountImpl(Cond->getFalseExpr(), Ctx, Config, Depth);
  if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
    const Expr *L = Binary->getLHS();
    const Expr *R = Binary->getRHS();
    switch (Binary->getOpcode()) {
    case BO_Add:
    case BO_Sub:
    case BO_Mul:
    case BO_Shl:
      return isBoundedCountImpl(L, Ctx, Config, Depth) &&
             isBoundedCountImpl(R, Ctx, Config, Depth);
    case BO_Div:
    case BO_Shr:
      return isBoundedCountImpl(L, Ctx, Config, Depth);
    case BO_Rem:
    case BO_And:
      return isBoundedCountImpl(L, Ctx, Config, Depth) ||
             isBoundedCountImpl(R, Ctx, Config, Depth);
    case BO_Comma:
      return isBoundedCountImpl(R, Ctx, Config, Depth);
    default:
      return false;
    }
  }
  return false;
}

bool isBoundedCount(const Expr *E, ASTContext &Ctx,
                    const LoopBoundConfig &Config) {
  return isBoundedCountImpl(E, Ctx, Config, 0);
}

namespace {
enum class Direction { None = 0, Up = 1, Down = 2, Both = 3 };
} // namespace

/// The variable (or field) a counter expression names: i, it, this->n_.
static const ValueDecl *counterDecl(const Expr *E) {
  E = strip(E);
  if (!E)
    return nullptr;
  // it->load(), counter.load(), implicit atomic-to-int conversions.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    if (Member->getNumArgs() == 0)
      return counterDecl(Member->getImplicitObjectArgument());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  return nullptr;
}

static bool refersTo(const Expr *E, const ValueDecl *D) {
  return D && counterDecl(E) == D;
}

/// How \p S changes \p Counter: ++/--, +=/-=, including overloaded operators.
static unsigned stepDirection(const Stmt *S, const ValueDecl *Counter) {
  if (!S)
    return 0;
  unsigned Dir = 0;
  if (const auto *Unary = dyn_cast<UnaryOperator>(S)) {
    if (Unary->isIncrementDecrementOp() &&
        refersTo(Unary->getSubExpr(), Counter))
      Dir |= Unary->isIncrementOp() ? unsigned(Direction::Up)
                                    : unsigned(Direction::Down);
  } else if (const auto *Compound = dyn_cast<CompoundAssignOperator>(S)) {
    if (refersTo(Compound->getLHS(), Counter)) {
      if (Compound->getOpcode() == BO_AddAssign)
        Dir |= unsigned(Direction::Up);
      else if (Compound->getOpcode() == BO_SubAssign)
        Dir |= unsigned(Direction::Down);
    }
  } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
    // `Pool.emplace_back(...)` grows what `Pool.size()` counts.
    if (const CXXMethodDecl *M = Member->getMethodDecl();
        M && M->getIdentifier() && isContainerInsert(M->getName()) &&
        refersTo(Member->getImplicitObjectArgument(), Counter))
      Dir |= unsigned(Direction::Up);
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (Op->getNumArgs() > 0 && refersTo(Op->getArg(0), Counter)) {
      switch (Op->getOperator()) {
      case OO_PlusPlus:
      case OO_PlusEqual:
        Dir |= unsigned(Direction::Up);
        break;
      case OO_MinusMinus:
      case OO_MinusEqual:
        Dir |= unsigned(Direction::Down);
        break;
      default:
        break;
      }
    }
  }
  for (const Stmt *Child : S->children())
    Dir |= stepDirection(Child, Counter);
  return Dir;
}

/// The value \p Counter starts the loop with: its initializer, or the
/// assignment in the for-init.
static const Expr *initialValue(const ValueDecl *Counter, const Stmt *ForInit) {
  if (const auto *Assign = dyn_cast_or_null<BinaryOperator>(ForInit))
    if (Assign->getOpcode() == BO_Assign && refersTo(Assign->getLHS(), Counter))
      return Assign->getRHS();
  if (const auto *Var = dyn_cast_or_null<VarDecl>(Counter))
    return Var->getInit();
  return nullptr;
}

static bool isRelational(BinaryOperatorKind Op) {
  return Op == BO_LT || Op == BO_LE || Op == BO_GT || Op == BO_GE ||
         Op == BO_NE;
}

static BinaryOperatorKind reverse(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT:
    return BO_GT;
  case BO_LE:
    return BO_GE;
  case BO_GT:
    return BO_LT;
  case BO_GE:
    return BO_LE;
  default:
    return Op;
  }
}

static bool isBoundedCondition(const Expr *Cond, const Stmt *Steps,
                               const Stmt *ForInit, ASTContext &Ctx,
                               const LoopBoundConfig &Config) {
  if (!Cond)
    return false;
  Cond = Cond->IgnoreParenImpCasts();
  const Expr *L = nullptr, *R = nullptr;
  BinaryOperatorKind Op = BO_Comma;
  if (const auto *Binary = dyn_cast<BinaryOperator>(Cond)) {
    if (Binary->getOpcode() == BO_LAnd)
      return isBoundedCondition(Binary->getLHS(), Steps, ForInit, Ctx,
                                Config) ||
             isBoundedCondition(Binary->getRHS(), Steps, ForInit, Ctx, Config);
    if (Binary->getOpcode() == BO_LOr)
      return isBoundedCondition(Binary->getLHS(), Steps, ForInit, Ctx,
                                Config) &&
             isBoundedCondition(Binary->getRHS(), Steps, ForInit, Ctx, Config);
    if (isRelational(Binary->getOpcode())) {
      L = Binary->getLHS();
      R = Binary->getRHS();
      Op = Binary->getOpcode();
    }
  } else if (const auto *OpCall = dyn_cast<CXXOperatorCallExpr>(Cond)) {
    if (OpCall->isComparisonOp() && OpCall->getNumArgs() == 2) {
      L = OpCall->getArg(0);
      R = OpCall->getArg(1);
      Op = BinaryOperator::getOverloadedOpcode(OpCall->getOperator());
      if (!isRelational(Op))
        return false;
    }
  }
  if (!L) {
    // while (n--), for (; n; --n): a countdown from a bounded start.
    const Expr *Operand = Cond;
    if (const auto *Unary = dyn_cast<UnaryOperator>(Cond))
      if (Unary->isDecrementOp())
        Operand = Unary->getSubExpr();
    const ValueDecl *Counter = counterDecl(Operand);
    if (!Counter || !Counter->getType()->isIntegerType())
      return false;
    unsigned Dir = stepDirection(Steps, Counter) | stepDirection(Cond, Counter);
    return Dir == unsigned(Direction::Down) &&
           isBoundedCount(initialValue(Counter, ForInit), Ctx, Config);
  }
  // Put the counter, the side the loop steps, on the left.
  const ValueDecl *Counter = counterDecl(L);
  unsigned Dir = Counter ? stepDirection(Steps, Counter) : 0;
  if (Dir == 0) {
    Counter = counterDecl(R);
    Dir = Counter ? stepDirection(Steps, Counter) : 0;
    std::swap(L, R);
    Op = reverse(Op);
  }
  if (Dir == unsigned(Direction::Up))
    return (Op == BO_LT || Op == BO_LE || Op == BO_NE) &&
           isBoundedCount(R, Ctx, Config);
  if (Dir == unsigned(Direction::Down))
    return (Op == BO_GT || Op == BO_GE || Op == BO_NE) &&
           isBoundedCount(initialValue(Counter, ForInit), Ctx, Config);
  return false;
}

static bool isBoundedRange(const CXXForRangeStmt *Loop, ASTContext &Ctx,
                           const LoopBoundConfig &Config) {
  const Expr *Range = Loop->getRangeInit();
  if (!Range)
    return false;
  Range = Range->IgnoreParenImpCasts()->IgnoreImplicit();
  if (isa<InitListExpr>(Range) || isa<CXXStdInitializerListExpr>(Range))
    return true;
  if (isFixedSizeType(Range->getType()))
    return true;
  // std::views::iota(0, kWorkers)
  if (const auto *Call = dyn_cast<CallExpr>(Range)) {
    llvm::ArrayRef<const Expr *> Args = callArgs(Call);
    if (calleeName(Call) == "iota" && Args.size() == 2)
      return isBoundedCount(Args[1], Ctx, Config);
    return false;
  }
  // std::vector<std::thread> Workers(kWorkers); for (auto &W : Workers)
  if (const auto *Ref = dyn_cast<DeclRefExpr>(strip(Range)))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(
              Var->getInit() ? Var->getInit()->IgnoreImplicit() : nullptr))
        if (Construct->getNumArgs() >= 1 &&
            !isa<CXXDefaultArgExpr>(Construct->getArg(0)) &&
            Construct->getArg(0)->getType()->isIntegerType())
          return isBoundedCount(Construct->getArg(0), Ctx, Config);
  return false;
}

/// The variable a loop condition counts with: `i` in `i < n`, `n > i`.
static const VarDecl *counterOf(const Expr *Cond) {
  const auto *BO = dyn_cast_or_null<BinaryOperator>(
      Cond ? Cond->IgnoreParenImpCasts() : nullptr);
  if (!BO || !BO->isRelationalOp())
    return nullptr;
  const Expr *Counter = BO->getOpcode() == BO_LT || BO->getOpcode() == BO_LE
                            ? BO->getLHS()
                            : BO->getRHS();
  const auto *Ref = dyn_cast<DeclRefExpr>(Counter->IgnoreParenImpCasts());
  return Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
}

/// True when \p S indexes an array of fixed size with \p Counter
/// (`watches[i]` of `Watch watches[32]`): valid code then runs the loop at
/// most that many times.
static bool indexesFixedArray(const Stmt *S, const VarDecl *Counter) {
  if (!S)
    return false;
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(S)) {
    const auto *Index =
        dyn_cast<DeclRefExpr>(ASE->getIdx()->IgnoreParenImpCasts());
    if (Index && Index->getDecl() == Counter &&
        isFixedSizeType(ASE->getBase()->IgnoreImpCasts()->getType()))
      return true;
  }
  for (const Stmt *Child : S->children())
    if (indexesFixedArray(Child, Counter))
      return true;
  return false;
}

/// True when \p S assigns \p Counter or lets something else write it.
static bool writesCounter(const Stmt *S, const ValueDecl *Counter) {
  if (!S)
    return false;
  llvm::SmallVector<const Decl *, 4> Written, Given;
  declsWrittenBy(S, Written, Given);
  if (llvm::is_contained(Written, Counter))
    return true;
  for (const Stmt *Child : S->children())
    if (writesCounter(Child, Counter))
      return true;
  return false;
}

bool countsToFixedBound(const Stmt *Loop) {
  const auto *For = dyn_cast_or_null<ForStmt>(Loop);
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(
      For && For->getCond() ? For->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!Cond || !isRelational(Cond->getOpcode()))
    return false;
  const Expr *L = Cond->getLHS(), *R = Cond->getRHS();
  BinaryOperatorKind Op = Cond->getOpcode();
  const ValueDecl *Counter = counterDecl(L);
  unsigned Dir = Counter ? stepDirection(For->getInc(), Counter) : 0;
  if (Dir == 0) {
    Counter = counterDecl(R);
    Dir = Counter ? stepDirection(For->getInc(), Counter) : 0;
    std::swap(L, R);
    Op = reverse(Op);
  }
  if (Dir != unsigned(Direction::Up) ||
      (Op != BO_LT && Op != BO_LE && Op != BO_NE) ||
      !Counter->getType()->isIntegerType() ||
      writesCounter(For->getBody(), Counter))
    return false;
  // The bound is a variable or a field the loop does not write (not a
  // size() the body may grow).
  const Expr *Bound = strip(R);
  if (!isa_and_nonnull<DeclRefExpr, MemberExpr>(Bound))
    return false;
  const ValueDecl *BoundDecl = counterDecl(Bound);
  return BoundDecl && BoundDecl != Counter &&
         BoundDecl->getType()->isIntegerType() &&
         !writesCounter(For, BoundDecl);
}

/// True when \p S caps \p Var with a bound: `if (Var > Max) Var = Max;`
/// (any relational spelling) or `Var = std::min(Var, Max);`.
static bool capsWithBound(const Stmt *S, const VarDecl *Var, ASTContext &Ctx,
                          const LoopBoundConfig &Config) {
  auto AssignedBound = [&](const Stmt *Then) {
    if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Then);
        Block && Block->size() == 1)
      Then = Block->body_front();
    const auto *Assign = dyn_cast_or_null<BinaryOperator>(Then);
    return Assign && Assign->getOpcode() == BO_Assign &&
           refersTo(Assign->getLHS(), Var) &&
           isBoundedCount(Assign->getRHS(), Ctx, Config);
  };
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    const auto *Cond = dyn_cast_or_null<BinaryOperator>(
        If->getCond() ? If->getCond()->IgnoreParenImpCasts() : nullptr);
    if (!Cond || If->getElse() || If->hasInitStorage() || If->hasVarStorage() ||
        !Cond->isRelationalOp())
      return false;
    bool VarLeft = refersTo(Cond->getLHS(), Var);
    bool VarRight = refersTo(Cond->getRHS(), Var);
    BinaryOperatorKind Op =
        VarLeft ? Cond->getOpcode() : reverse(Cond->getOpcode());
    return (VarLeft || VarRight) && (Op == BO_GT || Op == BO_GE) &&
           AssignedBound(If->getThen());
  }
  // `Var = std::min(Var, Max)`: the right side is a bounded count.
  return AssignedBound(S);
}

/// True when the local or parameter \p Var, which \p Loop counts to, is
/// capped right before it: the last statement before \p Loop in its block
/// that writes \p Var caps it with a bound (capsWithBound).
static bool cappedBefore(const Stmt *Loop, const VarDecl *Var, ASTContext &Ctx,
                         const LoopBoundConfig &Config) {
  DynTypedNodeList Parents = Ctx.getParents(*Loop);
  const auto *Block =
      Parents.empty() ? nullptr : Parents[0].get<CompoundStmt>();
  if (!Block)
    return false;
  const Stmt *const *It = llvm::find(Block->body(), Loop);
  while (It != Block->body_begin()) {
    const Stmt *Before = *--It;
    if (writesCounter(Before, Var))
      return capsWithBound(Before, Var, Ctx, Config);
  }
  return false;
}

/// The local or parameter a for loop counts up to (`n` in `for (i = 0; i <
/// n; ++i)`), when it is one the loop does not write.
static const VarDecl *countedToVariable(const ForStmt *For) {
  if (!countsToFixedBound(For))
    return nullptr;
  const auto *Cond =
      cast<BinaryOperator>(For->getCond()->IgnoreParenImpCasts());
  for (const Expr *Side : {Cond->getRHS(), Cond->getLHS()}) {
    const auto *Ref = dyn_cast<DeclRefExpr>(strip(Side));
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (Var && Var->hasLocalStorage() && stepDirection(For->getInc(), Var) == 0)
      return Var;
  }
  return nullptr;
}

bool isBoundedLoop(const Stmt *Loop, ASTContext &Ctx,
                   const LoopBoundConfig &Config) {
  if (const auto *For = dyn_cast_or_null<ForStmt>(Loop)) {
    if (const VarDecl *Counter = counterOf(For->getCond());
        Counter && indexesFixedArray(For->getBody(), Counter))
      return true;
    // `if (n > Max) n = Max; for (i = 0; i < n; ++i)`.
    if (const VarDecl *Limit = countedToVariable(For);
        Limit && cappedBefore(For, Limit, Ctx, Config))
      return true;
    // The counter steps in the increment or, occasionally, in the body.
    const Stmt *Steps = For->getInc();
    if (isBoundedCondition(For->getCond(), Steps, For->getInit(), Ctx, Config))
      return true;
    return isBoundedCondition(For->getCond(), For->getBody(), For->getInit(),
                              Ctx, Config);
  }
  if (const auto *While = dyn_cast_or_null<WhileStmt>(Loop))
    return isBoundedCondition(While->getCond(), While->getBody(), nullptr, Ctx,
                              Config);
  if (const auto *Do = dyn_cast_or_null<DoStmt>(Loop))
    return isBoundedCondition(Do->getCond(), Do->getBody(), nullptr, Ctx,
                              Config);
  if (const auto *Range = dyn_cast_or_null<CXXForRangeStmt>(Loop))
    return isBoundedRange(Range, Ctx, Config);
  return false;
}

std::optional<uint64_t> constantTripCount(const ForStmt *Loop,
                                          const ASTContext &Ctx) {
  if (!Loop || !Loop->getCond() || !Loop->getInc() || !Loop->getInit())
    return std::nullopt;
  const auto *Cond =
      dyn_cast<BinaryOperator>(Loop->getCond()->IgnoreParenImpCasts());
  if (!Cond || !isRelational(Cond->getOpcode()))
    return std::nullopt;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Cond->getLHS()->IgnoreParenImpCasts());
  const auto *Counter = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Counter || !Counter->hasLocalStorage() ||
      !Counter->getType()->isIntegerType())
    return std::nullopt;
  // The for-init must set the counter: a value from before the loop may
  // differ on another path.
  const Expr *Start = nullptr;
  if (const auto *Assign = dyn_cast<BinaryOperator>(Loop->getInit());
      Assign && Assign->getOpcode() == BO_Assign &&
      refersTo(Assign->getLHS(), Counter))
    Start = Assign->getRHS();
  else if (const auto *DS = dyn_cast<DeclStmt>(Loop->getInit());
           DS && DS->isSingleDecl() && DS->getSingleDecl() == Counter)
    Start = Counter->getInit();
  const auto *Step = dyn_cast<UnaryOperator>(Loop->getInc()->IgnoreParens());
  if (!Start || !Step || !Step->isIncrementDecrementOp() ||
      !refersTo(Step->getSubExpr(), Counter) ||
      writesCounter(Loop->getBody(), Counter) ||
      writesCounter(Cond->getRHS(), Counter))
    return std::nullopt;
  Expr::EvalResult First, Limit;
  if (Start->isValueDependent() || Cond->getRHS()->isValueDependent() ||
      !Start->EvaluateAsInt(First, Ctx) ||
      !Cond->getRHS()->EvaluateAsInt(Limit, Ctx))
    return std::nullopt;
  std::optional<int64_t> From = First.Val.getInt().trySExtValue();
  std::optional<int64_t> To = Limit.Val.getInt().trySExtValue();
  if (!From || !To)
    return std::nullopt;
  int64_t A = *From, B = *To;
  bool Up = Step->isIncrementOp();
  switch (Cond->getOpcode()) {
  case BO_LT:
    return Up ? uint64_t(std::max<int64_t>(0, B - A))
              : (A < B ? std::nullopt : std::optional<uint64_t>(0));
  case BO_LE:
    return Up ? uint64_t(std::max<int64_t>(0, B - A + 1))
              : (A <= B ? std::nullopt : std::optional<uint64_t>(0));
  case BO_GT:
    return !Up ? uint64_t(std::max<int64_t>(0, A - B))
               : (A > B ? std::nullopt : std::optional<uint64_t>(0));
  case BO_GE:
    return !Up ? uint64_t(std::max<int64_t>(0, A - B + 1))
               : (A >= B ? std::nullopt : std::optional<uint64_t>(0));
  case BO_NE:
    if (Up && B >= A)
      return uint64_t(B - A);
    if (!Up && A >= B)
      return uint64_t(A - B);
    return std::nullopt;
  default:
    return std::nullopt;
  }
}

/// True when \p Child of \p Loop runs once per iteration (not the for-init,
/// not the range of a range-for).
static bool runsPerIteration(const Stmt *Loop, const Stmt *Child) {
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return Child != For->getInit();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop))
    return Child == Range->getBody() || Child == Range->getLoopVarStmt() ||
           Child == Range->getCond() || Child == Range->getInc();
  return isa<WhileStmt, DoStmt>(Loop);
}

/// Walks the parents of \p S up to the enclosing function body; \p Visit is
/// called with each enclosing statement and the child it was reached from,
/// and stops the walk by returning true.
template <typename Callback>
static const FunctionDecl *walkUp(const Stmt *S, ASTContext &Ctx,
                                  Callback Visit) {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    const DynTypedNode &Parent = Parents[0];
    if (const auto *Lambda = Parent.get<LambdaExpr>()) {
      if (Node.get<Stmt>() == Lambda->getBody())
        return Lambda->getCallOperator();
    } else if (const auto *Function = Parent.get<FunctionDecl>()) {
      return Function;
    } else if (const auto *ParentStmt = Parent.get<Stmt>()) {
      if (Visit(ParentStmt, Node.get<Stmt>()))
        return nullptr;
    } else if (!Parent.get<VarDecl>() && !Parent.get<Expr>()) {
      // A record, namespace or other declaration: no function around.
      if (Parent.get<Decl>())
        return nullptr;
    }
    Node = Parent;
  }
}

const Stmt *innermostUnboundedLoop(const Stmt *S, ASTContext &Ctx,
                                   const LoopBoundConfig &Config) {
  if (!S)
    return nullptr;
  // The unbounded loops around S, innermost first; a loop that counts to a
  // value fixed when it starts is bounded when its function runs once.
  llvm::SmallVector<std::pair<const Stmt *, bool>, 2> Unbounded;
  const FunctionDecl *Function =
      walkUp(S, Ctx, [&](const Stmt *Parent, const Stmt *Child) {
        if (!isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(Parent))
          return false;
        if (!Child || !runsPerIteration(Parent, Child))
          return false;
        if (isBoundedLoop(Parent, Ctx, Config))
          return false;
        Unbounded.push_back(
            {Parent, Config.RunsOnce && countsToFixedBound(Parent)});
        return false; // On to the function, which says whether it runs once.
      });
  bool Once = Function && Config.RunsOnce && Config.RunsOnce(Function);
  for (const auto &[Loop, Counted] : Unbounded)
    if (!Once || !Counted)
      return Loop;
  return nullptr;
}

const FunctionDecl *enclosingFunction(const Stmt *S, ASTContext &Ctx) {
  if (!S)
    return nullptr;
  return walkUp(S, Ctx, [](const Stmt *, const Stmt *) { return false; });
}

} // namespace clang::tidy::leak::utils
