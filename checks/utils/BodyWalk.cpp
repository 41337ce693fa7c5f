//===--- BodyWalk.cpp - Top-down walks of function bodies -----------------===//

#include "BodyWalk.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::leak::utils {

static void
walkStmt(const Stmt *S, llvm::SmallVectorImpl<const Stmt *> &Up,
         llvm::function_ref<void(const Stmt *, StmtAncestors)> Visit) {
  if (!S)
    return;
  Visit(S, Up);
  Up.push_back(S);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    for (const Expr *Init : Lambda->capture_inits())
      walkStmt(Init, Up, Visit);
  } else {
    for (const Stmt *Child : S->children())
      walkStmt(Child, Up, Visit);
  }
  Up.pop_back();
}

void walkBody(const Stmt *Body,
              llvm::function_ref<void(const Stmt *, StmtAncestors)> Visit) {
  llvm::SmallVector<const Stmt *, 32> Up;
  walkStmt(Body, Up, Visit);
}

static bool isInstantiation(TemplateSpecializationKind Kind) {
  return Kind == TSK_ImplicitInstantiation ||
         Kind == TSK_ExplicitInstantiationDefinition ||
         Kind == TSK_ExplicitInstantiationDeclaration;
}

bool isInTemplateInstantiation(const Decl *D) {
  for (; D; D = dyn_cast_or_null<Decl>(D->getDeclContext())) {
    if (const auto *F = dyn_cast<FunctionDecl>(D);
        F && isInstantiation(F->getTemplateSpecializationKind()))
      return true;
    if (const auto *R = dyn_cast<CXXRecordDecl>(D);
        R && isInstantiation(R->getTemplateSpecializationKind()))
      return true;
    if (const auto *V = dyn_cast<VarDecl>(D);
        V && isInstantiation(V->getTemplateSpecializationKind()))
      return true;
  }
  return false;
}

const Stmt *parentIgnoringWrappers(const Stmt *S, StmtAncestors Up,
                                   const Stmt *&Child) {
  Child = S;
  for (const Stmt *P : llvm::reverse(Up)) {
    if (!isa<ParenExpr, CastExpr, ExprWithCleanups, MaterializeTemporaryExpr,
             CXXBindTemporaryExpr>(P))
      return P;
    Child = P;
  }
  return nullptr;
}

const VarDecl *varInitializedBy(const DeclStmt *DS, const Stmt *Init) {
  for (const Decl *D : DS->decls())
    if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit() == Init)
      return VD;
  return nullptr;
}

void BodyIndex::addBody(const FunctionDecl *Fn) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
      Method && Method->getParent()->isLambda())
    return;
  if (Fn->getBody())
    Bodies.push_back(Fn);
}

const ParentMap &BodyIndex::parentsOf(const FunctionDecl *Fn) {
  std::unique_ptr<ParentMap> &Map = Maps[Fn];
  if (!Map)
    Map = std::make_unique<ParentMap>(const_cast<Stmt *>(Fn->getBody()));
  return *Map;
}

BodyIndex::Owner BodyIndex::find(const Stmt *S, const SourceManager &SM) {
  SourceLocation Loc = SM.getExpansionLoc(S->getBeginLoc());
  for (const FunctionDecl *Fn : Bodies) {
    SourceRange R = Fn->getBody()->getSourceRange();
    if (!SM.isPointWithin(Loc, SM.getExpansionLoc(R.getBegin()),
                          SM.getExpansionLoc(R.getEnd())))
      continue;
    // A template and its instantiations share the range; a local class's
    // methods lie within their function's: only one body holds \p S.
    const ParentMap &Parents = parentsOf(Fn);
    if (Parents.hasParent(S))
      return {Fn, &Parents};
  }
  return {};
}

} // namespace clang::tidy::leak::utils
