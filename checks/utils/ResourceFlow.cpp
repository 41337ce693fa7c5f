//===--- ResourceFlow.cpp - One acquisition followed through a body -------===//

#include "ResourceFlow.h"
#include "ArgumentOwnership.h"
#include "ProjectSummaries.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include <functional>

namespace clang::tidy::leak::utils {

/// A local the function must release itself: not a reference, and not
/// released by a cleanup attribute when its scope ends.
static bool isLocalHandleVar(const ValueDecl *D) {
  const auto *VD = dyn_cast_or_null<VarDecl>(D);
  return VD && VD->hasLocalStorage() && !VD->getType()->isReferenceType() &&
         !releasedByCleanupAttribute(VD);
}

const ResourceKind *declaredAcquirer(const FunctionDecl *Callee,
                                     const ApiModel &Model) {
  for (const auto *Attr : Callee->specific_attrs<OwnershipAttr>()) {
    if (Attr->getOwnKind() != OwnershipAttr::Returns || !Attr->getModule())
      continue;
    int Arg = -1;
    // `ownership_returns(malloc)`: the kind `malloc` acquires.
    if (const ResourceKind *Kind = Model.findAcquirer(
            ("::" + Attr->getModule()->getName()).str(), Arg);
        Kind && Arg == -1)
      return Kind;
  }
  return nullptr;
}

namespace {
bool containsDeleteThis(const Stmt *S) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (const auto *Delete = dyn_cast<CXXDeleteExpr>(S))
    if (isa<CXXThisExpr>(Delete->getArgument()->IgnoreParenImpCasts()))
      return true;
  for (const Stmt *Child : S->children())
    if (containsDeleteThis(Child))
      return true;
  return false;
}
} // namespace

bool deletesItself(const CXXRecordDecl *Record) {
  if (!Record || !Record->hasDefinition())
    return false;
  Record = Record->getDefinition();
  auto Own = [](const CXXRecordDecl *R) {
    for (const CXXMethodDecl *M : R->methods()) {
      const FunctionDecl *Def = nullptr;
      if (M->hasBody(Def) && containsDeleteThis(Def->getBody()))
        return true;
    }
    return false;
  };
  // A method inherited from a base (`dismiss()`) deletes the derived
  // object too.
  return Own(Record) || !Record->forallBases([&](const CXXRecordDecl *Base) {
    return !Own(Base);
  });
}

namespace {
void collectReturnStmts(const Stmt *S,
                        llvm::SmallVectorImpl<const ReturnStmt *> &Out) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return;
  if (const auto *Ret = dyn_cast<ReturnStmt>(S))
    Out.push_back(Ret);
  for (const Stmt *Child : S->children())
    collectReturnStmts(Child, Out);
}

/// A value that means "nothing returned": null, or a negative constant.
bool isInvalidResult(const Expr *E, const ASTContext &Ctx) {
  E = E->IgnoreParenCasts();
  if (E->isValueDependent())
    return false;
  if (E->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                               Expr::NPC_ValueDependentIsNotNull) !=
      Expr::NPCK_NotNull)
    return true;
  Expr::EvalResult R;
  return E->EvaluateAsInt(R, Ctx) && R.Val.getInt().isNegative();
}

/// The resource \p E acquires itself: a model acquirer's call or new.
ReturnedResource directAcquisition(const Expr *E, const ApiModel &Model,
                                   ReturnedResources *Nested = nullptr,
                                   const EscapeOptions *Options = nullptr) {
  ReturnedResource R;
  E = E ? E->IgnoreParenCasts() : nullptr;
  if (const auto *New = dyn_cast_or_null<CXXNewExpr>(E)) {
    if (New->getNumPlacementArgs() == 0)
      R.New = New->isArray() ? ReturnedResource::NewForm::Array
                             : ReturnedResource::NewForm::Object;
    return R;
  }
  if (const auto *Call = dyn_cast_or_null<CallExpr>(E))
    if (const FunctionDecl *Callee = calledFunction(Call)) {
      int Arg = -1;
      const ResourceKind *Kind = Model.findAcquirer(qualifiedName(Callee), Arg);
      if (Kind && Arg == -1)
        R.Kind = Kind;
      // An acquirer of the unit's own, however deep (`zmalloc` calling
      // `ztrymalloc` calling `malloc`): what it returns.
      if (!Kind && Nested && Options)
        if (ReturnedResource Inner = Nested->of(Callee, Model, *Options);
            Inner && Inner.OutParam < 0)
          return Inner;
    }
  return R;
}
} // namespace

std::string kindKey(const ReturnedResource &R) {
  if (R.New != ReturnedResource::NewForm::None)
    return R.New == ReturnedResource::NewForm::Array ? "new[]" : "new";
  return R.Kind ? R.Kind->Pack + ":" + R.Kind->Name : "";
}

/// The returned resource a summary of another unit names by kindKey.
static ReturnedResource externalResource(const ExternalSummary &S,
                                         const ApiModel &Model) {
  ReturnedResource R;
  R.OutParam = S.OutParam;
  if (S.ReturnsKind == "new[]")
    R.New = ReturnedResource::NewForm::Array;
  else if (S.ReturnsKind == "new")
    R.New = ReturnedResource::NewForm::Object;
  else
    for (const ResourceKind &K : Model.Resources)
      if (S.ReturnsKind == K.Pack + ":" + K.Name)
        R.Kind = &K;
  return R;
}

bool mayReturnFreshResource(const FunctionDecl *Callee,
                            const SummaryIndex *Project) {
  if (!Callee)
    return false;
  if (!Callee->hasBody()) {
    const ExternalSummary *S = Project ? Project->function(Callee) : nullptr;
    return S && !S->ReturnsKind.empty();
  }
  QualType T = Callee->getReturnType();
  bool OutParam = T->isVoidType() &&
                  llvm::any_of(Callee->parameters(), [](const ParmVarDecl *P) {
                    const auto *Ref =
                        P->getType()->getAs<LValueReferenceType>();
                    return Ref && Ref->getPointeeType()->isPointerType();
                  });
  if (!T->isPointerType() && !T->isIntegerType() && !OutParam)
    return false;
  const SourceManager &SM = Callee->getASTContext().getSourceManager();
  return !SM.isInSystemHeader(SM.getExpansionLoc(Callee->getLocation()));
}

/// What the body \p Def gives the variable \p Held: the acquisition assigned
/// to it, when nothing but \p Def's returns (or its end) hands it on and
/// nothing releases it. An empty result otherwise.
static ReturnedResource
heldResource(const FunctionDecl *Def, const ValueDecl *Held,
             const ApiModel &Model, const EscapeOptions &Options,
             ReturnedResource Found, ReturnedResources &Nested);

/// A function returning nothing that writes a fresh resource through a
/// reference to a pointer.
static ReturnedResource outParameterResource(const FunctionDecl *Def,
                                             const ApiModel &Model,
                                             const EscapeOptions &Options,
                                             ReturnedResources &Nested) {
  for (unsigned I = 0; I < Def->getNumParams(); ++I) {
    const ParmVarDecl *P = Def->getParamDecl(I);
    const auto *Ref = P->getType()->getAs<LValueReferenceType>();
    if (!Ref || !Ref->getPointeeType()->isPointerType() ||
        Ref->getPointeeType().isConstQualified())
      continue;
    ReturnedResource R = heldResource(Def, P, Model, Options, {}, Nested);
    if (R) {
      R.OutParam = static_cast<int>(I);
      return R;
    }
  }
  return {};
}

static ReturnedResource
heldResource(const FunctionDecl *Def, const ValueDecl *Held,
             const ApiModel &Model, const EscapeOptions &Options,
             ReturnedResource Found, ReturnedResources &Nested) {
  // What the variable is given, and that nothing else takes or frees it.
  HandleRef H;
  H.Var = Held;
  bool Bad = false;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S || Bad || isa<LambdaExpr>(S))
      return;
    if (const auto *DS = dyn_cast<DeclStmt>(S))
      for (const Decl *D : DS->decls())
        if (D == Held)
          if (ReturnedResource R = directAcquisition(
                  cast<VarDecl>(D)->getInit(), Model, &Nested, &Options))
            Found = R;
    const Expr *Reacquired = nullptr; // `data = realloc(data, n)`
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->getOpcode() == BO_Assign)
      if (std::optional<HandleRef> LHS = handleRefOf(BO->getLHS());
          LHS && *LHS == H)
        if (ReturnedResource R =
                directAcquisition(BO->getRHS(), Model, &Nested, &Options)) {
          Found = R;
          Reacquired = BO->getRHS()->IgnoreParenCasts();
        }
    if (Reacquired) {
      // The release inside it is the acquisition's own business.
      for (const Stmt *Child : S->children()) {
        const auto *E = dyn_cast_or_null<Expr>(Child);
        if (!E || E->IgnoreParenCasts() != Reacquired)
          Walk(Child);
      }
      return;
    }
    if (!isa<ReturnStmt>(S)) {
      if (escapesAt(S, H, Options))
        Bad = true;
      if (const auto *Call = dyn_cast<CallExpr>(S))
        if (const FunctionDecl *F = calledFunction(Call);
            F && Model.isAnyReleaser(qualifiedName(F)))
          for (const Expr *Arg : Call->arguments())
            if (refersToHandle(Arg, H))
              Bad = true;
      if (const auto *Delete = dyn_cast<CXXDeleteExpr>(S))
        Bad |= refersToHandle(Delete->getArgument(), H);
    }
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  Walk(Def->getBody());
  if (Bad)
    return {};
  return Found;
}

ReturnedResource ReturnedResources::of(const FunctionDecl *Callee,
                                       const ApiModel &Model,
                                       const EscapeOptions &Options) {
  const FunctionDecl *Def = nullptr;
  if (Callee && !Callee->hasBody() && Options.Project)
    if (const ExternalSummary *S = Options.Project->function(Callee))
      return externalResource(*S, Model);
  if (!Callee || !Callee->hasBody(Def) || !Def || Def->isDependentContext())
    return {};
  auto [It, Inserted] = Known.try_emplace(Def);
  if (!Inserted)
    return It->second;
  const ASTContext &Ctx = Def->getASTContext();
  const SourceManager &SM = Ctx.getSourceManager();
  QualType T = Def->getReturnType();
  if (SM.isInSystemHeader(SM.getExpansionLoc(Def->getLocation())))
    return {};
  if (T->isVoidType()) {
    ReturnedResource Out = outParameterResource(Def, Model, Options, *this);
    It = Known.find(Def);
    It->second = Out;
    return Out;
  }
  if (!T->isPointerType() && !T->isIntegerType())
    return {};
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Def);
      Method && Method->isVirtual())
    return {};
  llvm::SmallVector<const ReturnStmt *, 4> Returns;
  collectReturnStmts(Def->getBody(), Returns);
  const ValueDecl *Held = nullptr;
  ReturnedResource Found;
  for (const ReturnStmt *Ret : Returns) {
    const Expr *Value = Ret->getRetValue();
    if (!Value)
      return {};
    if (isInvalidResult(Value, Ctx))
      continue;
    if (ReturnedResource Direct =
            directAcquisition(Value, Model, this, &Options)) {
      Found = Direct;
      continue;
    }
    std::optional<HandleRef> Ref = handleRefOf(Value);
    if (!Ref || !Ref->Fields.empty())
      return {};
    const auto *Local = dyn_cast<VarDecl>(Ref->Var);
    // A local (or a parameter) of its own: a global or member keeps it.
    if (!Local || !Local->hasLocalStorage() ||
        Local->getType()->isReferenceType() || (Held && Local != Held))
      return {};
    Held = Local;
  }
  if (Held)
    Found = heldResource(Def, Held, Model, Options, Found, *this);
  It = Known.find(Def);
  It->second = Found;
  return Found;
}

std::optional<Acquisition> describeAcquisition(const Expr *E, StmtAncestors Up,
                                               const ApiModel &Model,
                                               ReturnedResources *Returned,
                                               const EscapeOptions *Options) {
  if (!E)
    return std::nullopt;
  Acquisition A;
  A.Call = E;
  int HandleArg = -1;
  if (const auto *New = dyn_cast<CXXNewExpr>(E)) {
    if (New->getNumPlacementArgs() > 0)
      return std::nullopt; // Placement new does not own memory.
    // An object that deletes itself when its work is done (a completion
    // callback): its creator owns nothing.
    if (deletesItself(New->getAllocatedType()->getAsCXXRecordDecl()))
      return std::nullopt;
    // An object whose constructor registers it (hands `this` to its
    // owner-to-be) is owned from birth.
    if (const CXXConstructExpr *Construct = New->getConstructExpr();
        Construct && Options &&
        thisEscapes(Construct->getConstructor(), *Options))
      return std::nullopt;
    A.New = New->isArray() ? Acquisition::NewForm::Array
                           : Acquisition::NewForm::Object;
    A.Acquirer = New->isArray() ? "new[]" : "new";
  } else if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = calledFunction(Call);
    if (!Callee)
      return std::nullopt;
    A.Kind = Model.findAcquirer(qualifiedName(Callee), HandleArg);
    if (!A.Kind)
      A.Kind = declaredAcquirer(Callee, Model);
    if (!A.Kind && Returned && Options) {
      // A helper of the unit that returns a fresh resource.
      ReturnedResource R = Returned->of(Callee, Model, *Options);
      A.Kind = R.Kind;
      HandleArg = R.OutParam;
      if (R.New != ReturnedResource::NewForm::None)
        A.New = R.New == ReturnedResource::NewForm::Array
                    ? Acquisition::NewForm::Array
                    : Acquisition::NewForm::Object;
      if (!R)
        return std::nullopt;
    }
    if (!A.Kind && A.New == Acquisition::NewForm::None)
      return std::nullopt;
    A.Acquirer = Callee->getNameAsString();
    if (HandleArg >= 0) {
      if (static_cast<unsigned>(HandleArg) >= Call->getNumArgs())
        return std::nullopt;
      // A function returning nothing tells success by the handle itself.
      A.StatusReturn = !Callee->getReturnType()->isVoidType();
      const Expr *Arg = Call->getArg(HandleArg);
      std::optional<HandleRef> Ref = handleRefOf(Arg, /*AddressOf=*/true);
      if (!Ref && Arg->IgnoreParenCasts()->getType()->isArrayType())
        Ref = handleRefOf(Arg);
      // Passed to a reference parameter: the variable itself is written.
      if (!Ref && static_cast<unsigned>(HandleArg) < Callee->getNumParams() &&
          Callee->getParamDecl(HandleArg)->getType()->isReferenceType())
        Ref = handleRefOf(Arg);
      if (!Ref || !isLocalHandleVar(Ref->Var))
        return std::nullopt; // Written into something that outlives us.
      A.Handle = *Ref;
      const Stmt *Child = nullptr;
      const Stmt *P = parentIgnoringWrappers(E, Up, Child);
      if (const auto *DS = dyn_cast_or_null<DeclStmt>(P))
        A.Status = varInitializedBy(DS, Child);
      else if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
               BO && BO->getOpcode() == BO_Assign && BO->getRHS() == Child)
        if (std::optional<HandleRef> S = handleRefOf(BO->getLHS()))
          if (S->Fields.empty())
            A.Status = S->Var;
      return A;
    }
  } else {
    return std::nullopt;
  }

  const Stmt *Child = nullptr;
  const Stmt *P = parentIgnoringWrappers(E, Up, Child);
  if (const auto *DS = dyn_cast_or_null<DeclStmt>(P)) {
    const VarDecl *VD = varInitializedBy(DS, Child);
    if (isLocalHandleVar(VD))
      A.Handle.Var = VD; // Otherwise a static or global keeps it.
    return A;
  }
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
      BO && BO->getOpcode() == BO_Assign && BO->getRHS() == Child) {
    std::optional<HandleRef> Ref = handleRefOf(BO->getLHS());
    if (Ref && isLocalHandleVar(Ref->Var))
      A.Handle = *Ref;
    else
      A.Consumer = BO;
    return A;
  }
  if (isa_and_nonnull<CompoundStmt>(P)) {
    A.Discarded = true;
    return A;
  }
  A.Consumer = P;
  return A;
}

std::string handleName(const HandleRef &H) {
  if (!H.Var)
    return "";
  std::string Name = H.Var->getNameAsString();
  for (const FieldDecl *F : H.Fields)
    Name += "." + F->getNameAsString();
  return Name;
}

std::string releaserName(const Acquisition &A) {
  if (A.New == Acquisition::NewForm::Array)
    return "delete[]";
  if (A.New == Acquisition::NewForm::Object)
    return "delete";
  if (!A.Kind || A.Kind->Release.empty())
    return "";
  llvm::StringRef Name = A.Kind->Release.front().Function;
  Name.consume_front("::");
  return Name.str();
}

std::pair<llvm::StringRef, llvm::StringRef> verbs(const Acquisition &A) {
  std::string Rel = releaserName(A);
  llvm::StringRef R = Rel;
  if (R.starts_with("delete"))
    return {"allocated", "deleted"};
  if (R == "free")
    return {"allocated", "freed"};
  if (R.ends_with("close") || R == "closedir")
    return {"opened", "closed"};
  if (R == "munmap")
    return {"mapped", "unmapped"};
  if (R.ends_with("_delete") || R.ends_with("destroy"))
    return {"created", "deleted"};
  return {"acquired", "released"};
}

std::string kindName(const Acquisition &A) {
  if (A.New == Acquisition::NewForm::Array)
    return "array";
  if (A.New == Acquisition::NewForm::Object)
    return "object";
  return A.Kind ? A.Kind->Name : "resource";
}

/// True for `do { ... } while (0)` (a statement macro's wrapper) and
/// `while (false)`: the body runs at most once.
static bool isOnceLoop(const Stmt *S) {
  const Expr *Cond = nullptr;
  if (const auto *Do = dyn_cast<DoStmt>(S))
    Cond = Do->getCond();
  else if (const auto *While = dyn_cast<WhileStmt>(S))
    Cond = While->getCond();
  if (!Cond)
    return false;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *Int = dyn_cast<IntegerLiteral>(Cond))
    return Int->getValue().isZero();
  if (const auto *Bool = dyn_cast<CXXBoolLiteralExpr>(Cond))
    return !Bool->getValue();
  return false;
}

const Stmt *innermostLoop(const Stmt *E, StmtAncestors Up) {
  const Stmt *Child = E;
  for (const Stmt *S : llvm::reverse(Up)) {
    if (isa<LambdaExpr, BlockExpr>(S))
      return nullptr;
    if (const auto *For = dyn_cast<ForStmt>(S)) {
      if (Child != For->getInit())
        return S;
    } else if (const auto *Range = dyn_cast<CXXForRangeStmt>(S)) {
      if (Child == Range->getBody())
        return S;
    } else if (isa<WhileStmt, DoStmt>(S) && !isOnceLoop(S)) {
      return S;
    }
    Child = S;
  }
  return nullptr;
}

const Stmt *iterationLoop(const Acquisition &A, StmtAncestors Up,
                          const SourceManager &SM) {
  if (!A.Handle.Var || !A.Call)
    return nullptr;
  const Stmt *Loop = innermostLoop(A.Call, Up);
  if (!Loop)
    return nullptr;
  SourceLocation Decl = SM.getExpansionLoc(A.Handle.Var->getLocation());
  SourceRange R = Loop->getSourceRange();
  if (!SM.isPointWithin(Decl, SM.getExpansionLoc(R.getBegin()),
                        SM.getExpansionLoc(R.getEnd())))
    return nullptr;
  return Loop;
}

/// True when \p S holds a range-for over a range of dependent type.
static bool hasDependentRangeFor(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(S);
      Range && Range->getRangeInit() &&
      Range->getRangeInit()->isTypeDependent())
    return true;
  for (const Stmt *Child : S->children())
    if (hasDependentRangeFor(Child))
      return true;
  return false;
}

bool shouldAnalyse(
    const FunctionDecl *Fn, FunctionPathsCache &Paths, ASTContext &Context,
    llvm::SmallPtrSetImpl<const FunctionDecl *> &InstantiatedPatterns) {
  if (!Fn || Fn->isInvalidDecl() || !Fn->getBody())
    return false;
  if (!isInTemplateInstantiation(Fn))
    return true;
  const FunctionDecl *Pattern = Fn->getTemplateInstantiationPattern();
  // Building the definition's graph only to learn that it can be built would
  // cost every instantiation a CFG: look for the shape that defeats it first.
  if (!Pattern || !Pattern->getBody() ||
      !hasDependentRangeFor(Pattern->getBody()) ||
      Paths.get(Pattern->getBody(), Context))
    return false; // The definition itself is analysed.
  return InstantiatedPatterns.insert(Pattern->getCanonicalDecl()).second;
}

bool ResourceFlow::releases(const Stmt *S, const Acquisition &A) const {
  return releasesWhere(
      S, [&](const Expr *E) { return refersToHandle(E, A.Handle); });
}

bool ResourceFlow::releasesWhere(
    const Stmt *S, llvm::function_ref<bool(const Expr *)> Names) const {
  if (const auto *Delete = dyn_cast<CXXDeleteExpr>(S))
    return Names(Delete->getArgument());
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S))
    if (const CXXMethodDecl *M = Member->getMethodDecl();
        M && Names(Member->getImplicitObjectArgument())) {
      if (M->getIdentifier() &&
          llvm::is_contained(Options.ReleaseMethods, M->getName()))
        return true;
      // `task->dismiss()` whose body is `delete this;`.
      if (const FunctionDecl *Def = nullptr;
          M->hasBody(Def) && Def && containsDeleteThis(Def->getBody()))
        return true;
    }
  const auto *Call = dyn_cast<CallExpr>(S);
  const FunctionDecl *Callee = Call ? calledFunction(Call) : nullptr;
  if (!Callee)
    return false;
  std::string Name = qualifiedName(Callee);
  if (!Model.isAnyReleaser(Name))
    return false;
  for (const Expr *Arg : Call->arguments())
    if (Names(Arg))
      return true;
  return false;
}

/// An owner function's call that returns the new owner as a pointer.
static const CallExpr *fallibleOwnerCall(const Expr *E,
                                         const EscapeOptions &Options) {
  const auto *Call =
      dyn_cast_or_null<CallExpr>(E ? E->IgnoreParenCasts() : nullptr);
  const FunctionDecl *Callee = Call ? calledFunction(Call) : nullptr;
  if (!Callee || !Callee->getReturnType()->isPointerType() ||
      !nameMatchesAny(Options.OwnerFunctions, qualifiedName(Callee)))
    return nullptr;
  return Call;
}

std::vector<FallibleTransfer>
ResourceFlow::fallibleTransfers(const FunctionPaths &Paths,
                                const HandleRef &H) const {
  std::vector<FallibleTransfer> Out;
  for (const CopySite &Site : Paths.copiesOf(H.Var)) {
    const CallExpr *Call = fallibleOwnerCall(Site.Value, Options);
    if (!Call || !isLocalHandleVar(Site.Target) || Site.Target == H.Var)
      continue;
    for (const Expr *Arg : Call->arguments())
      if (carriesHandle(Arg, H, Options)) {
        FallibleTransfer T;
        T.Call = Call;
        T.Store = Site.At;
        T.Heir.Var = Site.Target;
        Out.push_back(T);
        break;
      }
  }
  return Out;
}

llvm::SmallVector<HandleRef, 2>
ResourceFlow::aliasesOf(const FunctionPaths &Paths, const HandleRef &H) const {
  llvm::SmallVector<HandleRef, 2> Aliases;
  auto Seen = [&](const VarDecl *V) {
    return llvm::any_of(Aliases,
                        [&](const HandleRef &P) { return P.Var == V; });
  };
  // From the handle, through copies of copies (in any order: the set does
  // not follow the paths). Each variable is followed with the place in it
  // that holds the handle: the variable itself, or the field of a local
  // struct it was stored in (`S.First = Data; char *P = S.First;`).
  llvm::SmallVector<HandleRef, 4> Work{H};
  while (!Work.empty() && Aliases.size() <= 8) {
    HandleRef Carried = Work.pop_back_val();
    for (const CopySite &Site : Paths.copiesOf(Carried.Var)) {
      const auto *V = dyn_cast<VarDecl>(Site.Target);
      // A copy into another plain local pointer or descriptor.
      // Or into a field of a local struct that is then given on whole
      // (`S.First = Data; sink(S);`): the struct carries the handle.
      if (!V || V == H.Var || !isLocalHandleVar(V) || Seen(V) ||
          V->getType()->isRecordType() != Site.IntoField ||
          !carriesHandle(Site.Value, Carried, Options))
        continue;
      HandleRef Next;
      Next.Var = V;
      if (Site.IntoField)
        if (const auto *Store = dyn_cast<BinaryOperator>(Site.At))
          if (std::optional<HandleRef> Place = handleRefOf(Store->getLHS()))
            Next = *Place;
      Aliases.push_back(Next);
      Work.push_back(Next);
    }
  }
  return Aliases;
}

/// True when \p S, or a method of the same object it calls (to \p Depth),
/// releases the member \p Field of `*this`: `free(query)`, `deinit()`.
bool ResourceFlow::releasesOwnField(const Stmt *S, const FieldDecl *Field,
                                    unsigned Depth) const {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return false;
  if (releasesWhere(S, [&](const Expr *E) {
        const auto *Member = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
        return Member && Member->getMemberDecl() == Field &&
               isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
      }))
    return true;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S); Call && Depth > 0)
    if (const CXXMethodDecl *M = Call->getMethodDecl();
        M && isa<CXXThisExpr>(
                 Call->getImplicitObjectArgument()->IgnoreParenImpCasts()))
      if (const FunctionDecl *Def = nullptr;
          M->hasBody(Def) && Def &&
          releasesOwnField(Def->getBody(), Field, Depth - 1))
        return true;
  return llvm::any_of(S->children(), [&](const Stmt *Child) {
    return releasesOwnField(Child, Field, Depth);
  });
}

OwnershipEvent
ResourceFlow::classify(const CFGElement &E, const Acquisition &A,
                       llvm::ArrayRef<FallibleTransfer> Transfers,
                       llvm::ArrayRef<HandleRef> Aliases) const {
  auto IsAlias = [&](const ValueDecl *V) {
    return V && llvm::any_of(Aliases,
                             [&](const HandleRef &P) { return P.Var == V; });
  };
  // A handle kept in a member of a local object whose destructor releases
  // that member (`u.query = strdup(q)`, `~Uri() { free(query); }`).
  if (auto Dtor = E.getAs<CFGAutomaticObjDtor>();
      Dtor && Dtor->getVarDecl() == A.Handle.Var && A.Handle.Fields.size() == 1)
    if (const auto *Record =
            Dtor->getVarDecl()->getType()->getAsCXXRecordDecl())
      if (const CXXDestructorDecl *D = Record->getDestructor())
        if (const FunctionDecl *Def = nullptr;
            D->hasBody(Def) && Def &&
            releasesOwnField(Def->getBody(), A.Handle.Fields[0], 2))
          return OwnershipEvent::Ends;
  const Stmt *S = elementStmt(E);
  if (!S)
    return OwnershipEvent::None;
  // Reached again (a loop): `p = realloc(p, n)` releases the block it held,
  // and so does a helper given the old block (`p = grow(p, n)`), or given a
  // copy of it (`tmp = realloc(files, n); ... files = tmp;`).
  if (S == A.Call) {
    if (releases(S, A) || escapesAt(S, A.Handle, Options))
      return OwnershipEvent::Ends;
    for (const HandleRef &Place : Aliases) {
      Acquisition Alias = A;
      Alias.Handle = Place;
      if (releases(S, Alias) || escapesAt(S, Alias.Handle, Options))
        return OwnershipEvent::Ends;
    }
    return OwnershipEvent::None;
  }
  for (const FallibleTransfer &T : Transfers) {
    if (S == T.Call || S == T.Store)
      return OwnershipEvent::None; // Decided by what happens to the heir.
    Acquisition Heir = A;
    Heir.Handle = T.Heir;
    if (releases(S, Heir) || escapesAt(S, T.Heir, Options))
      return OwnershipEvent::Ends;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->getOpcode() == BO_Assign) {
    const Expr *RHS = BO->getRHS()->IgnoreParenCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(RHS))
      RHS = EWC->getSubExpr()->IgnoreParenCasts();
    if (RHS == A.Call->IgnoreParenCasts())
      return OwnershipEvent::None; // Storing the acquisition itself.
  }
  if (releases(S, A))
    return OwnershipEvent::Ends;
  // A copy into an alias is no hand-over: the alias is followed too.
  auto IsAliasCopy = [&](const Escape &E) {
    if (E.Kind != EscapeKind::Stored)
      return false;
    if (const auto *DS = dyn_cast<DeclStmt>(E.At))
      return llvm::any_of(DS->decls(), [&](const Decl *D) {
        const auto *Var = dyn_cast<VarDecl>(D);
        // A local reference bound to the variable is the variable.
        if (Var && Var->getType()->isReferenceType() &&
            Var->hasLocalStorage() && Var->getInit())
          if (std::optional<HandleRef> Bound = handleRefOf(Var->getInit());
              Bound && Bound->Fields.empty() &&
              (Bound->Var == A.Handle.Var || IsAlias(Bound->Var)))
            return true;
        return IsAlias(Var);
      });
    std::optional<HandleRef> Target = handleRefOf(E.Target);
    if (!Target)
      return false;
    const auto *TargetVar = dyn_cast<VarDecl>(Target->Var);
    return (Target->Fields.empty() ||
            (TargetVar && TargetVar->getType()->isRecordType())) &&
           IsAlias(TargetVar);
  };
  if (Escape E = escapesAt(S, A.Handle, Options); E && !IsAliasCopy(E))
    return OwnershipEvent::Ends;
  for (const HandleRef &Place : Aliases) {
    Acquisition Alias = A;
    Alias.Handle = Place;
    if (releases(S, Alias))
      return OwnershipEvent::Ends;
    // A local struct carrying the handle in a field: releasing any of its
    // fields (`free(S.First)`) ends it, in case a copy of the struct or a
    // cast read the handle through another name.
    const ValueDecl *V = Place.Var;
    if (V->getType()->isRecordType() && releasesWhere(S, [&](const Expr *E) {
          std::optional<HandleRef> Ref = handleRefOf(E);
          return Ref && Ref->Var == V && !Ref->Fields.empty();
        }))
      return OwnershipEvent::Ends;
    if (Escape E = escapesAt(S, Alias.Handle, Options); E && !IsAliasCopy(E))
      return OwnershipEvent::Ends;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S);
      BO && BO->getOpcode() == BO_Assign && Aliases.empty())
    if (std::optional<HandleRef> LHS = handleRefOf(BO->getLHS());
        LHS && *LHS == A.Handle && !A.StatusReturn)
      return OwnershipEvent::Leaks; // Overwritten while held.
  return OwnershipEvent::None;
}

/// True when \p S reads one of \p Fn's parameters.
static bool readsParameterOf(const Stmt *S, const FunctionDecl *Fn) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    if (const auto *Param = dyn_cast<ParmVarDecl>(Ref->getDecl()))
      return Param->getDeclContext() == Fn;
  for (const Stmt *Child : S->children())
    if (readsParameterOf(Child, Fn))
      return true;
  return false;
}

bool inCommandLineLoop(StmtAncestors Up, const FunctionDecl *Fn) {
  if (!exitEndsProgram(Fn) || Fn->getNumParams() == 0)
    return false;
  for (const Stmt *S : Up) {
    const Expr *Cond = nullptr;
    if (const auto *For = dyn_cast<ForStmt>(S))
      Cond = For->getCond();
    else if (const auto *While = dyn_cast<WhileStmt>(S))
      Cond = While->getCond();
    else if (const auto *Do = dyn_cast<DoStmt>(S))
      Cond = Do->getCond();
    if (Cond && readsParameterOf(Cond, Fn))
      return true;
  }
  return false;
}

bool exitEndsProgram(const FunctionDecl *Fn) { return Fn && Fn->isMain(); }

/// A path query about one acquisition, with what its callbacks read kept
/// alive beside it (it must not move: the callbacks point into it).
class ResourceFlow::PreparedQuery {
public:
  PreparedQuery(const ResourceFlow &Flow, const FunctionPaths &Paths,
                const Acquisition &A, const Stmt *Loop, bool Exceptions,
                const FunctionDecl *Fn)
      : Flow(Flow), A(A) {
    Spec.Handle = A.Handle;
    Spec.Acquisition = A.Call;
    Spec.Status = A.Status;
    Spec.StatusReturn = A.StatusReturn;
    Spec.Project = Flow.Options.Project;
    static const std::vector<std::string> NullOnly = {"nullptr"};
    if (A.Kind)
      Spec.InvalidValues = A.Kind->InvalidValues;
    else
      Spec.InvalidValues = NullOnly; // new(std::nothrow)
    Transfers = Flow.fallibleTransfers(Paths, A.Handle);
    if (A.Handle.Fields.empty())
      Aliases = Flow.aliasesOf(Paths, A.Handle);
    // A copy that only ever holds its initializer (`FILE *Copy = Data;`,
    // never written again) tests the handle: `if (Copy != NULL)
    // fclose(Copy);` is the handle's own test.
    const Stmt *Body = Fn ? Fn->getBody() : nullptr;
    for (const HandleRef &Place : Aliases) {
      const auto *Copy = dyn_cast<VarDecl>(Place.Var);
      if (Body && Copy && Place.Fields.empty() && Copy->getInit() &&
          !Copy->getType()->isReferenceType() && !reassigns(Body, Copy)) {
        FailureSpec CopySpec = Spec;
        CopySpec.Handle = Place;
        CopySpec.Acquisition = nullptr;
        CopySpec.Status = nullptr;
        CopySpec.StatusReturn = false;
        CopySpecs.push_back(CopySpec);
      }
    }
    // What classify and failedWhen look at: the handle (and the fields on
    // the way to it), its status variable, its aliases and heirs.
    auto Mention = [&](const HandleRef &H) {
      Mentions.push_back(H.Var);
      Mentions.append(H.Fields.begin(), H.Fields.end());
    };
    Mention(A.Handle);
    if (A.Status)
      Mentions.push_back(A.Status);
    for (const HandleRef &Place : Aliases)
      Mentions.push_back(Place.Var);
    for (const FallibleTransfer &T : Transfers)
      Mention(T.Heir);
    Query.Classify = Classify;
    Query.AcquisitionFailed = Failed;
    Query.ExceptionExits = Exceptions && !Paths.exceptionEndsProgramFrom(Fn);
    Query.IterationOf = Loop;
    bool ProcessReclaims = !(A.Kind && A.Kind->OutlivesProcess);
    Query.ExitEndsProgram = exitEndsProgram(Fn) && ProcessReclaims;
    if (ProcessReclaims)
      Query.Function = Fn;
    Query.Mentions = Mentions;
  }
  PreparedQuery(const PreparedQuery &) = delete;
  PreparedQuery &operator=(const PreparedQuery &) = delete;

  const OwnershipQuery &query() const { return Query; }

private:
  const ResourceFlow &Flow;
  const Acquisition &A;
  FailureSpec Spec;
  /// The same for each copy of the handle that never changes.
  llvm::SmallVector<FailureSpec, 1> CopySpecs;
  std::vector<FallibleTransfer> Transfers;
  llvm::SmallVector<HandleRef, 2> Aliases;
  llvm::SmallVector<const ValueDecl *, 4> Mentions;
  std::function<OwnershipEvent(const CFGElement &)> Classify =
      [this](const CFGElement &E) {
        return Flow.classify(E, A, Transfers, Aliases);
      };
  std::function<bool(const Expr *, bool)> Failed = [this](const Expr *Cond,
                                                          bool TakenTrue) {
    std::optional<bool> When = failedWhen(Cond, Spec, Flow.Context);
    for (const FailureSpec &Copy : CopySpecs) {
      if (When)
        break;
      When = failedWhen(Cond, Copy, Flow.Context);
    }
    return When && *When == TakenTrue;
  };
  OwnershipQuery Query;
};

std::optional<LeakingPath>
ResourceFlow::findLeak(const FunctionPaths &Paths, const Acquisition &A,
                       const Stmt *Loop, bool Exceptions,
                       const FunctionDecl *Fn) const {
  PreparedQuery Prepared(*this, Paths, A, Loop, Exceptions, Fn);
  return Paths.findLeak(A.Call, Prepared.query());
}

llvm::BitVector ResourceFlow::mayLeak(const FunctionPaths &Paths,
                                      llvm::ArrayRef<Acquisition> Acquisitions,
                                      bool Exceptions,
                                      const FunctionDecl *Fn) const {
  std::vector<std::unique_ptr<PreparedQuery>> Prepared;
  std::vector<OwnershipQuery> Queries;
  std::vector<const Stmt *> Calls;
  for (const Acquisition &A : Acquisitions) {
    Prepared.push_back(std::make_unique<PreparedQuery>(*this, Paths, A, nullptr,
                                                       Exceptions, Fn));
    Queries.push_back(Prepared.back()->query());
    Calls.push_back(A.Call);
  }
  return Paths.mayLeak(Calls, Queries);
}

} // namespace clang::tidy::leak::utils
