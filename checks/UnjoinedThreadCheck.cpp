//===--- UnjoinedThreadCheck.cpp - LeakGuard ------------------------------===//

#include "UnjoinedThreadCheck.h"
#include "utils/ApiModel.h"
#include "utils/BodyWalk.h"
#include "utils/CallableResolution.h"
#include "utils/HandleTests.h"
#include "utils/LoopBounds.h"
#include "utils/Matchers.h"
#include "utils/OptionUtils.h"
#include "utils/SharedOptions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

namespace {

/// True when \p T is a thread type, or a container/smart pointer of them
/// (one or two template levels deep).
bool isThreadOrThreads(QualType T, const std::vector<std::string> &Types,
                       bool &IsContainer, unsigned Depth = 0) {
  const auto *Record = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!Record)
    return false;
  if (utils::nameMatchesAny(Types, Record->getQualifiedNameAsString()))
    return true;
  if (Depth >= 2)
    return false;
  const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record);
  if (!Spec)
    return false;
  for (const TemplateArgument &Arg : Spec->getTemplateArgs().asArray())
    if (Arg.getKind() == TemplateArgument::Type &&
        isThreadOrThreads(Arg.getAsType(), Types, IsContainer, Depth + 1)) {
      IsContainer = true;
      return true;
    }
  return false;
}

const Expr *stripTemporaries(const Expr *E) {
  while (E) {
    const Expr *Next = E->IgnoreParenImpCasts();
    if (const auto *M = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = M->getSubExpr();
    else if (const auto *B = dyn_cast<CXXBindTemporaryExpr>(Next))
      Next = B->getSubExpr();
    else if (const auto *C = dyn_cast<CXXFunctionalCastExpr>(Next))
      Next = C->getSubExpr();
    if (Next == E)
      return E;
    E = Next;
  }
  return E;
}

/// True when \p E names \p Var itself (possibly through &, std::move,
/// std::ref or a copy/move construction), so that using E hands the thread
/// (or access to it) to someone else.
bool refersTo(const Expr *E, const ValueDecl *Var) {
  E = stripTemporaries(E);
  if (!E)
    return false;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl() == Var;
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl() == Var;
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    return U->getOpcode() == UO_AddrOf && refersTo(U->getSubExpr(), Var);
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && Callee->isInStdNamespace() && Call->getNumArgs() == 1 &&
        Callee->getDeclName().isIdentifier() &&
        llvm::is_contained({"move", "forward", "ref", "addressof"},
                           Callee->getName()))
      return refersTo(Call->getArg(0), Var);
    return false;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return Construct->getNumArgs() >= 1 && refersTo(Construct->getArg(0), Var);
  return false;
}

bool anyArgRefersTo(const CallExpr *Call, const ValueDecl *Var) {
  for (const Expr *Arg : Call->arguments())
    if (refersTo(Arg, Var))
      return true;
  return false;
}

bool isHarmlessThreadQuery(StringRef Method) {
  return Method == "joinable" || Method == "get_id" ||
         Method == "native_handle" || Method == "hardware_concurrency" ||
         Method == "get_stop_token" || Method == "get_stop_source";
}

/// What a CFG element means for the local thread \p Var.
utils::OwnershipEvent classifyThreadElement(const CFGElement &E,
                                            const VarDecl *Var) {
  using utils::OwnershipEvent;
  if (auto Dtor = E.getAs<CFGAutomaticObjDtor>())
    return Dtor->getVarDecl() == Var ? OwnershipEvent::Leaks
                                     : OwnershipEvent::None;
  const Stmt *S = utils::elementStmt(E);
  if (!S)
    return OwnershipEvent::None;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(S)) {
    if (refersTo(Member->getImplicitObjectArgument(), Var)) {
      const CXXMethodDecl *Method = Member->getMethodDecl();
      if (Method && Method->getDeclName().isIdentifier() &&
          isHarmlessThreadQuery(Method->getName()))
        return OwnershipEvent::None;
      return OwnershipEvent::Ends; // join, detach, swap, ...
    }
    return anyArgRefersTo(Member, Var) ? OwnershipEvent::Ends
                                       : OwnershipEvent::None;
  }
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
        refersTo(Op->getArg(0), Var))
      return refersTo(Op->getArg(1), Var) ? OwnershipEvent::None
                                          : OwnershipEvent::Leaks;
    return anyArgRefersTo(Op, Var) ? OwnershipEvent::Ends
                                   : OwnershipEvent::None;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S))
    return anyArgRefersTo(Call, Var) ? OwnershipEvent::Ends
                                     : OwnershipEvent::None;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    for (const Expr *Arg : Construct->arguments())
      if (refersTo(Arg, Var))
        return OwnershipEvent::Ends;
    return OwnershipEvent::None;
  }
  if (const auto *Ret = dyn_cast<ReturnStmt>(S))
    return refersTo(Ret->getRetValue(), Var) ? OwnershipEvent::Ends
                                             : OwnershipEvent::None;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
    for (const LambdaCapture &C : Lambda->captures())
      if (C.capturesVariable() && C.getCapturedVar() == Var)
        return OwnershipEvent::Ends;
    return OwnershipEvent::None;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(S))
    return BO->isAssignmentOp() && refersTo(BO->getRHS(), Var)
               ? OwnershipEvent::Ends
               : OwnershipEvent::None;
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D))
        if (V != Var && V->getInit() && refersTo(V->getInit(), Var))
          return OwnershipEvent::Ends;
    return OwnershipEvent::None;
  }
  if (const auto *Init = dyn_cast<InitListExpr>(S)) {
    for (const Expr *I : Init->inits())
      if (refersTo(I, Var))
        return OwnershipEvent::Ends;
  }
  return OwnershipEvent::None;
}

/// `t.joinable()` (or its negation) decides whether the path holds a thread:
/// the branch on which it is false holds nothing.
bool notJoinableBranch(const Expr *Cond, bool TakenTrue, const VarDecl *Var) {
  bool Negated = false;
  const Expr *E = Cond->IgnoreParenImpCasts();
  while (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() != UO_LNot)
      break;
    Negated = !Negated;
    E = U->getSubExpr()->IgnoreParenImpCasts();
  }
  const auto *Member = dyn_cast<CXXMemberCallExpr>(E);
  if (!Member || !Member->getMethodDecl() ||
      !Member->getMethodDecl()->getDeclName().isIdentifier() ||
      Member->getMethodDecl()->getName() != "joinable" ||
      !refersTo(Member->getImplicitObjectArgument(), Var))
    return false;
  return TakenTrue == Negated;
}

/// The body whose CFG holds \p S: the innermost enclosing function or lambda.
const Stmt *enclosingBody(const Stmt *S, ASTContext &Context) {
  DynTypedNodeList Parents = Context.getParents(*S);
  while (!Parents.empty()) {
    const DynTypedNode &P = Parents[0];
    if (const auto *Lambda = P.get<LambdaExpr>())
      return Lambda->getBody();
    if (const auto *F = P.get<FunctionDecl>())
      return F->getBody();
    if (P.get<BlockDecl>() || P.get<ObjCMethodDecl>())
      return nullptr;
    Parents = Context.getParents(P);
  }
  return nullptr;
}

/// The note for a leaking path of a local thread.
void describePath(ClangTidyCheck &Check, const utils::LeakingPath &Path,
                  StringRef Name, const char *What) {
  using utils::LeakKind;
  const Stmt *Jump = Path.Jump;
  SourceLocation Loc = Path.Loc;
  if (Path.Kind == LeakKind::ExceptionFromCall) {
    Check.diag(Loc, "an exception thrown here leaves '%0' %1",
               DiagnosticIDs::Note)
        << Name << What;
    return;
  }
  if (Path.Kind == LeakKind::Lost && Path.At &&
      isa<CXXOperatorCallExpr>(Path.At)) {
    Check.diag(Loc, "assigned here while '%0' is still %1", DiagnosticIDs::Note)
        << Name << What;
    return;
  }
  if (Jump)
    Loc = Jump->getBeginLoc();
  if (isa_and_nonnull<ReturnStmt>(Jump) || Path.Kind == LeakKind::Return)
    Check.diag(Loc, "returns here while '%0' is still %1", DiagnosticIDs::Note)
        << Name << What;
  else if (isa_and_nonnull<CXXThrowExpr>(Jump))
    Check.diag(Loc, "throws here while '%0' is still %1", DiagnosticIDs::Note)
        << Name << What;
  else if (isa_and_nonnull<BreakStmt>(Jump))
    Check.diag(Loc,
               "'break' here leaves the scope of '%0' while it is still %1",
               DiagnosticIDs::Note)
        << Name << What;
  else if (isa_and_nonnull<ContinueStmt>(Jump))
    Check.diag(Loc,
               "'continue' here leaves the scope of '%0' while it is still %1",
               DiagnosticIDs::Note)
        << Name << What;
  else if (isa_and_nonnull<GotoStmt>(Jump))
    Check.diag(Loc, "'goto' here leaves the scope of '%0' while it is still %1",
               DiagnosticIDs::Note)
        << Name << What;
  else
    Check.diag(Loc, "'%0' goes out of scope here while still %1",
               DiagnosticIDs::Note)
        << Name << What;
}

} // namespace

UnjoinedThreadCheck::UnjoinedThreadCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Rules(Name, Options, Context),
      Threads(Options, Rules.model()),
      UnknownCallsThrow(utils::readBoolOption(Options, Context, Name,
                                              "UnknownCallsThrow", false)) {
  Paths.setUnknownCallsThrow(UnknownCallsThrow);
}

void UnjoinedThreadCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Rules.storeOptions(Options, Opts);
  Threads.store(Options, Opts);
  Options.store(Opts, "UnknownCallsThrow", utils::boolText(UnknownCallsThrow));
}

void UnjoinedThreadCheck::registerMatchers(MatchFinder *Finder) {
  auto ThreadRecord =
      cxxRecordDecl(utils::matchesAnyListedName(Threads.ThreadTypes));
  auto ThreadType = qualType(
      hasUnqualifiedDesugaredType(recordType(hasDeclaration(ThreadRecord))));

  // A local std::thread that starts (or takes over) a thread: any
  // construction but the default one.
  auto StartingInit = expr(ignoringImplicit(
      ignoringParenImpCasts(cxxConstructExpr(unless(argumentCountIs(0))))));
  Finder->addMatcher(
      declStmt(unless(isExpansionInSystemHeader()),
               has(varDecl(hasLocalStorage(), hasType(ThreadType),
                           hasInitializer(StartingInit))
                       .bind("var")))
          .bind("decl"),
      this);

  // pthread_create(&tid, ...) into a local pthread_t.
  Finder->addMatcher(
      callExpr(
          unless(isExpansionInSystemHeader()),
          callee(functionDecl(
              utils::matchesAnyListedName(Rules.model().SpawnFunctions))),
          hasArgument(0, ignoringParenImpCasts(unaryOperator(
                             hasOperatorName("&"),
                             hasUnaryOperand(declRefExpr(to(
                                 varDecl(hasLocalStorage()).bind("tid"))))))))
          .bind("create"),
      this);

  // Thread members and containers of threads.
  Finder->addMatcher(
      fieldDecl(unless(isImplicit()), unless(isExpansionInSystemHeader()))
          .bind("field"),
      this);
  // Threads with static storage, and the bodies that may start or join them.
  Finder->addMatcher(varDecl(hasGlobalStorage(), isDefinition(),
                             unless(isExpansionInSystemHeader()))
                         .bind("global"),
                     this);
  Finder->addMatcher(utils::userFunctionDefinition().bind("body"), this);

  // detach() of a thread.
  Finder->addMatcher(
      cxxMemberCallExpr(
          unless(isExpansionInSystemHeader()),
          callee(cxxMethodDecl(hasName("detach"), ofClass(ThreadRecord))))
          .bind("detach"),
      this);
}

void UnjoinedThreadCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  if (const auto *Var = Result.Nodes.getNodeAs<VarDecl>("var")) {
    if (!Var->isInvalidDecl())
      checkLocalThread(Var, Result.Nodes.getNodeAs<DeclStmt>("decl"), Context);
    return;
  }
  if (const auto *Create = Result.Nodes.getNodeAs<CallExpr>("create")) {
    checkPthread(Create, Result.Nodes.getNodeAs<VarDecl>("tid"), Context);
    return;
  }
  if (const auto *Field = Result.Nodes.getNodeAs<FieldDecl>("field")) {
    checkMember(Field, Context);
    return;
  }
  if (const auto *Global = Result.Nodes.getNodeAs<VarDecl>("global")) {
    bool IsContainer = false;
    if (!Global->isInvalidDecl() &&
        isThreadOrThreads(Global->getType(), Threads.ThreadTypes, IsContainer))
      GlobalThreads.push_back(Global);
    return;
  }
  if (const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("body")) {
    if (!Fn->isInvalidDecl() && !utils::isInTemplateInstantiation(Fn))
      Bodies.push_back(Fn);
    return;
  }
  if (const auto *Detach = Result.Nodes.getNodeAs<CXXMemberCallExpr>("detach"))
    checkDetach(Detach, Context);
}

void UnjoinedThreadCheck::onEndOfTranslationUnit() {
  if (!GlobalThreads.empty() && !Bodies.empty())
    checkGlobals(Bodies.front()->getASTContext());
  Paths.clear();
  GlobalThreads.clear();
  Bodies.clear();
}

/// Replaces the spelled type `std::thread` (or `thread`) of \p Var with
/// std::jthread, whose destructor requests a stop and joins. Offered on the
/// note only (clang-tidy --fix-notes, a code action in clangd): a body that
/// ignores its stop_token would then block the destructor instead of
/// terminating, so the change needs a reviewer's eye.
static std::optional<FixItHint> jthreadFix(const VarDecl *Var,
                                           ASTContext &Context) {
  const LangOptions &Lang = Context.getLangOpts();
  const TypeSourceInfo *TSI = Var->getTypeSourceInfo();
  if (!Lang.CPlusPlus20 || !TSI)
    return std::nullopt;
  SourceRange Range = TSI->getTypeLoc().getSourceRange();
  if (Range.isInvalid() || Range.getBegin().isMacroID() ||
      Range.getEnd().isMacroID())
    return std::nullopt;
  CharSourceRange Tokens = CharSourceRange::getTokenRange(Range);
  StringRef Spelled =
      Lexer::getSourceText(Tokens, Context.getSourceManager(), Lang);
  if (Spelled != "std::thread" && Spelled != "::std::thread")
    return std::nullopt;
  return FixItHint::CreateReplacement(Tokens, "std::jthread");
}

void UnjoinedThreadCheck::checkLocalThread(const VarDecl *Var,
                                           const DeclStmt *Decl,
                                           ASTContext &Context) {
  if (!Decl || Var->getType()->isDependentType())
    return;
  const Stmt *Body = enclosingBody(Decl, Context);
  if (!Body)
    return;
  const utils::FunctionPaths *FP = Paths.get(Body, Context);
  if (!FP)
    return;
  utils::OwnershipQuery Query;
  auto Classify = [Var](const CFGElement &E) {
    return classifyThreadElement(E, Var);
  };
  auto Failed = [Var](const Expr *Cond, bool TakenTrue) {
    return notJoinableBranch(Cond, TakenTrue, Var);
  };
  Query.Classify = Classify;
  Query.AcquisitionFailed = Failed;
  Query.ExitLeaks = false;
  // An exception leaving `main` or a noexcept function ends the program
  // whatever threads are joinable.
  Query.ExceptionExits =
      !utils::exceptionEndsProgram(utils::enclosingFunction(Decl, Context));
  std::optional<utils::LeakingPath> Path = FP->findLeak(Decl, Query);
  if (!Path)
    return;
  diag(Var->getLocation(),
       "thread '%0' may be destroyed while still joinable, which calls "
       "std::terminate")
      << Var->getName();
  describePath(*this, *Path, Var->getName(), "joinable");
  auto Note =
      diag(Var->getLocation(), "join it on every path or use std::jthread",
           DiagnosticIDs::Note);
  if (std::optional<FixItHint> Fix = jthreadFix(Var, Context))
    Note << *Fix;
}

void UnjoinedThreadCheck::checkPthread(const CallExpr *Create,
                                       const VarDecl *Handle,
                                       ASTContext &Context) {
  if (!Handle || Handle->getType()->isDependentType())
    return;
  // A detached attribute makes the thread clean up after itself.
  if (Create->getNumArgs() >= 2 &&
      !Create->getArg(1)->IgnoreParenImpCasts()->isNullPointerConstant(
          Context, Expr::NPC_ValueDependentIsNotNull))
    return;
  const Stmt *Body = enclosingBody(Create, Context);
  if (!Body)
    return;
  const utils::FunctionPaths *FP = Paths.get(Body, Context);
  if (!FP)
    return;
  const utils::ApiModel &Model = Rules.model();

  auto Classify = [&](const CFGElement &E) {
    using utils::OwnershipEvent;
    const Stmt *S = utils::elementStmt(E);
    if (!S || S == Create)
      return OwnershipEvent::None;
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      if (!anyArgRefersTo(Call, Handle))
        return OwnershipEvent::None;
      // Queries such as pthread_setname_np or pthread_kill keep it.
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && Callee->getDeclName().isIdentifier()) {
        StringRef Name = Callee->getName();
        if (Name == "pthread_setname_np" || Name == "pthread_kill" ||
            Name == "pthread_equal" || Name == "pthread_getschedparam" ||
            Name == "pthread_setschedparam" || Name == "pthread_cancel")
          return OwnershipEvent::None;
      }
      return OwnershipEvent::Ends; // join, detach, or handed on.
    }
    if (const auto *Ret = dyn_cast<ReturnStmt>(S))
      return refersTo(Ret->getRetValue(), Handle) ? OwnershipEvent::Ends
                                                  : OwnershipEvent::None;
    if (const auto *BO = dyn_cast<BinaryOperator>(S))
      return BO->isAssignmentOp() && refersTo(BO->getRHS(), Handle)
                 ? OwnershipEvent::Ends
                 : OwnershipEvent::None;
    if (const auto *Lambda = dyn_cast<LambdaExpr>(S)) {
      for (const LambdaCapture &C : Lambda->captures())
        if (C.capturesVariable() && C.getCapturedVar() == Handle)
          return OwnershipEvent::Ends;
      return OwnershipEvent::None;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D))
          if (V != Handle && V->getInit() && refersTo(V->getInit(), Handle))
            return OwnershipEvent::Ends;
    }
    if (const auto *Init = dyn_cast<InitListExpr>(S))
      for (const Expr *I : Init->inits())
        if (refersTo(I, Handle))
          return OwnershipEvent::Ends;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
      for (const Expr *Arg : Construct->arguments())
        if (refersTo(Arg, Handle))
          return OwnershipEvent::Ends;
    return OwnershipEvent::None;
  };

  // The variable holding pthread_create's result, if any.
  // (`int rc = pthread_create(...)`, or `rc = pthread_create(...)` into a
  // variable declared earlier).
  const VarDecl *ResultVar = nullptr;
  for (const DynTypedNode &P : Context.getParents(*Create)) {
    if (const auto *V = P.get<VarDecl>())
      ResultVar = V;
    if (const auto *Assign = P.get<BinaryOperator>();
        Assign && Assign->getOpcode() == BO_Assign &&
        Assign->getRHS()->IgnoreParenImpCasts() == Create)
      if (const auto *Ref =
              dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts()))
        ResultVar = dyn_cast<VarDecl>(Ref->getDecl());
  }
  auto Failed = [&](const Expr *Cond, bool TakenTrue) {
    const Expr *E = Cond->IgnoreParenImpCasts();
    bool Negated = false;
    while (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() != UO_LNot)
        break;
      Negated = !Negated;
      E = U->getSubExpr()->IgnoreParenImpCasts();
    }
    auto IsResult = [&](const Expr *X) {
      X = X->IgnoreParenImpCasts();
      if (X == Create)
        return true;
      if (const auto *Ref = dyn_cast<DeclRefExpr>(X))
        return ResultVar && Ref->getDecl() == ResultVar;
      if (const auto *BO = dyn_cast<BinaryOperator>(X)) // (rc = create(...))
        return BO->getOpcode() == BO_Assign &&
               BO->getRHS()->IgnoreParenImpCasts() == Create;
      return false;
    };
    bool FailsWhenTrue;
    if (IsResult(E)) {
      FailsWhenTrue = true; // if (pthread_create(...))
    } else if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      const Expr *Other = nullptr;
      if (IsResult(BO->getLHS()))
        Other = BO->getRHS();
      else if (IsResult(BO->getRHS()))
        Other = BO->getLHS();
      Expr::EvalResult Zero;
      if (!Other || Other->isValueDependent() ||
          !Other->EvaluateAsInt(Zero, Context) || Zero.Val.getInt() != 0)
        return false;
      if (BO->getOpcode() == BO_NE)
        FailsWhenTrue = true;
      else if (BO->getOpcode() == BO_EQ)
        FailsWhenTrue = false;
      else
        return false;
    } else {
      return false;
    }
    return TakenTrue == (FailsWhenTrue != Negated);
  };
  (void)Model;

  utils::OwnershipQuery Query;
  Query.Classify = Classify;
  Query.AcquisitionFailed = Failed;
  Query.ExitLeaks = true;
  Query.ExceptionExits = false;
  std::optional<utils::LeakingPath> Path = FP->findLeak(Create, Query);
  if (!Path)
    return;
  diag(Create->getBeginLoc(),
       "thread '%0' started by pthread_create is neither joined nor detached "
       "on some path")
      << Handle->getName();
  using utils::LeakKind;
  SourceLocation Loc = Path->Jump ? Path->Jump->getBeginLoc() : Path->Loc;
  if (isa_and_nonnull<ReturnStmt>(Path->Jump))
    diag(Loc, "returns here without joining or detaching '%0'",
         DiagnosticIDs::Note)
        << Handle->getName();
  else if (isa_and_nonnull<BreakStmt, ContinueStmt, GotoStmt>(Path->Jump))
    diag(Loc, "jumps here without joining or detaching '%0'",
         DiagnosticIDs::Note)
        << Handle->getName();
  else
    diag(Loc,
         "reaches the end of the function without joining or detaching "
         "'%0'",
         DiagnosticIDs::Note)
        << Handle->getName();
  diag(Create->getBeginLoc(),
       "call pthread_join or pthread_detach on every "
       "path",
       DiagnosticIDs::Note);
}

namespace {

/// Method names that, next to the destructor, stop an object.
bool isStopMethodName(StringRef Name, const utils::StopSignalModel &Signals) {
  static const StringRef Extra[] = {
      "join",      "close", "cancel", "finish",  "cleanup", "teardown",
      "destroy",   "halt",  "kill",   "wait",    "stop",    "shutdown",
      "terminate", "quit",  "exit",   "release", "dispose", "end"};
  std::vector<std::string> Names(std::begin(Extra), std::end(Extra));
  return utils::isStopSignalName(Name, Names) ||
         utils::isStopSignalName(Name, Signals.Names);
}

bool referencesField(const Stmt *S, const FieldDecl *Field) {
  if (!S)
    return false;
  if (const auto *Member = dyn_cast<MemberExpr>(S))
    if (Member->getMemberDecl() == Field)
      return true;
  for (const Stmt *Child : S->children())
    if (referencesField(Child, Field))
      return true;
  return false;
}

/// Counts the expressions naming \p Var in \p S, except inside \p Skip and
/// queries that cannot end the thread (`joinable()`, `get_id()`).
unsigned countReferences(const Stmt *S, const ValueDecl *Var,
                         const llvm::SmallPtrSetImpl<const Stmt *> &Skip) {
  if (!S || Skip.contains(S))
    return 0;
  if (const auto *Query = dyn_cast<CXXMemberCallExpr>(S))
    if (const CXXMethodDecl *M = Query->getMethodDecl();
        M && M->getIdentifier() &&
        llvm::is_contained({"joinable", "get_id", "native_handle"},
                           M->getName()) &&
        refersTo(Query->getImplicitObjectArgument(), Var))
      return 0;
  unsigned N = 0;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
    N += Ref->getDecl() == Var;
  for (const Stmt *Child : S->children())
    N += countReferences(Child, Var, Skip);
  return N;
}

/// True when \p S gives \p Var a running thread: assigns, emplaces into,
/// resets it.
bool isStartOf(const Stmt *S, const ValueDecl *Var) {
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(S))
    return Op->getOperator() == OO_Equal && Op->getNumArgs() == 2 &&
           refersTo(Op->getArg(0), Var);
  const auto *Member = dyn_cast<CXXMemberCallExpr>(S);
  if (!Member)
    return false;
  const CXXMethodDecl *Method = Member->getMethodDecl();
  return Method && Method->getDeclName().isIdentifier() &&
         refersTo(Member->getImplicitObjectArgument(), Var) &&
         llvm::is_contained({"push_back", "emplace_back", "emplace",
                             "push_front", "emplace_front", "insert",
                             "try_emplace", "reset"},
                            Method->getName()) &&
         Member->getNumArgs() > 0;
}

/// Finds where \p Var is given a running thread inside \p S.
const Stmt *findStart(const Stmt *S, const ValueDecl *Var) {
  if (!S)
    return nullptr;
  if (isStartOf(S, Var))
    return S;
  for (const Stmt *Child : S->children())
    if (const Stmt *Found = findStart(Child, Var))
      return Found;
  return nullptr;
}

/// Collects every place in \p S where \p Var is given a running thread.
void collectStarts(const Stmt *S, const ValueDecl *Var,
                   llvm::SmallPtrSetImpl<const Stmt *> &Out) {
  if (!S)
    return;
  if (isStartOf(S, Var))
    Out.insert(S);
  for (const Stmt *Child : S->children())
    collectStarts(Child, Var, Out);
}

/// Direct calls to member functions of \p Record inside \p S.
void collectMemberCalls(const Stmt *S, const CXXRecordDecl *Record,
                        llvm::SmallVectorImpl<const FunctionDecl *> &Out) {
  if (!S)
    return;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee))
        if (Method->getParent()->getCanonicalDecl() ==
            Record->getCanonicalDecl())
          Out.push_back(Method);
  for (const Stmt *Child : S->children())
    collectMemberCalls(Child, Record, Out);
}

} // namespace

void UnjoinedThreadCheck::checkMember(const FieldDecl *Field,
                                      ASTContext &Context) {
  if (Field->isInvalidDecl())
    return;
  bool IsContainer = false;
  if (!isThreadOrThreads(Field->getType(), Threads.ThreadTypes, IsContainer))
    return;
  const auto *Record = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!Record || !Record->hasDefinition() || Record->isInvalidDecl())
    return;
  if (const auto *Spec = dyn_cast<ClassTemplateSpecializationDecl>(Record))
    if (Spec->getSpecializationKind() == TSK_ImplicitInstantiation)
      return; // The template itself is analysed.

  // Where does the member get a running thread?
  const Stmt *Start = nullptr;
  if (const Expr *Init = Field->getInClassInitializer())
    if (const auto *Construct =
            dyn_cast<CXXConstructExpr>(stripTemporaries(Init)))
      if (Construct->getNumArgs() > 0)
        Start = Construct;
  llvm::SmallVector<const FunctionDecl *, 16> Methods;
  for (const Decl *D : Record->decls()) {
    const FunctionDecl *F = nullptr;
    if (const auto *M = dyn_cast<CXXMethodDecl>(D))
      F = M;
    else if (const auto *T = dyn_cast<FunctionTemplateDecl>(D))
      F = T->getTemplatedDecl();
    if (F && !F->isImplicit() && !F->isInvalidDecl())
      Methods.push_back(F);
  }
  for (const FunctionDecl *F : Methods) {
    const FunctionDecl *Def = nullptr;
    if (!F->hasBody(Def))
      continue;
    if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Def))
      for (const CXXCtorInitializer *I : Ctor->inits()) {
        if (I->getMember() == Field && I->isWritten() && !Start) {
          const Expr *Init = stripTemporaries(I->getInit());
          if (const auto *Construct = dyn_cast<CXXConstructExpr>(Init);
              Construct && Construct->getNumArgs() > 0)
            Start = Construct;
          // In a class template the arguments may still be dependent.
          if (const auto *Args = dyn_cast<ParenListExpr>(Init);
              Args && Args->getNumExprs() > 0)
            Start = Args;
        }
        // A guard member built over this thread joins it (its destructor).
        if (I->getMember() != Field && I->isWritten() &&
            referencesField(I->getInit(), Field))
          return;
      }
    if (!Start)
      Start = findStart(Def->getBody(), Field);
  }
  if (!Start)
    return; // Never started here: it stays non-joinable.

  // The functions that stop the object: the destructor and stop methods,
  // plus every member function they call.
  llvm::SmallVector<const FunctionDecl *, 8> Work;
  for (const FunctionDecl *F : Methods) {
    bool IsRoot = isa<CXXDestructorDecl>(F) ||
                  (F->getDeclName().isIdentifier() &&
                   isStopMethodName(F->getName(), Threads.Signals));
    if (!IsRoot)
      continue;
    const FunctionDecl *Def = nullptr;
    if (!F->hasBody(Def))
      return; // Defined elsewhere: we cannot tell.
    Work.push_back(Def);
  }
  llvm::SmallPtrSet<const FunctionDecl *, 16> Seen;
  while (!Work.empty()) {
    const FunctionDecl *F = Work.pop_back_val();
    if (!Seen.insert(F).second)
      continue;
    const Stmt *Body = F->getBody();
    if (referencesField(Body, Field))
      return; // Joined, detached or handed on there.
    llvm::SmallVector<const FunctionDecl *, 8> Callees;
    collectMemberCalls(Body, Record, Callees);
    for (const FunctionDecl *Callee : Callees) {
      const FunctionDecl *Def = nullptr;
      if (!Callee->hasBody(Def))
        return; // A callee defined elsewhere may join it.
      Work.push_back(Def);
    }
  }

  diag(Field->getLocation(),
       "%select{thread member|container of threads}0 '%1' is "
       "%select{started|filled}0 but never joined by the destructor or a stop "
       "method; destroying it while "
       "joinable calls std::terminate")
      << IsContainer << Field->getName();
  diag(Start->getBeginLoc(), "started here", DiagnosticIDs::Note);
  diag(Field->getLocation(),
       "join it in the destructor (or a stop method it calls) or use "
       "std::jthread",
       DiagnosticIDs::Note);
}

/// A variable that code in other translation units may name: external
/// linkage and a declaration outside the main file (a header's `extern`).
static bool isSharedAcrossUnits(const VarDecl *Var, const SourceManager &SM) {
  if (!Var->isExternallyVisible() || Var->isStaticLocal())
    return false;
  for (const VarDecl *R : Var->redecls())
    if (!SM.isInMainFile(SM.getExpansionLoc(R->getLocation())))
      return true;
  return false;
}

/// Threads with static storage (globals, static members, static locals)
/// that the translation unit starts and never names again: nothing joins
/// them, and their destructors run at exit while they are joinable.
void UnjoinedThreadCheck::checkGlobals(ASTContext &Context) {
  const SourceManager &SM = Context.getSourceManager();
  for (const VarDecl *Var : GlobalThreads) {
    if (!SM.isInMainFile(SM.getExpansionLoc(Var->getLocation())) ||
        isSharedAcrossUnits(Var, SM) || utils::isInTemplateInstantiation(Var))
      continue;
    bool IsContainer = false;
    isThreadOrThreads(Var->getType(), Threads.ThreadTypes, IsContainer);
    llvm::SmallPtrSet<const Stmt *, 4> Starts;
    const Stmt *First = nullptr;
    if (const Expr *Init = Var->getInit())
      if (const auto *Construct =
              dyn_cast<CXXConstructExpr>(stripTemporaries(Init));
          Construct && Construct->getNumArgs() > 0 && !IsContainer)
        First = Construct;
    for (const FunctionDecl *Fn : Bodies)
      collectStarts(Fn->getBody(), Var, Starts);
    if (!First && !Starts.empty())
      First = *llvm::min_element(Starts, [&](const Stmt *A, const Stmt *B) {
        return SM.isBeforeInTranslationUnit(A->getBeginLoc(), B->getBeginLoc());
      });
    if (!First)
      continue; // Never started: it stays non-joinable.
    unsigned Uses = 0;
    for (const FunctionDecl *Fn : Bodies)
      Uses += countReferences(Fn->getBody(), Var, Starts);
    if (Uses > 0)
      continue; // Joined, detached or handed on somewhere.
    diag(Var->getLocation(),
         "%select{thread|container of threads}0 '%1' has static storage and "
         "is %select{started|filled}0 but never joined; destroying it at "
         "exit while joinable calls std::terminate")
        << IsContainer << Var->getName();
    diag(First->getBeginLoc(), "started here", DiagnosticIDs::Note);
    diag(Var->getLocation(),
         "join it before the program exits (e.g. in a shutdown function), or "
         "use std::jthread",
         DiagnosticIDs::Note);
  }
}

namespace {

/// The first unbounded loop in \p Body or in the functions it calls
/// directly (two levels, definitions in the TU).
const Stmt *findUnboundedLoopDeep(const Stmt *Body, const ASTContext &Context,
                                  unsigned Depth,
                                  llvm::SmallPtrSetImpl<const Stmt *> &Seen) {
  if (!Body || !Seen.insert(Body).second)
    return nullptr;
  if (const Stmt *Loop = utils::findUnboundedLoop(Body, Context))
    return Loop;
  if (Depth >= 2)
    return nullptr;
  llvm::SmallVector<const CallExpr *, 8> Calls;
  std::function<void(const Stmt *)> Collect = [&](const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return;
    if (const auto *Call = dyn_cast<CallExpr>(S))
      Calls.push_back(Call);
    for (const Stmt *Child : S->children())
      Collect(Child);
  };
  Collect(Body);
  for (const CallExpr *Call : Calls) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    const FunctionDecl *Def = nullptr;
    if (!Callee || !Callee->hasBody(Def) || Def->isInStdNamespace())
      continue;
    if (const Stmt *Loop =
            findUnboundedLoopDeep(Def->getBody(), Context, Depth + 1, Seen))
      return Loop;
  }
  return nullptr;
}

} // namespace

/// True when \p Then assigns `true` to the variable or member \p Flag.
static bool setsFlag(const Stmt *Then, const ValueDecl *Flag) {
  if (!Then)
    return false;
  if (const auto *BO = dyn_cast<BinaryOperator>(Then);
      BO && BO->getOpcode() == BO_Assign &&
      utils::referencedDecl(BO->getLHS()) == Flag)
    return true;
  for (const Stmt *Child : Then->children())
    if (setsFlag(Child, Flag))
      return true;
  return false;
}

/// The variable or member a once-guard condition tests: `!started_`.
static const ValueDecl *guardFlag(const Expr *Cond) {
  const auto *Not = dyn_cast<UnaryOperator>(Cond->IgnoreParenImpCasts());
  if (!Not || Not->getOpcode() != UO_LNot)
    return nullptr;
  const ValueDecl *Flag = utils::referencedDecl(Not->getSubExpr());
  if (const auto *Var = dyn_cast_or_null<VarDecl>(Flag))
    return Var->hasLocalStorage() ? nullptr : Var;
  return dyn_cast_or_null<FieldDecl>(Flag);
}

/// True when the thread detached by \p Detach is started at most once in
/// the program: under `if (!started_) { started_ = true; ... }`, inside
/// std::call_once or pthread_once, or in a static's initializer. One
/// background thread that lives as long as the process is a daemon by
/// design, not threads piling up.
bool UnjoinedThreadCheck::isStartedOnce(const CXXMemberCallExpr *Detach,
                                        ASTContext &Context) const {
  DynTypedNode Node = DynTypedNode::create(*Detach);
  const Stmt *Child = Detach;
  bool InLambda = false;
  for (unsigned Depth = 0; Depth < 64; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      return false;
    Node = Parents[0];
    if (const auto *Var = Node.get<VarDecl>(); Var && Var->isStaticLocal())
      return true;
    if (Node.get<Decl>() && !Node.get<VarDecl>()) {
      // A function: a lambda's operator() (and its class) walks on to where
      // the lambda is written.
      const auto *Method = Node.get<CXXMethodDecl>();
      const auto *Record = Node.get<CXXRecordDecl>();
      if ((Method && Method->getParent()->isLambda()) ||
          (Record && Record->isLambda())) {
        InLambda = true;
        continue;
      }
      return false;
    }
    const auto *S = Node.get<Stmt>();
    if (!S)
      continue;
    if (isa<LambdaExpr>(S))
      InLambda = true;
    if (const auto *Call = dyn_cast<CallExpr>(S); Call && InLambda)
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->getIdentifier() &&
          (Callee->getName() == "call_once" ||
           Callee->getName() == "pthread_once"))
        return true;
    if (const auto *If = dyn_cast<IfStmt>(S);
        If && If->getCond() && Child == If->getThen())
      if (const ValueDecl *Flag = guardFlag(If->getCond());
          Flag && setsFlag(If->getThen(), Flag))
        return true;
    Child = S;
  }
  return false;
}

void UnjoinedThreadCheck::checkDetach(const CXXMemberCallExpr *Detach,
                                      ASTContext &Context) {
  const Expr *Object = stripTemporaries(Detach->getImplicitObjectArgument());
  if (!Object)
    return;
  const Expr *Construction = nullptr;
  if (isa<CXXConstructExpr>(Object)) {
    Construction = Object;
  } else if (const auto *Ref = dyn_cast<DeclRefExpr>(Object)) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      if (Var->hasLocalStorage() && Var->getInit())
        Construction = stripTemporaries(Var->getInit());
  }
  if (!Construction)
    return;
  llvm::SmallVector<const Expr *, 4> Rest;
  const Expr *Callable = utils::spawnedCallable(Construction, Rest);
  std::optional<utils::ResolvedCallable> Body =
      utils::resolveCallable(Callable, Rest);
  if (!Body)
    return;
  llvm::SmallPtrSet<const Stmt *, 8> Seen;
  const Stmt *Loop = findUnboundedLoopDeep(Body->Body, Context, 0, Seen);
  if (!Loop || isStartedOnce(Detach, Context))
    return;
  diag(Detach->getExprLoc(), "detached thread runs an endless loop that never "
                             "checks a stop signal");
  diag(Loop->getBeginLoc(), "this loop never ends", DiagnosticIDs::Note);
  diag(Detach->getExprLoc(),
       "give the loop a stop signal (a std::stop_token or an atomic flag) "
       "and join the thread, e.g. with std::jthread",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::leak
