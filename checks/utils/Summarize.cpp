//===--- Summarize.cpp - A function's summary for other units -------------===//

#include "Summarize.h"
#include "Escape.h"
#include "HandleTests.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::leak::utils {

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
/// (`free(*P)`, `free(Array[2])`), or an assignment through one (`*P = 0`).
bool keepsCarried(const Stmt *S, const Carriers &C, const ApiModel &Model,
                  const EscapeOptions &O) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (C.isCopy(S))
    return false;
  // `*P = NULL`, `Array[2] = Other`: the caller's handle slot changes.
  // (Writing a counter the pointer reaches, `W->Uses += 1`, does not.)
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->isAssignmentOp() && BO->getLHS()->getType()->isPointerType()) {
    bool Through = false;
    if (C.rootOf(BO->getLHS(), &Through) && Through)
      return true;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *F = calledFunction(Call);
        F && Model.isAnyReleaser(qualifiedName(F)))
      for (const Expr *Arg : Call->arguments())
        if (C.rootOf(Arg))
          return true;
  if (const auto *Delete = dyn_cast<CXXDeleteExpr>(S))
    if (C.rootOf(Delete->getArgument()))
      return true;
  for (const VarDecl *Var : C.vars()) {
    HandleRef H;
    H.Var = Var;
    if (escapesAt(S, H, O))
      return true;
  }
  for (const Stmt *Child : S->children())
    if (keepsCarried(Child, C, Model, O))
      return true;
  return false;
}
} // namespace

ExternalSummary summarizeFunction(const FunctionDecl *Def,
                                  const ApiModel &Model,
                                  const EscapeOptions &Options,
                                  FunctionSummaries &Summaries,
                                  ReturnedResources &Returned) {
  ExternalSummary S;
  S.Usr = usrOf(Def->getCanonicalDecl());
  S.Name = qualifiedName(Def);
  const FunctionSummary &Own = Summaries.get(Def);
  S.NeverReturns = Own.NeverReturns;
  S.ReturnsConstant = Own.ReturnsConstant;
  ReturnedResource R = Returned.of(Def, Model, Options);
  S.ReturnsKind = kindKey(R);
  S.OutParam = R ? R.OutParam : -1;
  if (Def->isVariadic())
    return S; // What the extra arguments become is not read.
  for (unsigned I = 0; I < Def->getNumParams(); ++I) {
    // The handle itself, or what the parameter points to (a handle passed
    // by address, in an array or a struct): followed through the locals it
    // is copied into.
    std::vector<Forward> Forwards;
    EscapeOptions Recording = Options;
    Recording.Forwards = &Forwards;
    Carriers C(Def->getParamDecl(I), Def->getBody());
    bool Keeps = keepsCarried(Def->getBody(), C, Model, Recording);
    S.Params.push_back(
        static_cast<char>(Keeps ? ParamFate::Kept : ParamFate::Borrowed));
    S.Forwards.push_back(Keeps ? std::vector<Forward>() : std::move(Forwards));
  }
  while (!S.Forwards.empty() && S.Forwards.back().empty())
    S.Forwards.pop_back();
  return S;
}

std::optional<ExternalConstant> summarizeConstant(const VarDecl *Var) {
  if (!Var || !Var->hasGlobalStorage() || Var->isStaticLocal() ||
      !Var->hasInit() || !isSummarizedAcrossUnits(Var))
    return std::nullopt;
  QualType T = Var->getType();
  if (T.isVolatileQualified() || !T->isIntegralOrEnumerationType())
    return std::nullopt;
  Expr::EvalResult R;
  const Expr *Init = Var->getInit();
  if (Init->isValueDependent() || !Init->EvaluateAsInt(R, Var->getASTContext()))
    return std::nullopt;
  std::optional<int64_t> Value = R.Val.getInt().trySExtValue();
  if (!Value)
    return std::nullopt;
  return ExternalConstant{usrOf(Var->getCanonicalDecl()),
                          Var->getQualifiedNameAsString(), *Value,
                          !T.isConstQualified()};
}

llvm::Error writeUnitSummaries(llvm::StringRef Path, const UnitSummaries &S) {
  std::string Temp = (Path + ".part").str();
  {
    std::error_code EC;
    llvm::raw_fd_ostream OS(Temp, EC);
    if (EC)
      return llvm::createFileError(Temp, EC);
    OS << toJSON(S) << "\n";
    OS.close();
    if (OS.has_error())
      return llvm::createFileError(Temp, OS.error());
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path))
    return llvm::createFileError(Path, EC);
  return llvm::Error::success();
}

} // namespace clang::tidy::leak::utils

namespace clang::tidy::leak::utils {
std::vector<std::string> writtenGlobalUsrs(FunctionSummaries &Summaries) {
  std::vector<std::string> Usrs;
  for (const VarDecl *Var : Summaries.writtenGlobals())
    if (Var->hasGlobalStorage() && !Var->isStaticLocal() &&
        Var->isExternallyVisible())
      Usrs.push_back(usrOf(Var->getCanonicalDecl()));
  llvm::sort(Usrs);
  Usrs.erase(std::unique(Usrs.begin(), Usrs.end()), Usrs.end());
  return Usrs;
}
} // namespace clang::tidy::leak::utils
