//===--- Summarize.cpp - A function's summary for other units -------------===//

#include "Summarize.h"
#include "Escape.h"
#include "HandleTests.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::leak::utils {

/// `return fd >= 0;` (or `-1 != fd`): a test of a parameter against a
/// constant, which a caller testing a handle can read as its own test.
static void describeValidityTest(const FunctionDecl *Def, ExternalSummary &S) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  const auto *Ret = Body && Body->size() == 1
                        ? dyn_cast<ReturnStmt>(Body->body_front())
                        : nullptr;
  const auto *BO =
      Ret && Ret->getRetValue()
          ? dyn_cast<BinaryOperator>(Ret->getRetValue()->IgnoreParenImpCasts())
          : nullptr;
  if (!BO || !BO->isComparisonOp())
    return;
  BinaryOperatorKind Op = BO->getOpcode();
  const Expr *Tested = BO->getLHS()->IgnoreParenImpCasts();
  const Expr *Value = BO->getRHS();
  if (!isa<DeclRefExpr>(Tested)) {
    std::swap(Tested, Value);
    Tested = Tested->IgnoreParenImpCasts();
    Op = BinaryOperator::reverseComparisonOp(Op);
  }
  const auto *Ref = dyn_cast<DeclRefExpr>(Tested);
  const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
  Expr::EvalResult R;
  if (!Param || !Param->getType()->isIntegralOrEnumerationType() ||
      Value->isValueDependent() ||
      !Value->EvaluateAsInt(R, Def->getASTContext()))
    return;
  std::optional<int64_t> N = R.Val.getInt().trySExtValue();
  if (!N)
    return;
  S.ValidityParam = static_cast<int>(Param->getFunctionScopeIndex());
  S.ValidityOp = BinaryOperator::getOpcodeStr(Op).str();
  S.ValidityValue = *N;
}

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
  describeValidityTest(Def, S);
  if (Def->isVariadic())
    return S; // What the extra arguments become is not read.
  for (unsigned I = 0; I < Def->getNumParams(); ++I) {
    // The handle itself, or what the parameter points to (a handle passed
    // by address, in an array or a struct): followed through the locals it
    // is copied into.
    std::vector<Forward> Forwards;
    EscapeOptions Recording = Options;
    Recording.Forwards = &Forwards;
    bool Keeps = keepsParameter(Def, I, Recording);
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
    if (OS.has_error()) {
      std::error_code Failed = OS.error();
      OS.clear_error(); // The destructor would abort.
      return llvm::createFileError(Temp, Failed);
    }
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
