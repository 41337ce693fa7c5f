//===--- WriteIndex.cpp - Which functions write which variables -----------===//

#include "WriteIndex.h"
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
    llvm::SmallVector<const Decl *, 4> Written, Given;
    declsWrittenBy(S, Written, Given);
    bool Constant = storesConstant(S);
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

/// True when \p S stores one of \p Setter's parameters, as it is, into a
/// field: `this->threads_ = n;`, `s->nthreads = n;`.
static bool storesParameter(const Stmt *S, const FunctionDecl *Setter) {
  const auto *Assign = dyn_cast<BinaryOperator>(S);
  if (!Assign || Assign->getOpcode() != BO_Assign ||
      !isa<MemberExpr>(Assign->getLHS()->IgnoreParenImpCasts()))
    return false;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Assign->getRHS()->IgnoreParenImpCasts());
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  return Param && Param->getDeclContext() == Setter;
}

/// True when \p W is a setter: its body only stores parameters into fields
/// (and returns nothing or `*this`). A setter passes on what it is given
/// once, as a constructor does; the value is configured, not computed.
static bool isSetter(const FunctionDecl *W) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(W->getBody());
  if (!Body || Body->body_empty())
    return false;
  return llvm::all_of(Body->body(), [&](const Stmt *S) {
    if (const auto *Return = dyn_cast<ReturnStmt>(S)) {
      const Expr *Value = Return->getRetValue();
      const auto *Deref =
          Value ? dyn_cast<UnaryOperator>(Value->IgnoreParenImpCasts())
                : nullptr;
      return !Value || (Deref && Deref->getOpcode() == UO_Deref &&
                        isa<CXXThisExpr>(Deref->getSubExpr()->IgnoreParens()));
    }
    return storesParameter(S, W);
  });
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
