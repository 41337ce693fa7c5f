//===--- UnreleasedResourceCheck.cpp - LeakGuard --------------------------===//

#include "UnreleasedResourceCheck.h"
#include "utils/ApiModel.h"
#include "utils/ArgumentOwnership.h"
#include "utils/BodyWalk.h"
#include "utils/CallerOutcomes.h"
#include "utils/Matchers.h"
#include "utils/OptionUtils.h"
#include "utils/ResourceFlow.h"
#include "utils/SharedOptions.h"
#include "utils/Summarize.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"
#include <functional>

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

UnreleasedResourceCheck::UnreleasedResourceCheck(StringRef Name,
                                                 ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Rules(Name, Options, Context),
      Ownership(Options, Context, Name, Rules.model()),
      ReportExceptionPaths(utils::readBoolOption(Options, Context, Name,
                                                 "ReportExceptionPaths", true)),
      TrackNew(utils::readBoolOption(Options, Context, Name, "TrackNew", true)),
      CrossCheckPaths(utils::readBoolOption(Options, Context, Name,
                                            "CrossCheckPaths", false)),
      LoopCheckEnabled(Context->isCheckEnabled("leak-raii-gap-in-loop")),
      Acquirers(Rules.model().acquirerNames()) {
  Paths.setUnknownCallsThrow(Ownership.unknownCallsThrow());
  Paths.setProject(Ownership.project());
}

void UnreleasedResourceCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Rules.storeOptions(Options, Opts);
  Ownership.store(Options, Opts);
  Options.store(Opts, "ReportExceptionPaths",
                utils::boolText(ReportExceptionPaths));
  Options.store(Opts, "TrackNew", utils::boolText(TrackNew));
  Options.store(Opts, "CrossCheckPaths", utils::boolText(CrossCheckPaths));
}

void UnreleasedResourceCheck::registerMatchers(MatchFinder *Finder) {
  // Acquisitions are found by walking each function body top-down (see
  // utils/BodyWalk.h); a lambda's body is matched as its call operator.
  Finder->addMatcher(utils::userFunctionDefinition().bind("fn"), this);
  if (!Ownership.summaryOutput().empty())
    Finder->addMatcher(
        varDecl(hasGlobalStorage(), isExpansionInMainFile()).bind("global"),
        this);
}

void UnreleasedResourceCheck::summarize(const FunctionDecl *Fn,
                                        ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  if (!utils::isSummarizedAcrossUnits(Fn) || !Fn->getBody() ||
      !SM.isInMainFile(SM.getExpansionLoc(Fn->getLocation())))
    return;
  Summaries.Functions.push_back(utils::summarizeFunction(
      Fn, Rules.model(), Ownership.escapes(), Paths.summaries(Ctx), Returned));
}

void UnreleasedResourceCheck::onEndOfTranslationUnit() {
  if (!Ownership.summaryOutput().empty()) {
    if (SummarizedContext) {
      utils::FunctionSummaries &Unit = Paths.summaries(*SummarizedContext);
      Summaries.Written = utils::writtenGlobalUsrs(Unit);
      utils::collectCallSites(*SummarizedContext, Unit, Summaries);
    }
    if (llvm::Error E =
            utils::writeUnitSummaries(Ownership.summaryOutput(), Summaries))
      configurationDiag("cannot write the unit's summaries: %0")
          << llvm::toString(std::move(E));
    Summaries = {};
    SummarizedContext = nullptr;
  }
  Paths.clear();
  InstantiatedPatterns.clear();
  Returned.clear();
}

void UnreleasedResourceCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  ASTContext &Ctx = *Result.Context;
  if (!Ownership.summaryOutput().empty()) {
    // The driver's first phase: summaries only, no findings.
    SummarizedContext = &Ctx;
    if (Fn)
      summarize(Fn, Ctx);
    else if (std::optional<utils::ExternalConstant> C =
                 utils::summarizeConstant(
                     Result.Nodes.getNodeAs<VarDecl>("global")))
      Summaries.Constants.push_back(std::move(*C));
    return;
  }
  if (!utils::shouldAnalyse(Fn, Paths, Ctx, InstantiatedPatterns))
    return;
  bool Cxx = getLangOpts().CPlusPlus;
  std::vector<PendingAcquisition> Pending;
  utils::walkBody(Fn->getBody(), [&](const Stmt *S, utils::StmtAncestors Up) {
    if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const FunctionDecl *Callee = utils::calledFunction(Call);
      if (Callee &&
          (Acquirers.mayMatch(*Callee) || Callee->hasAttr<OwnershipAttr>() ||
           utils::mayReturnFreshResource(Callee, Ownership.project())))
        describeAcquisition(Call, Up, Fn, Pending);
    } else if (const auto *New = dyn_cast<CXXNewExpr>(S)) {
      if (Cxx && TrackNew)
        describeAcquisition(New, Up, Fn, Pending);
    } else if (const auto *Assign = dyn_cast<BinaryOperator>(S)) {
      checkRealloc(Assign, Fn, Ctx);
    } else if (const auto *Delete = dyn_cast<CXXDeleteExpr>(S)) {
      checkMismatch(Delete);
    }
  });
  if (!Pending.empty())
    checkAcquisitions(Pending, Fn, Ctx);
}

/// True when \p Body tests \p Assign's result for null after it: `if (!p)`,
/// `if (p == NULL)`, `if ((p = realloc(p, n)) == NULL)`, `p ? ... : ...`.
static bool nullTestedAfter(const Stmt *Body, const BinaryOperator *Assign,
                            ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto IsResult = [&](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    return E == Assign || utils::sameExpr(E, Assign->getLHS(), Ctx);
  };
  auto After = [&](const Stmt *S) {
    return S == Assign || SM.isBeforeInTranslationUnit(
                              SM.getExpansionLoc(Assign->getBeginLoc()),
                              SM.getExpansionLoc(S->getBeginLoc()));
  };
  std::function<bool(const Stmt *)> Find = [&](const Stmt *S) {
    if (!S)
      return false;
    const Expr *Tested = nullptr;
    if (const auto *If = dyn_cast<IfStmt>(S))
      Tested = If->getCond();
    else if (const auto *While = dyn_cast<WhileStmt>(S))
      Tested = While->getCond();
    else if (const auto *CO = dyn_cast<ConditionalOperator>(S))
      Tested = CO->getCond();
    else if (const auto *UO = dyn_cast<UnaryOperator>(S);
             UO && UO->getOpcode() == UO_LNot)
      Tested = UO->getSubExpr();
    else if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isLogicalOp() && IsResult(BO->getLHS()))
        Tested = BO->getLHS();
      else if (BO->isEqualityOp())
        for (auto [Side, Other] : {std::pair(BO->getLHS(), BO->getRHS()),
                                   std::pair(BO->getRHS(), BO->getLHS())})
          if (IsResult(Side) &&
              Other->IgnoreParenCasts()->isNullPointerConstant(
                  Ctx, Expr::NPC_ValueDependentIsNotNull))
            Tested = Side;
    }
    if (Tested && IsResult(Tested) && After(Tested))
      return true;
    for (const Stmt *Child : S->children())
      if (Find(Child))
        return true;
    return false;
  };
  return Find(Body);
}

/// p = realloc(p, n): on failure the old block is lost.
void UnreleasedResourceCheck::checkRealloc(const BinaryOperator *Assign,
                                           const FunctionDecl *Fn,
                                           ASTContext &Ctx) {
  if (!Assign->isAssignmentOp())
    return;
  const auto *Call = dyn_cast<CallExpr>(Assign->getRHS()->IgnoreParenCasts());
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  if (!Callee || Call->getNumArgs() != 2 || !Callee->getIdentifier() ||
      Callee->getName() != "realloc" ||
      !utils::nameMatches("::realloc", utils::qualifiedName(Callee)))
    return;
  if (!utils::sameExpr(Assign->getLHS(), Call->getArg(0), Ctx))
    return;
  // A failure the code never tests is a null dereference before it is a
  // leak (and a shrinking realloc, often not tested, does not fail in
  // practice): only a failure the code handles and goes on from loses the
  // block silently.
  if (!nullTestedAfter(Fn->getBody(), Assign, Ctx))
    return;
  // Nothing is lost when the program ends right away if it failed (an
  // abort or assertion on null), or when the old pointer is null.
  if (const utils::FunctionPaths *FP = Paths.get(Fn->getBody(), Ctx)) {
    if (FP->nullPathsEndProgram(Assign, Assign->getLHS(), Fn))
      return;
    if (const auto *Var =
            dyn_cast_or_null<VarDecl>(utils::referencedDecl(Assign->getLHS()));
        Var && FP->constantBefore(Call, Var) == 0)
      return;
  }
  diag(Call->getBeginLoc(),
       "if 'realloc' fails, the block '%0' still points to is leaked: "
       "assigning the result to it loses the only pointer")
      << Lexer::getSourceText(
             CharSourceRange::getTokenRange(Assign->getLHS()->getSourceRange()),
             Ctx.getSourceManager(), Ctx.getLangOpts());
  diag(Call->getBeginLoc(),
       "assign the result to a temporary and keep the old pointer until it "
       "is known to be non-null",
       DiagnosticIDs::Note);
}

/// new/delete[] and new[]/delete mismatches, and delete of memory from
/// malloc, for a variable initialised by the allocation.
void UnreleasedResourceCheck::checkMismatch(const CXXDeleteExpr *Delete) {
  const auto *Ref =
      dyn_cast<DeclRefExpr>(Delete->getArgument()->IgnoreParenImpCasts());
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  if (!Var || !Var->hasLocalStorage() || !Var->getInit())
    return;
  const Expr *Init = Var->getInit()->IgnoreParenCasts();
  if (const auto *EWC = dyn_cast<ExprWithCleanups>(Init))
    Init = EWC->getSubExpr()->IgnoreParenCasts();
  StringRef Allocated, Expected;
  if (const auto *New = dyn_cast<CXXNewExpr>(Init)) {
    if (New->getNumPlacementArgs() > 0 ||
        New->isArray() == Delete->isArrayForm())
      return;
    Allocated = New->isArray() ? "new[]" : "new";
    Expected = New->isArray() ? "delete[]" : "delete";
  } else if (const auto *Call = dyn_cast<CallExpr>(Init)) {
    const FunctionDecl *Callee = utils::calledFunction(Call);
    int Arg = -1;
    const utils::ResourceKind *Kind =
        Callee ? Rules.model().findAcquirer(utils::qualifiedName(Callee), Arg)
               : nullptr;
    if (!Kind || Arg != -1 || Kind->Release.empty())
      return;
    Allocated = Callee->getName();
    Expected = Kind->Release.front().Function;
    Expected.consume_front("::");
  } else {
    return;
  }
  // Only when nothing else is assigned to the variable in between is the
  // pairing certain; a local initialised once and deleted is the common case.
  diag(Delete->getBeginLoc(),
       "'%0' is allocated with '%1' but released with '%2'; use '%3'")
      << Var->getName() << Allocated
      << (Delete->isArrayForm() ? "delete[]" : "delete") << Expected;
  diag(Init->getBeginLoc(), "allocated here", DiagnosticIDs::Note);
}

void UnreleasedResourceCheck::describeAcquisition(
    const Expr *E, utils::StmtAncestors Up, const FunctionDecl *Fn,
    std::vector<PendingAcquisition> &Pending) {
  const utils::ApiModel &Model = Rules.model();
  std::optional<utils::Acquisition> A =
      utils::describeAcquisition(E, Up, Model, &Returned, &Ownership.escapes());
  if (!A)
    return;
  auto [Acquired, Released] = utils::verbs(*A);
  if (A->Discarded) {
    if (A->New != utils::Acquisition::NewForm::None)
      return; // `new Widget(parent);` usually registers itself.
    diag(E->getBeginLoc(), "the %0 %1 by '%2' is discarded and never %3")
        << utils::kindName(*A) << Acquired << A->Acquirer << Released;
    return;
  }
  if (!A->Handle.Var)
    return;
  PendingAcquisition P{*A, E, nullptr, utils::inCommandLineLoop(Up, Fn)};
  // Leaks within a loop iteration are leak-raii-gap-in-loop's to report.
  if (LoopCheckEnabled)
    P.Loop =
        utils::iterationLoop(*A, Up, Fn->getASTContext().getSourceManager());
  Pending.push_back(std::move(P));
}

void UnreleasedResourceCheck::checkAcquisitions(
    llvm::ArrayRef<PendingAcquisition> Pending, const FunctionDecl *Fn,
    ASTContext &Ctx) {
  const utils::FunctionPaths *FP = Paths.get(Fn->getBody(), Ctx);
  if (!FP)
    return;
  utils::ResourceFlow Flow(Rules.model(), Ownership.escapes(), Ctx);
  std::vector<utils::Acquisition> Acquisitions;
  for (const PendingAcquisition &P : Pending)
    Acquisitions.push_back(P.A);
  // One pass over the function clears the acquisitions that cannot leak;
  // only the others are searched path by path.
  llvm::BitVector MayLeak =
      Flow.mayLeak(*FP, Acquisitions, ReportExceptionPaths, Fn);
  for (unsigned I = 0; I < Pending.size(); ++I) {
    if (MayLeak[I]) {
      checkAcquisition(Pending[I], *FP, Flow, Fn);
      continue;
    }
    if (CrossCheckPaths &&
        Flow.findLeak(*FP, Pending[I].A, nullptr, ReportExceptionPaths, Fn))
      diag(Pending[I].E->getBeginLoc(),
           "internal error: the one-pass analysis cleared '%0', which the "
           "path search finds leaking")
          << utils::handleName(Pending[I].A.Handle);
  }
}

/// Notes for what other units' summaries decided: a reviewer who sees the
/// handle passed to a function of another file needs to know why it still
/// counts as the caller's.
void UnreleasedResourceCheck::explainSummaries(const utils::Acquisition &A,
                                               const FunctionDecl *Fn) {
  const utils::EscapeOptions &O = Ownership.escapes();
  if (!O.Project)
    return;
  if (const auto *Call = dyn_cast_or_null<CallExpr>(A.Call))
    if (const FunctionDecl *Callee = utils::calledFunction(Call);
        Callee && O.Project->function(Callee))
      diag(Call->getBeginLoc(),
           "'%0', defined in another file, hands its caller the %1 it "
           "acquires",
           DiagnosticIDs::Note)
          << Callee->getName() << utils::kindName(A);
  if (const CallExpr *Borrow =
          utils::externalBorrow(Fn->getBody(), A.Handle, O))
    diag(Borrow->getBeginLoc(),
         "'%0', defined in another file, only uses '%1' and does not "
         "release or keep it",
         DiagnosticIDs::Note)
        << utils::knownCallee(Borrow)->getName() << utils::handleName(A.Handle);
}

void UnreleasedResourceCheck::checkAcquisition(const PendingAcquisition &P,
                                               const utils::FunctionPaths &FP,
                                               const utils::ResourceFlow &Flow,
                                               const FunctionDecl *Fn) {
  const utils::Acquisition *A = &P.A;
  const Expr *E = P.E;
  if (P.Loop && Flow.findLeak(FP, *A, P.Loop, ReportExceptionPaths, Fn))
    return;
  std::optional<utils::LeakingPath> Leak =
      Flow.findLeak(FP, *A, nullptr, ReportExceptionPaths, Fn);
  if (!Leak)
    return;
  // An option given twice on the command line: bounded, and reclaimed at
  // exit.
  if ((Leak->Kind == utils::LeakKind::NextIteration ||
       Leak->Kind == utils::LeakKind::Lost) &&
      P.InCommandLineLoop)
    return;
  auto [Acquired, Released] = utils::verbs(*A);
  std::string Name = utils::handleName(A->Handle);
  std::string Releaser = utils::releaserName(*A);
  diag(E->getBeginLoc(), "%0 '%1' %2 by '%3' is not %4 on every path")
      << utils::kindName(*A) << Name << Acquired << A->Acquirer << Released;
  explainSummaries(*A, Fn);
  SourceLocation Loc = Leak->Loc.isValid() ? Leak->Loc : Fn->getEndLoc();
  StringRef JumpName;
  if (isa_and_nonnull<BreakStmt>(Leak->Jump))
    JumpName = "break";
  else if (isa_and_nonnull<ContinueStmt>(Leak->Jump))
    JumpName = "continue";
  else if (isa_and_nonnull<GotoStmt>(Leak->Jump))
    JumpName = "goto";
  switch (Leak->Kind) {
  case utils::LeakKind::Return:
    diag(Loc, "leaks '%0' when returning here", DiagnosticIDs::Note) << Name;
    break;
  case utils::LeakKind::FallOffEnd:
    if (!JumpName.empty())
      diag(Loc, "leaks '%0': this '%1' leads to the end of the function",
           DiagnosticIDs::Note)
          << Name << JumpName;
    else
      diag(Loc, "leaks '%0' at the end of the function", DiagnosticIDs::Note)
          << Name;
    break;
  case utils::LeakKind::Throw:
    diag(Loc, "leaks '%0' when throwing here", DiagnosticIDs::Note) << Name;
    break;
  case utils::LeakKind::ExceptionFromCall:
    diag(Loc, "leaks '%0' if this call throws", DiagnosticIDs::Note) << Name;
    break;
  case utils::LeakKind::Lost:
    diag(Loc, "'%0' is overwritten here while it still holds the %1",
         DiagnosticIDs::Note)
        << Name << utils::kindName(*A);
    break;
  case utils::LeakKind::NextIteration:
    diag(Loc, "leaks '%0' when the loop acquires it again", DiagnosticIDs::Note)
        << Name;
    break;
  }
  bool RaiiAvailable = getLangOpts().CPlusPlus;
  diag(Loc,
       "call '%0' on this path, or %select{release it at a single "
       "cleanup label|hold '%2' in an RAII owner}1",
       DiagnosticIDs::Note)
      << Releaser << RaiiAvailable << Name;
}

} // namespace clang::tidy::leak
