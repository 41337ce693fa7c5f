//===--- StopSignals.cpp - Does this code consult a stop signal -----------===//

#include "StopSignals.h"
#include "ApiModel.h"
#include "WriteIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::leak::utils {

bool isLoop(const Stmt *S) {
  return isa_and_nonnull<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S);
}

bool isStopSignalName(llvm::StringRef Identifier,
                      const std::vector<std::string> &Names) {
  llvm::SmallVector<std::string, 4> Words;
  std::string Current;
  auto Flush = [&] {
    if (!Current.empty())
      Words.push_back(Current);
    Current.clear();
  };
  for (size_t I = 0, N = Identifier.size(); I < N; ++I) {
    char C = Identifier[I];
    if (C == '_' || llvm::isDigit(C)) {
      Flush();
      continue;
    }
    if (llvm::isUpper(C) && I > 0 && !llvm::isUpper(Identifier[I - 1]))
      Flush();
    Current.push_back(llvm::toLower(C));
  }
  Flush();
  for (const std::string &W : Words)
    for (const std::string &Name : Names)
      if (llvm::StringRef(Name).equals_insensitive(W))
        return true;
  return false;
}

static bool isStopSignalType(QualType T, llvm::StringRef Name,
                             const StopSignalModel &Model) {
  T = T.getNonReferenceType();
  if (T->isBooleanType() && T.isVolatileQualified())
    return true;
  // C11 atomics (`atomic_int stopping`, `_Atomic bool quit`): like
  // std::atomic, a bool is a flag, another type needs a stop-like name.
  if (const auto *Atomic = T->getAs<AtomicType>())
    return Atomic->getValueType()->isBooleanType() ||
           isStopSignalName(Name, Model.Names);
  const auto *Record = T->getAsCXXRecordDecl();
  if (!Record)
    return false;
  std::string Qualified = Record->getQualifiedNameAsString();
  if (!nameMatchesAny(Model.Types, Qualified))
    return false;
  // std::atomic<int> counters are not stop signals; atomic<bool> flags are.
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record)) {
    const TemplateArgumentList &Args = Spec->getTemplateArgs();
    if (Args.size() == 1 && Args[0].getKind() == TemplateArgument::Type &&
        !Args[0].getAsType()->isBooleanType())
      return isStopSignalName(Name, Model.Names);
  }
  return true;
}

/// True when something LeakGuard cannot see may write \p D: a global (not
/// const) with external linkage, which other units can assign.
static bool mayBeWrittenElsewhere(const ValueDecl *D) {
  const auto *Var = dyn_cast<VarDecl>(D);
  return Var && Var->hasGlobalStorage() && !Var->isStaticLocal() &&
         Var->isExternallyVisible() && !Var->getType().isConstQualified();
}

bool isStopSignalDecl(const ValueDecl *D, const StopSignalModel &Model,
                      const FunctionDecl *Reader) {
  if (!D)
    return false;
  if (Model.ExtraFlags.contains(D))
    return true;
  if (!D->getDeclName().isIdentifier())
    return false;
  llvm::StringRef Name = D->getName();
  if (isStopSignalType(D->getType(), Name, Model))
    return true;
  // A plain flag: a bool or integer (or a pointer/reference to one, an
  // atomic one) that another function writes, or that the user named as a
  // stop signal.
  QualType T = D->getType().getNonReferenceType();
  if (const auto *Ptr = T->getAs<PointerType>())
    T = Ptr->getPointeeType();
  if (const auto *Atomic = T->getAs<AtomicType>())
    T = Atomic->getValueType();
  if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          T->getAsCXXRecordDecl());
      Spec && Spec->getTemplateArgs().size() == 1 &&
      Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type &&
      nameMatchesAny(Model.Types, Spec->getQualifiedNameAsString()))
    T = Spec->getTemplateArgs()[0].getAsType(); // std::atomic<int>
  if (!T->isBooleanType() && !T->isIntegerType() && !T->isEnumeralType())
    return false;
  if (isStopSignalName(Name, Model.Names))
    return true;
  if (!Model.Writes || !Reader)
    return false;
  if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->hasLocalStorage())
    return false; // Only the function itself (and its lambdas) can write it.
  if (Model.Writes->isStepped(D))
    return false; // A counter (jobs pending, replicas alive), not a flag.
  return Model.Writes->writtenOutside(D, Reader) || mayBeWrittenElsewhere(D);
}

static bool readsStopSignalIn(const Stmt *S, const StopSignalModel &Model,
                              const FunctionDecl *Reader, unsigned CallDepth);

static bool isStopSignalCall(const CallExpr *Call, const StopSignalModel &Model,
                             const FunctionDecl *Reader, unsigned CallDepth) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return false;
  llvm::StringRef Name = Callee->getName();
  if (Name == "stop_requested")
    return true;
  // A query (not a command such as stop() that returns nothing).
  if (Callee->getReturnType()->isVoidType())
    return false;
  // A name the user configured (isRunning(), shouldQuit()).
  if (isStopSignalName(Name, Model.Names))
    return true;
  // A member function of a stop-signal object (e.g. flag.load()).
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (const Expr *Object = Member->getImplicitObjectArgument()) {
      const Expr *Base = Object->IgnoreParenImpCasts();
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Base))
        if (isStopSignalDecl(Ref->getDecl(), Model, Reader))
          return true;
      if (const auto *Field = dyn_cast<MemberExpr>(Base))
        if (isStopSignalDecl(Field->getMemberDecl(), Model, Reader))
          return true;
    }
  // A small query of the project (`bool stopped() const { return stop_; }`):
  // what it reads, read by the caller.
  const FunctionDecl *Def = nullptr;
  if (CallDepth == 0 && Callee->hasBody(Def) && !Def->isInStdNamespace())
    return readsStopSignalIn(Def->getBody(), Model, Reader, CallDepth + 1);
  return false;
}

/// True for `a < b` and the like, and for `a == b` between two variables:
/// a counter meeting its bound, or two indices meeting.
static bool comparesCounters(const BinaryOperator *BO, const ASTContext &Ctx) {
  if (BO->isRelationalOp())
    return true;
  if (!BO->isEqualityOp())
    return false;
  auto IsConstant = [&](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    return !E->isValueDependent() && E->isEvaluatable(Ctx);
  };
  return !IsConstant(BO->getLHS()) && !IsConstant(BO->getRHS());
}

static bool readsStopSignalIn(const Stmt *S, const StopSignalModel &Model,
                              const FunctionDecl *Reader, unsigned CallDepth) {
  if (!S)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S)) {
    if (isStopSignalDecl(Ref->getDecl(), Model, Reader))
      return true;
  } else if (const auto *Member = dyn_cast<MemberExpr>(S)) {
    if (isStopSignalDecl(Member->getMemberDecl(), Model, Reader))
      return true;
  } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
    if (isStopSignalCall(Call, Model, Reader, CallDepth))
      return true;
  } else if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    return readsStopSignalIn(Lambda->getBody(), Model, Reader, CallDepth);
  } else if (const auto *BO = dyn_cast<BinaryOperator>(S);
             BO && Model.Writes && Reader) {
    // Data flow alone never makes a counter a stop signal: `done < total`
    // ends when the work does. (Types, names and ExtraFlags still count.)
    if (comparesCounters(BO, Reader->getASTContext())) {
      StopSignalModel Strict = Model;
      Strict.Writes = nullptr;
      return readsStopSignalIn(BO->getLHS(), Strict, Reader, CallDepth) ||
             readsStopSignalIn(BO->getRHS(), Strict, Reader, CallDepth);
    }
  }
  for (const Stmt *Child : S->children())
    if (readsStopSignalIn(Child, Model, Reader, CallDepth))
      return true;
  return false;
}

bool readsStopSignal(const Stmt *S, const StopSignalModel &Model,
                     const FunctionDecl *Reader) {
  return readsStopSignalIn(S, Model, Reader, 0);
}

const Expr *loopCondition(const Stmt *Loop) {
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return For->getCond();
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return While->getCond();
  if (const auto *Do = dyn_cast<DoStmt>(Loop))
    return Do->getCond();
  return nullptr;
}

const Stmt *loopBody(const Stmt *Loop) {
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return For->getBody();
  if (const auto *While = dyn_cast<WhileStmt>(Loop))
    return While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(Loop))
    return Do->getBody();
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop))
    return Range->getBody();
  return nullptr;
}

bool hasTrivialTrueCondition(const Stmt *Loop, const ASTContext &Context) {
  if (!isLoop(Loop) || isa<CXXForRangeStmt>(Loop))
    return false;
  const Expr *Cond = loopCondition(Loop);
  if (!Cond)
    return isa<ForStmt>(Loop);
  if (Cond->isValueDependent() || Cond->isTypeDependent())
    return false;
  bool Value = false;
  return Cond->EvaluateAsBooleanCondition(Value, Context) && Value;
}

/// abort(), exit(), a failed assert(): the process ends, not the loop; that
/// is no way for the thread to stop while the program runs on.
static bool endsTheProcess(const FunctionDecl *F) {
  if (!F->getDeclName().isIdentifier())
    return false;
  static const llvm::StringRef Names[] = {"abort",
                                          "exit",
                                          "_exit",
                                          "_Exit",
                                          "quick_exit",
                                          "terminate",
                                          "__assert_fail",
                                          "__assert_rtn",
                                          "__assert",
                                          "__builtin_trap",
                                          "__builtin_unreachable"};
  return llvm::is_contained(Names, F->getName());
}

namespace {
/// Walks a loop body looking for its exits, remembering the conditions of
/// the ifs around each one.
class ExitFinder {
public:
  /// Called with each exit and the if conditions guarding it.
  llvm::function_ref<bool(const Stmt *Exit,
                          llvm::ArrayRef<const Expr *> Guards)>
      OnExit;

  /// Returns true as soon as OnExit does.
  bool walk(const Stmt *S, unsigned BreakDepth) {
    if (!S || isa<LambdaExpr>(S))
      return false;
    if (isa<BreakStmt>(S))
      return BreakDepth == 0 && OnExit(S, Guards);
    if (isa<ReturnStmt, GotoStmt, CXXThrowExpr, CoreturnStmt>(S))
      return OnExit(S, Guards);
    if (const auto *Call = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        if (Callee->isNoReturn() && !endsTheProcess(Callee) &&
            OnExit(S, Guards))
          return true;
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      if (walk(If->getCond(), BreakDepth))
        return true;
      Guards.push_back(If->getCond());
      bool Found =
          walk(If->getThen(), BreakDepth) || walk(If->getElse(), BreakDepth);
      Guards.pop_back();
      return Found;
    }
    if (isLoop(S) || isa<SwitchStmt>(S)) {
      // A nested loop's own condition guards its exits too.
      const Expr *Cond = isLoop(S) ? loopCondition(S) : nullptr;
      if (Cond)
        Guards.push_back(Cond);
      bool Found = false;
      for (const Stmt *Child : S->children()) {
        Found = walk(Child, BreakDepth + 1);
        if (Found)
          break;
      }
      if (Cond)
        Guards.pop_back();
      return Found;
    }
    for (const Stmt *Child : S->children())
      if (walk(Child, BreakDepth))
        return true;
    return false;
  }

private:
  llvm::SmallVector<const Expr *, 4> Guards;
};
} // namespace

bool hasLoopExit(const Stmt *Loop) {
  const Stmt *Body = loopBody(Loop);
  if (!Body)
    return false;
  auto AnyExit = [](const Stmt *, llvm::ArrayRef<const Expr *>) {
    return true;
  };
  ExitFinder Finder;
  Finder.OnExit = AnyExit;
  return Finder.walk(Body, 0);
}

bool isUnboundedLoop(const Stmt *Loop, const ASTContext &Context) {
  return hasTrivialTrueCondition(Loop, Context) && !hasLoopExit(Loop);
}

bool loopChecksStopSignal(const Stmt *Loop, const StopSignalModel &Model,
                          const FunctionDecl *Reader) {
  if (!isLoop(Loop))
    return false;
  if (readsStopSignal(loopCondition(Loop), Model, Reader))
    return true;
  const Stmt *Body = loopBody(Loop);
  if (!Body)
    return false;
  auto GuardedByStop = [&Model, Reader](const Stmt *Exit,
                                        llvm::ArrayRef<const Expr *> Guards) {
    for (const Expr *Guard : Guards)
      if (readsStopSignal(Guard, Model, Reader))
        return true;
    // `if (!queue.pop(item)) return;`: the exit's own expression.
    return readsStopSignal(Exit, Model, Reader);
  };
  ExitFinder Finder;
  Finder.OnExit = GuardedByStop;
  return Finder.walk(Body, 0);
}

const Stmt *findUnboundedLoop(const Stmt *Body, const ASTContext &Context) {
  if (!Body || isa<LambdaExpr>(Body))
    return nullptr;
  if (isLoop(Body) && isUnboundedLoop(Body, Context))
    return Body;
  for (const Stmt *Child : Body->children())
    if (const Stmt *Found = findUnboundedLoop(Child, Context))
      return Found;
  return nullptr;
}

} // namespace clang::tidy::leak::utils

namespace clang::tidy::leak::utils {

static bool isStdRecord(const CXXRecordDecl *R,
                        std::initializer_list<llvm::StringRef> Names) {
  if (!R || !R->isInStdNamespace() || !R->getDeclName().isIdentifier())
    return false;
  for (llvm::StringRef N : Names)
    if (R->getName() == N)
      return true;
  return false;
}

static bool hasCondVarField(const CXXRecordDecl *R) {
  if (!R || !R->hasDefinition())
    return false;
  for (const FieldDecl *F : R->getDefinition()->fields())
    if (isStdRecord(F->getType()->getAsCXXRecordDecl(),
                    {"condition_variable", "condition_variable_any"}))
      return true;
  return false;
}

static bool isDurationType(QualType T) {
  const auto *R = T.getNonReferenceType()->getAsCXXRecordDecl();
  return isStdRecord(R, {"duration", "time_point"});
}

/// The integer value of \p E when it is a constant, else std::nullopt.
static std::optional<llvm::APSInt> constantInt(const Expr *E,
                                               const ASTContext &Ctx) {
  if (!E || E->isValueDependent())
    return std::nullopt;
  Expr::EvalResult R;
  if (!E->EvaluateAsInt(R, Ctx))
    return std::nullopt;
  return R.Val.getInt();
}

WaitKind classifyWait(const CallExpr *Call,
                      const std::vector<std::string> &BlockingFunctions) {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || !Callee->getDeclName().isIdentifier())
    return WaitKind::None;
  llvm::StringRef Name = Callee->getName();
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee)) {
    const CXXRecordDecl *R = Method->getParent();
    bool Timed = Name.starts_with("wait_for") ||
                 Name.starts_with("wait_until") ||
                 Name.starts_with("try_acquire_") || Name.starts_with("try_");
    if (isStdRecord(R, {"condition_variable", "condition_variable_any"})) {
      if (Timed)
        return WaitKind::Timed;
      if (Name != "wait")
        return WaitKind::None;
      for (const Expr *Arg : Call->arguments())
        if (isStdRecord(Arg->getType()->getAsCXXRecordDecl(), {"stop_token"}))
          return WaitKind::CondVarWaitStopToken;
      return Call->getNumArgs() >= 2 ? WaitKind::CondVarWaitPredicate
                                     : WaitKind::CondVarWait;
    }
    if (isStdRecord(R,
                    {"future", "shared_future", "__basic_future", "latch"})) {
      if (Timed)
        return WaitKind::Timed;
      return Name == "get" || Name == "wait" ? WaitKind::Future
                                             : WaitKind::None;
    }
    if (isStdRecord(R, {"counting_semaphore", "binary_semaphore"}))
      return Name == "acquire" ? WaitKind::Semaphore : WaitKind::None;
    if (R->isInStdNamespace())
      return WaitKind::None;
    // A blocking queue: pop/take on a class that waits on a condition
    // variable, without a timeout parameter.
    static const llvm::StringRef PopNames[] = {
        "pop",          "take",        "pop_front",    "wait_pop",
        "wait_and_pop", "waitAndPop",  "wait_dequeue", "dequeue",
        "blocking_pop", "blockingPop", "Take",         "Pop"};
    if (llvm::is_contained(PopNames, Name) && hasCondVarField(R)) {
      for (const ParmVarDecl *P : Method->parameters())
        if (isDurationType(P->getType()) ||
            P->getType()->isIntegerType()) // A timeout in ms.
          return WaitKind::Timed;
      return WaitKind::QueuePop;
    }
    return WaitKind::None;
  }
  if ((Name == "sleep_for" || Name == "sleep_until") &&
      llvm::StringRef(Callee->getQualifiedNameAsString()).starts_with("std::"))
    return WaitKind::Sleep;
  if (Callee->isExternC() &&
      (Name == "sleep" || Name == "usleep" || Name == "nanosleep"))
    return WaitKind::Sleep;
  // pthread_cond_wait is std::condition_variable::wait(lock): written in a
  // predicate loop, the predicate decides.
  if (Callee->isExternC() && Name == "pthread_cond_wait")
    return WaitKind::CondVarWait;
  std::string Qualified = Callee->getQualifiedNameAsString();
  if (!nameMatchesAny(BlockingFunctions, Qualified))
    return WaitKind::None;
  // poll/epoll_wait/select with a timeout return on their own.
  const ASTContext &Ctx = Callee->getASTContext();
  unsigned TimeoutArg = Name == "poll"               ? 2
                        : Name.starts_with("epoll_") ? 3
                        : Name == "select"           ? 4
                                                     : ~0U;
  if (TimeoutArg < Call->getNumArgs()) {
    const Expr *Timeout = Call->getArg(TimeoutArg);
    if (Name == "select")
      return Timeout->IgnoreParenImpCasts()->isNullPointerConstant(
                 const_cast<ASTContext &>(Ctx),
                 Expr::NPC_ValueDependentIsNotNull)
                 ? WaitKind::Function
                 : WaitKind::Timed;
    std::optional<llvm::APSInt> V = constantInt(Timeout, Ctx);
    if (!V || !V->isNegative())
      return WaitKind::Timed;
  }
  return WaitKind::Function;
}

bool blocksForever(WaitKind Kind) {
  switch (Kind) {
  case WaitKind::CondVarWait:
  case WaitKind::CondVarWaitPredicate:
  case WaitKind::Future:
  case WaitKind::Semaphore:
  case WaitKind::QueuePop:
  case WaitKind::Function:
    return true;
  default:
    return false;
  }
}

} // namespace clang::tidy::leak::utils
