//===--- StorageLifetime.cpp - Objects that live as long as the program --===//

#include "StorageLifetime.h"
#include "ApiModel.h"
#include "StopSignals.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/DynamicRecursiveASTVisitor.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::leak::utils {

namespace {
enum : unsigned {
  FlagStatic = 1,
  FlagInMain = 2,
  FlagPerRequest = 4,
  /// A static pointer or reference that creates nothing (`Foo *g = nullptr;`,
  /// later `g = &local;`): long-lived, but owning no object of its own.
  FlagStaticReference = 8
};
} // namespace

bool hasProgramLifetime(const VarDecl *VD) {
  if (!VD)
    return false;
  return VD->hasGlobalStorage() || VD->getTLSKind() != VarDecl::TLS_None;
}

const CXXRecordDecl *normalizeRecord(const CXXRecordDecl *RD) {
  if (!RD)
    return nullptr;
  // Walk to the pattern: a class template specialization, or a member class
  // of one, was instantiated from a definition in the template.
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    const CXXRecordDecl *Pattern = RD->getTemplateInstantiationPattern();
    if (!Pattern || Pattern == RD)
      break;
    RD = Pattern;
  }
  return RD->getCanonicalDecl();
}

const FieldDecl *normalizeField(const FieldDecl *FD) {
  if (!FD)
    return nullptr;
  const auto *Parent = dyn_cast<CXXRecordDecl>(FD->getParent());
  const CXXRecordDecl *Pattern = Parent ? normalizeRecord(Parent) : nullptr;
  if (!Parent || !Pattern || Pattern == Parent->getCanonicalDecl())
    return FD->getCanonicalDecl();
  const CXXRecordDecl *Def = Pattern->getDefinition();
  if (!Def)
    return FD->getCanonicalDecl();
  if (FD->getDeclName()) {
    for (const NamedDecl *ND : Def->lookup(FD->getDeclName()))
      if (const auto *PF = dyn_cast<FieldDecl>(ND))
        return PF->getCanonicalDecl();
    return FD->getCanonicalDecl();
  }
  // Unnamed fields (anonymous structs) pair up by position.
  unsigned Index = FD->getFieldIndex();
  for (const FieldDecl *PF : Def->fields())
    if (PF->getFieldIndex() == Index)
      return PF->getCanonicalDecl();
  return FD->getCanonicalDecl();
}

static std::string qualifiedName(const NamedDecl *ND) {
  PrintingPolicy Policy(ND->getASTContext().getLangOpts());
  Policy.SuppressInlineNamespace =
      llvm::to_underlying(PrintingPolicy::SuppressInlineNamespaceMode::All);
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  ND->printQualifiedName(OS, Policy);
  return Name;
}

/// Wrappers whose first template argument is the held object. Sole owners
/// share their object's lifetime; the others only point at it.
static bool isWrapper(const NamedDecl *ND, bool SoleOwnerOnly) {
  static const std::vector<std::string> Owners = {
      "::std::unique_ptr", "::std::optional", "::boost::scoped_ptr",
      "::boost::optional", "::absl::optional"};
  static const std::vector<std::string> Pointers = {
      "::std::shared_ptr", "::std::reference_wrapper", "::boost::shared_ptr"};
  std::string Name = qualifiedName(ND);
  return nameMatchesAny(Owners, Name) ||
         (!SoleOwnerOnly && nameMatchesAny(Pointers, Name));
}

void collectHeldRecords(QualType T,
                        llvm::SmallPtrSetImpl<const CXXRecordDecl *> &Out,
                        bool ThroughPointers) {
  for (unsigned Depth = 0; Depth < 8 && !T.isNull(); ++Depth) {
    T = T.getNonReferenceType();
    if (const Type *Elem = T->getBaseElementTypeUnsafe();
        Elem && Elem != T.getTypePtr()) {
      T = QualType(Elem, 0);
      continue;
    }
    if (const auto *PT = T->getAs<PointerType>()) {
      if (!ThroughPointers)
        return;
      T = PT->getPointeeType();
      continue;
    }
    if (const auto *TST = T->getAs<TemplateSpecializationType>();
        TST && T->isDependentType()) {
      const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl();
      if (!TD)
        return;
      if (isWrapper(TD, !ThroughPointers)) {
        ArrayRef<TemplateArgument> Args = TST->template_arguments();
        if (Args.empty() || Args[0].getKind() != TemplateArgument::Type)
          return;
        T = Args[0].getAsType();
        continue;
      }
      if (const auto *RD =
              dyn_cast_or_null<CXXRecordDecl>(TD->getTemplatedDecl()))
        Out.insert(normalizeRecord(RD));
      return;
    }
    const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
    if (!RD)
      return;
    if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(RD);
        Spec && isWrapper(Spec, !ThroughPointers)) {
      const TemplateArgumentList &Args = Spec->getTemplateArgs();
      if (Args.size() == 0 || Args[0].getKind() != TemplateArgument::Type)
        return;
      T = Args[0].getAsType();
      continue;
    }
    Out.insert(normalizeRecord(RD));
    return;
  }
}

void LifetimeIndex::addCreation(QualType T, Creation C) {
  llvm::SmallPtrSet<const CXXRecordDecl *, 4> Held;
  collectHeldRecords(T, Held, /*ThroughPointers=*/true);
  unsigned Flag = C == Creation::Static            ? FlagStatic
                  : C == Creation::StaticReference ? FlagStaticReference
                  : C == Creation::InMain          ? FlagInMain
                                                   : FlagPerRequest;
  for (const CXXRecordDecl *RD : Held)
    Flags[RD] |= Flag;
}

void LifetimeIndex::finish(bool CreatedInMainIsLongLived) {
  // An object's members and base subobjects share its lifetime; so do the
  // objects it owns through pointers. Propagate flags to a fixpoint.
  llvm::SmallVector<const CXXRecordDecl *, 16> Work;
  for (const auto &Entry : Flags)
    Work.push_back(Entry.first);
  while (!Work.empty()) {
    const CXXRecordDecl *RD = Work.pop_back_val();
    unsigned F = Flags.lookup(RD);
    const CXXRecordDecl *Def = RD->getDefinition();
    if (!Def || Def->isInvalidDecl())
      continue;
    llvm::SmallPtrSet<const CXXRecordDecl *, 8> Parts;
    for (const FieldDecl *FD : Def->fields())
      if (!FD->getType()->isReferenceType())
        collectHeldRecords(FD->getType(), Parts, /*ThroughPointers=*/false);
    for (const CXXBaseSpecifier &Base : Def->bases())
      collectHeldRecords(Base.getType(), Parts, /*ThroughPointers=*/false);
    for (const CXXRecordDecl *Part : Parts) {
      unsigned &PF = Flags[Part];
      if ((PF | F) != PF) {
        PF |= F;
        Work.push_back(Part);
      }
    }
  }
  for (const auto &Entry : Flags) {
    if (Entry.second & FlagPerRequest)
      PerRequest.insert(Entry.first);
    if ((Entry.second & (FlagStatic | FlagStaticReference)) ||
        (CreatedInMainIsLongLived && (Entry.second & FlagInMain)))
      LongLived.insert(Entry.first);
    if (Entry.second & FlagStatic)
      StaticallyHeld.insert(Entry.first);
  }
}

bool LifetimeIndex::isLongLivedOnlyInMain(const CXXRecordDecl *RD) const {
  if (!RD)
    return false;
  const CXXRecordDecl *N = normalizeRecord(RD);
  return LongLived.contains(N) && !StaticallyHeld.contains(N);
}

bool LifetimeIndex::isLongLivedRecord(const CXXRecordDecl *RD) const {
  return RD && LongLived.contains(normalizeRecord(RD));
}

bool LifetimeIndex::isPerRequestRecord(const CXXRecordDecl *RD) const {
  return RD && PerRequest.contains(normalizeRecord(RD));
}

bool LifetimeIndex::isLongLived(const FieldDecl *FD) const {
  if (!FD)
    return false;
  const auto *RD = dyn_cast<CXXRecordDecl>(FD->getParent());
  return isLongLivedRecord(RD) && !isPerRequestRecord(RD);
}

bool LifetimeIndex::isLongLived(const ValueDecl *VD) const {
  if (const auto *Var = dyn_cast_or_null<VarDecl>(VD))
    return hasProgramLifetime(Var);
  if (const auto *FD = dyn_cast_or_null<FieldDecl>(VD))
    return isLongLived(FD);
  return false;
}

namespace {

/// A `new T`, `std::make_unique<T>` or `std::make_shared<T>` at the heart of
/// \p E (through casts, temporaries and a converting smart-pointer
/// constructor), or null.
const Expr *findCreation(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 6; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E)) {
      E = EWC->getSubExpr();
      continue;
    }
    if (const auto *BTE = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = BTE->getSubExpr();
      continue;
    }
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = MTE->getSubExpr();
      continue;
    }
    if (isa<CXXNewExpr>(E))
      return E;
    if (const auto *CE = dyn_cast<CallExpr>(E)) {
      if (const auto *FD = CE->getDirectCallee();
          FD && FD->getIdentifier() &&
          (FD->getName() == "make_unique" || FD->getName() == "make_shared" ||
           FD->getName() == "allocate_shared"))
        return E;
      return nullptr;
    }
    if (const auto *Ctor = dyn_cast<CXXConstructExpr>(E)) {
      if (Ctor->getNumArgs() == 0)
        return nullptr;
      E = Ctor->getArg(0);
      continue;
    }
    return nullptr;
  }
  return nullptr;
}

bool refersToProgramLifetimeVar(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return hasProgramLifetime(dyn_cast<VarDecl>(DRE->getDecl()));
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return hasProgramLifetime(dyn_cast<VarDecl>(ME->getMemberDecl()));
  return false;
}

bool isMemberRef(const Expr *E) {
  return isa<MemberExpr>(E->IgnoreParenImpCasts());
}

class CreationVisitor : public DynamicRecursiveASTVisitor {
public:
  CreationVisitor(LifetimeIndex &Index,
                  llvm::function_ref<bool(const FunctionDecl *)> RunsOnce)
      : Index(Index), RunsOnce(RunsOnce) {
    ShouldVisitTemplateInstantiations = true;
  }

  bool TraverseDecl(Decl *D) override {
    const auto *FD = dyn_cast_or_null<FunctionDecl>(D);
    unsigned SavedLoops = LoopDepth;
    if (FD) {
      Functions.push_back(FD);
      LoopDepth = 0;
    }
    bool Result = DynamicRecursiveASTVisitor::TraverseDecl(D);
    if (FD) {
      Functions.pop_back();
      LoopDepth = SavedLoops;
    }
    return Result;
  }

  // The visitor walks statements with a work queue: these hooks bracket the
  // traversal of each statement's whole subtree. A lambda's body may run
  // any number of times, like a loop's.
  bool dataTraverseStmtPre(Stmt *S) override {
    LoopDepth += repeats(S);
    return true;
  }
  bool dataTraverseStmtPost(Stmt *S) override {
    LoopDepth -= repeats(S);
    return true;
  }

  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) override {
    // A member initialized with `new` is owned by its object.
    if (Init && Init->getInit())
      consume(Init->getInit());
    return DynamicRecursiveASTVisitor::TraverseConstructorInitializer(Init);
  }

  bool VisitVarDecl(VarDecl *VD) override {
    if (isa<ParmVarDecl>(VD) || VD->isInvalidDecl())
      return true;
    if (hasProgramLifetime(VD)) {
      QualType T = VD->getType();
      bool Creates = !(T->isPointerType() || T->isReferenceType()) ||
                     (VD->getInit() && findCreation(VD->getInit()));
      if (VD->getInit())
        consume(VD->getInit());
      Index.addCreation(T, Creates ? LifetimeIndex::Creation::Static
                                   : LifetimeIndex::Creation::StaticReference);
      return true;
    }
    // A local object is created here; a local pointer or reference refers
    // to an object created elsewhere (its `new`, if any, is seen on its own).
    QualType T = VD->getType();
    if (T->isReferenceType() || T->isPointerType())
      return true;
    llvm::SmallPtrSet<const CXXRecordDecl *, 4> Held;
    collectHeldRecords(T, Held, /*ThroughPointers=*/false);
    if (const auto *RD = T->getAsCXXRecordDecl();
        RD && Held.size() == 1 && *Held.begin() == normalizeRecord(RD))
      Index.addCreation(T, context());
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) override {
    if (BO->getOpcode() == BO_Assign)
      assigned(BO->getLHS(), BO->getRHS());
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *OE) override {
    if (OE->getOperator() == OO_Equal && OE->getNumArgs() == 2)
      assigned(OE->getArg(0), OE->getArg(1));
    return true;
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *MC) override {
    // holder.reset(new T)
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (M && M->getIdentifier() && M->getName() == "reset" &&
        MC->getNumArgs() == 1)
      assigned(MC->getImplicitObjectArgument(), MC->getArg(0));
    return true;
  }

  bool VisitCXXNewExpr(CXXNewExpr *NE) override {
    // The `new` inside std::make_unique and friends: the creation is
    // counted where they are called.
    if (!Functions.empty() && isInStd(Functions.back()))
      return true;
    if (!Consumed.contains(NE))
      Index.addCreation(NE->getAllocatedType(), context());
    return true;
  }

  static bool isInStd(const Decl *D) {
    for (const DeclContext *DC = D->getDeclContext(); DC; DC = DC->getParent())
      if (DC->isStdNamespace())
        return true;
    return false;
  }

  bool VisitCallExpr(CallExpr *CE) override {
    if (findCreation(CE) == CE && !Consumed.contains(CE))
      Index.addCreation(CE->getType(), context());
    return true;
  }

private:
  static bool repeats(const Stmt *S) {
    return isLoop(S) || isa_and_nonnull<LambdaExpr>(S);
  }

  LifetimeIndex::Creation context() const {
    for (const FunctionDecl *FD : Functions)
      if (FD->isMain())
        return LifetimeIndex::Creation::InMain;
    // Code outside any function runs in a static's initializer.
    if (Functions.empty())
      return LifetimeIndex::Creation::InMain;
    // Outside loops of a function that runs once per program (a start-up
    // helper `main` calls once): created once, like in `main`.
    if (RunsOnce && LoopDepth == 0 && RunsOnce(Functions.back()))
      return LifetimeIndex::Creation::InMain;
    return LifetimeIndex::Creation::PerRequest;
  }

  void consume(const Expr *E) {
    if (const Expr *C = findCreation(E))
      Consumed.insert(C);
  }

  void assigned(const Expr *LHS, const Expr *RHS) {
    if (!LHS || !RHS)
      return;
    const Expr *C = findCreation(RHS);
    if (!C)
      return;
    if (refersToProgramLifetimeVar(LHS)) {
      Consumed.insert(C);
      Index.addCreation(C->getType(), LifetimeIndex::Creation::Static);
      return;
    }
    // Owned by the object whose member it is assigned to.
    if (isMemberRef(LHS))
      Consumed.insert(C);
  }

  LifetimeIndex &Index;
  llvm::function_ref<bool(const FunctionDecl *)> RunsOnce;
  llvm::SmallVector<const FunctionDecl *, 4> Functions;
  unsigned LoopDepth = 0;
  llvm::SmallPtrSet<const Expr *, 16> Consumed;
};

} // namespace

LifetimeIndex
LifetimeIndex::build(ASTContext &Ctx, bool CreatedInMainIsLongLived,
                     llvm::function_ref<bool(const FunctionDecl *)> RunsOnce) {
  LifetimeIndex Index;
  CreationVisitor Visitor(Index, RunsOnce);
  Visitor.TraverseAST(Ctx);
  Index.finish(CreatedInMainIsLongLived);
  return Index;
}

} // namespace clang::tidy::leak::utils
