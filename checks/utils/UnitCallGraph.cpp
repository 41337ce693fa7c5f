//===--- UnitCallGraph.cpp - Who calls whom in a translation unit ---------===//

#include "UnitCallGraph.h"
#include "Escape.h"
#include "ProjectSummaries.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DynamicRecursiveASTVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"

namespace clang::tidy::leak::utils {

namespace {
using SiteMap = llvm::DenseMap<const FunctionDecl *,
                               llvm::SmallVector<UnitCallGraph::CallSite, 2>>;

bool isOnceCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee && Callee->getIdentifier() &&
         (Callee->getName() == "call_once" ||
          Callee->getName() == "pthread_once");
}

class CallCollector : public DynamicRecursiveASTVisitor {
public:
  CallCollector(SiteMap &Sites, llvm::DenseSet<const FunctionDecl *> &Taken,
                const SourceManager &SM)
      : Sites(Sites), Taken(Taken), SM(SM) {
    ShouldVisitTemplateInstantiations = false;
    ShouldVisitImplicitCode = false;
  }

  bool TraverseDecl(Decl *D) override {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D) &&
        SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation())))
      return true;
    const FunctionDecl *SavedFn = Current;
    unsigned SavedOnce = OnceDepth, SavedLoops = LoopDepth;
    if (const auto *F = dyn_cast<FunctionDecl>(D)) {
      Current = F;
      OnceDepth = 0;
      LoopDepth = 0;
    }
    // The initializer of a static runs once.
    const auto *Var = dyn_cast<VarDecl>(D);
    bool Static = Var && (Var->isStaticLocal() || Var->hasGlobalStorage());
    OnceDepth += Static;
    bool Result = DynamicRecursiveASTVisitor::TraverseDecl(D);
    Current = SavedFn;
    OnceDepth = SavedOnce;
    LoopDepth = SavedLoops;
    return Result;
  }

  // The visitor walks statements with a work queue: these hooks bracket the
  // traversal of each statement's whole subtree.
  bool dataTraverseStmtPre(Stmt *S) override {
    LoopDepth += isLoop(S);
    OnceDepth += isOnce(S);
    return true;
  }
  bool dataTraverseStmtPost(Stmt *S) override {
    LoopDepth -= isLoop(S);
    OnceDepth -= isOnce(S);
    return true;
  }

  bool TraverseLambdaExpr(LambdaExpr *L) override {
    const FunctionDecl *Saved = Current;
    unsigned SavedLoops = LoopDepth;
    Current = L->getCallOperator();
    LoopDepth = 0;
    bool Result = TraverseStmt(L->getBody());
    Current = Saved;
    LoopDepth = SavedLoops;
    return Result;
  }

  bool VisitCallExpr(CallExpr *Call) override {
    if (const FunctionDecl *Callee = calledFunction(Call)) {
      Callees.insert(Call->getCallee()->IgnoreParenImpCasts());
      add(Callee, Call);
    }
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) override {
    if (const CXXConstructorDecl *Ctor = Construct->getConstructor())
      add(Ctor, Construct);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) override {
    // A function named other than as a callee: its address escapes.
    if (const auto *F = dyn_cast<FunctionDecl>(Ref->getDecl()))
      if (!Callees.contains(Ref))
        Taken.insert(F->getCanonicalDecl());
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *UO) override {
    if (UO->getOpcode() == UO_AddrOf)
      if (const auto *Member = dyn_cast<DeclRefExpr>(UO->getSubExpr()))
        if (const auto *F = dyn_cast<FunctionDecl>(Member->getDecl()))
          Taken.insert(F->getCanonicalDecl());
    return true;
  }

private:
  static bool isLoop(const Stmt *S) {
    return isa_and_nonnull<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
  }
  static bool isOnce(const Stmt *S) {
    const auto *Call = dyn_cast_or_null<CallExpr>(S);
    return Call && isOnceCall(Call);
  }

  void add(const FunctionDecl *Callee, const Expr *Call) {
    Sites[Callee->getCanonicalDecl()].push_back(
        {Call, Current, OnceDepth > 0, LoopDepth > 0});
  }

  SiteMap &Sites;
  llvm::DenseSet<const FunctionDecl *> &Taken;
  const SourceManager &SM;
  const FunctionDecl *Current = nullptr;
  unsigned OnceDepth = 0;
  unsigned LoopDepth = 0;
  llvm::DenseSet<const Expr *> Callees;
};
} // namespace

UnitCallGraph::SiteMap &UnitCallGraph::index() {
  if (!Sites) {
    Sites.emplace();
    CallCollector Collector(*Sites, AddressTaken, Context.getSourceManager());
    Collector.TraverseDecl(Context.getTranslationUnitDecl());
  }
  return *Sites;
}

llvm::ArrayRef<UnitCallGraph::CallSite>
UnitCallGraph::callers(const FunctionDecl *F) {
  if (!F)
    return {};
  SiteMap &Map = index();
  auto It = Map.find(F->getCanonicalDecl());
  if (It == Map.end())
    return {};
  return It->second;
}

void UnitCallGraph::forEachCallee(
    llvm::function_ref<void(const FunctionDecl *, llvm::ArrayRef<CallSite>)>
        Visit) {
  for (const auto &[Callee, Sites] : index())
    Visit(Callee, Sites);
}

bool UnitCallGraph::hasUnseenCallers(const FunctionDecl *F) {
  if (!F)
    return true;
  index();
  if (AddressTaken.contains(F->getCanonicalDecl()))
    return true;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(F)) {
    if (Method->isVirtual())
      return true;
    if (Method->getAccess() == AS_private ||
        Method->getAccess() == AS_protected)
      return false;
  }
  return F->isExternallyVisible();
}

bool UnitCallGraph::reachedOnlyOnceInProject(const FunctionDecl *F) const {
  if (!Project || !Project->complete() || !F->isExternallyVisible())
    return false;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(F);
      Method && Method->isVirtual())
    return false;
  return Project->reachedOnlyOnce(callKeyOf(F));
}

bool UnitCallGraph::reachedOnlyOnce(
    const FunctionDecl *F,
    llvm::function_ref<bool(const FunctionDecl *)> IsOnceRoot, unsigned Depth,
    bool CallersInSight) {
  if (!F)
    return false;
  if (IsOnceRoot(F))
    return true;
  if (Depth == 0)
    return false;
  llvm::ArrayRef<CallSite> Sites = callers(F);
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  if (CallersInSight && !(Method && Method->isVirtual()) &&
      !addressTaken().contains(F->getCanonicalDecl())) {
    if (Sites.empty())
      return true; // Never called by the program: never grows.
  } else if (Sites.empty()) {
    return reachedOnlyOnceInProject(F); // Called from other units only.
  } else if (hasUnseenCallers(F)) {
    // Code elsewhere may call it too; when every call in sight runs once per
    // program (a registration in a static's initializer, through a macro),
    // the others are taken to be alike: once per call site.
    return llvm::all_of(Sites, [](const CallSite &S) { return S.Once; }) ||
           reachedOnlyOnceInProject(F);
  }
  for (const CallSite &Site : Sites) {
    if (Site.Once)
      continue;
    if (Site.InLoop)
      return false;
    if (!Site.Caller ||
        Site.Caller->getCanonicalDecl() == F->getCanonicalDecl())
      return false; // Namespace scope with no once marker, or recursion.
    if (!reachedOnlyOnce(Site.Caller, IsOnceRoot, Depth - 1))
      return false;
  }
  return true;
}

} // namespace clang::tidy::leak::utils
