//===--- WriteIndex.cpp - Which functions write which variables -----------===//

#include "WriteIndex.h"
#include "HandleTests.h"
#include "StableConditions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DynamicRecursiveASTVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::leak::utils {

namespace {
class WriteCollector : public DynamicRecursiveASTVisitor {
public:
  using Map =
      llvm::DenseMap<const Decl *, llvm::SmallVector<const FunctionDecl *, 2>>;
  WriteCollector(Map &Out, llvm::DenseSet<const Decl *> &Stepped,
                 Map &VariableWrites, const ASTContext &Context)
      : Out(Out), Stepped(Stepped), VariableWrites(VariableWrites),
        Context(Context), SM(Context.getSourceManager()) {
    ShouldVisitTemplateInstantiations = false;
    ShouldVisitImplicitCode = false;
  }

  bool TraverseDecl(Decl *D) override {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    const FunctionDecl *Saved = Current;
    if (const auto *F = dyn_cast<FunctionDecl>(D))
      Current = F;
    bool Result = DynamicRecursiveASTVisitor::TraverseDecl(D);
    Current = Saved;
    return Result;
  }

  bool TraverseLambdaExpr(LambdaExpr *L) override {
    // The captures are evaluated where the lambda is created; the body is
    // the call operator's.
    for (const LambdaCapture &C : L->captures())
      if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef) {
        record(C.getCapturedVar(), Out);
        record(C.getCapturedVar(), VariableWrites);
      }
    const FunctionDecl *Saved = Current;
    Current = L->getCallOperator();
    bool Result = TraverseStmt(L->getBody());
    Current = Saved;
    return Result;
  }

  bool VisitStmt(Stmt *S) override {
    // Visited before its branches: remember the default it may give.
    if (const auto *If = dyn_cast<IfStmt>(S))
      if (const Stmt *Default = defaultStore(If))
        Defaults.insert(Default);
    llvm::SmallVector<const Decl *, 4> Written, Given;
    declsWrittenBy(S, Written, Given);
    bool Constant = storesConstant(S) || Defaults.contains(S);
    for (const Decl *D : Written) {
      record(D, Out);
      if (!Constant)
        record(D, VariableWrites);
    }
    const Expr *Target = nullptr;
    if (const auto *UO = dyn_cast<UnaryOperator>(S);
        UO && UO->isIncrementDecrementOp())
      Target = UO->getSubExpr();
    else if (const auto *CA = dyn_cast<CompoundAssignOperator>(S);
             CA && (CA->getOpcode() == BO_AddAssign ||
                    CA->getOpcode() == BO_SubAssign))
      Target = CA->getLHS();
    else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S);
             Op && Op->getNumArgs() > 0 &&
             (Op->getOperator() == OO_PlusPlus ||
              Op->getOperator() == OO_MinusMinus ||
              Op->getOperator() == OO_PlusEqual ||
              Op->getOperator() == OO_MinusEqual))
      Target = Op->getArg(0);
    if (Target) {
      Target = Target->IgnoreParenImpCasts();
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Target))
        Stepped.insert(Ref->getDecl()->getCanonicalDecl());
      else if (const auto *Member = dyn_cast<MemberExpr>(Target))
        Stepped.insert(Member->getMemberDecl()->getCanonicalDecl());
    }
    return true;
  }

private:
  void record(const Decl *D, Map &Into) {
    if (!D)
      return;
    auto &List = Into[D->getCanonicalDecl()];
    if (!llvm::is_contained(List, Current))
      List.push_back(Current);
  }

  /// The assignment `X = value` that `if (!X) X = value;` (or `X == 0`,
  /// `X <= 0`, `X < 1`) makes: a default for a setting left unset, whatever
  /// the value (the CPU count, a helper's), not a value the code computes
  /// from what it processes.
  const Stmt *defaultStore(const IfStmt *If) const {
    const Stmt *Then = If->getThen();
    if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Then))
      Then = Block->size() == 1 ? Block->body_front() : nullptr;
    const auto *Assign = dyn_cast_or_null<BinaryOperator>(Then);
    if (If->getElse() || !Assign || Assign->getOpcode() != BO_Assign ||
        !If->getCond())
      return nullptr;
    const Decl *Target = referencedDecl(Assign->getLHS());
    const Expr *Cond = If->getCond()->IgnoreParenImpCasts();
    const Decl *Tested = nullptr;
    if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
        Not && Not->getOpcode() == UO_LNot) {
      Tested = referencedDecl(Not->getSubExpr());
    } else if (const auto *Cmp = dyn_cast<BinaryOperator>(Cond)) {
      const auto *Bound =
          dyn_cast<IntegerLiteral>(Cmp->getRHS()->IgnoreParenImpCasts());
      uint64_t N = Bound ? Bound->getValue().getZExtValue() : 2;
      if ((Cmp->getOpcode() == BO_EQ && N == 0) ||
          (Cmp->getOpcode() == BO_LE && N == 0) ||
          (Cmp->getOpcode() == BO_LT && N == 1))
        Tested = referencedDecl(Cmp->getLHS());
    }
    // The default comes from a constant or a helper (`online_cpus()`), not
    // from another variable the code keeps changing (`queued = done`).
    const Expr *Value = Assign->getRHS()->IgnoreParenCasts();
    if (!isa<CallExpr>(Value) && !Value->isValueDependent() &&
        !Value->isEvaluatable(Context))
      return nullptr;
    return Target && Tested == Target ? Assign : nullptr;
  }

  /// True for `X = <constant>` into a number (`if (N == 0) N = 1;`); a flag
  /// set to true or false changes state, it defaults nothing.
  bool storesConstant(const Stmt *S) const {
    const auto *Assign = dyn_cast<BinaryOperator>(S);
    if (!Assign || Assign->getOpcode() != BO_Assign ||
        Assign->getLHS()->getType()->isBooleanType())
      return false;
    const Expr *Value = Assign->getRHS();
    return !Value->isValueDependent() &&
           Value->getType()->isIntegralOrEnumerationType() &&
           Value->isEvaluatable(Context);
  }

  Map &Out;
  /// Assignments that default an unset setting (defaultStore).
  llvm::DenseSet<const Stmt *> Defaults;
  llvm::DenseSet<const Decl *> &Stepped;
  Map &VariableWrites;
  const ASTContext &Context;
  const SourceManager &SM;
  const FunctionDecl *Current = nullptr;
};
} // namespace

/// The declaration of the template a member of an instantiated class comes
/// from: the index records the template's own code once, not per
/// instantiation.
const Decl *patternOf(const Decl *D) {
  if (const auto *F = dyn_cast_or_null<FunctionDecl>(D))
    if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern())
      return Pattern;
  const auto *Field = dyn_cast_or_null<FieldDecl>(D);
  const auto *Record =
      Field ? dyn_cast<CXXRecordDecl>(Field->getParent()) : nullptr;
  const CXXRecordDecl *Pattern =
      Record ? Record->getTemplateInstantiationPattern() : nullptr;
  if (!Pattern || !Field->getIdentifier())
    return D;
  for (const FieldDecl *Candidate : Pattern->fields())
    if (Candidate->getIdentifier() == Field->getIdentifier())
      return Candidate;
  return D;
}

const FunctionDecl *enclosingFunctionOf(const Decl *D) {
  for (const DeclContext *DC = D ? D->getDeclContext() : nullptr; DC;
       DC = DC->getParent())
    if (const auto *F = dyn_cast<FunctionDecl>(DC))
      return F;
  return nullptr;
}

WriteIndex::WriterMap &WriteIndex::index() {
  if (!Writers) {
    Writers.emplace();
    WriteCollector Collector(*Writers, Stepped, VariableWriters, Context);
    Collector.TraverseDecl(Context.getTranslationUnitDecl());
  }
  return *Writers;
}

llvm::ArrayRef<const FunctionDecl *> WriteIndex::writers(const Decl *D) {
  if (!D)
    return {};
  WriterMap &Map = index();
  auto It = Map.find(patternOf(D)->getCanonicalDecl());
  if (It == Map.end())
    return {};
  return It->second;
}

/// True when \p Inner is \p Outer or a lambda written inside it.
static bool isPartOf(const FunctionDecl *Inner, const FunctionDecl *Outer) {
  for (const FunctionDecl *F = Inner; F;) {
    if (F->getCanonicalDecl() == Outer->getCanonicalDecl())
      return true;
    const auto *Method = dyn_cast<CXXMethodDecl>(F);
    if (!Method || !Method->getParent()->isLambda())
      return false;
    F = enclosingFunctionOf(Method->getParent());
  }
  return false;
}

bool WriteIndex::writtenOutside(const Decl *D, const FunctionDecl *Reader) {
  if (Reader)
    Reader = cast<FunctionDecl>(patternOf(Reader));
  for (const FunctionDecl *W : writers(D))
    if (W && (!Reader || !isPartOf(W, Reader)))
      return true;
  return false;
}

bool WriteIndex::isStepped(const Decl *D) {
  if (!D)
    return false;
  index();
  return Stepped.contains(patternOf(D)->getCanonicalDecl());
}

/// True when \p E is one of \p Setter's parameters, as it is or kept
/// within limits (`std::max(0, n)`, `std::min(n, kMax)`, `std::clamp`).
static bool isParameterOf(const Expr *E, const FunctionDecl *Setter) {
  E = E->IgnoreParenCasts();
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || !Callee->getIdentifier() ||
        !llvm::is_contained({"min", "max", "clamp"}, Callee->getName()))
      return false;
    bool Param = false;
    for (const Expr *Arg : Call->arguments()) {
      if (isParameterOf(Arg, Setter))
        Param = true;
      else if (!Arg->isValueDependent() &&
               !Arg->isEvaluatable(Setter->getASTContext()))
        return false;
    }
    return Param;
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  return Param && Param->getDeclContext() == Setter;
}

/// Walks \p S for isSetter: counts the fields it sets to parameters in
/// \p Stores; false when it writes a field anything else or loops.
static bool onlyStoresParameters(const Stmt *S, const FunctionDecl *Setter,
                                 unsigned &Stores) {
  if (!S)
    return true;
  if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, LambdaExpr>(S) &&
      !(isa<DoStmt>(S) && cast<DoStmt>(S)->getCond() &&
        cast<DoStmt>(S)->getCond()->isIntegerConstantExpr(
            Setter->getASTContext())))
    return false; // A loop (but a macro's `do { } while (0)`).
  if (const auto *Assign = dyn_cast<BinaryOperator>(S);
      Assign && Assign->isAssignmentOp() &&
      isa<MemberExpr>(Assign->getLHS()->IgnoreParenImpCasts())) {
    if (Assign->getOpcode() != BO_Assign ||
        !isParameterOf(Assign->getRHS(), Setter))
      return false;
    ++Stores;
    return true;
  }
  if (const auto *Step = dyn_cast<UnaryOperator>(S);
      Step && Step->isIncrementDecrementOp())
    return false;
  for (const Stmt *Child : S->children())
    if (!onlyStoresParameters(Child, Setter, Stores))
      return false;
  return true;
}

/// True when \p W is a setter: the fields it writes, it sets to its
/// parameters as they are (`this->threads_ = n;`, `s->nthreads = n;`),
/// around checks and returns but no loop. A setter passes on what it is
/// given once, as a constructor does; the value is configured, not
/// computed.
static bool isSetter(const FunctionDecl *W) {
  unsigned Stores = 0;
  return W->getBody() && onlyStoresParameters(W->getBody(), W, Stores) &&
         Stores > 0;
}

bool WriteIndex::isConfiguration(const Decl *D) {
  if (!D)
    return false;
  index();
  auto It = VariableWriters.find(patternOf(D)->getCanonicalDecl());
  if (It == VariableWriters.end())
    return true;
  for (const FunctionDecl *W : It->second)
    if (W && !isa<CXXConstructorDecl>(W) && !isSetter(W))
      return false;
  return true;
}

} // namespace clang::tidy::leak::utils
