//===--- UnboundedSpawnCheck.cpp - LeakGuard ------------------------------===//

#include "UnboundedSpawnCheck.h"
#include "utils/ApiModel.h"
#include "utils/OptionUtils.h"
#include "utils/StopSignals.h"
#include "utils/UnitCallGraph.h"
#include "utils/WriteIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/DenseSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

// How many call levels a spawn is followed up to a loop in a caller.

/// The loop's body; the statement itself when it is not a loop.
static const Stmt *bodyOrLoop(const Stmt *Loop) {
  const Stmt *Body = utils::loopBody(Loop);
  return Body ? Body : Loop;
}

static constexpr unsigned MaxCallDepth = 3;

static const char DefaultWorkerCountNames[] =
    "kWorkers;num_workers;worker_count;NumThreads;num_threads;thread_count;"
    "nthreads;pool_size;max_threads;concurrency;parallelism";
static const char DefaultSemaphoreTypes[] =
    "::std::counting_semaphore;::std::binary_semaphore;"
    "::boost::interprocess::interprocess_semaphore";
static const char DefaultPoolTypes[] =
    "::boost::asio::thread_pool;::BS::thread_pool;ThreadPool;thread_pool;"
    "EventLoopThreadPool;WorkerPool";

UnboundedSpawnCheck::UnboundedSpawnCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Rules(Name, Options, Context),
      RawSpawnFunctions(Options.get("SpawnFunctions", "")),
      RawWorkerCountNames(
          Options.get("WorkerCountNames", DefaultWorkerCountNames)),
      RawSemaphoreTypes(Options.get("SemaphoreTypes", DefaultSemaphoreTypes)),
      RawPoolTypes(Options.get("PoolTypes", DefaultPoolTypes)) {
  const utils::ApiModel &Model = Rules.model();
  ThreadTypes = Model.ThreadTypes;
  ThreadTypes.insert(ThreadTypes.end(), Model.SelfJoiningThreads.begin(),
                     Model.SelfJoiningThreads.end());
  SpawnFunctions = Model.SpawnFunctions;
  for (std::string &Extra : utils::splitList(RawSpawnFunctions))
    SpawnFunctions.push_back(std::move(Extra));
  JoinFunctions = Model.JoinFunctions;
  DetachFunctions = Model.DetachFunctions;
  SemaphoreTypes = utils::splitList(RawSemaphoreTypes);
  PoolTypes = utils::splitList(RawPoolTypes);
  BoundConfig.WorkerCountNames = utils::splitList(RawWorkerCountNames);
  // The driver's first phase writes summaries; it reads none.
  if (Options.getLocalOrGlobal("LeakGuardSummaryOutput", "").empty())
    Project = utils::loadSummaryStore(
        Options.getLocalOrGlobal("LeakGuardSummaryStore", ""), Context);
}

void UnboundedSpawnCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Rules.storeOptions(Options, Opts);
  Options.store(Opts, "SpawnFunctions", RawSpawnFunctions);
  Options.store(Opts, "WorkerCountNames", RawWorkerCountNames);
  Options.store(Opts, "SemaphoreTypes", RawSemaphoreTypes);
  Options.store(Opts, "PoolTypes", RawPoolTypes);
}

static std::vector<StringRef> asRefs(const std::vector<std::string> &Names) {
  return std::vector<StringRef>(Names.begin(), Names.end());
}

void UnboundedSpawnCheck::registerMatchers(MatchFinder *Finder) {
  auto ThreadClass = cxxRecordDecl(hasAnyName(asRefs(ThreadTypes)));
  // std::thread T(F), std::thread(F).detach(), new std::jthread(F); copies,
  // moves and default construction start nothing.
  auto ThreadStart = cxxConstructExpr(
      hasDeclaration(cxxConstructorDecl(ofClass(ThreadClass),
                                        unless(isCopyConstructor()),
                                        unless(isMoveConstructor()))),
      argumentCountAtLeast(1), unless(isExpansionInSystemHeader()));
  Finder->addMatcher(ThreadStart.bind("construct"), this);
  // Workers.emplace_back(F): the thread is constructed inside the container;
  // check() makes sure the element type is a thread.
  auto Emplace = cxxMemberCallExpr(
      callee(cxxMethodDecl(hasAnyName("emplace_back", "emplace",
                                      "emplace_front", "try_emplace"))),
      argumentCountAtLeast(1), unless(isExpansionInSystemHeader()));
  Finder->addMatcher(Emplace.bind("emplace"), this);
  // std::make_unique<std::thread>(F)
  auto MakeThread = callExpr(
      callee(functionDecl(
          hasAnyName("::std::make_unique", "::std::make_shared"),
          hasTemplateArgument(0, refersToType(hasDeclaration(ThreadClass))))),
      argumentCountAtLeast(1), unless(isExpansionInSystemHeader()));
  Finder->addMatcher(MakeThread.bind("make"), this);
  // pthread_create, configured spawn helpers, std::async.
  std::vector<StringRef> SpawnNames = asRefs(SpawnFunctions);
  Finder->addMatcher(callExpr(callee(functionDecl(hasAnyName(SpawnNames))),
                              unless(isExpansionInSystemHeader()))
                         .bind("spawn-call"),
                     this);
  Finder->addMatcher(callExpr(callee(functionDecl(hasName("::std::async"))),
                              unless(isExpansionInSystemHeader()))
                         .bind("async"),
                     this);
  // Every call outside system headers: spawns in a callee are followed to
  // loops in its callers at the end of the translation unit.
  Finder->addMatcher(callExpr(unless(isExpansionInSystemHeader())).bind("call"),
                     this);
}

static bool isThreadType(QualType T, const std::vector<std::string> &Names) {
  const auto *Record = T.getNonReferenceType()->getAsCXXRecordDecl();
  return Record &&
         utils::nameMatchesAny(Names, Record->getQualifiedNameAsString());
}

/// True when std::async's policy, if any, may launch a new thread. A policy
/// that cannot be evaluated is given the benefit of the doubt.
static bool asyncMayLaunchThread(const CallExpr *Call, ASTContext &Ctx) {
  if (Call->getNumArgs() == 0)
    return false;
  const Expr *Policy = Call->getArg(0);
  const auto *Enum = Policy->getType()->getAs<EnumType>();
  if (!Enum || Enum->getDecl()->getName() != "launch")
    return true; // No policy: the default may launch a thread.
  Expr::EvalResult Result;
  if (Policy->isValueDependent() || !Policy->EvaluateAsInt(Result, Ctx))
    return false;
  // std::launch::async is bit 0 in libstdc++, libc++ and the mocks.
  return (Result.Val.getInt().getExtValue() & 1) != 0;
}

void UnboundedSpawnCheck::check(const MatchFinder::MatchResult &Result) {
  Ctx = Result.Context;
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || Callee->isInvalidDecl() ||
        Result.SourceManager->isInSystemHeader(Callee->getLocation()))
      return;
    CallSites[Callee->getCanonicalDecl()].push_back(Call);
    return;
  }
  if (const auto *Construct =
          Result.Nodes.getNodeAs<CXXConstructExpr>("construct")) {
    Spawns.push_back({Construct, SpawnKind::Thread});
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CXXMemberCallExpr>("emplace")) {
    const Expr *Object = Call->getImplicitObjectArgument();
    if (!Object)
      return;
    QualType ContainerType = Object->getType();
    if (ContainerType->isPointerType())
      ContainerType = ContainerType->getPointeeType();
    const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
        ContainerType->getAsCXXRecordDecl());
    if (!Spec)
      return;
    bool HoldsThreads = false;
    for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
      if (Arg.getKind() == TemplateArgument::Type &&
          isThreadType(Arg.getAsType(), ThreadTypes))
        HoldsThreads = true;
    if (!HoldsThreads)
      return;
    // emplace_back(std::move(T)) moves a thread that was started elsewhere.
    for (const Expr *Arg : Call->arguments())
      if (isThreadType(Arg->getType(), ThreadTypes))
        return;
    Spawns.push_back({Call, SpawnKind::Thread});
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("make")) {
    Spawns.push_back({Call, SpawnKind::Thread});
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("spawn-call")) {
    Spawns.push_back({Call, SpawnKind::Thread});
    return;
  }
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("async")) {
    if (asyncMayLaunchThread(Call, *Result.Context))
      Spawns.push_back({Call, SpawnKind::Task});
    return;
  }
}

/// Strips parentheses, casts, temporaries and std::move around an operand.
static const Expr *stripOperand(const Expr *E) {
  while (E) {
    const Expr *Prev = E;
    E = E->IgnoreParenCasts()->IgnoreImplicit();
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        if (Callee->getIdentifier() &&
            (Callee->getName() == "move" || Callee->getName() == "ref" ||
             Callee->getName() == "forward") &&
            Call->getNumArgs() == 1)
          E = Call->getArg(0);
    if (const auto *Unary = dyn_cast<UnaryOperator>(E))
      if (Unary->getOpcode() == UO_AddrOf || Unary->getOpcode() == UO_Deref)
        E = Unary->getSubExpr();
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
      E = Subscript->getBase();
    if (E == Prev)
      break;
  }
  return E;
}

/// The variable or field an operand names, through &, *, [], std::move and
/// member access on this.
static const ValueDecl *namedDecl(const Expr *E) {
  E = stripOperand(E);
  if (const auto *Ref = dyn_cast_or_null<DeclRefExpr>(E))
    return Ref->getDecl();
  if (const auto *Member = dyn_cast_or_null<MemberExpr>(E))
    return Member->getMemberDecl();
  if (const auto *Op = dyn_cast_or_null<CXXOperatorCallExpr>(E))
    if (Op->getOperator() == OO_Subscript && Op->getNumArgs() > 0)
      return namedDecl(Op->getArg(0));
  return nullptr;
}

/// Calls \p Visit on every statement under \p Root, skipping \p Skip.
template <typename Callback>
static bool anyStmt(const Stmt *Root, const Stmt *Skip, Callback Visit) {
  if (!Root || Root == Skip)
    return false;
  if (Visit(Root))
    return true;
  for (const Stmt *Child : Root->children())
    if (anyStmt(Child, Skip, Visit))
      return true;
  return false;
}

static StringRef calleeName(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return {};
  return Callee->getName();
}

static bool declaredWithin(const ValueDecl *D, const Stmt *Scope,
                           const SourceManager &SM) {
  const auto *Var = dyn_cast_or_null<VarDecl>(D);
  if (!Var || !Var->hasLocalStorage() || !Scope)
    return false;
  SourceRange Range = Scope->getSourceRange();
  SourceLocation Loc = Var->getLocation();
  return Range.isValid() && Loc.isValid() &&
         !SM.isBeforeInTranslationUnit(Loc, Range.getBegin()) &&
         !SM.isBeforeInTranslationUnit(Range.getEnd(), Loc);
}

/// The thread object a local variable holds: detached, moved out, or left to
/// be joined (or auto-joined) before the scope ends.
static UnboundedSpawnCheck::SpawnKind
classifyLocal(const ValueDecl *Var, const Stmt *Scope, bool &Escapes) {
  bool Detached = false, Moved = false;
  anyStmt(Scope, nullptr, [&](const Stmt *S) {
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
      if (calleeName(Member) == "detach" &&
          namedDecl(Member->getImplicitObjectArgument()) == Var)
        Detached = true;
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (calleeName(Call) == "move" && Call->getNumArgs() == 1 &&
          namedDecl(Call->getArg(0)) == Var)
        Moved = true;
    }
    return false;
  });
  Escapes = Detached || Moved;
  return Detached ? UnboundedSpawnCheck::SpawnKind::DetachedThread
                  : UnboundedSpawnCheck::SpawnKind::Thread;
}

UnboundedSpawnCheck::Escape
UnboundedSpawnCheck::escapesScope(const Spawn &S, const Stmt *Scope) const {
  const SourceManager &SM = Ctx->getSourceManager();
  auto ContainerEscapes = [&](const Expr *Object) -> Escape {
    const ValueDecl *Holder = namedDecl(Object);
    // A container local to the scope: its threads end with it.
    if (Holder && declaredWithin(Holder, Scope, SM))
      return {false, false, Holder};
    return {true, false, Holder};
  };

  // pthread_create(&Tid, ...): joined in the scope, or not.
  if (const auto *Call = dyn_cast<CallExpr>(S.Site);
      Call && S.Kind == SpawnKind::Thread && !isa<CXXMemberCallExpr>(Call) &&
      Call->getNumArgs() > 0 && utils::nameMatchesAny(SpawnFunctions, [&] {
        const FunctionDecl *Callee = Call->getDirectCallee();
        return Callee ? Callee->getQualifiedNameAsString() : std::string();
      }())) {
    const ValueDecl *Handle = namedDecl(Call->getArg(0));
    bool Joined = false, Detached = false;
    if (Handle && Call->getArg(0)->getType()->isPointerType())
      anyStmt(Scope, nullptr, [&](const Stmt *Node) {
        const auto *Other = dyn_cast<CallExpr>(Node);
        if (!Other || Other->getNumArgs() == 0 ||
            namedDecl(Other->getArg(0)) != Handle)
          return false;
        const FunctionDecl *Callee = Other->getDirectCallee();
        if (!Callee)
          return false;
        std::string Name = Callee->getQualifiedNameAsString();
        if (utils::nameMatchesAny(JoinFunctions, Name))
          Joined = true;
        if (utils::nameMatchesAny(DetachFunctions, Name))
          Detached = true;
        return false;
      });
    if (Joined && !Detached)
      return {false, false};
    return {true, Detached};
  }

  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S.Site))
    return ContainerEscapes(Member->getImplicitObjectArgument());

  // Walk up to the thing that holds the new thread or future.
  DynTypedNode Node = DynTypedNode::create(*S.Site);
  while (true) {
    DynTypedNodeList Parents = Ctx->getParents(Node);
    if (Parents.empty())
      return {false, false};
    const DynTypedNode &Parent = Parents[0];
    if (const auto *Var = Parent.get<VarDecl>()) {
      if (!Var->hasLocalStorage() || Var->getType()->isReferenceType())
        return {true, false};
      bool Escapes = false;
      SpawnKind Kind = classifyLocal(Var, Scope, Escapes);
      if (!declaredWithin(Var, Scope, SM))
        Escapes = true;
      return {Escapes, Kind == SpawnKind::DetachedThread};
    }
    if (Parent.get<ReturnStmt>())
      return {false, false};
    if (Parent.get<CXXNewExpr>())
      return {true, false};
    const auto *ParentExpr = Parent.get<Expr>();
    if (!ParentExpr)
      return {false, false}; // A discarded full-expression.
    if (isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
            ExprWithCleanups, ParenExpr, CXXFunctionalCastExpr>(ParentExpr)) {
      Node = Parent;
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(ParentExpr)) {
      if (Construct->getNumArgs() == 1) {
        Node = Parent;
        continue;
      }
      return {true, false};
    }
    if (const auto *Access = dyn_cast<MemberExpr>(ParentExpr)) {
      // std::thread(F).detach() or .join(): the call is the next parent up.
      DynTypedNodeList Up = Ctx->getParents(Parent);
      const auto *Member =
          Up.empty() ? nullptr : Up[0].get<CXXMemberCallExpr>();
      if (Member && Member->getCallee()->IgnoreParens() == Access &&
          calleeName(Member) == "detach")
        return {true, true};
      return {false, false};
    }
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(ParentExpr)) {
      const Expr *Object = Member->getImplicitObjectArgument();
      StringRef Method = calleeName(Member);
      if (Method == "push_back" || Method == "push_front" || Method == "push" ||
          Method == "insert" || Method == "emplace" ||
          Method == "emplace_back" || Method == "emplace_front" ||
          Method == "try_emplace" || Method == "insert_or_assign")
        return ContainerEscapes(Object);
      return {true, false};
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(ParentExpr)) {
      if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2) {
        // Slot = std::thread(F): one object reassigned does not grow, unless
        // the slot is a new map element.
        const Expr *Target = Op->getArg(0)->IgnoreParenImpCasts();
        if (const auto *Subscript = dyn_cast<CXXOperatorCallExpr>(Target))
          if (Subscript->getOperator() == OO_Subscript)
            return ContainerEscapes(Subscript->getArg(0));
        return {false, false};
      }
      return {true, false};
    }
    if (const auto *Call = dyn_cast<CallExpr>(ParentExpr)) {
      if (calleeName(Call) == "move") {
        Node = Parent;
        continue;
      }
      return {true, false}; // Handed over to someone else.
    }
    return {true, false};
  }
}

/// True when \p E names a counter that is incremented in \p Scope and
/// decremented somewhere in it (or is atomic): an in-flight count. With
/// \p Monotonic, incremented is enough (a count of threads ever started).
static bool isInFlightCounter(const ValueDecl *Counter, const Stmt *Scope,
                              bool Monotonic = false) {
  if (!Counter)
    return false;
  bool Up = false, Down = false;
  anyStmt(Scope, nullptr, [&](const Stmt *S) {
    if (const auto *Unary = dyn_cast<UnaryOperator>(S)) {
      if (Unary->isIncrementDecrementOp() &&
          namedDecl(Unary->getSubExpr()) == Counter)
        (Unary->isIncrementOp() ? Up : Down) = true;
    } else if (const auto *Compound = dyn_cast<CompoundAssignOperator>(S)) {
      if (namedDecl(Compound->getLHS()) == Counter) {
        if (Compound->getOpcode() == BO_AddAssign)
          Up = true;
        if (Compound->getOpcode() == BO_SubAssign)
          Down = true;
      }
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
      if (Op->getNumArgs() > 0 && namedDecl(Op->getArg(0)) == Counter) {
        if (Op->getOperator() == OO_PlusPlus ||
            Op->getOperator() == OO_PlusEqual)
          Up = true;
        if (Op->getOperator() == OO_MinusMinus ||
            Op->getOperator() == OO_MinusEqual)
          Down = true;
      }
    } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
      if (namedDecl(Member->getImplicitObjectArgument()) == Counter) {
        StringRef Name = calleeName(Member);
        if (Name == "fetch_add")
          Up = true;
        if (Name == "fetch_sub")
          Down = true;
      }
    }
    return false;
  });
  if (!Up)
    return false;
  if (Down || Monotonic)
    return true;
  const auto *Record = Counter->getType()->getAsCXXRecordDecl();
  return Record && Record->getName() == "atomic";
}

/// True when \p S leaves what it is in: `return`, `break`, `continue`,
/// `goto`, or a block ending with one.
static bool leaves(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return !Block->body_empty() && leaves(Block->body_back());
  return isa_and_nonnull<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt>(S);
}

/// `if (Started == Max) return;` (or `>=`, `>`) before a spawn that is
/// counted (`++Started`): at most Max threads are ever started.
static bool capsTotal(const IfStmt *If, const Stmt *Scope) {
  const auto *Cond = dyn_cast_or_null<BinaryOperator>(
      If->getCond() ? If->getCond()->IgnoreParenImpCasts() : nullptr);
  if (!Cond || If->getElse() || !leaves(If->getThen()))
    return false;
  BinaryOperatorKind Op = Cond->getOpcode();
  for (bool CounterLeft : {true, false}) {
    const ValueDecl *Counter =
        namedDecl(CounterLeft ? Cond->getLHS() : Cond->getRHS());
    const ValueDecl *Other =
        namedDecl(CounterLeft ? Cond->getRHS() : Cond->getLHS());
    bool Caps = Op == BO_EQ || (CounterLeft && (Op == BO_GE || Op == BO_GT)) ||
                (!CounterLeft && (Op == BO_LE || Op == BO_LT));
    if (Caps && Counter && Counter != Other &&
        isInFlightCounter(Counter, Scope, /*Monotonic=*/true))
      return true;
  }
  return false;
}

bool UnboundedSpawnCheck::isGuarded(const Stmt *Scope,
                                    const Expr *SpawnSite) const {
  return anyStmt(Scope, SpawnSite, [&](const Stmt *S) {
    if (const auto *If = dyn_cast<IfStmt>(S); If && capsTotal(If, Scope))
      return true;
    // Sem.acquire() / Sem.try_acquire() / sem_wait(&Sem) before the spawn.
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
      StringRef Name = calleeName(Member);
      if (Name == "acquire" || Name == "try_acquire" ||
          Name == "try_acquire_for" || Name == "try_acquire_until" ||
          Name == "wait" || Name == "try_wait") {
        const CXXRecordDecl *Record = Member->getRecordDecl();
        if (Record && utils::nameMatchesAny(SemaphoreTypes,
                                            Record->getQualifiedNameAsString()))
          return true;
      }
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      StringRef Name = calleeName(Call);
      if (Name == "sem_wait" || Name == "sem_trywait" ||
          Name == "sem_timedwait")
        return true;
    }
    // if (InFlight >= kMaxInFlight) ... compared to a bound.
    const Expr *L = nullptr, *R = nullptr;
    if (const auto *Binary = dyn_cast<BinaryOperator>(S)) {
      if (Binary->isRelationalOp()) {
        L = Binary->getLHS();
        R = Binary->getRHS();
      }
    } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
      if (Op->isComparisonOp() && Op->getNumArgs() == 2 &&
          Op->getOperator() != OO_EqualEqual &&
          Op->getOperator() != OO_ExclaimEqual) {
        L = Op->getArg(0);
        R = Op->getArg(1);
      }
    }
    if (!L)
      return false;
    auto CounterOf = [](const Expr *E) -> const ValueDecl * {
      E = E->IgnoreParenImpCasts();
      if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
        if (calleeName(Member) == "load" || Member->getNumArgs() == 0)
          return namedDecl(Member->getImplicitObjectArgument());
      return namedDecl(E);
    };
    const ValueDecl *LD = CounterOf(L), *RD = CounterOf(R);
    if (LD == RD)
      return false;
    return isInFlightCounter(LD, Scope) || isInFlightCounter(RD, Scope);
  });
}

bool UnboundedSpawnCheck::isInPoolType(const FunctionDecl *Function) const {
  for (const DeclContext *DC = Function; DC; DC = DC->getParent()) {
    const auto *Record = dyn_cast<CXXRecordDecl>(DC);
    if (!Record || Record->isLambda())
      continue;
    return utils::nameMatchesAny(PoolTypes, Record->getQualifiedNameAsString());
  }
  return false;
}

/// True when \p Call is a method call on the element variable of the
/// range-for \p Loop (`for (auto &T : Threads_) T->start();`): it starts
/// objects that already exist; their number is judged where they were added.
static bool startsLoopElement(const Expr *Call, const Stmt *Loop) {
  const auto *Range = dyn_cast<CXXForRangeStmt>(Loop);
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
  if (!Range || !Member || !Range->getLoopVariable())
    return false;
  const Expr *Object = Member->getImplicitObjectArgument();
  if (!Object)
    return false;
  Object = Object->IgnoreParenImpCasts();
  // T->start() through a smart pointer: operator-> on the element.
  if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Object))
    if (Arrow->getOperator() == OO_Arrow && Arrow->getNumArgs() > 0)
      Object = Arrow->getArg(0);
  return namedDecl(Object) == Range->getLoopVariable();
}

/// True when \p Param can hold something to run: a pointer to a function,
/// a function reference, or an object with a call operator (a lambda, a
/// std::function).
static bool isCallableParameter(const ParmVarDecl *Param) {
  QualType T = Param->getType().getNonReferenceType();
  if (T->isFunctionPointerType() || T->isFunctionType() ||
      T->isMemberFunctionPointerType())
    return true;
  const CXXRecordDecl *Record = T->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  return llvm::any_of(Record->methods(), [](const CXXMethodDecl *M) {
    return M->getOverloadedOperator() == OO_Call;
  });
}

/// True when the spawn at \p Site runs what \p Function's caller chose: one
/// of its arguments is a callable parameter of \p Function
/// (`pthread_create(&t, 0, routine, arg)` in `start_thread(routine, arg)`).
/// Such a function is a spawn wrapper; each loop that calls it is its own
/// finding, reported at the call.
static bool runsCallersCallable(const Expr *Site,
                                const FunctionDecl *Function) {
  auto NamesCallableParam = [&](const Expr *Arg) {
    const auto *Ref = dyn_cast<DeclRefExpr>(stripOperand(Arg));
    const auto *Param = Ref ? dyn_cast<ParmVarDecl>(Ref->getDecl()) : nullptr;
    return Param && Param->getDeclContext() == Function &&
           isCallableParameter(Param);
  };
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Site))
    return llvm::any_of(Construct->arguments(), NamesCallableParam);
  if (const auto *Call = dyn_cast<CallExpr>(Site))
    return llvm::any_of(Call->arguments(), NamesCallableParam);
  return false;
}

static SourceLocation spawnLocation(const Expr *Site) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Site))
    if (const auto *Callee = dyn_cast<MemberExpr>(Member->getCallee()))
      return Callee->getMemberLoc();
  return Site->getBeginLoc();
}

void UnboundedSpawnCheck::report(const Spawn &S, const Stmt *Loop,
                                 SpawnKind Kind,
                                 llvm::ArrayRef<const CallExpr *> Calls,
                                 bool AtWrapperCall) {
  SourceLocation SpawnLoc = spawnLocation(S.Site);
  // A wrapper's spawn is reported where the wrapper is called: that call
  // chose what runs, and is what the reviewer of the loop should bound.
  SourceLocation Loc = AtWrapperCall ? Calls.front()->getBeginLoc() : SpawnLoc;
  diag(Loc, "%select{thread|detached thread|task}0 spawned once per iteration "
            "of an unbounded loop; the number of live "
            "%select{threads|threads|tasks}0 grows with the input")
      << static_cast<int>(Kind);
  diag(Loop->getBeginLoc(),
       "one %select{thread|detached thread|task}0 per iteration of this "
       "loop, which has no bound",
       DiagnosticIDs::Note)
      << static_cast<int>(Kind);
  if (AtWrapperCall) {
    diag(SpawnLoc,
         "'%0' starts the %select{thread|thread|task}1 here, running what its "
         "caller gives it",
         DiagnosticIDs::Note)
        << Calls.front()->getDirectCallee()->getNameAsString()
        << static_cast<int>(Kind);
    Calls = Calls.drop_front();
  }
  // From the call in the loop down to the function that spawns.
  for (const CallExpr *Call : llvm::reverse(Calls)) {
    // A lambda is named by the variable that holds it.
    std::string Name = Call->getDirectCallee()->getNameAsString();
    SourceLocation CallLoc = Call->getBeginLoc();
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(Call);
        Op && Op->getOperator() == OO_Call && Op->getNumArgs() > 0) {
      CallLoc = Op->getArg(0)->getBeginLoc();
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Op->getArg(0)->IgnoreParenImpCasts()))
        Name = Ref->getDecl()->getNameAsString();
    }
    diag(CallLoc, "'%0' is called here, once per iteration",
         DiagnosticIDs::Note)
        << Name;
  }
  diag(Loc,
       "bound the number of %select{threads|threads|tasks}0: use a fixed "
       "worker pool, acquire a counting_semaphore before spawning, or feed a "
       "bounded queue served by a fixed pool",
       DiagnosticIDs::Note)
      << static_cast<int>(Kind);
}

void UnboundedSpawnCheck::onEndOfTranslationUnit() {
  if (!Ctx) {
    Spawns.clear();
    CallSites.clear();
    return;
  }
  utils::WriteIndex Writes(*Ctx);
  BoundConfig.Writes = &Writes;
  // A pool started once, from `main` or what only it calls, is sized once.
  utils::UnitCallGraph Calls(*Ctx, Project.get());
  BoundConfig.RunsOnce = [&](const FunctionDecl *F) {
    auto IsMain = [](const FunctionDecl *G) { return G->isMain(); };
    return F->isMain() || Calls.reachedOnlyOnce(F, IsMain);
  };
  llvm::DenseSet<SourceLocation> Reported;
  for (const Spawn &S : Spawns) {
    SourceLocation Loc = spawnLocation(S.Site);
    if (Reported.contains(Loc))
      continue;
    const FunctionDecl *Function = utils::enclosingFunction(S.Site, *Ctx);
    // Uninstantiated templates are judged by their instantiations.
    if (!Function || Function->isDependentContext() ||
        Function->isInvalidDecl() || !Function->getBody() ||
        isInPoolType(Function))
      continue;

    if (const Stmt *Loop =
            utils::innermostUnboundedLoop(S.Site, *Ctx, BoundConfig)) {
      Escape E = escapesScope(S, bodyOrLoop(Loop));
      if (!E.Escapes || isGuarded(Loop, S.Site) ||
          startsLoopElement(S.Site, Loop))
        continue;
      // A constructor filling the object's own thread container creates a
      // pool: one per object, sized when the object is built.
      if (isa<CXXConstructorDecl>(Function) && E.Holder &&
          isa<FieldDecl>(E.Holder))
        continue;
      Reported.insert(Loc);
      report(S, Loop, E.Detached ? SpawnKind::DetachedThread : S.Kind, {},
             /*AtWrapperCall=*/false);
      continue;
    }

    // No unbounded loop in the spawning function: follow its callers.
    Escape E = escapesScope(S, Function->getBody());
    if (!E.Escapes || isGuarded(Function->getBody(), S.Site))
      continue;
    SpawnKind Kind = E.Detached ? SpawnKind::DetachedThread : S.Kind;
    // A wrapper's callers are each their own finding, at their call.
    bool Wrapper = runsCallersCallable(S.Site, Function);
    struct Pending {
      const FunctionDecl *Function;
      SmallVector<const CallExpr *, 4> Calls;
    };
    SmallVector<Pending, 8> Worklist = {{Function, {}}};
    llvm::DenseSet<const FunctionDecl *> Visited = {
        Function->getCanonicalDecl()};
    bool Done = false;
    for (size_t I = 0; I < Worklist.size() && !Done; ++I) {
      Pending Item = Worklist[I];
      if (Item.Calls.size() >= MaxCallDepth)
        continue;
      auto It = CallSites.find(Item.Function->getCanonicalDecl());
      if (It == CallSites.end())
        continue;
      for (const CallExpr *Call : It->second) {
        const FunctionDecl *Caller = utils::enclosingFunction(Call, *Ctx);
        if (!Caller || Caller->isDependentContext() || !Caller->getBody())
          continue;
        SmallVector<const CallExpr *, 4> Calls = Item.Calls;
        Calls.push_back(Call);
        if (const Stmt *Loop =
                utils::innermostUnboundedLoop(Call, *Ctx, BoundConfig)) {
          if (isGuarded(Loop, Call) || startsLoopElement(Call, Loop))
            continue;
          if (Wrapper) {
            if (Reported.insert(Calls.front()->getBeginLoc()).second)
              report(S, Loop, Kind, Calls, /*AtWrapperCall=*/true);
            continue;
          }
          Reported.insert(Loc);
          report(S, Loop, Kind, Calls, /*AtWrapperCall=*/false);
          Done = true;
          break;
        }
        if (isGuarded(Caller->getBody(), Call))
          continue;
        if (Visited.insert(Caller->getCanonicalDecl()).second)
          Worklist.push_back({Caller, std::move(Calls)});
      }
    }
  }
  BoundConfig.Writes = nullptr;
  BoundConfig.RunsOnce = nullptr;
  Spawns.clear();
  CallSites.clear();
  Ctx = nullptr;
}

} // namespace clang::tidy::leak
