//===--- RaiiGapInLoopCheck.cpp - LeakGuard -------------------------------===//

#include "RaiiGapInLoopCheck.h"
#include "utils/ApiModel.h"
#include "utils/BodyWalk.h"
#include "utils/HandleTests.h"
#include "utils/LoopBounds.h"
#include "utils/Matchers.h"
#include "utils/OptionUtils.h"
#include "utils/ResourceFlow.h"
#include "utils/SharedOptions.h"
#include "utils/StopSignals.h"
#include "utils/WriteIndex.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSwitch.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

RaiiGapInLoopCheck::RaiiGapInLoopCheck(StringRef Name,
                                       ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Rules(Name, Options, Context),
      Ownership(Options, Context, Name, Rules.model()),
      RawDeferFunctions(Options.get(
          "DeferFunctions", "::atexit;::at_quick_exit;::on_exit;::std::atexit;"
                            "::std::at_quick_exit")),
      ReportExceptionPaths(utils::readBoolOption(Options, Context, Name,
                                                 "ReportExceptionPaths", true)),
      ReportAccumulation(utils::readBoolOption(Options, Context, Name,
                                               "ReportAccumulation", true)),
      ReportAlloca(
          utils::readBoolOption(Options, Context, Name, "ReportAlloca", true)),
      DeferFunctions(utils::splitList(RawDeferFunctions)),
      Acquirers(Rules.model().acquirerNames()), Defers(DeferFunctions) {
  Paths.setUnknownCallsThrow(Ownership.unknownCallsThrow());
  Paths.setProject(Ownership.project());
}

/// alloca and the builtins its macro expands to.
static const std::vector<std::string> &allocaFunctions() {
  static const std::vector<std::string> Names = {
      "::alloca", "__builtin_alloca", "__builtin_alloca_with_align",
      "__builtin_alloca_uninitialized", "::_alloca"};
  return Names;
}

void RaiiGapInLoopCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Rules.storeOptions(Options, Opts);
  Ownership.store(Options, Opts);
  Options.store(Opts, "DeferFunctions", RawDeferFunctions);
  Options.store(Opts, "ReportExceptionPaths",
                utils::boolText(ReportExceptionPaths));
  Options.store(Opts, "ReportAccumulation",
                utils::boolText(ReportAccumulation));
  Options.store(Opts, "ReportAlloca", utils::boolText(ReportAlloca));
}

void RaiiGapInLoopCheck::registerMatchers(MatchFinder *Finder) {
  // Candidates are found by walking each function body top-down (see
  // utils/BodyWalk.h); a lambda's body is matched as its call operator.
  Finder->addMatcher(utils::userFunctionDefinition().bind("fn"), this);
}

static void iterationNote(ClangTidyCheck &Check, const utils::LeakingPath &Leak,
                          StringRef Name, const utils::Acquisition &A,
                          const Stmt *Loop) {
  SourceLocation Loc = Leak.Loc.isValid() ? Leak.Loc : Loop->getEndLoc();
  StringRef Jump;
  if (isa_and_nonnull<ContinueStmt>(Leak.Jump))
    Jump = "continue";
  else if (isa_and_nonnull<BreakStmt>(Leak.Jump))
    Jump = "break";
  else if (isa_and_nonnull<GotoStmt>(Leak.Jump))
    Jump = "goto";
  else if (isa_and_nonnull<ReturnStmt>(Leak.Jump))
    Jump = "return";
  switch (Leak.Kind) {
  case utils::LeakKind::ExceptionFromCall:
    Check.diag(Loc, "leaks '%0' if this call throws", DiagnosticIDs::Note)
        << Name;
    return;
  case utils::LeakKind::Throw:
    Check.diag(Loc, "leaks '%0' when throwing here", DiagnosticIDs::Note)
        << Name;
    return;
  case utils::LeakKind::Lost:
    Check.diag(Loc, "'%0' is overwritten here while it still holds the %1",
               DiagnosticIDs::Note)
        << Name << utils::kindName(A);
    return;
  default:
    break;
  }
  if (!Jump.empty()) {
    Check.diag(Loc, "'%0' here skips the release", DiagnosticIDs::Note) << Jump;
    return;
  }
  if (Leak.Kind == utils::LeakKind::NextIteration)
    Check.diag(Loc, "the iteration ends here without releasing '%0'",
               DiagnosticIDs::Note)
        << Name;
  else
    Check.diag(Loc, "leaks '%0' when the loop ends", DiagnosticIDs::Note)
        << Name;
}

static bool isWithin(const Decl *D, const Stmt *S, const SourceManager &SM) {
  SourceLocation L = SM.getExpansionLoc(D->getLocation());
  SourceRange R = S->getSourceRange();
  return SM.isPointWithin(L, SM.getExpansionLoc(R.getBegin()),
                          SM.getExpansionLoc(R.getEnd()));
}

/// True when the elements kept in \p Var are raw handles (not RAII owners).
static bool holdsRawHandles(const VarDecl *Var) {
  QualType T = Var->getType().getNonReferenceType();
  if (const auto *Array = T->getAsArrayTypeUnsafe())
    return !Array->getElementType()->isRecordType();
  const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
      T->getAsCXXRecordDecl());
  if (!Spec || Spec->getTemplateArgs().size() == 0)
    return false;
  // The element: a sequence's first argument, a map's second.
  const TemplateArgumentList &Args = Spec->getTemplateArgs();
  for (unsigned I = 0; I < Args.size() && I < 2; ++I) {
    if (Args[I].getKind() != TemplateArgument::Type)
      continue;
    QualType Arg = Args[I].getAsType();
    if (Arg->isPointerType() || Arg->isIntegerType())
      return I == 0 || !Args[0].getAsType()->isRecordType() ||
             Arg->isPointerType();
  }
  return false;
}

/// True when the loop also takes elements out of \p Var (a bounded batch).
static bool loopShrinks(const Stmt *S, const VarDecl *Var) {
  if (!S)
    return false;
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
    if (const CXXMethodDecl *M = Call->getMethodDecl();
        M && M->getIdentifier() &&
        utils::targetVariable(Call->getImplicitObjectArgument()) == Var &&
        llvm::StringSwitch<bool>(M->getName())
            .Cases({"clear", "pop_back", "pop_front", "pop", "erase"}, true)
            .Cases({"swap", "resize", "extract"}, true)
            .Default(false))
      return true;
  for (const Stmt *Child : S->children())
    if (loopShrinks(Child, Var))
      return true;
  return false;
}

static void collectStores(const Stmt *S, const utils::HandleRef &H,
                          const utils::EscapeOptions &O,
                          llvm::SmallVectorImpl<utils::Escape> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (utils::Escape E = utils::escapesAt(S, H, O))
    if (E.Kind == utils::EscapeKind::Container ||
        E.Kind == utils::EscapeKind::Stored)
      Out.push_back(E);
  for (const Stmt *Child : S->children())
    collectStores(Child, H, O, Out);
}

/// \p E without parentheses, implicit casts and `std::move`.
static const Expr *unwrapMove(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *F = Call->getDirectCallee();
        F && F->getIdentifier() && F->getName() == "move" &&
        Call->getNumArgs() == 1)
      return Call->getArg(0)->IgnoreParenImpCasts();
  return E;
}

/// True when \p E is \p Var or an element of it (`Var[i]`, `Var.at(i)`,
/// `Var.back()`), or the variable \p Element of a range-for over it.
static bool namesContainerOrElement(const Expr *E, const VarDecl *Var,
                                    const VarDecl *Element) {
  E = unwrapMove(E);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    return Ref->getDecl() == Var || (Element && Ref->getDecl() == Element);
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return namesContainerOrElement(Subscript->getBase(), Var, nullptr);
  if (const auto *Op = dyn_cast<CXXOperatorCallExpr>(E);
      Op && Op->getOperator() == OO_Subscript && Op->getNumArgs() > 0)
    return namesContainerOrElement(Op->getArg(0), Var, nullptr);
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *M = Member->getMethodDecl();
        M && M->getIdentifier() &&
        llvm::is_contained({"at", "back", "front"}, M->getName()))
      return namesContainerOrElement(Member->getImplicitObjectArgument(), Var,
                                     nullptr);
  return false;
}

/// What happens to a container of handles after the loop that filled it.
struct AfterLoop {
  /// The container moved or returned, or an element passed to a function
  /// of the project (`for (T *t : staged) install(t);`).
  bool HandedOver = false;
  /// An element released (`for (FILE *f : opened) fclose(f);`).
  bool Released = false;
};

/// Fills \p Out from the statements of \p S that run after \p Loop.
static void useAfter(const Stmt *S, const Stmt *Loop, const VarDecl *Var,
                     const VarDecl *Element, const utils::ResourceFlow &Flow,
                     const SourceManager &SM, AfterLoop &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(S);
      Range && Range->getRangeInit() &&
      namesContainerOrElement(Range->getRangeInit(), Var, nullptr))
    Element = Range->getLoopVariable();
  bool After =
      SM.isBeforeInTranslationUnit(SM.getExpansionLoc(Loop->getEndLoc()),
                                   SM.getExpansionLoc(S->getBeginLoc()));
  if (After) {
    auto Names = [&](const Expr *E) {
      return namesContainerOrElement(E, Var, Element);
    };
    // The whole container given away: moved, or returned.
    auto Moved = [&](const Expr *E) {
      const Expr *Inner = unwrapMove(E);
      return Inner != E->IgnoreParenImpCasts() && Names(E);
    };
    if (Flow.releasesWhere(S, Names))
      Out.Released = true;
    else if (const auto *Return = dyn_cast<ReturnStmt>(S);
             Return && Return->getRetValue() && Names(Return->getRetValue()))
      Out.HandedOver = true;
    else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = Call->getDirectCallee();
      bool Project = Callee && !Callee->isInStdNamespace();
      for (const Expr *Arg : Call->arguments()) {
        const auto *Ref = dyn_cast<DeclRefExpr>(unwrapMove(Arg));
        bool Whole = Ref && Ref->getDecl() == Var;
        if (Moved(Arg) || (Project && !Whole && Names(Arg)))
          Out.HandedOver = true;
      }
    } else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
      if (llvm::any_of(Construct->arguments(), Moved))
        Out.HandedOver = true;
    }
  }
  for (const Stmt *Child : S->children())
    useAfter(Child, Loop, Var, Element, Flow, SM, Out);
}

bool RaiiGapInLoopCheck::checkAccumulation(const utils::Acquisition &A,
                                           const Stmt *Loop, ASTContext &Ctx) {
  if (!ReportAccumulation)
    return false;
  llvm::SmallVector<utils::Escape, 2> Stores;
  if (A.Handle.Var) {
    collectStores(Loop, A.Handle, Ownership.escapes(), Stores);
  } else if (const auto *Call =
                 dyn_cast_or_null<CXXMemberCallExpr>(A.Consumer)) {
    if (const CXXMethodDecl *M = Call->getMethodDecl();
        M && M->getIdentifier() && utils::isContainerInsert(M->getName()))
      Stores.push_back({utils::EscapeKind::Container, Call,
                        Call->getImplicitObjectArgument()});
  } else if (const auto *Assign =
                 dyn_cast_or_null<BinaryOperator>(A.Consumer)) {
    Stores.push_back({utils::EscapeKind::Stored, Assign, Assign->getLHS()});
  }
  const SourceManager &SM = Ctx.getSourceManager();
  for (const utils::Escape &E : Stores) {
    const VarDecl *Var = utils::targetVariable(E.Target);
    if (!Var || !Var->hasLocalStorage() || Var == A.Handle.Var ||
        isWithin(Var, Loop, SM) || !holdsRawHandles(Var) ||
        loopShrinks(Loop, Var))
      continue;
    // Handed to an owner once the loop is done (moved into an object that
    // outlives the function, returned, each element installed): building a
    // structure, not holding resources open. Released after the loop, they
    // were all held at once: that is reported.
    const auto *Scope = dyn_cast_or_null<FunctionDecl>(Var->getDeclContext());
    utils::ResourceFlow Flow(Rules.model(), Ownership.escapes(), Ctx);
    AfterLoop Use;
    if (Scope && Scope->getBody())
      useAfter(Scope->getBody(), Loop, Var, nullptr, Flow, SM, Use);
    if (Use.HandedOver && !Use.Released)
      return true;
    // A loop that runs a fixed number of times (a constant, a configured
    // count) holds that many at most: nothing grows with the input.
    utils::WriteIndex Writes(Ctx);
    utils::LoopBoundConfig Bounds;
    Bounds.Writes = &Writes;
    if (utils::isBoundedLoop(Loop, Ctx, Bounds))
      return true;
    std::string Name = A.Handle.Var ? utils::handleName(A.Handle)
                                    : std::string("the ") + utils::kindName(A);
    diag(A.Call->getBeginLoc(),
         "%0 %select{'%1'|%1}2 is acquired in each iteration and kept in '%3' "
         "until after the loop; the number held grows with the input")
        << utils::kindName(A) << (A.Handle.Var ? Name : A.Acquirer)
        << (A.Handle.Var ? 0 : 1) << Var->getName();
    diag(E.At->getBeginLoc(), "kept in '%0' here", DiagnosticIDs::Note)
        << Var->getName();
    diag(E.At->getBeginLoc(),
         "release it in the same iteration, or bound how many are held at "
         "once",
         DiagnosticIDs::Note);
    return true;
  }
  return false;
}

/// True when \p Loop stores through \p Cursor into a member of what it
/// points to (`Cursor->Next = Node;`): a cursor into a linked structure.
static bool linksThrough(const Stmt *Loop, const ValueDecl *Cursor) {
  if (!Loop)
    return false;
  if (const auto *Assign = dyn_cast<BinaryOperator>(Loop);
      Assign && Assign->getOpcode() == BO_Assign)
    if (const auto *Member =
            dyn_cast<MemberExpr>(Assign->getLHS()->IgnoreParenImpCasts());
        Member && Member->isArrow())
      if (const auto *Base =
              dyn_cast<DeclRefExpr>(Member->getBase()->IgnoreParenImpCasts());
          Base && Base->getDecl() == Cursor &&
          Assign->getRHS()->getType()->isPointerType())
        return true;
  for (const Stmt *Child : Loop->children())
    if (linksThrough(Child, Cursor))
      return true;
  return false;
}

/// True when a statement within \p Root, starting after \p After when it is
/// valid, releases what \p Var holds.
static bool releasesVarIn(const Stmt *Root, const VarDecl *Var,
                          const utils::ResourceFlow &Flow,
                          const SourceManager &SM, SourceLocation After) {
  if (!Root)
    return false;
  bool Late =
      After.isInvalid() || SM.isBeforeInTranslationUnit(
                               After, SM.getExpansionLoc(Root->getBeginLoc()));
  if (Late && Flow.releasesWhere(Root, [&](const Expr *Arg) {
        const auto *Ref = dyn_cast<DeclRefExpr>(Arg->IgnoreParenImpCasts());
        return Ref && Ref->getDecl() == Var;
      }))
    return true;
  for (const Stmt *Child : Root->children())
    if (releasesVarIn(Child, Var, Flow, SM, After))
      return true;
  return false;
}

void RaiiGapInLoopCheck::checkAcquisition(const Expr *E, const Stmt *Loop,
                                          utils::StmtAncestors Up,
                                          const FunctionDecl *Fn,
                                          ASTContext &Ctx) {
  const utils::ApiModel &Model = Rules.model();
  std::optional<utils::Acquisition> A =
      utils::describeAcquisition(E, Up, Model, &Returned, &Ownership.escapes());
  if (!A)
    return;
  if (checkAccumulation(*A, Loop, Ctx))
    return;
  if (!A->Handle.Var ||
      utils::iterationLoop(*A, Up, Ctx.getSourceManager()) != Loop)
    return;
  const utils::FunctionPaths *FP = Paths.get(Fn->getBody(), Ctx);
  if (!FP)
    return;
  utils::ResourceFlow Flow(Model, Ownership.escapes(), Ctx);
  // The block goes to a variable declared outside the loop that carries it
  // into the next iteration: a growth loop's (`bigger = realloc(buf, n);
  // ... buf = bigger;`, the next acquisition is given it) or a list's
  // cursor (`tail->next = node; tail = node;`, the next node is linked
  // through it).
  const SourceManager &SM = Ctx.getSourceManager();
  const auto *Call = dyn_cast<CallExpr>(A->Call->IgnoreParenCasts());
  for (const utils::HandleRef &Place : Flow.aliasesOf(*FP, A->Handle)) {
    utils::HandleRef Outer;
    Outer.Var = Place.Var;
    bool Given = Call && llvm::any_of(Call->arguments(), [&](const Expr *Arg) {
                   return utils::carriesHandle(Arg, Outer, Ownership.escapes());
                 });
    bool Outside =
        Place.Fields.empty() &&
        !SM.isPointWithin(SM.getExpansionLoc(Place.Var->getLocation()),
                          SM.getExpansionLoc(Loop->getBeginLoc()),
                          SM.getExpansionLoc(Loop->getEndLoc()));
    if (Outside && (Given || linksThrough(Loop, Place.Var)))
      return;
    // Or one released in the loop, before it takes the next handle, and
    // after the loop, for the last: the switch-and-close idiom (`if (owned)
    // fclose(out); out = next;` ... `fclose(out);` once the loop ends).
    // The handle lives on beyond its iteration by design; whether `out` is
    // released on every path is leak-unreleased-resource's question.
    const auto *Carrier = dyn_cast<VarDecl>(Place.Var);
    if (Outside && Carrier && Place.Var != A->Handle.Var &&
        releasesVarIn(Loop, Carrier, Flow, SM, SourceLocation()) &&
        releasesVarIn(Fn->getBody(), Carrier, Flow, SM,
                      SM.getExpansionLoc(Loop->getEndLoc())))
      return;
  }
  std::optional<utils::LeakingPath> Leak =
      Flow.findLeak(*FP, *A, Loop, ReportExceptionPaths, Fn);
  if (!Leak || utils::inCommandLineLoop(Up, Fn))
    return;
  std::string Name = utils::handleName(A->Handle);
  diag(E->getBeginLoc(),
       "'%0' is acquired in each iteration but not released in the same "
       "iteration")
      << Name;
  iterationNote(*this, *Leak, Name, *A, Loop);
  SourceLocation Loc = Leak->Loc.isValid() ? Leak->Loc : Loop->getEndLoc();
  diag(Loc,
       "%select{call '%1' before every exit from the iteration|call '%1' in "
       "the same iteration, or hold '%2' in an RAII type declared in the "
       "loop body}0",
       DiagnosticIDs::Note)
      << getLangOpts().CPlusPlus << utils::releaserName(*A) << Name;
}

void RaiiGapInLoopCheck::checkDeferredCleanup(const CXXMemberCallExpr *Call,
                                              const Stmt *Loop,
                                              ASTContext &Ctx) {
  const CXXMethodDecl *M = Call->getMethodDecl();
  if (!M || !M->getIdentifier() || !utils::isContainerInsert(M->getName()))
    return;
  const VarDecl *Var = utils::targetVariable(Call->getImplicitObjectArgument());
  if (!Var || !Var->hasLocalStorage() ||
      isWithin(Var, Loop, Ctx.getSourceManager()))
    return;
  // The pushed callable must release something.
  const utils::ApiModel &Model = Rules.model();
  std::function<bool(const Stmt *)> Releases = [&](const Stmt *S) {
    if (!S)
      return false;
    if (isa<CXXDeleteExpr>(S))
      return true;
    if (const auto *C = dyn_cast<CallExpr>(S))
      if (const FunctionDecl *F = utils::calledFunction(C))
        if (Model.isAnyReleaser(utils::qualifiedName(F)))
          return true;
    for (const Stmt *Child : S->children())
      if (Releases(Child))
        return true;
    return false;
  };
  const LambdaExpr *Lambda = nullptr;
  std::function<void(const Stmt *)> FindLambda = [&](const Stmt *S) {
    if (!S || Lambda)
      return;
    if (const auto *L = dyn_cast<LambdaExpr>(S)) {
      Lambda = L;
      return;
    }
    for (const Stmt *Child : S->children())
      FindLambda(Child);
  };
  for (const Expr *Arg : Call->arguments())
    FindLambda(Arg);
  if (!Lambda || !Releases(Lambda->getBody()) || loopShrinks(Loop, Var))
    return;
  diag(Call->getBeginLoc(),
       "cleanup pushed into '%0' in each iteration runs only after the loop; "
       "what it releases is held until then")
      << Var->getName();
  diag(Call->getBeginLoc(),
       "release in the same iteration, or hold the resource in an RAII type "
       "declared in the loop body",
       DiagnosticIDs::Note);
}

/// True when \p Loop runs its body at most once: a constant trip count of
/// 0 or 1 (`for (i = 0; i < 1; i++)`), or a body that always ends with a
/// `break` and has no `continue` (`while (1) { ...; break; }`).
static bool runsAtMostOnce(const Stmt *Loop, const ASTContext &Ctx) {
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    if (std::optional<uint64_t> Count = utils::constantTripCount(For, Ctx))
      return *Count <= 1;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(utils::loopBody(Loop));
  if (!Body || Body->body_empty() || !isa<BreakStmt>(Body->body_back()))
    return false;
  std::function<bool(const Stmt *)> Continues = [&](const Stmt *S) {
    if (!S || isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S))
      return false; // A nested loop's continue is its own.
    if (isa<ContinueStmt>(S))
      return true;
    for (const Stmt *Child : S->children())
      if (Continues(Child))
        return true;
    return false;
  };
  return llvm::none_of(Body->body(),
                       [&](const Stmt *S) { return Continues(S); });
}

/// True when \p Cond holds exactly when the pointer \p V is set (`V`,
/// `V != NULL`): the shared null-test reading of HandleTests.
static bool testsSet(const Expr *Cond, const ValueDecl *V,
                     const ASTContext &Ctx) {
  static const std::vector<std::string> NullOnly = {"nullptr"};
  utils::FailureSpec Spec;
  Spec.Handle.Var = V;
  Spec.InvalidValues = NullOnly;
  std::optional<bool> Null = utils::failedWhen(Cond, Spec, Ctx);
  return Null && !*Null;
}

/// True when the stack memory \p Call allocates goes to a variable declared
/// outside \p Loop that the iteration first tests and leaves on when set
/// (`if (owner) return; owner = strdupa(v);`): it runs at most once per call.
static bool allocatesOnceIntoOuter(const Stmt *Loop, utils::StmtAncestors Up,
                                   const ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  const ValueDecl *Target = nullptr;
  const Stmt *Child = nullptr;
  for (const Stmt *S : llvm::reverse(Up)) {
    if (S == Loop)
      return false;
    if (!Target)
      if (const auto *Assign = dyn_cast<BinaryOperator>(S);
          Assign && Assign->getOpcode() == BO_Assign)
        if (const auto *Ref =
                dyn_cast<DeclRefExpr>(Assign->getLHS()->IgnoreParenImpCasts()))
          Target = Ref->getDecl();
    if (const auto *Block = dyn_cast<CompoundStmt>(S); Block && Target) {
      if (SM.isPointWithin(SM.getExpansionLoc(Target->getLocation()),
                           SM.getExpansionLoc(Loop->getBeginLoc()),
                           SM.getExpansionLoc(Loop->getEndLoc())))
        return false;
      for (const Stmt *Before : Block->body()) {
        if (Before == Child)
          break;
        const auto *If = dyn_cast<IfStmt>(Before);
        const Stmt *Then = If ? If->getThen() : nullptr;
        // `{ report(...); return; }`: what the branch ends with.
        if (const auto *ThenBlock = dyn_cast_or_null<CompoundStmt>(Then);
            ThenBlock && !ThenBlock->body_empty())
          Then = ThenBlock->body_back();
        if (If && !If->getElse() && If->getCond() &&
            testsSet(If->getCond(), Target, Ctx) &&
            isa_and_nonnull<ReturnStmt, BreakStmt, GotoStmt>(Then))
          return true;
      }
      return false;
    }
    Child = S;
  }
  return false;
}

void RaiiGapInLoopCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &Ctx = *Result.Context;
  if (!utils::shouldAnalyse(Fn, Paths, Ctx, InstantiatedPatterns))
    return;
  bool Cxx = getLangOpts().CPlusPlus;
  utils::walkBody(Fn->getBody(), [&](const Stmt *S, utils::StmtAncestors Up) {
    if (const auto *New = dyn_cast<CXXNewExpr>(S)) {
      if (Cxx)
        if (const Stmt *Loop = utils::innermostLoop(New, Up))
          checkAcquisition(New, Loop, Up, Fn, Ctx);
      return;
    }
    const auto *Call = dyn_cast<CallExpr>(S);
    const FunctionDecl *Callee = Call ? utils::calledFunction(Call) : nullptr;
    if (!Callee)
      return;
    bool Acquires = Acquirers.mayMatch(*Callee) ||
                    Callee->hasAttr<OwnershipAttr>() ||
                    utils::mayReturnFreshResource(Callee, Ownership.project());
    bool Allocates = ReportAlloca && Callee->getIdentifier() &&
                     Callee->getName().contains("alloca");
    bool Registers = Defers.mayMatch(*Callee);
    const auto *Member = dyn_cast<CXXMemberCallExpr>(Call);
    if (!Acquires && !Allocates && !Registers && !Member)
      return;
    const Stmt *Loop = utils::innermostLoop(Call, Up);
    if (!Loop)
      return;
    if (Acquires)
      checkAcquisition(Call, Loop, Up, Fn, Ctx);
    std::string Name =
        (Allocates || Registers) ? utils::qualifiedName(Callee) : std::string();
    if (Allocates && utils::nameMatchesAny(allocaFunctions(), Name) &&
        !runsAtMostOnce(Loop, Ctx) && !allocatesOnceIntoOuter(Loop, Up, Ctx))
      reportAlloca(Call, *Result.SourceManager);
    if (Registers && utils::nameMatchesAny(DeferFunctions, Name))
      reportDefer(Call, Callee);
    if (Member && Cxx)
      checkDeferredCleanup(Member, Loop, Ctx);
  });
}

void RaiiGapInLoopCheck::reportAlloca(const CallExpr *Call,
                                      const SourceManager &SM) {
  // alloca is often a macro from a system header: point at its use.
  SourceLocation Loc = SM.getExpansionLoc(Call->getBeginLoc());
  diag(Loc, "'alloca' in a loop allocates stack memory in every iteration; "
            "it is freed only when the function returns");
  diag(Loc,
       "allocate one buffer before the loop, or use a fixed-size array in "
       "the loop body",
       DiagnosticIDs::Note);
}

void RaiiGapInLoopCheck::reportDefer(const CallExpr *Call,
                                     const FunctionDecl *Callee) {
  diag(Call->getBeginLoc(),
       "'%0' in a loop registers a handler in every iteration; the "
       "handlers run only at exit")
      << Callee->getName();
  diag(Call->getBeginLoc(), "register the handler once, before the loop",
       DiagnosticIDs::Note);
}

} // namespace clang::tidy::leak
