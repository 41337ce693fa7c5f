//===--- UncancelledWaitCheck.cpp - LeakGuard -----------------------------===//

#include "UncancelledWaitCheck.h"
#include "utils/ApiModel.h"
#include "utils/CallableResolution.h"
#include "utils/HandleTests.h"
#include "utils/Matchers.h"
#include "utils/OptionUtils.h"
#include "utils/SharedOptions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

namespace {

/// True for a `do ... while (0)` (or any loop whose condition is a constant
/// false): its body runs once.
bool runsOnce(const Stmt *Loop, const ASTContext &Context) {
  const auto *Do = dyn_cast<DoStmt>(Loop);
  if (!Do || !Do->getCond() || Do->getCond()->isValueDependent())
    return false;
  bool Value = true;
  return Do->getCond()->EvaluateAsBooleanCondition(Value, Context) && !Value;
}

/// A lambda's operator() belongs to the function the lambda is written in.
const FunctionDecl *owningFunction(const FunctionDecl *F) {
  while (F) {
    const auto *Method = dyn_cast<CXXMethodDecl>(F);
    if (!Method || !Method->getParent()->isLambda())
      return F;
    F = dyn_cast<FunctionDecl>(Method->getParent()->getDeclContext());
  }
  return F;
}

bool isStopMethod(const FunctionDecl *F) {
  if (isa<CXXDestructorDecl>(F))
    return true;
  if (!F->getDeclName().isIdentifier())
    return false;
  static const std::vector<std::string> Names = {
      "stop", "shutdown",  "close",  "cancel", "terminate", "quit",
      "halt", "interrupt", "finish", "exit",   "abort",     "kill"};
  return utils::isStopSignalName(F->getName(), Names);
}

/// Fields assigned (or stored to) in \p S.
void collectWrittenFields(const Stmt *S,
                          llvm::SmallPtrSetImpl<const ValueDecl *> &Out) {
  if (!S)
    return;
  auto AddTarget = [&](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      Out.insert(Member->getMemberDecl());
    else if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      Out.insert(Ref->getDecl());
  };
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->isAssignmentOp())
      AddTarget(BO->getLHS());
  } else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (Op->isAssignmentOp() && Op->getNumArgs() >= 1)
      AddTarget(Op->getArg(0));
  } else if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
    const CXXMethodDecl *M = Member->getMethodDecl();
    if (M && M->getDeclName().isIdentifier() &&
        (M->getName() == "store" || M->getName() == "exchange" ||
         M->getName() == "test_and_set" || M->getName() == "request_stop"))
      AddTarget(Member->getImplicitObjectArgument());
  }
  for (const Stmt *Child : S->children())
    collectWrittenFields(Child, Out);
}

/// The variable or member a thread handle expression names: `tid`, `&tid`,
/// `&ctx->threads[i]`, `Worker`, `this->Threads`.
const Decl *handleDecl(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < 8; ++Depth) {
    E = E->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(E);
        UO && (UO->getOpcode() == UO_AddrOf || UO->getOpcode() == UO_Deref)) {
      E = UO->getSubExpr();
      continue;
    }
    if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E)) {
      E = ASE->getBase();
      continue;
    }
    if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
        Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() > 0) {
      E = Op->getArg(0);
      continue;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
      return Ref->getDecl()->getCanonicalDecl();
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      return Member->getMemberDecl()->getCanonicalDecl();
    return nullptr;
  }
  return nullptr;
}

std::string spelling(const Expr *E, ASTContext &Context) {
  const auto *Call = dyn_cast<CallExpr>(E);
  const Expr *Callee = Call ? Call->getCallee() : E;
  CharSourceRange Range =
      CharSourceRange::getTokenRange(Callee->getSourceRange());
  StringRef Text = Lexer::getSourceText(Range, Context.getSourceManager(),
                                        Context.getLangOpts());
  if (Text.empty() || Text.size() > 60 || Text.contains('\n')) {
    if (Call && Call->getDirectCallee())
      return Call->getDirectCallee()->getNameAsString();
    return "wait";
  }
  return Text.str();
}

} // namespace

UncancelledWaitCheck::UncancelledWaitCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Rules(Name, Options, Context),
      Threads(Options, Rules.model()) {
  // A std::jthread runs a thread body too, although it joins itself.
  llvm::append_range(Threads.ThreadTypes, Rules.model().SelfJoiningThreads);
}

void UncancelledWaitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Rules.storeOptions(Options, Opts);
  Threads.store(Options, Opts);
}

void UncancelledWaitCheck::registerMatchers(MatchFinder *Finder) {
  // Candidate waits and loops are found by walking the bodies of the
  // functions written outside system headers, top-down, so that no parent
  // map is needed (the standard library's own waits, e.g. the predicate loop
  // inside condition_variable::wait(lock, pred), are not the user's).
  Finder->addMatcher(utils::userFunctionDefinition().bind("fn"), this);
  // Thread starts: which functions run as thread bodies.
  auto ThreadRecord =
      cxxRecordDecl(utils::matchesAnyListedName(Threads.ThreadTypes));
  Finder->addMatcher(
      cxxConstructExpr(unless(isExpansionInSystemHeader()),
                       hasType(hasUnqualifiedDesugaredType(
                           recordType(hasDeclaration(ThreadRecord)))),
                       unless(argumentCountIs(0)))
          .bind("start"),
      this);
  Finder->addMatcher(callExpr(callee(functionDecl(utils::matchesAnyListedName(
                                  Rules.model().SpawnFunctions))),
                              argumentCountIs(4))
                         .bind("start"),
                     this);
}

void UncancelledWaitCheck::check(const MatchFinder::MatchResult &Result) {
  if (Context != Result.Context || !Writes) {
    Context = Result.Context;
    Writes = std::make_unique<utils::WriteIndex>(*Context);
    Threads.Signals.Writes = Writes.get();
  }
  if (const auto *Start = Result.Nodes.getNodeAs<Expr>("start")) {
    llvm::SmallVector<const Expr *, 4> Rest;
    const Expr *Callable = utils::spawnedCallable(Start, Rest);
    std::optional<utils::ResolvedCallable> Body =
        utils::resolveCallable(Callable, Rest);
    if (!Body)
      return;
    // `std::thread(...).detach()`: leak-unjoined-thread reports its loop.
    bool Detached = false;
    DynTypedNodeList Up = Context->getParents(*Start);
    for (unsigned Level = 0; Level < 4 && !Up.empty(); ++Level) {
      if (const auto *Member = Up[0].get<MemberExpr>()) {
        Detached = Member->getMemberDecl()->getDeclName().isIdentifier() &&
                   Member->getMemberDecl()->getName() == "detach";
        break;
      }
      if (!Up[0].get<Expr>())
        break;
      Up = Context->getParents(Up[0]);
    }
    // `std::thread T(f); ... T.detach();`
    if (!Detached && !Up.empty())
      if (const auto *Var = Up[0].get<VarDecl>())
        Detached = isDetachedLater(Var);
    auto Add = [&](const FunctionDecl *F) {
      auto [It, Inserted] = ThreadBodies.try_emplace(F, Detached);
      if (!Inserted)
        It->second = It->second && Detached;
      recordHandle(Start, F);
    };
    Add(Body->Function);
    // What the body calls directly runs on the thread too
    // (e.g. `[this] { run(); }`).
    std::function<void(const Stmt *)> Collect = [&](const Stmt *S) {
      if (!S || isa<LambdaExpr>(S))
        return;
      if (const auto *Call = dyn_cast<CallExpr>(S))
        if (const FunctionDecl *Callee = Call->getDirectCallee()) {
          const FunctionDecl *Def = nullptr;
          if (Callee->hasBody(Def) && !Def->isInStdNamespace())
            Add(Def);
        }
      for (const Stmt *Child : S->children())
        Collect(Child);
    };
    Collect(Body->Body);
    return;
  }
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn"))
    if (!Fn->isInvalidDecl()) {
      Bodies.push_back(Fn);
      collectCandidates(Fn->getBody(), Fn);
    }
}

void UncancelledWaitCheck::recordHandle(const Expr *Start,
                                        const FunctionDecl *Body) {
  if (const auto *Call = dyn_cast<CallExpr>(Start)) {
    // pthread_create(&tid, attr, body, arg).
    if (Call->getNumArgs() > 0)
      if (const Decl *D = handleDecl(Call->getArg(0)))
        BodyHandles[Body].push_back(D);
    return;
  }
  if (const auto *Record = Start->getType()->getAsCXXRecordDecl();
      Record && utils::nameMatchesAny(Rules.model().SelfJoiningThreads,
                                      Record->getQualifiedNameAsString()))
    SelfJoined.insert(Body);
  // std::thread T(f); Member(f) in a constructor; T = std::thread(f);
  // Workers.emplace_back(f).
  DynTypedNodeList Up = Context->getParents(*Start);
  for (unsigned Level = 0; Level < 6 && !Up.empty(); ++Level) {
    const Decl *Handle = nullptr;
    if (const auto *Var = Up[0].get<VarDecl>())
      Handle = Var->getCanonicalDecl();
    else if (const auto *Init = Up[0].get<CXXCtorInitializer>())
      Handle =
          Init->getMember() ? Init->getMember()->getCanonicalDecl() : nullptr;
    else if (const auto *Op = Up[0].get<CXXOperatorCallExpr>();
             Op && Op->getNumArgs() > 0)
      Handle = handleDecl(Op->getArg(0));
    else if (const auto *Member = Up[0].get<CXXMemberCallExpr>())
      Handle = handleDecl(Member->getImplicitObjectArgument());
    if (Handle) {
      BodyHandles[Body].push_back(Handle);
      return;
    }
    if (!Up[0].get<Expr>())
      return;
    Up = Context->getParents(Up[0]);
  }
}

void UncancelledWaitCheck::collectEndedHandles() {
  // Range-for variables stand for the container they run over:
  // `for (auto &T : Workers) T.join();` joins Workers.
  llvm::DenseMap<const Decl *, const Decl *> LoopVarOf;
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(S))
      if (const Decl *Container = handleDecl(Range->getRangeInit()))
        LoopVarOf[Range->getLoopVariable()->getCanonicalDecl()] = Container;
    auto Note = [&](const Expr *Handle, bool Cancel) {
      const Decl *D = handleDecl(Handle);
      if (!D)
        return;
      if (auto It = LoopVarOf.find(D); It != LoopVarOf.end())
        D = It->second;
      (Cancel ? CancelledHandles : JoinedHandles).insert(D);
    };
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
      if (const CXXMethodDecl *M = Member->getMethodDecl();
          M && M->getIdentifier() &&
          (M->getName() == "join" || M->getName() == "request_stop"))
        Note(Member->getImplicitObjectArgument(), false);
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->getIdentifier() && Call->getNumArgs() > 0) {
        if (utils::nameMatchesAny(Rules.model().JoinFunctions,
                                  Callee->getQualifiedNameAsString()))
          Note(Call->getArg(0), false);
        else if (Callee->getName() == "pthread_cancel")
          Note(Call->getArg(0), true);
      }
    }
    for (const Stmt *Child : S->children())
      Walk(Child);
  };
  for (const FunctionDecl *F : Bodies)
    Walk(F->getBody());
}

bool UncancelledWaitCheck::isJoined(const FunctionDecl *F) const {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def))
    return false;
  if (SelfJoined.contains(Def))
    return true;
  auto It = BodyHandles.find(Def);
  if (It == BodyHandles.end())
    return false;
  return llvm::any_of(It->second, [&](const Decl *D) {
    return JoinedHandles.contains(D) || CancelledHandles.contains(D);
  });
}

bool UncancelledWaitCheck::isCancelled(const FunctionDecl *F) const {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def))
    return false;
  auto It = BodyHandles.find(Def);
  return It != BodyHandles.end() &&
         llvm::any_of(It->second, [&](const Decl *D) {
           return CancelledHandles.contains(D);
         });
}

bool UncancelledWaitCheck::isReadinessChecked(const Candidate &C) const {
  std::function<bool(const Stmt *)> Tests = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (utils::classifyWait(Call, Threads.BlockingFunctions) ==
          utils::WaitKind::Timed)
        return true;
    for (const Stmt *Child : S->children())
      if (Tests(Child))
        return true;
    return false;
  };
  return llvm::any_of(C.Guards, [&](const Expr *G) { return Tests(G); });
}

bool UncancelledWaitCheck::isRetryLoop(const Stmt *Loop,
                                       const CallExpr *Call) const {
  // The variable receiving the call's result: `n = read(...)`.
  const ValueDecl *Result = nullptr;
  DynTypedNodeList Up = Context->getParents(*Call);
  for (unsigned Level = 0; Level < 3 && !Up.empty() && !Result; ++Level) {
    if (const auto *Assign = Up[0].get<BinaryOperator>();
        Assign && Assign->getOpcode() == BO_Assign)
      Result = utils::referencedDecl(Assign->getLHS());
    else if (const auto *Var = Up[0].get<VarDecl>())
      Result = Var;
    else if (!Up[0].get<Expr>())
      break;
    if (!Result)
      Up = Context->getParents(Up[0]);
  }
  const Expr *Cond = utils::loopCondition(Loop);
  if (!Cond)
    return false;
  // A conjunct that holds only when the call failed.
  std::function<bool(const Expr *)> FailedConjunct = [&](const Expr *E) {
    E = utils::ignoreBranchHints(E);
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->getOpcode() == BO_LAnd)
        return FailedConjunct(BO->getLHS()) || FailedConjunct(BO->getRHS());
      utils::FailureSpec Spec;
      Spec.Handle.Var = Result;
      Spec.Acquisition = Call;
      static const std::vector<std::string> Negative = {"negative"};
      Spec.InvalidValues = Negative;
      std::optional<bool> Failed = utils::failedWhen(BO, Spec, *Context);
      return Failed && *Failed;
    }
    return false;
  };
  return FailedConjunct(Cond);
}

/// True when the local thread \p Var is detached in the function that
/// declares it.
bool UncancelledWaitCheck::testsWouldBlock(const Stmt *Loop) const {
  const SourceManager &SM = Context->getSourceManager();
  auto IsWouldBlock = [&](const Expr *E) {
    SourceLocation Loc = E->IgnoreParenImpCasts()->getBeginLoc();
    if (!Loc.isMacroID())
      return false;
    StringRef Name = Lexer::getSourceText(
        CharSourceRange::getTokenRange(SM.getExpansionLoc(Loc)), SM,
        Context->getLangOpts());
    return Name == "EAGAIN" || Name == "EWOULDBLOCK";
  };
  std::function<bool(const Stmt *)> Tests = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return false;
    if (const auto *BO = dyn_cast<BinaryOperator>(S);
        BO && BO->isEqualityOp() &&
        (IsWouldBlock(BO->getLHS()) || IsWouldBlock(BO->getRHS())))
      return true;
    if (const auto *Case = dyn_cast<CaseStmt>(S);
        Case && Case->getLHS() && IsWouldBlock(Case->getLHS()))
      return true;
    return llvm::any_of(S->children(), Tests);
  };
  return Tests(Loop);
}

bool UncancelledWaitCheck::isDetachedLater(const VarDecl *Var) const {
  const auto *Fn = dyn_cast<FunctionDecl>(Var->getDeclContext());
  if (!Var->hasLocalStorage() || !Fn || !Fn->getBody())
    return false;
  std::function<bool(const Stmt *)> Find = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
      if (const CXXMethodDecl *M = Call->getMethodDecl();
          M && M->getIdentifier() && M->getName() == "detach")
        if (const auto *Ref = dyn_cast<DeclRefExpr>(
                Call->getImplicitObjectArgument()->IgnoreParenImpCasts());
            Ref && Ref->getDecl() == Var)
          return true;
    for (const Stmt *Child : S->children())
      if (Find(Child))
        return true;
    return false;
  };
  return Find(Fn->getBody());
}

void UncancelledWaitCheck::collectCandidates(const Stmt *Body,
                                             const FunctionDecl *Fn) {
  llvm::SmallVector<const Stmt *, 4> Loops;
  llvm::SmallVector<const Expr *, 2> Guards;
  // A test that calls a timed readiness wait (poll, select).
  std::function<bool(const Stmt *)> ElseIsUnready = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *Call = dyn_cast<CallExpr>(S);
        Call && utils::classifyWait(Call, Threads.BlockingFunctions) ==
                    utils::WaitKind::Timed)
      return true;
    for (const Stmt *Child : S->children())
      if (ElseIsUnready(Child))
        return true;
    return false;
  };
  std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
    if (!S)
      return;
    // A lambda's body is a function of its own, matched as its call
    // operator.
    if (isa<LambdaExpr>(S))
      return;
    if (const auto *If = dyn_cast<IfStmt>(S); If && If->getCond()) {
      Walk(If->getInit());
      Walk(If->getConditionVariableDeclStmt());
      Walk(If->getCond());
      Guards.push_back(If->getCond());
      Walk(If->getThen());
      Guards.pop_back();
      // The else branch is guarded by the same test, negated (`if (work)
      // ... else pthread_cond_wait(...)`); a readiness test does not make
      // its else branch ready, though.
      if (!ElseIsUnready(If->getCond()))
        Guards.push_back(If->getCond());
      Walk(If->getElse());
      if (!ElseIsUnready(If->getCond()))
        Guards.pop_back();
      return;
    }
    // `do { ... } while (0)` is a block, not a loop.
    bool IsLoop = utils::isLoop(S) && !runsOnce(S, *Context);
    if (IsLoop && !isa<CXXForRangeStmt>(S) &&
        utils::isUnboundedLoop(S, *Context))
      Candidates.push_back({S, Body, Fn, utils::WaitKind::None, Loops, {}});
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      utils::WaitKind Kind =
          utils::classifyWait(Call, Threads.BlockingFunctions);
      if (Kind != utils::WaitKind::None && Kind != utils::WaitKind::Timed &&
          Kind != utils::WaitKind::Sleep &&
          Kind != utils::WaitKind::CondVarWaitStopToken) {
        llvm::SmallVector<const Stmt *, 4> Innermost(Loops.rbegin(),
                                                     Loops.rend());
        Candidates.push_back({S, Body, Fn, Kind, Innermost, Guards});
      }
    }
    if (IsLoop)
      Loops.push_back(S);
    for (const Stmt *Child : S->children())
      Walk(Child);
    if (IsLoop)
      Loops.pop_back();
  };
  Walk(Body);
}

bool UncancelledWaitCheck::isThreadBody(const FunctionDecl *F) const {
  const FunctionDecl *Def = nullptr;
  if (!F || !F->hasBody(Def))
    return false;
  return ThreadBodies.count(Def);
}

const FunctionDecl *UncancelledWaitCheck::stopPathOf(const FunctionDecl *F) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(owningFunction(F));
  if (!Method)
    return nullptr;
  const CXXRecordDecl *Record = Method->getParent()->getCanonicalDecl();
  auto [It, Inserted] = StopPaths.try_emplace(Record, nullptr);
  if (!Inserted)
    return It->second;
  const CXXRecordDecl *Def = Record->getDefinition();
  if (!Def)
    return nullptr;
  for (const Decl *D : Def->decls()) {
    const auto *M = dyn_cast<CXXMethodDecl>(D);
    const FunctionDecl *Body = nullptr;
    if (!M || M->isImplicit() || !isStopMethod(M) || !M->hasBody(Body))
      continue;
    if (!It->second)
      It->second = Body;
    // A flag the stop path sets is a stop signal, whatever its name.
    llvm::SmallPtrSet<const ValueDecl *, 8> Written;
    collectWrittenFields(Body->getBody(), Written);
    for (const ValueDecl *W : Written)
      if (const auto *Field = dyn_cast<FieldDecl>(W))
        if (Field->getParent()->getCanonicalDecl() == Record)
          Threads.Signals.ExtraFlags.insert(Field);
  }
  return It->second;
}

void UncancelledWaitCheck::onEndOfTranslationUnit() {
  collectEndedHandles();
  for (const Candidate &C : Candidates) {
    if (C.Kind == utils::WaitKind::None)
      checkSleepLoop(C);
    else
      checkWait(C);
  }
  Candidates.clear();
  ThreadBodies.clear();
  Bodies.clear();
  StopPaths.clear();
  Threads.Signals.ExtraFlags.clear();
  BodyHandles.clear();
  SelfJoined.clear();
  JoinedHandles.clear();
  CancelledHandles.clear();
  Threads.Signals.Writes = nullptr;
  Writes.reset();
}

/// The local lock object passed to the wait \p Call when it is declared
/// inside \p Loop (taken anew in each iteration), or null.
const VarDecl *UncancelledWaitCheck::lockDeclaredIn(const CallExpr *Call,
                                                    const Stmt *Loop) const {
  if (Call->getNumArgs() == 0)
    return nullptr;
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Call->getArg(0)->IgnoreParenImpCasts());
  const auto *Lock = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Lock || !Lock->hasLocalStorage())
    return nullptr;
  const SourceManager &SM = Context->getSourceManager();
  SourceLocation Decl = SM.getExpansionLoc(Lock->getLocation());
  SourceRange Range = Loop->getSourceRange();
  return SM.isPointWithin(Decl, SM.getExpansionLoc(Range.getBegin()),
                          SM.getExpansionLoc(Range.getEnd()))
             ? Lock
             : nullptr;
}

/// True when the descriptor \p Call blocks on (its first argument: accept,
/// recv, read, poll...) is a member or static that some function of the unit
/// closes or shuts down: that is how such a wait is interrupted.
bool UncancelledWaitCheck::isDescriptorClosedElsewhere(
    const CallExpr *Call) const {
  if (Call->getNumArgs() == 0)
    return false;
  const ValueDecl *Fd = utils::referencedDecl(Call->getArg(0));
  const auto *Var = dyn_cast_or_null<VarDecl>(Fd);
  if (!Fd || (Var && Var->hasLocalStorage()))
    return false; // A local descriptor: nothing else can reach it.
  std::function<bool(const Stmt *)> Closes = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *Close = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = Close->getDirectCallee();
          Callee && Callee->getIdentifier() && Close->getNumArgs() > 0 &&
          llvm::is_contained({"close", "shutdown", "closesocket"},
                             Callee->getName()) &&
          utils::referencedDecl(Close->getArg(0)) == Fd)
        return true;
    for (const Stmt *Child : S->children())
      if (Closes(Child))
        return true;
    return false;
  };
  return llvm::any_of(
      Bodies, [&](const FunctionDecl *F) { return Closes(F->getBody()); });
}

/// True when a condition in \p Guards makes a timed wait (wait_for,
/// wait_until) on the object \p Call is made on.
bool UncancelledWaitCheck::isGuardedByTimedWait(
    const CallExpr *Call, llvm::ArrayRef<const Expr *> Guards) const {
  const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
  if (!Member)
    return false;
  llvm::FoldingSetNodeID Object;
  Member->getImplicitObjectArgument()->IgnoreParenImpCasts()->Profile(
      Object, *Context, /*Canonical=*/true);
  std::function<bool(const Stmt *)> Waits = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *Timed = dyn_cast<CXXMemberCallExpr>(S))
      if (const CXXMethodDecl *M = Timed->getMethodDecl();
          M && M->getIdentifier() &&
          (M->getName() == "wait_for" || M->getName() == "wait_until")) {
        llvm::FoldingSetNodeID Other;
        Timed->getImplicitObjectArgument()->IgnoreParenImpCasts()->Profile(
            Other, *Context, /*Canonical=*/true);
        if (Other == Object)
          return true;
      }
    for (const Stmt *Child : S->children())
      if (Waits(Child))
        return true;
    return false;
  };
  return llvm::any_of(Guards, [&](const Expr *G) { return Waits(G); });
}

namespace {
/// True for a call that wakes waiters: notify_one/notify_all on a
/// condition variable, pthread_cond_signal/broadcast.
bool isWakeUp(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getIdentifier())
    return false;
  llvm::StringRef Name = Callee->getName();
  return Name == "notify_one" || Name == "notify_all" ||
         Name == "pthread_cond_signal" || Name == "pthread_cond_broadcast";
}

/// True when \p S wakes every waiter: notify_all, pthread_cond_broadcast.
bool wakesAllWaiters(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->getIdentifier() &&
        (Callee->getName() == "notify_all" ||
         Callee->getName() == "pthread_cond_broadcast"))
      return true;
  for (const Stmt *Child : S->children())
    if (wakesAllWaiters(Child))
      return true;
  return false;
}

/// The name a call calls, also for a member of an object whose type depends
/// on a template parameter (`X.join()` in a class template).
llvm::StringRef calledName(const CallExpr *Call) {
  if (const FunctionDecl *Callee = Call->getDirectCallee())
    return Callee->getIdentifier() ? Callee->getName() : llvm::StringRef();
  if (const auto *Dependent = dyn_cast<CXXDependentScopeMemberExpr>(
          Call->getCallee()->IgnoreParenImpCasts()))
    if (Dependent->getMember().isIdentifier())
      return Dependent->getMember().getAsIdentifierInfo()->getName();
  return {};
}

/// True when \p Body joins a thread (`join()`, pthread_join).
bool joinsThreads(const Stmt *Body) {
  if (!Body)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(Body)) {
    llvm::StringRef Name = calledName(Call);
    if (Name == "join" || Name == "pthread_join")
      return true;
  }
  for (const Stmt *Child : Body->children())
    if (joinsThreads(Child))
      return true;
  return false;
}

/// A stop path: a destructor, a method named like stop, or a function that
/// then waits for threads to end.
bool isStopPath(const FunctionDecl *F) {
  return F && (isStopMethod(F) || joinsThreads(F->getBody()));
}

/// True when \p S, or a function of the unit it calls directly, wakes
/// waiters.
bool wakesWaiters(const Stmt *S, unsigned Depth = 1) {
  if (!S)
    return false;
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    if (isWakeUp(Call))
      return true;
    const FunctionDecl *Def = nullptr;
    if (Depth > 0 && Call->getDirectCallee() &&
        Call->getDirectCallee()->hasBody(Def) &&
        wakesWaiters(Def->getBody(), Depth - 1))
      return true;
  }
  for (const Stmt *Child : S->children())
    if (wakesWaiters(Child, Depth))
      return true;
  return false;
}

/// True when \p S takes a lock: a lock_guard, unique_lock or scoped_lock
/// declared, `m.lock()`, or pthread_mutex_lock.
bool takesLock(const Stmt *S) {
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D))
        if (const CXXRecordDecl *R = Var->getType()->getAsCXXRecordDecl();
            R && R->getIdentifier() &&
            llvm::is_contained({"lock_guard", "unique_lock", "scoped_lock"},
                               R->getName()))
          return true;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->getIdentifier() &&
        (Callee->getName() == "pthread_mutex_lock" ||
         (isa<CXXMethodDecl>(Callee) && Callee->getName() == "lock")))
      return true;
  // `if (pthread_mutex_lock(&m) != 0) return -1;` takes it too; a block's
  // own locks end with the block.
  if (isa<CompoundStmt, LambdaExpr, ForStmt, WhileStmt, DoStmt>(S))
    return false;
  if (const auto *If = dyn_cast<IfStmt>(S))
    return If->getCond() && takesLock(If->getCond());
  for (const Stmt *Child : S->children())
    if (Child && takesLock(Child))
      return true;
  return false;
}

/// True when the write to \p Flag in \p Body happens while a lock taken
/// earlier in an enclosing block is held (the statements before it in the
/// same or an outer compound statement take one). \p Write receives the
/// writing statement.
bool writtenUnderLock(const Stmt *Body, const ValueDecl *Flag,
                      const Stmt *&Write) {
  bool Found = false, Locked = false;
  Write = nullptr;
  std::function<bool(const Stmt *, bool)> Walk = [&](const Stmt *S,
                                                     bool Held) -> bool {
    if (!S || isa<LambdaExpr>(S))
      return false;
    auto Writes = [&](const Stmt *X) {
      const Expr *Target = nullptr;
      if (const auto *BO = dyn_cast<BinaryOperator>(X);
          BO && BO->isAssignmentOp())
        Target = BO->getLHS();
      else if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(X);
               Op && Op->getOperator() == OO_Equal && Op->getNumArgs() > 0)
        Target = Op->getArg(0);
      else if (const auto *M = dyn_cast<CXXMemberCallExpr>(X))
        if (const CXXMethodDecl *MD = M->getMethodDecl();
            MD && MD->getIdentifier() &&
            (MD->getName() == "store" || MD->getName() == "exchange"))
          Target = M->getImplicitObjectArgument();
      const ValueDecl *Written =
          Target ? utils::referencedDecl(Target) : nullptr;
      return Written && utils::patternOf(Written)->getCanonicalDecl() ==
                            utils::patternOf(Flag)->getCanonicalDecl();
    };
    if (Writes(S)) {
      Found = true;
      Locked = Held;
      Write = S;
      return true;
    }
    if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
      bool Inner = Held;
      for (const Stmt *Child : Block->body()) {
        if (Walk(Child, Inner))
          return true;
        Inner |= takesLock(Child);
      }
      return false;
    }
    for (const Stmt *Child : S->children())
      if (Walk(Child, Held))
        return true;
    return false;
  };
  Walk(Body, false);
  if (!Found || Locked)
    return true;
  // Written without the lock, but the lock is taken afterwards, before the
  // notification (`flag = true; { lock_guard g(m); } cv.notify_all();`): a
  // waiter between its check and its wait holds the mutex, so the stop path
  // cannot notify before it sleeps.
  bool After = false, LockedAfter = false;
  std::function<void(const Stmt *)> Scan = [&](const Stmt *S) {
    if (!S || LockedAfter || isa<LambdaExpr>(S))
      return;
    if (S == Write)
      After = true;
    else if (After && takesLock(S))
      LockedAfter = true;
    for (const Stmt *Child : S->children())
      Scan(Child);
  };
  Scan(Body);
  return LockedAfter;
}
} // namespace

bool UncancelledWaitCheck::isQueueClosed(const CallExpr *Pop) const {
  // The object waited on: the queue or semaphore (`q.pop()`,
  // `sem.acquire()`), or the pointer argument (`sem_wait(&sem)`).
  const Decl *Object = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Pop))
    Object = handleDecl(Member->getImplicitObjectArgument());
  else if (Pop->getNumArgs() > 0)
    Object = handleDecl(Pop->getArg(0));
  if (!Object)
    return false;
  // Range-for variables stand for their container:
  // `for (auto &Q : Queues) Q.close();` closes Queues.
  llvm::DenseMap<const Decl *, const Decl *> LoopVarOf;
  auto Named = [&](const Expr *E) {
    const Decl *D = handleDecl(E);
    auto It = D ? LoopVarOf.find(D) : LoopVarOf.end();
    return It != LoopVarOf.end() ? It->second : D;
  };
  // A call on it that wakes its waiters: close(), shutdown(), stop()...; a
  // semaphore's release() or sem_post(); a method taking no argument whose
  // body notifies every waiter (`Done()`), made by a stop path.
  auto Wakes = [&](const CallExpr *Call) {
    if (const auto *M = dyn_cast<CXXMemberCallExpr>(Call)) {
      const CXXMethodDecl *Method = M->getMethodDecl();
      if (!Method || Named(M->getImplicitObjectArgument()) != Object)
        return false;
      if (isStopMethod(Method) && !isa<CXXDestructorDecl>(Method))
        return true;
      if (Method->getIdentifier() && Method->getName() == "release")
        return true;
      const FunctionDecl *Def = nullptr;
      return Method->getNumParams() == 0 && Method->hasBody(Def) &&
             wakesAllWaiters(Def->getBody());
    }
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && Callee->getIdentifier() && Call->getNumArgs() > 0 &&
           Callee->getName() == "sem_post" && Named(Call->getArg(0)) == Object;
  };
  std::function<bool(const Stmt *)> Find = [&](const Stmt *S) {
    if (!S)
      return false;
    if (const auto *Range = dyn_cast<CXXForRangeStmt>(S))
      if (const Decl *Container = handleDecl(Range->getRangeInit()))
        LoopVarOf[Range->getLoopVariable()->getCanonicalDecl()] = Container;
    if (const auto *Call = dyn_cast<CallExpr>(S); Call && Wakes(Call))
      return true;
    for (const Stmt *Child : S->children())
      if (Find(Child))
        return true;
    return false;
  };
  return llvm::any_of(Bodies, [&](const FunctionDecl *F) {
    return isStopPath(F) && Find(F->getBody());
  });
}

/// True when \p S holds a `break` that leaves it (not one of a nested loop
/// or switch).
static bool breaksOut(const Stmt *S) {
  if (!S ||
      isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, SwitchStmt, LambdaExpr>(
          S))
    return false;
  if (isa<BreakStmt, GotoStmt>(S))
    return true;
  for (const Stmt *Child : S->children())
    if (breaksOut(Child))
      return true;
  return false;
}

/// True when \p S calls a function (or constructs an object).
static bool callsAnything(const Stmt *S) {
  if (!S)
    return false;
  if (isa<CallExpr, CXXConstructExpr>(S))
    return true;
  for (const Stmt *Child : S->children())
    if (callsAnything(Child))
      return true;
  return false;
}

/// The statements before the one \p Wait is (`pthread_cond_wait(...);`,
/// `(void)wait`) in the block that holds it, or none when it is not a
/// statement of a block.
static llvm::ArrayRef<const Stmt *> statementsBefore(const CallExpr *Wait,
                                                     ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*Wait);
  for (unsigned Depth = 0; Depth < 4; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return {};
    if (const auto *Block = Parents[0].get<CompoundStmt>()) {
      const Stmt *const *Begin = Block->body_begin();
      const Stmt *const *It = llvm::find(Block->body(), Node.get<Stmt>());
      if (It == Block->body_end())
        return {};
      return llvm::ArrayRef<const Stmt *>(Begin, It);
    }
    if (!Parents[0].get<Expr>())
      return {};
    Node = Parents[0];
  }
  return {};
}

/// True when \p S ends with leaving the loop it is in: `break`, `return`,
/// `goto`, or a block ending with one.
static bool leavesLoop(const Stmt *S) {
  if (const auto *Block = dyn_cast_or_null<CompoundStmt>(S))
    return !Block->body_empty() && leavesLoop(Block->body_back());
  return isa_and_nonnull<BreakStmt, ReturnStmt, GotoStmt>(S);
}

const Expr *UncancelledWaitCheck::drainedBefore(const CallExpr *Wait) const {
  llvm::ArrayRef<const Stmt *> Before = statementsBefore(Wait, *Context);
  // Back over bookkeeping that calls nothing (`++idle;`) to the loop.
  for (const Stmt *S : llvm::reverse(Before)) {
    if (const auto *Drain = dyn_cast<WhileStmt>(S))
      return Drain->getCond() && !breaksOut(Drain->getBody()) ? Drain->getCond()
                                                              : nullptr;
    if (!isa<Expr>(S) || callsAnything(S))
      return nullptr;
  }
  return nullptr;
}

const Expr *UncancelledWaitCheck::exitTestBefore(const CallExpr *Wait) const {
  llvm::ArrayRef<const Stmt *> Before = statementsBefore(Wait, *Context);
  // Back over bookkeeping that calls nothing to `if (found) break;`.
  for (const Stmt *S : llvm::reverse(Before)) {
    if (const auto *If = dyn_cast<IfStmt>(S))
      return !If->getElse() && leavesLoop(If->getThen()) ? If->getCond()
                                                         : nullptr;
    if (!isa<Expr>(S) || callsAnything(S))
      return nullptr;
  }
  return nullptr;
}

/// True when \p S reads \p D.
static bool reads(const Stmt *S, const ValueDecl *D) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S); Ref && Ref->getDecl() == D)
    return true;
  if (const auto *Member = dyn_cast<MemberExpr>(S);
      Member && Member->getMemberDecl() == D)
    return true;
  for (const Stmt *Child : S->children())
    if (reads(Child, D))
      return true;
  return false;
}

bool UncancelledWaitCheck::relaysStop(const ValueDecl *Flag,
                                      const FunctionDecl *Reader,
                                      const FunctionDecl *StopPath) const {
  return llvm::any_of(Bodies, [&](const FunctionDecl *F) {
    return F != Reader && F != StopPath && reads(F->getBody(), Flag) &&
           wakesWaiters(F->getBody());
  });
}

void UncancelledWaitCheck::checkStopPathWakes(const CallExpr *Wait,
                                              const Expr *Predicate,
                                              const FunctionDecl *Reader) {
  if (!Writes)
    return;
  // The flags the predicate reads that another function writes.
  llvm::SmallVector<const ValueDecl *, 2> Flags;
  std::function<void(const Stmt *)> Collect = [&](const Stmt *S) {
    if (!S)
      return;
    const ValueDecl *D = nullptr;
    if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
      D = Ref->getDecl();
    else if (const auto *Member = dyn_cast<MemberExpr>(S))
      D = Member->getMemberDecl();
    if (D && !llvm::is_contained(Flags, D) &&
        Writes->writtenOutside(D, Reader) &&
        utils::isStopSignalDecl(D, Threads.Signals, Reader))
      Flags.push_back(D);
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S))
      Collect(Lambda->getBody());
    for (const Stmt *Child : S->children())
      Collect(Child);
  };
  Collect(Predicate);
  for (const ValueDecl *Flag : Flags) {

    for (const FunctionDecl *Writer : Writes->writers(Flag)) {
      const FunctionDecl *Def = nullptr;
      if (!Writer || isa<CXXConstructorDecl>(Writer) || !Writer->hasBody(Def) ||
          Def == Reader)
        continue;
      // A stop path: the destructor, a stop method, or a function that then
      // waits for the threads to end.
      if (!isStopPath(Def))
        continue;
      const Stmt *Write = nullptr;
      bool Locked = writtenUnderLock(Def->getBody(), Flag, Write);
      SourceLocation At = Write ? Write->getBeginLoc() : Def->getLocation();
      // Another thread that sees the flag and broadcasts (taking the
      // mutex to do so) wakes the waiters for the stop path.
      if (relaysStop(Flag, Reader, Def))
        continue;
      if (!wakesWaiters(Def->getBody())) {
        diag(Wait->getBeginLoc(),
             "the stop path sets %0 but never notifies; '%1' sleeps through "
             "the stop request, and whoever joins this thread waits forever")
            << Flag << spelling(Wait, *Context);
        diag(At,
             "%0 is set here; notify the condition variable after setting it",
             DiagnosticIDs::Note)
            << Flag;
        return;
      }
      if (!Locked) {
        diag(Wait->getBeginLoc(),
             "%0 is set without holding the wait's mutex; a stop request made "
             "between the predicate check and '%1' is lost, and the thread "
             "can sleep forever")
            << Flag << spelling(Wait, *Context);
        diag(At, "set %0 while holding the mutex the wait uses, then notify",
             DiagnosticIDs::Note)
            << Flag;
        return;
      }
    }
  }
}

/// True when \p Fn starts a thread before \p Wait: `lock(m);
/// pthread_create(...); pthread_cond_wait(c, m);` is a start-up handshake,
/// whose signal cannot come before the wait releases the mutex.
static bool startsThreadBefore(const FunctionDecl *Fn, const Stmt *Wait,
                               const utils::ApiModel &Model,
                               const std::vector<std::string> &ThreadTypes,
                               const SourceManager &SM) {
  SourceLocation WaitLoc = SM.getExpansionLoc(Wait->getBeginLoc());
  std::function<bool(const Stmt *)> Find = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return false;
    bool Starts = false;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        Starts = utils::nameMatchesAny(Model.SpawnFunctions,
                                       Callee->getQualifiedNameAsString());
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      if (const CXXRecordDecl *R = Construct->getType()->getAsCXXRecordDecl())
        Starts =
            Construct->getNumArgs() > 0 &&
            utils::nameMatchesAny(ThreadTypes, R->getQualifiedNameAsString());
    if (Starts && SM.isBeforeInTranslationUnit(
                      SM.getExpansionLoc(S->getBeginLoc()), WaitLoc))
      return true;
    for (const Stmt *Child : S->children())
      if (Find(Child))
        return true;
    return false;
  };
  return Find(Fn->getBody());
}

void UncancelledWaitCheck::checkWait(const Candidate &C) {
  using utils::WaitKind;
  const auto *Call = cast<CallExpr>(C.S);
  const llvm::SmallVector<const Stmt *, 4> &Loops = C.Loops;
  const FunctionDecl *StopPath = stopPathOf(C.Fn);
  const FunctionDecl *Reader = C.Fn;
  const utils::StopSignalModel &Signals = Threads.Signals;

  // `if (f.wait_for(d) == std::future_status::ready) use(f.get());`: the
  // timed wait already made sure the get() returns at once.
  if (C.Kind == WaitKind::Future && isGuardedByTimedWait(Call, C.Guards))
    return;
  // `if (select(...) == 1) read(fd, ...)`: the descriptor is ready.
  if (C.Kind == WaitKind::Function && isReadinessChecked(C))
    return;
  // A thread stopped with pthread_cancel leaves a blocking call (a
  // cancellation point) when cancelled.
  if (isCancelled(C.Fn))
    return;

  const Expr *Predicate = nullptr;
  const Stmt *PredicateLoop = nullptr;
  bool GuardedWait = false;
  if (C.Kind == WaitKind::CondVarWaitPredicate)
    Predicate = Call->getArg(Call->getNumArgs() - 1);
  // `while (!quit_) { std::unique_lock Lock(M); Cv.wait(Lock); ... }`: the
  // loop tests its condition before the lock is taken, so it is no predicate
  // loop: a stop request made between the test and the wait is lost.
  const VarDecl *LockInLoop = C.Kind == WaitKind::CondVarWait && !Loops.empty()
                                  ? lockDeclaredIn(Call, Loops.front())
                                  : nullptr;
  if (LockInLoop &&
      utils::loopChecksStopSignal(Loops.front(), Signals, Reader)) {
    diag(Call->getBeginLoc(),
         "'%0' has no predicate and '%1' is taken anew in each iteration: a "
         "stop request made between the loop's stop check and the wait is "
         "missed, and the thread blocks forever")
        << spelling(Call, *Context) << LockInLoop->getName();
    diag(Call->getBeginLoc(),
         "wait with a predicate that checks the stop signal, e.g. "
         "'wait(%0, [&] { return stop || ready; })'",
         DiagnosticIDs::Note)
        << LockInLoop->getName();
    return;
  }
  if (C.Kind == WaitKind::CondVarWait && !Loops.empty() && !LockInLoop &&
      !utils::hasTrivialTrueCondition(Loops.front(), *Context)) {
    // `while (!ready) cv.wait(lock);`: a hand-written predicate loop.
    PredicateLoop = Loops.front();
    Predicate = utils::loopCondition(PredicateLoop);
  }
  if (C.Kind == WaitKind::CondVarWait && !Predicate && !Loops.empty() &&
      !C.Guards.empty()) {
    // `for (;;) { if (queue == NULL) pthread_cond_wait(...); ... }`: the
    // test before the wait is its predicate, checked again on every turn.
    const SourceManager &SM = Context->getSourceManager();
    SourceRange Range = Loops.front()->getSourceRange();
    const Expr *Guard = C.Guards.back();
    if (SM.isPointWithin(SM.getExpansionLoc(Guard->getBeginLoc()),
                         SM.getExpansionLoc(Range.getBegin()),
                         SM.getExpansionLoc(Range.getEnd()))) {
      Predicate = Guard;
      GuardedWait = true;
    }
  }

  if (C.Kind == WaitKind::CondVarWait && !Predicate && !Loops.empty())
    if (const Expr *Exit = exitTestBefore(Call)) {
      // `for (;;) { found = scan(); if (found) break; pthread_cond_wait(...);
      // }`: the test that leaves the loop right before the wait, under the
      // same hold of the mutex, is its predicate.
      Predicate = Exit;
      GuardedWait = true;
    }
  if (C.Kind == WaitKind::CondVarWait && !Predicate && !Loops.empty())
    if (const Expr *Drained = drainedBefore(Call)) {
      // `for (;;) { while (head) { ... } pthread_cond_wait(...); }`: the
      // wait runs only once the drain loop found the queue empty, under
      // the same hold of the mutex: its condition is the predicate.
      Predicate = Drained;
      GuardedWait = true;
    }

  // A predicate that reads the stop flag (in the wait's own loop, in a
  // helper that waits once): the stop path must wake it and set the flag
  // under the wait's mutex.
  if (Predicate &&
      (C.Kind == WaitKind::CondVarWait ||
       C.Kind == WaitKind::CondVarWaitPredicate) &&
      utils::readsStopSignal(Predicate, Signals, Reader)) {
    checkStopPathWakes(Call, Predicate, Reader);
    return;
  }

  if (C.Kind == WaitKind::CondVarWait && !Predicate) {
    // A bare wait: fine only when the loop around it re-checks a stop
    // signal after each wake-up.
    if (!Loops.empty() &&
        utils::loopChecksStopSignal(Loops.front(), Signals, Reader))
      return;
    // Unconditional and unguarded, it misses a notification sent before it
    // (a lost wake-up), and nothing re-checks why it was woken: whether or
    // not anything asks the thread to stop. Only a start-up handshake (the
    // thread that signals is started after the mutex is taken) is safe.
    bool OneShot = Loops.empty();
    if (!OneShot ||
        !startsThreadBefore(C.Fn, Call, Rules.model(), Threads.ThreadTypes,
                            Context->getSourceManager())) {
      // A wrapper of the primitive (`void CondVar::Wait() { cv_.wait(lock);
      // }`): its callers loop on their own predicate.
      if (OneShot && C.Fn->getDeclName().isIdentifier() &&
          C.Fn->getName().contains_insensitive("wait"))
        return;
      diag(Call->getBeginLoc(), "'%0' has no predicate and no stop condition; "
                                "the thread can block forever")
          << spelling(Call, *Context);
      diag(Call->getBeginLoc(),
           "wait with a predicate that also checks a stop flag, or pass a "
           "std::stop_token to condition_variable_any::wait",
           DiagnosticIDs::Note);
    }
    return;
  }
  // `while (empty) { if (shutdown) return; pthread_cond_wait(...); }`: the
  // predicate loop itself leaves on the stop signal before each wait.
  if (PredicateLoop &&
      utils::loopChecksStopSignal(PredicateLoop, Signals, Reader))
    return;

  // The loops that keep this thread alive (not the predicate loop itself,
  // nor a loop that only retries a failed call).
  const Stmt *LongLived = nullptr;
  const Stmt *StopCheckingLoop = nullptr;
  for (const Stmt *Loop : Loops) {
    if (Loop == PredicateLoop || isRetryLoop(Loop, Call))
      continue;
    if (utils::loopChecksStopSignal(Loop, Signals, Reader)) {
      StopCheckingLoop = Loop;
      LongLived = Loop;
      break;
    }
    // An endless loop; a `while (true)` with an exit (e.g. an EINTR retry
    // loop) is not long-lived by itself.
    if (utils::isUnboundedLoop(Loop, *Context) && !LongLived)
      LongLived = Loop;
  }
  if (!LongLived)
    return; // A one-shot wait.
  // Nothing is ever asked to stop: no loop checks a stop signal, no stop
  // path or destructor of its class, nobody joins the thread.
  if (!StopPath && !StopCheckingLoop && !isJoined(C.Fn))
    return;

  if (Predicate) {
    if (utils::readsStopSignal(Predicate, Signals, Reader)) {
      // The predicate sees the stop flag: does the stop path wake it?
      if (C.Kind == WaitKind::CondVarWait ||
          C.Kind == WaitKind::CondVarWaitPredicate)
        checkStopPathWakes(Call, Predicate, Reader);
      return;
    }
    diag(Call->getBeginLoc(), "%select{wait predicate|wait loop condition}0 "
                              "never checks a stop signal; '%1' can block "
                              "forever once the stop path has run")
        << (PredicateLoop != nullptr || GuardedWait)
        << spelling(Call, *Context);
  } else {
    // A queue that is closed, a semaphore released by the stop path: the
    // waiters are woken.
    if ((C.Kind == WaitKind::QueuePop || C.Kind == WaitKind::Semaphore ||
         C.Kind == WaitKind::Function) &&
        isQueueClosed(Call))
      return;
    // `accept(listen_fd_, ...)` with a stop path that closes or shuts down
    // listen_fd_: the call returns with an error then.
    if (C.Kind == WaitKind::Function && isDescriptorClosedElsewhere(Call))
      return;
    // `if (n < 0 && errno == EAGAIN) return;`: the descriptor is
    // non-blocking (or has a receive timeout), so the call returns.
    if (C.Kind == WaitKind::Function && !Loops.empty() &&
        testsWouldBlock(Loops.front()))
      return;
    diag(Call->getBeginLoc(), "'%0' blocks without a timeout inside a "
                              "long-lived loop; a stop request cannot "
                              "interrupt it")
        << spelling(Call, *Context);
  }
  if (StopCheckingLoop)
    diag(StopCheckingLoop->getBeginLoc(),
         "the loop checks a stop signal here, but only between waits",
         DiagnosticIDs::Note);
  else if (StopPath)
    diag(StopPath->getLocation(), "the stop path is here", DiagnosticIDs::Note);
}

void UncancelledWaitCheck::checkSleepLoop(const Candidate &C) {
  auto It = ThreadBodies.end();
  const FunctionDecl *Def = nullptr;
  if (C.Fn->hasBody(Def))
    It = ThreadBodies.find(Def);
  if (It == ThreadBodies.end() || It->second)
    return; // Not a thread body, or detached (leak-unjoined-thread reports).
  // Nobody waits for this thread to end (a process-lifetime daemon): looping
  // forever is its design.
  if (!isJoined(C.Fn) && !stopPathOf(C.Fn))
    return;
  // Does the loop sleep or poll?
  const CallExpr *Sleep = nullptr;
  std::function<void(const Stmt *)> Find = [&](const Stmt *S) {
    if (!S || Sleep || isa<LambdaExpr>(S))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      utils::WaitKind K = utils::classifyWait(Call, Threads.BlockingFunctions);
      if (K == utils::WaitKind::Sleep || K == utils::WaitKind::Timed) {
        Sleep = Call;
        return;
      }
    }
    for (const Stmt *Child : S->children())
      Find(Child);
  };
  Find(C.S);
  if (!Sleep)
    return;
  diag(C.S->getBeginLoc(), "thread loops forever and never checks a stop "
                           "signal; it can only end with the process");
  diag(Sleep->getBeginLoc(), "it sleeps or polls here", DiagnosticIDs::Note);
  diag(C.S->getBeginLoc(),
       "check a std::stop_token or an atomic flag in the loop condition",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::leak
