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

std::string typeKey(QualType FnType, const CXXRecordDecl *Class) {
  if (FnType.isNull())
    return "";
  std::string Key = Class ? "m:" + Class->getQualifiedNameAsString() + ":"
                          : std::string("f:");
  return Key + FnType.getCanonicalType().getAsString();
}

/// Collects the function types whose pointers \p T carries: a pointer to a
/// function or member function, or such a field of a record it is or points
/// to (one level: `struct ops *`).
void functionTypesIn(QualType T, llvm::StringSet<> &Out, unsigned Depth = 0) {
  if (T.isNull() || Depth > 2)
    return;
  T = T.getNonReferenceType();
  if (const auto *MPT = T->getAs<MemberPointerType>()) {
    if (MPT->getPointeeType()->isFunctionType())
      Out.insert(
          typeKey(MPT->getPointeeType(), MPT->getMostRecentCXXRecordDecl()));
    return;
  }
  if (T->isFunctionType()) {
    Out.insert(typeKey(T, nullptr));
    return;
  }
  if (const auto *PT = T->getAs<PointerType>()) {
    QualType Pointee = PT->getPointeeType();
    if (Pointee->isFunctionType()) {
      Out.insert(typeKey(Pointee, nullptr));
      return;
    }
    T = Pointee;
  }
  if (const auto *Array = dyn_cast<ArrayType>(T.getCanonicalType()))
    T = Array->getElementType();
  if (const RecordDecl *RD = T->getAsRecordDecl())
    if (const RecordDecl *Def = RD->getDefinition())
      for (const FieldDecl *Field : Def->fields())
        functionTypesIn(Field->getType(), Out, Depth + 1);
}

/// The function a template instantiation was made from (the template's own
/// declaration), or \p F itself: the graph has one node per function as
/// written, whatever it is instantiated with.
static const FunctionDecl *asWritten(const FunctionDecl *F) {
  if (!F)
    return nullptr;
  if (const FunctionDecl *Pattern = F->getTemplateInstantiationPattern())
    return Pattern;
  return F;
}

class CallCollector : public DynamicRecursiveASTVisitor {
public:
  CallCollector(
      SiteMap &Sites, llvm::DenseSet<const FunctionDecl *> &Taken,
      llvm::DenseSet<const FunctionDecl *> &Cast,
      llvm::StringMap<llvm::SmallVector<UnitCallGraph::CallSite, 2>> &Indirect,
      llvm::StringSet<> &Escaped, const ASTContext &Context)
      : Sites(Sites), Taken(Taken), Cast(Cast), Indirect(Indirect),
        Escaped(Escaped), Context(Context), SM(Context.getSourceManager()) {
    // Instantiations too: a call whose arguments depend on a template
    // parameter (`add(C::Id)`) names its callee only there. Calls and
    // callers are recorded as written (asWritten), each site once.
    ShouldVisitTemplateInstantiations = true;
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
    const FunctionDecl *Callee = calledFunction(Call);
    if (Callee) {
      Callees.insert(Call->getCallee()->IgnoreParenImpCasts());
      add(Callee, Call);
    } else if (std::string Key = indirectCalleeKey(Call, Context);
               !Key.empty()) {
      // A call through a pointer of a known type reaches the project's
      // functions of that type, whose bodies are read: no escape.
      Indirect[Key].push_back({Call, Current, OnceDepth > 0, LoopDepth > 0});
      return true;
    }
    noteEscapes(Callee, Call->arguments());
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) override {
    if (const CXXConstructorDecl *Ctor = Construct->getConstructor())
      add(Ctor, Construct);
    noteEscapes(Construct->getConstructor(), Construct->arguments());
    return true;
  }

  bool VisitExplicitCastExpr(ExplicitCastExpr *CE) override {
    noteCast(CE);
    return true;
  }

  bool VisitImplicitCastExpr(ImplicitCastExpr *CE) override {
    if (CE->getCastKind() == CK_BitCast ||
        CE->getCastKind() == CK_PointerToIntegral)
      noteCast(CE);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) override {
    // A function named other than as a callee: its address escapes.
    if (const auto *F = dyn_cast<FunctionDecl>(Ref->getDecl()))
      if (!Callees.contains(Ref))
        Taken.insert(asWritten(F)->getCanonicalDecl());
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *UO) override {
    if (UO->getOpcode() == UO_AddrOf)
      if (const auto *Member = dyn_cast<DeclRefExpr>(UO->getSubExpr()))
        if (const auto *F = dyn_cast<FunctionDecl>(Member->getDecl()))
          Taken.insert(asWritten(F)->getCanonicalDecl());
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

  /// Function pointers given to code that is not seen: a call of a
  /// function without a body in this unit (a library, another unit).
  template <typename ArgRange>
  void noteEscapes(const FunctionDecl *Callee, ArgRange Args) {
    const FunctionDecl *Def = nullptr;
    if (Callee && Callee->hasBody(Def) && Def &&
        !SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())))
      return;
    for (const Expr *Arg : Args)
      if (Arg)
        functionTypesIn(Arg->getType(), Escaped);
  }

  /// A function named under a conversion to another type (`(void *)f`):
  /// calls through the result cannot be matched to it by type.
  void noteCast(const CastExpr *CE) {
    const Expr *Sub = CE->getSubExpr()->IgnoreParens();
    while (const auto *Inner = dyn_cast<ImplicitCastExpr>(Sub))
      Sub = Inner->getSubExpr()->IgnoreParens();
    if (const auto *UO = dyn_cast<UnaryOperator>(Sub);
        UO && UO->getOpcode() == UO_AddrOf)
      Sub = UO->getSubExpr()->IgnoreParens();
    const auto *Ref = dyn_cast<DeclRefExpr>(Sub);
    const auto *F = Ref ? dyn_cast<FunctionDecl>(Ref->getDecl()) : nullptr;
    if (!F)
      return;
    QualType To = CE->getType();
    if (const auto *PT = To->getAs<PointerType>())
      To = PT->getPointeeType();
    if (!To->isFunctionType() ||
        !Context.hasSameType(To.getCanonicalType(),
                             F->getType().getCanonicalType()))
      Cast.insert(asWritten(F)->getCanonicalDecl());
  }

  void add(const FunctionDecl *Callee, const Expr *Call) {
    const FunctionDecl *Caller = asWritten(Current);
    const FunctionDecl *Key = asWritten(Callee)->getCanonicalDecl();
    // The same call in the template and in each instantiation: once.
    if (!Recorded.insert({Key, Caller, Call->getBeginLoc().getRawEncoding()})
             .second)
      return;
    Sites[Key].push_back({Call, Caller, OnceDepth > 0, LoopDepth > 0});
  }

  SiteMap &Sites;
  llvm::DenseSet<const FunctionDecl *> &Taken;
  llvm::DenseSet<const FunctionDecl *> &Cast;
  llvm::StringMap<llvm::SmallVector<UnitCallGraph::CallSite, 2>> &Indirect;
  llvm::StringSet<> &Escaped;
  const ASTContext &Context;
  const SourceManager &SM;
  const FunctionDecl *Current = nullptr;
  unsigned OnceDepth = 0;
  unsigned LoopDepth = 0;
  llvm::DenseSet<const Expr *> Callees;
  llvm::DenseSet<std::tuple<const FunctionDecl *, const FunctionDecl *,
                            SourceLocation::UIntTy>>
      Recorded;
};
} // namespace

std::string functionTypeKey(const FunctionDecl *F) {
  if (!F)
    return "";
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  return typeKey(F->getType(),
                 Method && !Method->isStatic() ? Method->getParent() : nullptr);
}

std::string indirectCalleeKey(const CallExpr *Call, const ASTContext &Context) {
  if (Call->getDirectCallee() ||
      isa<CXXPseudoDestructorExpr>(Call->getCallee()->IgnoreParenImpCasts()))
    return "";
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(Callee);
      BO && BO->isPtrMemOp()) {
    const auto *MPT = BO->getRHS()->getType()->getAs<MemberPointerType>();
    if (!MPT)
      return "";
    return typeKey(MPT->getPointeeType(), MPT->getMostRecentCXXRecordDecl());
  }
  // A method called through its name is no call through a pointer (a
  // virtual call); a field holding a function pointer is.
  if (const auto *Member = dyn_cast<MemberExpr>(Callee);
      Member && !isa<FieldDecl>(Member->getMemberDecl()))
    return "";
  if (isa<UnresolvedLookupExpr, UnresolvedMemberExpr,
          CXXDependentScopeMemberExpr>(Callee) ||
      Callee->isTypeDependent())
    return ""; // Not known before instantiation.
  QualType T = Callee->getType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  if (!T->isFunctionType())
    return ""; // A functor, a std::function: called through operator().
  (void)Context;
  return typeKey(T, nullptr);
}

UnitCallGraph::SiteMap &UnitCallGraph::index() {
  if (!Sites) {
    Sites.emplace();
    CallCollector Collector(*Sites, AddressTaken, AddressCast, Indirect,
                            EscapedTypes, Context);
    Collector.TraverseDecl(Context.getTranslationUnitDecl());
  }
  return *Sites;
}

llvm::ArrayRef<UnitCallGraph::CallSite>
UnitCallGraph::callers(const FunctionDecl *F) {
  if (!F)
    return {};
  SiteMap &Map = index();
  auto It = Map.find(asWritten(F)->getCanonicalDecl());
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
  if (AddressTaken.contains(asWritten(F)->getCanonicalDecl()))
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

bool UnitCallGraph::isOnceInitializerOnly(const FunctionDecl *F,
                                          unsigned Depth) {
  // Called through a pointer: from anywhere. (Other code calling it by
  // name is taken to do as the calls in sight do.)
  if (!F || Depth == 0 ||
      addressTaken().contains(asWritten(F)->getCanonicalDecl()))
    return false;
  llvm::ArrayRef<CallSite> Sites = callers(F);
  return !Sites.empty() && llvm::all_of(Sites, [&](const CallSite &S) {
    return S.Once ||
           (!S.InLoop && S.Caller &&
            S.Caller->getCanonicalDecl() != asWritten(F)->getCanonicalDecl() &&
            isOnceInitializerOnly(S.Caller, Depth - 1));
  });
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
      !addressTaken().contains(asWritten(F)->getCanonicalDecl())) {
    if (Sites.empty())
      return true; // Never called by the program: never grows.
  } else if (Sites.empty()) {
    return reachedOnlyOnceInProject(F); // Called from other units only.
  } else if (hasUnseenCallers(F)) {
    // Code elsewhere may call it too; when every call in sight runs once per
    // program (a registration in a static's initializer, through a macro,
    // or in a function only such an initializer calls), the others are
    // taken to be alike: once per call site.
    return llvm::all_of(Sites,
                        [&](const CallSite &S) {
                          return S.Once ||
                                 (!S.InLoop && S.Caller &&
                                  S.Caller->getCanonicalDecl() !=
                                      asWritten(F)->getCanonicalDecl() &&
                                  isOnceInitializerOnly(S.Caller, Depth - 1));
                        }) ||
           reachedOnlyOnceInProject(F);
  }
  for (const CallSite &Site : Sites) {
    if (Site.Once)
      continue;
    if (Site.InLoop)
      return false;
    if (!Site.Caller ||
        Site.Caller->getCanonicalDecl() == asWritten(F)->getCanonicalDecl())
      return false; // Namespace scope with no once marker, or recursion.
    if (!reachedOnlyOnce(Site.Caller, IsOnceRoot, Depth - 1))
      return false;
  }
  return true;
}

} // namespace clang::tidy::leak::utils
