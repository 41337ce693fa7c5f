//===--- CallableResolution.cpp - The body a thread or task runs ----------===//

#include "CallableResolution.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::leak::utils {

/// True for `&Class::method` naming a non-static member function.
static bool isMemberPointer(const UnaryOperator *U) {
  const auto *Ref = dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParens());
  const auto *Method = Ref ? dyn_cast<CXXMethodDecl>(Ref->getDecl()) : nullptr;
  return Method && !Method->isStatic();
}

/// Strips the wrappers a callable argument picks up on its way into a
/// constructor: casts, temporaries, parentheses, `&f`, std::move.
static const Expr *stripCallable(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = B->getSubExpr();
    else if (const auto *C = dyn_cast<CXXFunctionalCastExpr>(Next))
      Next = C->getSubExpr();
    else if (const auto *C = dyn_cast<CastExpr>(Next))
      Next = C->getSubExpr();
    else if (const auto *U = dyn_cast<UnaryOperator>(Next);
             U && U->getOpcode() == UO_AddrOf && !isMemberPointer(U))
      Next = U->getSubExpr();
    else if (const auto *Call = dyn_cast<CallExpr>(Next);
             Call && Call->getNumArgs() == 1 && Call->getDirectCallee() &&
             Call->getDirectCallee()->isInStdNamespace() &&
             Call->getDirectCallee()->getName() == "move")
      Next = Call->getArg(0);
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Next);
             Construct && Construct->getNumArgs() == 1 &&
             (Construct->getConstructor()->isCopyOrMoveConstructor() ||
              Construct->getConstructor()->isConvertingConstructor(false)) &&
             !isa<LambdaExpr>(Construct->getArg(0)->IgnoreParenImpCasts()))
      Next = Construct->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

static std::optional<ResolvedCallable> withBody(CallableKind Kind,
                                                const FunctionDecl *F,
                                                const Expr *Object = nullptr) {
  if (!F)
    return std::nullopt;
  if (const FunctionTemplateDecl *Pattern = F->getPrimaryTemplate())
    if (!F->hasBody())
      F = Pattern->getTemplatedDecl();
  const FunctionDecl *Def = nullptr;
  if (!F->hasBody(Def) || !Def || Def->isInvalidDecl())
    return std::nullopt;
  ResolvedCallable R;
  R.Kind = Kind;
  R.Function = Def;
  R.Body = Def->getBody();
  R.Object = Object;
  if (!R.Body)
    return std::nullopt;
  return R;
}

/// The operator() of \p Record: the only one, or the only non-template one.
static const FunctionDecl *callOperatorOf(const CXXRecordDecl *Record) {
  if (!Record || !Record->hasDefinition())
    return nullptr;
  Record = Record->getDefinition();
  if (Record->isLambda())
    return Record->getLambdaCallOperator();
  const FunctionDecl *Found = nullptr;
  for (const Decl *D : Record->decls()) {
    const FunctionDecl *F = nullptr;
    if (const auto *M = dyn_cast<CXXMethodDecl>(D))
      F = M;
    else if (const auto *T = dyn_cast<FunctionTemplateDecl>(D))
      F = T->getTemplatedDecl();
    if (!F || F->getOverloadedOperator() != OO_Call)
      continue;
    if (Found)
      return nullptr; // Overloaded: we cannot tell which one runs.
    Found = F;
  }
  return Found;
}

static std::optional<ResolvedCallable>
resolve(const Expr *Callable, llvm::ArrayRef<const Expr *> Rest,
        unsigned Depth) {
  if (!Callable || Depth > 4)
    return std::nullopt;
  const Expr *E = stripCallable(Callable);
  if (!E || E->isTypeDependent())
    return std::nullopt;

  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return withBody(CallableKind::Lambda, Lambda->getCallOperator());

  // &Class::method, object.
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_AddrOf)
    if (const auto *Ref =
            dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParens()))
      if (const auto *Method = dyn_cast<CXXMethodDecl>(Ref->getDecl())) {
        if (Method->isStatic())
          return withBody(CallableKind::Function, Method);
        return withBody(CallableKind::MemberFunction, Method,
                        Rest.empty() ? nullptr : Rest.front());
      }

  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *D = Ref->getDecl();
    if (const auto *F = dyn_cast<FunctionDecl>(D))
      return withBody(CallableKind::Function, F);
    if (const auto *Var = dyn_cast<VarDecl>(D)) {
      // A local `auto Fn = [..] {..};` or a functor object.
      if (const Expr *Init = Var->getInit())
        if (std::optional<ResolvedCallable> R = resolve(Init, Rest, Depth + 1))
          return R;
      if (const FunctionDecl *Op = callOperatorOf(
              Var->getType().getNonReferenceType()->getAsCXXRecordDecl()))
        return withBody(CallableKind::Functor, Op);
    }
    return std::nullopt;
  }

  // std::bind(f, args...) / std::bind_front(f, args...).
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->isInStdNamespace() && Call->getNumArgs() >= 1 &&
        (Callee->getName() == "bind" || Callee->getName() == "bind_front")) {
      llvm::SmallVector<const Expr *, 4> BindRest;
      for (unsigned I = 1, N = Call->getNumArgs(); I < N; ++I)
        BindRest.push_back(Call->getArg(I));
      if (std::optional<ResolvedCallable> R =
              resolve(Call->getArg(0), BindRest, Depth + 1)) {
        if (R->Kind != CallableKind::MemberFunction)
          R->Kind = CallableKind::Bind;
        return R;
      }
    }
    return std::nullopt;
  }

  // A functor built in place: Worker{...}, Worker(...).
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return withBody(CallableKind::Functor,
                    callOperatorOf(Construct->getType()->getAsCXXRecordDecl()));
  if (isa<InitListExpr, CXXMemberCallExpr, MemberExpr>(E))
    if (const FunctionDecl *Op =
            callOperatorOf(E->getType()->getAsCXXRecordDecl()))
      return withBody(CallableKind::Functor, Op);
  return std::nullopt;
}

std::optional<ResolvedCallable>
resolveCallable(const Expr *Callable, llvm::ArrayRef<const Expr *> Rest) {
  return resolve(Callable, Rest, 0);
}

const Expr *spawnedCallable(const Expr *E,
                            llvm::SmallVectorImpl<const Expr *> &Rest) {
  Rest.clear();
  if (!E)
    return nullptr;
  E = E->IgnoreParenImpCasts();
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() == 0)
      return nullptr;
    for (unsigned I = 1, N = Construct->getNumArgs(); I < N; ++I)
      Rest.push_back(Construct->getArg(I));
    return Construct->getArg(0);
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->getName() == "pthread_create" &&
        Call->getNumArgs() == 4) {
      Rest.push_back(Call->getArg(3));
      return Call->getArg(2);
    }
  }
  return nullptr;
}

} // namespace clang::tidy::leak::utils
