//===--- StableConditions.cpp - Branches that must agree ------------------===//

#include "StableConditions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

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

/// Collects what \p S writes, or lets something else write.
static void collectWritten(const Stmt *S, llvm::DenseSet<const Decl *> &Out) {
  if (!S)
    return;
  llvm::SmallVector<const Decl *, 4> Decls;
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->isAssignmentOp())
      namedDecls(BO->getLHS(), Decls);
  } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp() || UO->getOpcode() == UO_AddrOf)
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
  Out.insert(Decls.begin(), Decls.end());
  for (const Stmt *Child : S->children())
    collectWritten(Child, Out);
}

StableConditions::StableConditions(const Stmt *Body, const ASTContext &Context)
    : Body(Body), Context(Context) {
  collectWritten(Body, Written);
}

bool StableConditions::isStable(const Expr *E) const {
  if (!E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (isa<IntegerLiteral, CXXBoolLiteralExpr, CXXNullPtrLiteralExpr,
          CharacterLiteral, FloatingLiteral>(E))
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *D = DRE->getDecl();
    if (isa<EnumConstantDecl>(D))
      return true;
    const auto *VD = dyn_cast<VarDecl>(D);
    if (!VD || VD->getType()->isReferenceType())
      return false;
    if (VD->getType().isConstQualified())
      return true;
    return VD->hasLocalStorage() && !Written.contains(VD);
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Field || Field->isMutable() || Field->getType()->isReferenceType())
      return false;
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    if (const auto *This = dyn_cast<CXXThisExpr>(Base)) {
      // A const member function cannot change *this (but for mutable
      // members); elsewhere only const fields are stable.
      return Field->getType().isConstQualified() ||
             This->getType()->getPointeeType().isConstQualified();
    }
    // A const field of a named object (a reference cannot be re-seated), or
    // of the object a stable pointer points to.
    if (Field->getType().isConstQualified() && isa<DeclRefExpr>(Base))
      return !ME->isArrow() || isStable(Base);
    if (ME->isArrow())
      return false; // Another object, reached through a pointer.
    return !Written.contains(Field) && isStable(Base);
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    switch (UO->getOpcode()) {
    case UO_LNot:
    case UO_Minus:
    case UO_Plus:
    case UO_Not:
      return isStable(UO->getSubExpr());
    default:
      return false;
    }
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return !BO->isAssignmentOp() && BO->getOpcode() != BO_Comma &&
           isStable(BO->getLHS()) && isStable(BO->getRHS());
  return false;
}

/// \p Cond without parentheses, implicit casts and `!`.
static const Expr *stripNegations(const Expr *Cond, bool &Negated) {
  Negated = false;
  while (true) {
    Cond = Cond->IgnoreParenImpCasts();
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
  const Expr *Base = stripNegations(Cond, Negated);
  if (Base->isValueDependent() || !isStable(Base))
    return -1;
  llvm::FoldingSetNodeID ID;
  Base->Profile(ID, Context, /*Canonical=*/true);
  auto [It, Inserted] = Ids.try_emplace(ID, static_cast<int>(Ids.size()));
  return It->second;
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
  bool Ignored = false;
  int Id = idOf(Base, Ignored);
  if (Id >= 0)
    Facts.push_back({Id, Value});
}

/// The statements from \p Root down to \p Target (excluded), or false when
/// \p Target is not below \p Root. Lambda bodies are other functions.
static bool pathTo(const Stmt *Root, const Stmt *Target,
                   llvm::SmallVectorImpl<const Stmt *> &Path) {
  if (!Root)
    return false;
  if (Root == Target)
    return true;
  if (isa<LambdaExpr>(Root))
    return false;
  Path.push_back(Root);
  for (const Stmt *Child : Root->children())
    if (pathTo(Child, Target, Path))
      return true;
  Path.pop_back();
  return false;
}

llvm::SmallVector<std::pair<int, bool>, 4>
StableConditions::factsAt(const Stmt *S) {
  llvm::SmallVector<std::pair<int, bool>, 4> Facts;
  llvm::SmallVector<const Stmt *, 16> Path;
  if (!pathTo(Body, S, Path))
    return Facts;
  Path.push_back(S);
  for (size_t I = 0; I + 1 < Path.size(); ++I) {
    const auto *If = dyn_cast<IfStmt>(Path[I]);
    if (!If || If->isConsteval() || !If->getCond())
      continue;
    if (Path[I + 1] == If->getThen())
      addFacts(If->getCond(), true, Facts);
    else if (Path[I + 1] == If->getElse())
      addFacts(If->getCond(), false, Facts);
  }
  return Facts;
}

} // namespace clang::tidy::leak::utils
