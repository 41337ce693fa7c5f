//===--- FunctionSummaries.cpp - What a function does, read once ----------===//

#include "FunctionSummaries.h"
#include "Escape.h"
#include "ProjectSummaries.h"
#include "StableConditions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DynamicRecursiveASTVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::leak::utils {

namespace {
/// Deeper constant expressions than this are not folded.
constexpr unsigned MaxFoldDepth = 16;

/// Collects the return statements of a body (not those of lambdas or
/// blocks inside it, which return from other functions).
void collectReturns(const Stmt *S,
                    llvm::SmallVectorImpl<const ReturnStmt *> &Out) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return;
  if (const auto *Ret = dyn_cast<ReturnStmt>(S))
    Out.push_back(Ret);
  for (const Stmt *Child : S->children())
    collectReturns(Child, Out);
}

bool inSystemHeader(const Decl *D) {
  const SourceManager &SM = D->getASTContext().getSourceManager();
  return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
}

/// Records every declaration that the unit's code writes or gives away.
class WrittenCollector : public DynamicRecursiveASTVisitor {
public:
  explicit WrittenCollector(llvm::DenseSet<const Decl *> &Out) : Out(Out) {
    ShouldVisitTemplateInstantiations = true;
    ShouldVisitImplicitCode = true;
  }
  bool TraverseDecl(Decl *D) override {
    if (D && !isa<TranslationUnitDecl>(D) && inSystemHeader(D))
      return true;
    return DynamicRecursiveASTVisitor::TraverseDecl(D);
  }
  bool VisitStmt(Stmt *S) override {
    llvm::SmallVector<const Decl *, 4> Written, Given;
    declsWrittenBy(S, Written, Given);
    Out.insert(Written.begin(), Written.end());
    return true;
  }

private:
  llvm::DenseSet<const Decl *> &Out;
};
} // namespace

const FunctionSummary &FunctionSummaries::get(const FunctionDecl *FD) {
  static const FunctionSummary Unknown;
  const FunctionDecl *Definition = nullptr;
  if (!FD || !FD->hasBody(Definition) || !Definition ||
      Definition->isInvalidDecl() || Definition->isDependentContext())
    return Unknown;
  auto It = Summaries.find(Definition);
  if (It != Summaries.end())
    return It->second;
  if (!InProgress.insert(Definition).second)
    return Unknown; // Recursion: assume the call returns.
  FunctionSummary S = compute(Definition);
  InProgress.erase(Definition);
  return Summaries.try_emplace(Definition, S).first->second;
}

FunctionSummary FunctionSummaries::compute(const FunctionDecl *Definition) {
  FunctionSummary S;
  Stmt *Body = Definition->getBody();
  CFG::BuildOptions Options;
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(Definition, Body, &Context, Options);
  if (Graph) {
    // Does a path from the entry reach the exit, other than through a call
    // that does not return? (A throw reaching the exit counts: the caller
    // sees the exception.)
    llvm::SmallVector<const CFGBlock *, 16> Work{&Graph->getEntry()};
    llvm::DenseSet<const CFGBlock *> Seen{&Graph->getEntry()};
    bool Returns = false;
    while (!Work.empty() && !Returns) {
      const CFGBlock *B = Work.pop_back_val();
      if (B == &Graph->getExit()) {
        Returns = true;
        break;
      }
      if (B->hasNoReturnElement())
        continue;
      bool Stops = false;
      for (const CFGElement &E : *B)
        if (std::optional<CFGStmt> CS = E.getAs<CFGStmt>())
          if (const auto *Call = dyn_cast<CallExpr>(CS->getStmt()))
            if (const FunctionDecl *Callee = calledFunction(Call);
                Callee &&
                Callee->getCanonicalDecl() != Definition->getCanonicalDecl() &&
                neverReturns(Callee)) {
              Stops = true;
              break;
            }
      if (Stops)
        continue;
      for (const CFGBlock::AdjacentBlock &Succ : B->succs())
        if (const CFGBlock *Next = Succ.getReachableBlock())
          if (Seen.insert(Next).second)
            Work.push_back(Next);
    }
    S.NeverReturns = !Returns;
  }
  llvm::SmallVector<const ReturnStmt *, 4> Returns;
  collectReturns(Body, Returns);
  std::optional<int64_t> Common;
  for (const ReturnStmt *Ret : Returns) {
    std::optional<int64_t> V =
        Ret->getRetValue() ? fold(Ret->getRetValue()) : std::nullopt;
    if (!V || (Common && *Common != *V)) {
      Common.reset();
      break;
    }
    Common = V;
  }
  S.ReturnsConstant = Common;
  return S;
}

bool FunctionSummaries::neverReturns(const FunctionDecl *Callee) {
  if (!Callee)
    return false;
  if (Callee->isNoReturn() || Callee->hasAttr<AnalyzerNoReturnAttr>())
    return true;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
      Method && Method->isVirtual())
    return false;
  if (inSystemHeader(Callee))
    return false;
  if (const ExternalSummary *S = Project ? Project->function(Callee) : nullptr)
    return S->NeverReturns;
  return get(Callee).NeverReturns;
}

std::optional<int64_t> FunctionSummaries::constantResult(const CallExpr *Call) {
  const FunctionDecl *Callee = Call ? calledFunction(Call) : nullptr;
  if (!Callee || inSystemHeader(Callee))
    return std::nullopt;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
      Method && Method->isVirtual() && !Method->hasAttr<FinalAttr>() &&
      !Method->getParent()->hasAttr<FinalAttr>())
    return std::nullopt;
  if (const ExternalSummary *S = Project ? Project->function(Callee) : nullptr)
    return S->ReturnsConstant;
  return get(Callee).ReturnsConstant;
}

std::vector<const VarDecl *> FunctionSummaries::writtenGlobals() {
  std::vector<const VarDecl *> Vars;
  for (const Decl *D : writtenDecls())
    if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->hasGlobalStorage())
      Vars.push_back(Var);
  return Vars;
}

const llvm::DenseSet<const Decl *> &FunctionSummaries::writtenDecls() {
  if (!WrittenGlobals) {
    WrittenGlobals.emplace();
    WrittenCollector Collector(*WrittenGlobals);
    Collector.TraverseDecl(Context.getTranslationUnitDecl());
  }
  return *WrittenGlobals;
}

bool FunctionSummaries::isNeverWritten(const VarDecl *Var) {
  if (!Var || Var->hasLocalStorage() || Var->getType().isVolatileQualified() ||
      Var->getType()->isReferenceType())
    return false;
  // Another unit may write a global with external linkage.
  if (Var->isExternallyVisible() && !Var->isStaticLocal())
    return false;
  const llvm::DenseSet<const Decl *> &Written = writtenDecls();
  return !Written.contains(Var) && !Written.contains(Var->getCanonicalDecl());
}

std::optional<int64_t> FunctionSummaries::fold(const Expr *E) {
  struct Folder {
    FunctionSummaries &Summaries;
    unsigned Depth = 0;

    std::optional<int64_t> run(const Expr *E) {
      if (!E || ++Depth > MaxFoldDepth)
        return std::nullopt;
      std::optional<int64_t> V = step(E);
      --Depth;
      return V;
    }

    std::optional<int64_t> step(const Expr *E) {
      E = E->IgnoreParenCasts();
      if (E->isValueDependent() || E->isTypeDependent())
        return std::nullopt;
      ASTContext &Ctx = Summaries.Context;
      Expr::EvalResult R;
      if (E->EvaluateAsInt(R, Ctx))
        return R.Val.getInt().trySExtValue();
      if (E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull) !=
          Expr::NPCK_NotNull)
        return 0;
      if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
        if (const auto *Enum = dyn_cast<EnumConstantDecl>(Ref->getDecl()))
          return Enum->getInitVal().trySExtValue();
        const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        if (!Var)
          return std::nullopt;
        // `extern const int GlobalConstTrue;`, defined in another unit.
        if (!Var->getAnyInitializer() && Summaries.Project)
          return Summaries.Project->constant(Var);
        if (!Var->getAnyInitializer())
          return std::nullopt;
        QualType T = Var->getType();
        bool Constant = T.isConstQualified() && !T.isVolatileQualified() &&
                        !Var->hasLocalStorage();
        if (!Constant && !Summaries.isNeverWritten(Var))
          return std::nullopt;
        if (!T->isIntegralOrEnumerationType() && !T->isBooleanType() &&
            !T->isPointerType())
          return std::nullopt;
        return run(Var->getAnyInitializer());
      }
      if (const auto *Call = dyn_cast<CallExpr>(E))
        return Summaries.constantResult(Call);
      if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
        std::optional<int64_t> V = run(UO->getSubExpr());
        if (!V)
          return std::nullopt;
        switch (UO->getOpcode()) {
        case UO_LNot:
          return *V == 0;
        case UO_Minus:
          return static_cast<int64_t>(0 - static_cast<uint64_t>(*V));
        case UO_Not:
          return ~*V;
        case UO_Plus:
          return V;
        default:
          return std::nullopt;
        }
      }
      if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
        std::optional<int64_t> C = run(CO->getCond());
        if (!C)
          return std::nullopt;
        return run(*C ? CO->getTrueExpr() : CO->getFalseExpr());
      }
      if (const auto *BO = dyn_cast<BinaryOperator>(E))
        return binary(BO);
      return std::nullopt;
    }

    std::optional<int64_t> binary(const BinaryOperator *BO) {
      BinaryOperatorKind Op = BO->getOpcode();
      std::optional<int64_t> L = run(BO->getLHS());
      if (Op == BO_LAnd && L && *L == 0)
        return 0;
      if (Op == BO_LOr && L && *L != 0)
        return 1;
      std::optional<int64_t> Rv = run(BO->getRHS());
      if (Op == BO_LAnd && Rv && *Rv == 0)
        return 0;
      if (Op == BO_LOr && Rv && *Rv != 0)
        return 1;
      if (!L || !Rv)
        return std::nullopt;
      int64_t A = *L, B = *Rv;
      switch (Op) {
      case BO_LAnd:
        return A && B;
      case BO_LOr:
        return A || B;
      case BO_EQ:
        return A == B;
      case BO_NE:
        return A != B;
      case BO_LT:
        return A < B;
      case BO_GT:
        return A > B;
      case BO_LE:
        return A <= B;
      case BO_GE:
        return A >= B;
      case BO_Add:
        return static_cast<int64_t>(static_cast<uint64_t>(A) +
                                    static_cast<uint64_t>(B));
      case BO_Sub:
        return static_cast<int64_t>(static_cast<uint64_t>(A) -
                                    static_cast<uint64_t>(B));
      case BO_Mul:
        return static_cast<int64_t>(static_cast<uint64_t>(A) *
                                    static_cast<uint64_t>(B));
      case BO_And:
        return A & B;
      case BO_Or:
        return A | B;
      case BO_Xor:
        return A ^ B;
      default:
        return std::nullopt;
      }
    }
  };
  Folder F{*this};
  return F.run(E);
}

} // namespace clang::tidy::leak::utils
