//===--- UnboundedCacheCheck.cpp - LeakGuard
//--------------------------------------===//
//
// A translation-unit-wide analysis: check() records, for every container it
// can name (a variable, a data member, or the container an accessor returns
// by reference), the places where it grows, where it loses entries or
// memory, and where its size() is compared against a bound.
// onEndOfTranslationUnit() then keeps the long-lived containers (see
// utils/StorageLifetime.h) that grow and never shrink, and reports them.
//
//===----------------------------------------------------------------------===//

#include "UnboundedCacheCheck.h"
#include "utils/ApiModel.h"
#include "utils/HandleTests.h"
#include "utils/Matchers.h"
#include "utils/OptionUtils.h"
#include "utils/SharedOptions.h"
#include "utils/StorageLifetime.h"
#include "utils/UnitCallGraph.h"
#include "utils/WriteIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/STLExtras.h"
#include <optional>

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

using Via = UnboundedCacheCheck::Via;
using EventKind = UnboundedCacheCheck::EventKind;

static std::vector<std::string> withExtras(std::vector<std::string> Defaults,
                                           StringRef Extra) {
  // Semicolon-separated, as clang-tidy's list options.
  llvm::SmallVector<StringRef, 8> Items;
  Extra.split(Items, ';', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef Item : Items)
    if (!Item.trim().empty())
      Defaults.push_back(Item.trim().str());
  return Defaults;
}

UnboundedCacheCheck::UnboundedCacheCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Rules(Name, Options, Context),
      RetainedCapacity(utils::readBoolOption(Options, Context, Name,
                                             "RetainedCapacity", false)),
      SingletonHeuristic(utils::readBoolOption(Options, Context, Name,
                                               "SingletonHeuristic", true)),
      StorePath(Options.getLocalOrGlobal("LeakGuardSummaryStore", "")) {
  // The driver's first phase writes summaries; it reads none.
  if (Options.getLocalOrGlobal("LeakGuardSummaryOutput", "").empty())
    Project = utils::loadSummaryStore(StorePath, Context);
  StringRef Types = Options.get("ContainerTypes", "");
  StringRef Grow = Options.get("GrowMethods", "");
  StringRef Shrink = Options.get("ShrinkMethods", "");
  ExtraContainerTypes = withExtras({}, Types);
  ExtraGrowMethods = withExtras({}, Grow);
  ExtraShrinkMethods = withExtras({}, Shrink);
  StartupFunctions = withExtras(
      {}, Options.get("StartupFunctions", "init;Init;setup;Setup;setUp"));
  const utils::ApiModel &Model = Rules.model();
  ContainerTypes = Model.ContainerTypes;
  llvm::append_range(ContainerTypes, ExtraContainerTypes);
  GrowMethods = Model.GrowMethods;
  llvm::append_range(GrowMethods, ExtraGrowMethods);
  ShrinkMethods = Model.ShrinkMethods;
  llvm::append_range(ShrinkMethods, ExtraShrinkMethods);
  ThreadTypes = Model.ThreadTypes;
  llvm::append_range(ThreadTypes, Model.SelfJoiningThreads);
}

/// True when \p T is a container of threads: a pool, whose growth and
/// joining the thread checks judge (leak-unbounded-spawn,
/// leak-unjoined-thread), not a cache.
static bool holdsThreads(QualType T, const std::vector<std::string> &Threads) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray()) {
    if (Arg.getKind() != TemplateArgument::Type)
      continue;
    const CXXRecordDecl *Element = Arg.getAsType()->getAsCXXRecordDecl();
    if (Element &&
        utils::nameMatchesAny(Threads, Element->getQualifiedNameAsString()))
      return true;
  }
  return false;
}

/// True when \p T is keyed by an enumeration or a bool (its first template
/// argument, for a map or set): it holds at most one entry per value of the
/// key, a table, not a cache that follows the input.
static bool keyedByEnumeration(QualType T) {
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T.getNonReferenceType()->getAsCXXRecordDecl());
  if (!Spec || !Spec->getTemplateArgs().size())
    return false;
  llvm::StringRef Name = Spec->getName();
  if (!Name.contains("map") && !Name.contains("set"))
    return false;
  const TemplateArgument &Key = Spec->getTemplateArgs()[0];
  if (Key.getKind() != TemplateArgument::Type)
    return false;
  QualType K = Key.getAsType().getCanonicalType();
  return K->isEnumeralType() || K->isBooleanType();
}

static std::string joinList(const std::vector<std::string> &List) {
  std::string Result;
  for (const std::string &S : List) {
    if (!Result.empty())
      Result += ";";
    Result += S;
  }
  return Result;
}

void UnboundedCacheCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Rules.storeOptions(Options, Opts);
  Options.store(Opts, "ContainerTypes", joinList(ExtraContainerTypes));
  Options.store(Opts, "GrowMethods", joinList(ExtraGrowMethods));
  Options.store(Opts, "ShrinkMethods", joinList(ExtraShrinkMethods));
  Options.store(Opts, "StartupFunctions", joinList(StartupFunctions));
  Options.store(Opts, "RetainedCapacity", RetainedCapacity ? "true" : "false");
  Options.store(Opts, "SingletonHeuristic",
                SingletonHeuristic ? "true" : "false");
  Options.store(Opts, "LeakGuardSummaryStore", StorePath);
}

static std::vector<StringRef> refs(const std::vector<std::string> &List) {
  return std::vector<StringRef>(List.begin(), List.end());
}

void UnboundedCacheCheck::registerMatchers(MatchFinder *Finder) {
  auto ContainerRecord = cxxRecordDecl(hasAnyName(refs(ContainerTypes)));
  auto ContainerType =
      hasUnqualifiedDesugaredType(recordType(hasDeclaration(ContainerRecord)));
  // The container itself, or a pointer to it (`Cache->insert(...)`).
  auto ContainerExpr = expr(anyOf(hasType(ContainerType),
                                  hasType(pointsTo(qualType(ContainerType)))));

  std::vector<std::string> Methods = GrowMethods;
  llvm::append_range(Methods, ShrinkMethods);
  for (const char *Extra :
       {"operator=", "shrink_to_fit", "swap", "reserve", "resize", "assign"})
    Methods.push_back(Extra);
  auto InterestingMethod = cxxMethodDecl(hasAnyName(refs(Methods)));

  // cache.insert(...), cache->push_back(...), cache.clear() ...
  Finder->addMatcher(
      cxxMemberCallExpr(callee(InterestingMethod), on(ContainerExpr))
          .bind("member"),
      this);
  // cache[key] = ..., buffer += ..., cache = {} ...
  Finder->addMatcher(cxxOperatorCallExpr(callee(InterestingMethod),
                                         hasArgument(0, ContainerExpr))
                         .bind("operator"),
                     this);
  // A bound: cache.size() compared against something.
  auto SizeCall = cxxMemberCallExpr(callee(cxxMethodDecl(hasName("size"))),
                                    on(ContainerExpr))
                      .bind("size");
  Finder->addMatcher(
      binaryOperator(isComparisonOperator(),
                     hasEitherOperand(ignoringParenImpCasts(
                         expr(anyOf(SizeCall, hasDescendant(SizeCall))))))
          .bind("compare"),
      this);
  // The container passed by non-const reference: std::swap, std::erase_if,
  // std::move, a user function that may clear it, or an inserter.
  Finder->addMatcher(callExpr(unless(cxxOperatorCallExpr()),
                              forEachArgumentWithParam(
                                  ContainerExpr.bind("arg"),
                                  parmVarDecl(hasType(referenceType(
                                      unless(pointee(isConstQualified())))))),
                              callee(functionDecl().bind("callee")))
                         .bind("pass"),
                     this);
  // A pointer to a container re-pointed at another one (`P = &Local;`): the
  // container it points to is not known to be long-lived.
  Finder->addMatcher(
      binaryOperator(hasOperatorName("="),
                     hasLHS(ignoringParenImpCasts(
                         expr(hasType(pointsTo(qualType(ContainerType))))
                             .bind("repointed"))),
                     unless(hasRHS(ignoringParenImpCasts(cxxNewExpr())))),
      this);
  // &cache: escapes into code we do not follow.
  Finder->addMatcher(
      unaryOperator(hasOperatorName("&"), hasUnaryOperand(ContainerExpr))
          .bind("address"),
      this);
  // An accessor: `std::map<K, V> &cache() { return Cache; }`.
  // (Matched from the function down: walking up from every `return` of a
  // container would build the parent map for each translation unit.)
  Finder->addMatcher(
      functionDecl(returns(referenceType(unless(pointee(isConstQualified())))),
                   hasBody(forEachDescendant(returnStmt(
                       hasReturnValue(ContainerExpr.bind("returned"))))))
          .bind("accessor"),
      this);
  // In templates, calls on containers of dependent type: collect removals
  // from member functions that may never be instantiated.
  // Function bodies, where events' contexts are looked up (see BodyIndex).
  Finder->addMatcher(utils::userFunctionDefinition().bind("body"), this);
  Finder->addMatcher(cxxDependentScopeMemberExpr().bind("dependent"), this);
  Finder->addMatcher(unresolvedMemberExpr().bind("unresolved"), this);
}

namespace {

/// The canonical declaration that names a container across instantiations.
const ValueDecl *normalizeContainer(const ValueDecl *D) {
  if (const auto *FD = dyn_cast<FieldDecl>(D))
    return utils::normalizeField(FD);
  if (const auto *VD = dyn_cast<VarDecl>(D)) {
    if (const VarDecl *From = VD->getInstantiatedFromStaticDataMember())
      VD = From;
    return VD->getCanonicalDecl();
  }
  return D;
}

const Expr *strip(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = MTE->getSubExpr();
    else if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr();
    else
      break;
  }
  return E;
}

/// The container an iterator expression points into: `C.find(k)`, or a
/// local iterator initialized by C.find / C.begin / C.lower_bound ...
const Expr *iteratedContainer(const Expr *Iterator) {
  Iterator = strip(Iterator);
  if (const auto *DRE = dyn_cast_or_null<DeclRefExpr>(Iterator)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || !VD->hasLocalStorage() || !VD->getInit())
      return nullptr;
    Iterator = strip(VD->getInit());
    if (const auto *Copy = dyn_cast<CXXConstructExpr>(Iterator);
        Copy && Copy->getNumArgs() == 1)
      Iterator = strip(Copy->getArg(0));
  }
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(Iterator);
  const CXXMethodDecl *M = Call ? Call->getMethodDecl() : nullptr;
  if (!M || !M->getIdentifier() ||
      !llvm::is_contained(std::initializer_list<StringRef>{"find", "begin",
                                                           "lower_bound",
                                                           "upper_bound"},
                          M->getName()))
    return nullptr;
  return Call->getImplicitObjectArgument();
}

/// The container whose element \p E is: `C[k]`, `C.at(k)`, `it->second`
/// for an iterator into C. Emptying such an element removes what the entry
/// holds, which is where a map of lists keeps its data.
const Expr *containerOfElement(const Expr *E) {
  E = strip(E);
  if (const auto *OC = dyn_cast_or_null<CXXOperatorCallExpr>(E);
      OC && OC->getOperator() == OO_Subscript && OC->getNumArgs() == 2)
    return OC->getArg(0);
  if (const auto *MC = dyn_cast_or_null<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *M = MC->getMethodDecl();
        M && M->getIdentifier() && M->getName() == "at")
      return MC->getImplicitObjectArgument();
  const auto *ME = dyn_cast_or_null<MemberExpr>(E);
  if (!ME || !ME->getMemberDecl()->getIdentifier() ||
      ME->getMemberDecl()->getName() != "second")
    return nullptr;
  const Expr *Base = strip(ME->getBase());
  // it->second, (*it).second
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Base);
      OC && (OC->getOperator() == OO_Arrow || OC->getOperator() == OO_Star))
    return iteratedContainer(OC->getArg(0));
  if (const auto *UO = dyn_cast<UnaryOperator>(Base);
      UO && UO->getOpcode() == UO_Deref)
    return iteratedContainer(UO->getSubExpr());
  return nullptr;
}

/// True when \p E is the same key whenever it runs: a literal, an
/// enumerator, a constant, or a choice between such.
bool isConstantKey(const Expr *E, const ASTContext &Ctx) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = strip(E);
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E)) {
      E = Bind->getSubExpr();
      continue;
    }
    // std::string("html") or a conversion from a literal.
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (Construct->getNumArgs() == 0)
        return false;
      E = Construct->getArg(0);
      continue;
    }
    if (isa<StringLiteral, CharacterLiteral, IntegerLiteral,
            CXXBoolLiteralExpr>(E))
      return true;
    // A thread's id: one entry per thread, bounded by the threads there are.
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->getIdentifier() && Callee->getName() == "get_id" &&
          llvm::StringRef(Callee->getQualifiedNameAsString())
              .starts_with("std::"))
        return true;
    if (const auto *Cond = dyn_cast<ConditionalOperator>(E))
      return isConstantKey(Cond->getTrueExpr(), Ctx) &&
             isConstantKey(Cond->getFalseExpr(), Ctx);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      if (isa<EnumConstantDecl>(Ref->getDecl()))
        return true;
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      return Var && Var->getType().isConstQualified() && Var->getInit() &&
             !Var->getType()->isReferenceType() &&
             Var->getInit()->isConstantInitializer(
                 const_cast<ASTContext &>(Ctx), false);
    }
    return !E->isValueDependent() &&
           E->getType()->isIntegralOrEnumerationType() &&
           E->isIntegerConstantExpr(Ctx);
  }
  return false;
}

bool isLocalVar(const VarDecl *VD) {
  return VD && !utils::hasProgramLifetime(VD) && !isa<ParmVarDecl>(VD);
}

/// How the object owning a member was reached.
Via classifyBase(const Expr *Base, unsigned Depth = 0) {
  Base = strip(Base);
  if (!Base || Depth > 8)
    return Via::Direct;
  if (const auto *ME = dyn_cast<MemberExpr>(Base)) {
    if (const auto *VD = dyn_cast<VarDecl>(ME->getMemberDecl()))
      return utils::hasProgramLifetime(VD) ? Via::StaticObject : Via::Direct;
    // A member of a member: the outermost object decides (unless reached
    // through a pointer, which may point anywhere).
    if (ME->isArrow())
      return Via::Direct;
    return classifyBase(ME->getBase(), Depth + 1);
  }
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Base)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return Via::Direct;
    if (utils::hasProgramLifetime(VD))
      return Via::StaticObject;
    if (isa<ParmVarDecl>(VD))
      return Via::Direct;
    if (VD->getType()->isReferenceType())
      return VD->getInit() ? classifyBase(VD->getInit(), Depth + 1)
                           : Via::Direct;
    if (VD->getType()->isPointerType())
      return Via::Direct;
    return Via::LocalObject;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(Base);
      UO && UO->getOpcode() == UO_Deref)
    return classifyBase(UO->getSubExpr(), Depth + 1);
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Base);
      OC && (OC->getOperator() == OO_Arrow || OC->getOperator() == OO_Star) &&
      OC->getNumArgs() >= 1)
    return classifyBase(OC->getArg(0), Depth + 1);
  return Via::Direct;
}

UnboundedCacheCheck::Target resolve(const Expr *E, unsigned Depth = 0) {
  UnboundedCacheCheck::Target T;
  E = strip(E);
  if (!E || Depth > 8)
    return T;
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_Deref)
    return resolve(UO->getSubExpr(), Depth + 1);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD || isa<ParmVarDecl>(VD) || VD->isInvalidDecl())
      return T;
    if (!utils::hasProgramLifetime(VD)) {
      // A local reference (or pointer) to a container: follow it.
      if (VD->getInit() &&
          (VD->getType()->isReferenceType() || VD->getType()->isPointerType()))
        return resolve(VD->getInit(), Depth + 1);
      return T;
    }
    T.Container = normalizeContainer(VD);
    return T;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const ValueDecl *Member = ME->getMemberDecl();
    if (const auto *VD = dyn_cast<VarDecl>(Member)) {
      T.Container = normalizeContainer(VD);
      return T;
    }
    if (const auto *FD = dyn_cast<FieldDecl>(Member)) {
      if (FD->isInvalidDecl())
        return T;
      T.Container = normalizeContainer(FD);
      T.How = classifyBase(ME->getBase());
      return T;
    }
    return T;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    // A smart pointer to a container: `Cache->insert(...)`.
    if ((OC->getOperator() == OO_Arrow || OC->getOperator() == OO_Star) &&
        OC->getNumArgs() >= 1)
      return resolve(OC->getArg(0), Depth + 1);
    return T;
  }
  if (const auto *CE = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *FD = CE->getDirectCallee();
    if (FD && (FD->getReturnType()->isReferenceType() ||
               FD->getReturnType()->isPointerType()))
      T.Accessor = FD->getCanonicalDecl();
    return T;
  }
  return T;
}

std::string qualifiedName(const NamedDecl *ND) {
  PrintingPolicy Policy(ND->getASTContext().getLangOpts());
  Policy.SuppressInlineNamespace =
      llvm::to_underlying(PrintingPolicy::SuppressInlineNamespaceMode::All);
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  ND->printQualifiedName(OS, Policy);
  return Name;
}

/// Contiguous containers keep their capacity after clear(); a deque frees its
/// blocks as it shrinks, so it is not reported for retained capacity.
bool hasCapacity(const CXXRecordDecl *RD) {
  static const std::vector<std::string> Types = {"::std::vector",
                                                 "::std::basic_string"};
  return RD && utils::nameMatchesAny(Types, qualifiedName(RD));
}

bool isZeroOrOne(const Expr *E, const ASTContext &Ctx) {
  E = E->IgnoreParenImpCasts();
  if (E->isValueDependent() || E->isTypeDependent())
    return false;
  Expr::EvalResult R;
  if (!E->EvaluateAsInt(R, Ctx))
    return false;
  return R.Val.getInt().getLimitedValue() <= 1;
}

} // namespace

static bool isOnceCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  return Callee && Callee->getIdentifier() &&
         (Callee->getName() == "call_once" ||
          Callee->getName() == "pthread_once");
}

bool UnboundedCacheCheck::startsUp(const FunctionDecl *Fn) const {
  if (const IdentifierInfo *II = Fn->getIdentifier())
    for (const std::string &Prefix : StartupFunctions)
      if (II->getName().starts_with(Prefix))
        return true;
  return false;
}

bool UnboundedCacheCheck::isStartupContext(const Expr *E, ASTContext &Ctx,
                                           const Decl *&Function) {
  Function = nullptr;
  utils::BodyIndex::Owner Owner = Bodies.find(E, Ctx.getSourceManager());
  if (!Owner.Function)
    return isStartupContextSlow(E, Ctx, Function);
  bool InLambda = false;
  for (const Stmt *S = E; const Stmt *P = Owner.Parents->getParent(S); S = P) {
    if (const auto *LE = dyn_cast<LambdaExpr>(P)) {
      if (!Function)
        Function = LE->getCallOperator();
      InLambda = true;
      continue;
    }
    // std::call_once(flag, [] { ... }) runs once.
    if (const auto *CE = dyn_cast<CallExpr>(P);
        CE && InLambda && isOnceCall(CE))
      return true;
    // The initializer of a static: runs once.
    if (const auto *DS = dyn_cast<DeclStmt>(P))
      if (const VarDecl *VD = utils::varInitializedBy(DS, S);
          VD && utils::hasProgramLifetime(VD))
        return true;
  }
  if (!Function)
    Function = Owner.Function;
  return !InLambda && startsUp(Owner.Function);
}

/// The same question through the translation unit's parent map, for the
/// rare event outside any recorded function body.
bool UnboundedCacheCheck::isStartupContextSlow(const Expr *E, ASTContext &Ctx,
                                               const Decl *&Function) const {
  DynTypedNode Node = DynTypedNode::create(*E);
  bool InLambda = false;
  for (unsigned Depth = 0; Depth < 256; ++Depth) {
    DynTypedNodeList Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return false;
    Node = Parents[0];
    if (const auto *LE = Node.get<LambdaExpr>()) {
      if (!Function)
        Function = LE->getCallOperator();
      InLambda = true;
      continue;
    }
    if (const auto *CE = Node.get<CallExpr>(); CE && InLambda) {
      if (isOnceCall(CE))
        return true;
      continue;
    }
    if (const auto *VD = Node.get<VarDecl>()) {
      if (utils::hasProgramLifetime(VD))
        return true;
      continue;
    }
    if (const auto *FD = Node.get<FunctionDecl>()) {
      if (!Function)
        Function = FD;
      // A lambda's body: keep walking out to where the lambda is written.
      if (const auto *MD = dyn_cast<CXXMethodDecl>(FD);
          MD && MD->getParent()->isLambda()) {
        InLambda = true;
        continue;
      }
      if (InLambda && Function != FD)
        return false;
      return startsUp(FD);
    }
  }
  return false;
}

void UnboundedCacheCheck::addEvent(const Expr *ContainerExpr, EventKind Kind,
                                   SourceLocation Loc, ASTContext &Ctx) {
  Target T = resolve(ContainerExpr);
  if (!T.Container && !T.Accessor)
    return;
  if (T.Container) {
    if (const auto *VD = dyn_cast<VarDecl>(T.Container); isLocalVar(VD))
      return;
  }
  Event Ev{Kind, T.How, Loc, ContainerExpr};
  // Record whether the container keeps a capacity (vector, string, deque).
  const Expr *Obj = strip(ContainerExpr);
  QualType Ty = Obj ? Obj->getType() : QualType();
  if (!Ty.isNull() && Ty->isPointerType())
    Ty = Ty->getPointeeType();
  bool Capacity = !Ty.isNull() && hasCapacity(Ty->getAsCXXRecordDecl());
  if (T.Container) {
    Info &I = Containers[T.Container];
    I.Events.push_back(Ev);
    I.HasCapacity |= Capacity;
    return;
  }
  AccessorEvents.push_back({T.Accessor, Ev});
  if (Capacity)
    CapacityAccessors.insert(T.Accessor);
}

void UnboundedCacheCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  Context = &Ctx;
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("body")) {
    Bodies.addBody(Fn);
    return;
  }

  auto Classify = [&](const CXXMethodDecl *M, const Expr *Object,
                      SourceLocation Loc, const Expr *Key) {
    if (!M || !Object)
      return;
    std::string Name = M->getNameAsString();
    if (Name == "operator=" || Name == "shrink_to_fit" || Name == "swap") {
      addEvent(Object, EventKind::Release, Loc, Ctx);
      return;
    }
    if (Name == "reserve") {
      addEvent(Object, EventKind::CapacityGrow, Loc, Ctx);
      return;
    }
    if (Name == "resize" || Name == "assign") {
      addEvent(Object, EventKind::KeepCapacity, Loc, Ctx);
      addEvent(Object, EventKind::CapacityGrow, Loc, Ctx);
      return;
    }
    if (llvm::is_contained(ShrinkMethods, Name)) {
      addEvent(Object, EventKind::KeepCapacity, Loc, Ctx);
      if (const Expr *Outer = containerOfElement(Object))
        addEvent(Outer, EventKind::KeepCapacity, Loc, Ctx);
      return;
    }
    if (!llvm::is_contained(GrowMethods, Name))
      return;
    // operator[] adds entries only to maps (not to vector, deque, string).
    const CXXRecordDecl *RD = M->getParent();
    if (M->getOverloadedOperator() == OO_Subscript) {
      if (M->isConst() || !RD ||
          RD->lookup(&Ctx.Idents.get("mapped_type")).empty())
        return;
    }
    // A map entry under a constant key (`Types["html"]`) is one entry per
    // call site, however often it runs: bounded.
    if (Key && RD && !RD->lookup(&Ctx.Idents.get("key_type")).empty() &&
        (M->getOverloadedOperator() == OO_Subscript ||
         llvm::is_contained({"try_emplace", "insert_or_assign", "emplace"},
                            Name)) &&
        isConstantKey(Key, Ctx))
      return;
    addEvent(Object, EventKind::Grow, Loc, Ctx);
  };

  if (const auto *MC = Result.Nodes.getNodeAs<CXXMemberCallExpr>("member")) {
    const Expr *Callee = MC->getCallee()->IgnoreParenImpCasts();
    SourceLocation Loc = MC->getExprLoc();
    if (const auto *ME = dyn_cast<MemberExpr>(Callee))
      Loc = ME->getMemberLoc();
    Classify(MC->getMethodDecl(), MC->getImplicitObjectArgument(), Loc,
             MC->getNumArgs() > 0 ? MC->getArg(0) : nullptr);
    return;
  }
  if (const auto *OC =
          Result.Nodes.getNodeAs<CXXOperatorCallExpr>("operator")) {
    Classify(dyn_cast_or_null<CXXMethodDecl>(OC->getDirectCallee()),
             OC->getArg(0), OC->getBeginLoc(),
             OC->getNumArgs() > 1 ? OC->getArg(1) : nullptr);
    return;
  }
  if (const auto *Cmp = Result.Nodes.getNodeAs<BinaryOperator>("compare")) {
    const auto *Size = Result.Nodes.getNodeAs<CXXMemberCallExpr>("size");
    if (!Size)
      return;
    // `size() > 0` tests for emptiness; it is no bound.
    const Expr *Other =
        strip(Cmp->getLHS()) == strip(Size) ? Cmp->getRHS() : Cmp->getLHS();
    if (strip(Cmp->getRHS()) == strip(Size) ||
        strip(Cmp->getLHS()) == strip(Size))
      if (isZeroOrOne(Other, Ctx))
        return;
    addEvent(Size->getImplicitObjectArgument(), EventKind::SizeCheck,
             Size->getExprLoc(), Ctx);
    return;
  }
  if (const auto *Arg = Result.Nodes.getNodeAs<Expr>("arg")) {
    const auto *Callee = Result.Nodes.getNodeAs<FunctionDecl>("callee");
    if (!Callee)
      return;
    const DeclContext *DC =
        Callee->getDeclContext()->getEnclosingNamespaceContext();
    bool InStd = false;
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC))
      InStd = NS->isStdNamespace() || NS->isInStdNamespace();
    StringRef Name =
        Callee->getIdentifier() ? Callee->getName() : StringRef("");
    if (Name == "back_inserter" || Name == "front_inserter" ||
        Name == "inserter") {
      addEvent(Arg, EventKind::Grow, Arg->getExprLoc(), Ctx);
      return;
    }
    // Library functions that only read or iterate (std::begin, std::data)
    // cannot remove entries; std::swap, std::erase(_if), std::move can.
    if (InStd &&
        !llvm::is_contained(
            std::initializer_list<StringRef>{"swap", "erase", "erase_if",
                                             "move", "exchange", "getline"},
            Name))
      return;
    // A member function of the container itself (a.merge(b), a.swap(b)) or
    // anything else that takes the container by non-const reference.
    addEvent(Arg, EventKind::Release, Arg->getExprLoc(), Ctx);
    return;
  }
  if (const auto *Ptr = Result.Nodes.getNodeAs<Expr>("repointed")) {
    addEvent(Ptr, EventKind::Release, Ptr->getExprLoc(), Ctx);
    return;
  }
  if (const auto *UO = Result.Nodes.getNodeAs<UnaryOperator>("address")) {
    addEvent(UO->getSubExpr(), EventKind::Release, UO->getExprLoc(), Ctx);
    return;
  }
  if (const auto *Returned = Result.Nodes.getNodeAs<Expr>("returned")) {
    const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("accessor");
    if (!Fn)
      return;
    Target T = resolve(Returned);
    if (T.Container) {
      if (const auto *VD = dyn_cast<VarDecl>(T.Container); isLocalVar(VD))
        return;
      Accessors[Fn->getCanonicalDecl()] = T.Container;
    } else if (T.Accessor) {
      AccessorChains[Fn->getCanonicalDecl()] = T.Accessor;
    }
    return;
  }
  auto Dependent = [&](const Expr *Base, StringRef Name, SourceLocation Loc) {
    if (!Base)
      return;
    if (Name == "shrink_to_fit" || Name == "swap")
      addEvent(Base, EventKind::Release, Loc, Ctx);
    else if (llvm::is_contained(ShrinkMethods, Name))
      addEvent(Base, EventKind::KeepCapacity, Loc, Ctx);
  };
  if (const auto *DM =
          Result.Nodes.getNodeAs<CXXDependentScopeMemberExpr>("dependent")) {
    if (!DM->isImplicitAccess() && DM->getMember().getAsIdentifierInfo())
      Dependent(DM->getBase(), DM->getMember().getAsString(),
                DM->getMemberLoc());
    return;
  }
  if (const auto *UM =
          Result.Nodes.getNodeAs<UnresolvedMemberExpr>("unresolved")) {
    if (!UM->isImplicitAccess() && UM->getName().getAsIdentifierInfo())
      Dependent(UM->getBase(), UM->getName().getAsString(), UM->getMemberLoc());
    return;
  }
}

namespace {

/// Every user-written member function of \p RD has a body in this TU, so all
/// code that can touch its private state is visible.
bool isClosedClass(const CXXRecordDecl *RD) {
  const CXXRecordDecl *Def = RD ? RD->getDefinition() : nullptr;
  if (!Def)
    return false;
  for (const CXXMethodDecl *M : Def->methods()) {
    if (M->isImplicit() || M->isDeleted() || M->isDefaulted() ||
        M->isPureVirtual())
      continue;
    if (!M->hasBody())
      return false;
  }
  for (const Decl *D : Def->decls())
    if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D)) {
      const FunctionDecl *F = FT->getTemplatedDecl();
      if (!F->isDeleted() && !F->hasBody())
        return false;
    }
  return true;
}

/// A variable other translation units may also touch: declared in a header
/// with external linkage.
bool isSharedAcrossTUs(const VarDecl *VD, const SourceManager &SM) {
  if (!VD->isExternallyVisible())
    return false;
  if (VD->isStaticDataMember() || VD->isStaticLocal())
    return false;
  for (const VarDecl *R : VD->redecls())
    if (!SM.isInMainFile(SM.getExpansionLoc(R->getLocation())))
      return true;
  return false;
}

bool isBefore(const SourceManager &SM, SourceLocation A, SourceLocation B) {
  return SM.isBeforeInTranslationUnit(A, B);
}

} // namespace

/// True when \p E only runs on the first call of \p Fn: it sits under
/// `if (!Filled)` or `if (Count == 0)` on a static or global that \p Fn
/// itself then sets (a one-time fill).
bool UnboundedCacheCheck::isFirstCallOnly(const Expr *E, const FunctionDecl *Fn,
                                          ASTContext &Ctx) {
  utils::BodyIndex::Owner Owner = Bodies.find(E, Ctx.getSourceManager());
  if (!Owner.Function)
    return false;
  for (const Stmt *S = E; const Stmt *P = Owner.Parents->getParent(S); S = P) {
    const auto *If = dyn_cast<IfStmt>(P);
    if (!If || If->getThen() != S || !If->getCond())
      continue;
    // `!V`, `V == 0`, `0 == V`, `V == false`, `V == nullptr`.
    auto IsZero = [&](const Expr *X) {
      X = X->IgnoreParenCasts();
      if (X->isValueDependent())
        return false;
      if (X->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull))
        return true;
      Expr::EvalResult R;
      return X->EvaluateAsInt(R, Ctx) && R.Val.getInt() == 0;
    };
    const Expr *Cond = If->getCond()->IgnoreParenImpCasts();
    const Expr *Tested = nullptr;
    if (const auto *Not = dyn_cast<UnaryOperator>(Cond);
        Not && Not->getOpcode() == UO_LNot)
      Tested = Not->getSubExpr();
    else if (const auto *Eq = dyn_cast<BinaryOperator>(Cond);
             Eq && Eq->getOpcode() == BO_EQ) {
      if (IsZero(Eq->getRHS()))
        Tested = Eq->getLHS();
      else if (IsZero(Eq->getLHS()))
        Tested = Eq->getRHS();
    }
    const auto *Var = dyn_cast_or_null<VarDecl>(utils::referencedDecl(Tested));
    if (!Var || !utils::hasProgramLifetime(Var))
      continue;
    if (!Writes)
      Writes = std::make_unique<utils::WriteIndex>(Ctx);
    for (const FunctionDecl *W : Writes->writers(Var))
      if (W && W->getCanonicalDecl() == Fn->getCanonicalDecl())
        return true;
  }
  return false;
}

/// True when \p Fn reads \p Container by key (`find`, `count`, `contains`,
/// `at`...): a cache that looks up before it inserts.
static bool looksUp(const Stmt *S, const ValueDecl *Container) {
  if (!S)
    return false;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
    if (const CXXMethodDecl *M = Call->getMethodDecl();
        M && M->getIdentifier() &&
        llvm::is_contained({"find", "count", "contains", "at", "lower_bound",
                            "upper_bound", "equal_range"},
                           M->getName()) &&
        resolve(Call->getImplicitObjectArgument()).Container == Container)
      return true;
  for (const Stmt *Child : S->children())
    if (looksUp(Child, Container))
      return true;
  return false;
}

bool UnboundedCacheCheck::isUncalledRegistration(
    const FunctionDecl *Fn, const ValueDecl *Container) const {
  // Every call of an externally visible, non-template function is in the
  // store; a lambda is called through its object.
  const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
  if (!Project || Fn->isMain() || !Fn->isExternallyVisible() ||
      Fn->isTemplated() || Fn->isTemplateInstantiation() ||
      (Method && (Method->isVirtual() || Method->getParent()->isLambda())))
    return false;
  std::string Key = utils::callKeyOf(Fn);
  if (!Project->neverCalled(Key) && !Project->calledOnlyFromApi(Key))
    return false;
  const FunctionDecl *Def = nullptr;
  return Fn->hasBody(Def) && Def && !looksUp(Def->getBody(), Container);
}

void UnboundedCacheCheck::onEndOfTranslationUnit() {
  if (!Context) {
    Containers.clear();
    Bodies.clear();
    return;
  }
  ASTContext &Ctx = *Context;
  const SourceManager &SM = Ctx.getSourceManager();

  // Events on accessors' results belong to the containers they return.
  for (auto &[Fn, Ev] : AccessorEvents) {
    const FunctionDecl *Cur = Fn;
    for (unsigned Depth = 0; Cur && Depth < 8; ++Depth) {
      if (const ValueDecl *C = Accessors.lookup(Cur)) {
        Info &I = Containers[C];
        I.Events.push_back(Ev);
        I.HasCapacity |= CapacityAccessors.contains(Fn);
        break;
      }
      Cur = AccessorChains.lookup(Cur);
    }
  }

  utils::UnitCallGraph Calls(Ctx, Project.get());
  std::optional<utils::LifetimeIndex> Index;
  auto GetIndex = [&]() -> const utils::LifetimeIndex & {
    if (Index)
      return *Index;
    // An object created in a helper `main` calls once (a demo, a start-up
    // step) is created once, as if in `main` itself.
    auto IsStartRoot = [&](const FunctionDecl *F) {
      return F->isMain() || startsUp(F);
    };
    Index.emplace(utils::LifetimeIndex::build(
        Ctx, SingletonHeuristic, [&](const FunctionDecl *F) {
          return Calls.reachedOnlyOnce(F, IsStartRoot);
        }));
    return *Index;
  };

  struct Finding {
    const ValueDecl *Container;
    SourceLocation Site;
    bool Capacity;
  };
  llvm::SmallVector<Finding, 8> Findings;

  for (auto &[Container, I] : Containers) {
    if (!Container || Container->isInvalidDecl())
      continue;
    bool HasGrow = false, HasKeep = false, HasRelease = false;
    for (const Event &Ev : I.Events) {
      HasGrow |=
          Ev.Kind == EventKind::Grow || Ev.Kind == EventKind::CapacityGrow;
      HasKeep |= Ev.Kind == EventKind::KeepCapacity;
      HasRelease |= Ev.Kind == EventKind::Release;
    }
    if (!HasGrow || HasRelease)
      continue;
    bool CapacityCandidate = RetainedCapacity && I.HasCapacity && HasKeep;
    if (HasKeep && !CapacityCandidate)
      continue;
    if (Container->getType().isConstQualified() ||
        holdsThreads(Container->getType(), ThreadTypes) ||
        keyedByEnumeration(Container->getType()))
      continue;

    // Where the container lives.
    const CXXRecordDecl *Owner = nullptr;
    if (const auto *VD = dyn_cast<VarDecl>(Container)) {
      if (!utils::hasProgramLifetime(VD) || isSharedAcrossTUs(VD, SM))
        continue;
      if (VD->isStaticDataMember())
        Owner = dyn_cast<CXXRecordDecl>(VD->getDeclContext());
    } else if (const auto *FD = dyn_cast<FieldDecl>(Container)) {
      Owner = dyn_cast<CXXRecordDecl>(FD->getParent());
      if (!Owner)
        continue;
    } else {
      continue;
    }
    // Code in other translation units may remove entries.
    if (Owner) {
      const CXXRecordDecl *Outer = Owner;
      while (Outer && Outer->getDeclContext()->isRecord())
        Outer = dyn_cast<CXXRecordDecl>(Outer->getDeclContext());
      if (!isClosedClass(Owner) || (Outer && !isClosedClass(Outer)))
        continue;
    }
    const auto *Field = dyn_cast<FieldDecl>(Container);

    auto Applies = [&](const Event &Ev) {
      if (!Field)
        return true;
      switch (Ev.How) {
      case Via::LocalObject:
        return false;
      case Via::StaticObject:
        return true;
      case Via::Direct:
        return GetIndex().isLongLived(Field);
      }
      return false;
    };
    // Growth in a constructor runs once per object; for an object that is
    // never created per request, that is once. So does growth in `main`, in
    // a start-up function, and in what only those call.
    auto IsOnceRoot = [&](const FunctionDecl *F) {
      if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(F))
        return !GetIndex().isPerRequestRecord(Ctor->getParent());
      return F->isMain() || startsUp(F);
    };
    // A member of an object only the program creates, in `main` (no static
    // holds one): its methods are called by the program's code in sight.
    auto CallersInSight = [&](const FunctionDecl *Fn) {
      const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
      return Field && Owner && Method &&
             utils::normalizeRecord(Method->getParent()) ==
                 utils::normalizeRecord(Owner) &&
             GetIndex().isLongLivedOnlyInMain(Owner);
    };
    const ValueDecl *Grown = Container; // A structured binding: not captured.
    auto RunsOnce = [&](const Event &Ev) {
      if (Ev.AtStartup)
        return true;
      const auto *Fn = dyn_cast_or_null<FunctionDecl>(Ev.Function);
      return Fn && (Calls.reachedOnlyOnce(Fn, IsOnceRoot, /*Depth=*/4,
                                          CallersInSight(Fn)) ||
                    isFirstCallOnly(Ev.At, Fn, Ctx) ||
                    isUncalledRegistration(Fn, Grown));
    };

    for (Event &Ev : I.Events)
      if (!Ev.ContextKnown &&
          (Ev.Kind == EventKind::Grow || Ev.Kind == EventKind::CapacityGrow ||
           Ev.Kind == EventKind::SizeCheck)) {
        Ev.AtStartup = isStartupContext(Ev.At, Ctx, Ev.Function);
        Ev.ContextKnown = true;
      }
    llvm::SmallPtrSet<const Decl *, 4> Bounded;
    for (const Event &Ev : I.Events)
      if (Ev.Kind == EventKind::SizeCheck && Ev.Function)
        Bounded.insert(Ev.Function->getCanonicalDecl());

    SourceLocation Site;
    if (!HasKeep) {
      for (const Event &Ev : I.Events) {
        if (Ev.Kind != EventKind::Grow || !Applies(Ev))
          continue;
        if (Ev.Function && Bounded.contains(Ev.Function->getCanonicalDecl()))
          continue;
        if (RunsOnce(Ev))
          continue;
        if (Site.isInvalid() || isBefore(SM, Ev.Loc, Site))
          Site = Ev.Loc;
      }
      if (Site.isValid())
        Findings.push_back({Container, Site, false});
      continue;
    }
    // Retained capacity: grows, is only cleared or erased, never gives its
    // memory back.
    bool Grows = llvm::any_of(I.Events, [&](const Event &Ev) {
      return (Ev.Kind == EventKind::Grow ||
              Ev.Kind == EventKind::CapacityGrow) &&
             Applies(Ev) && !RunsOnce(Ev);
    });
    if (!Grows)
      continue;
    // Point at a clear() or erase(), not at a resize() that also grows.
    llvm::SmallPtrSet<const void *, 4> GrowLocs;
    for (const Event &Ev : I.Events)
      if (Ev.Kind == EventKind::CapacityGrow)
        GrowLocs.insert(Ev.Loc.getPtrEncoding());
    SourceLocation Fallback;
    for (const Event &Ev : I.Events) {
      if (Ev.Kind != EventKind::KeepCapacity)
        continue;
      SourceLocation &Best =
          GrowLocs.contains(Ev.Loc.getPtrEncoding()) ? Fallback : Site;
      if (Best.isInvalid() || isBefore(SM, Ev.Loc, Best))
        Best = Ev.Loc;
    }
    if (Site.isInvalid())
      Site = Fallback;
    if (Site.isValid())
      Findings.push_back({Container, Site, true});
  }

  llvm::sort(Findings, [&](const Finding &A, const Finding &B) {
    return isBefore(SM, A.Container->getLocation(), B.Container->getLocation());
  });
  llvm::SmallPtrSet<const void *, 8> Reported;
  for (const Finding &F : Findings) {
    SourceLocation Loc = F.Container->getLocation();
    if (!Reported.insert(Loc.getPtrEncoding()).second)
      continue;
    if (!F.Capacity) {
      diag(Loc, "%0 is a long-lived container that only grows; entries are "
                "never removed")
          << F.Container;
      diag(Loc,
           "bound it: evict when size() reaches a limit (e.g. an LRU), erase "
           "expired entries periodically, or clear it on a periodic path",
           DiagnosticIDs::Note);
      diag(F.Site, "grows here; no code path removes entries",
           DiagnosticIDs::Note);
      continue;
    }
    diag(Loc, "%0 is a long-lived container that is only cleared; its "
              "capacity is never released")
        << F.Container;
    diag(Loc,
         "call shrink_to_fit() after clearing a large buffer, or swap it with "
         "an empty one",
         DiagnosticIDs::Note);
    diag(F.Site,
         "cleared here; the memory of its largest size stays "
         "allocated",
         DiagnosticIDs::Note);
  }

  Containers.clear();
  AccessorEvents.clear();
  Writes.reset();
  Bodies.clear();
  Accessors.clear();
  AccessorChains.clear();
  CapacityAccessors.clear();
  Context = nullptr;
}

} // namespace clang::tidy::leak
