//===--- UnreleasedResourceCheck.cpp - LeakGuard --------------------------===//

#include "UnreleasedResourceCheck.h"
#include "utils/ApiModel.h"
#include "utils/OptionUtils.h"
#include "utils/ResourceFlow.h"
#include "utils/SharedOptions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leak {

UnreleasedResourceCheck::UnreleasedResourceCheck(StringRef Name,
                                                 ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Rules(Name, Options, Context),
      Ownership(Options, Context, Name, Rules.model()),
      ReportExceptionPaths(utils::readBoolOption(Options, Context, Name,
                                                 "ReportExceptionPaths", true)),
      TrackNew(utils::readBoolOption(Options, Context, Name, "TrackNew", true)),
      LoopCheckEnabled(Context->isCheckEnabled("leak-raii-gap-in-loop")) {}

void UnreleasedResourceCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Rules.storeOptions(Options, Opts);
  Ownership.store(Options, Opts);
  Options.store(Opts, "ReportExceptionPaths",
                utils::boolText(ReportExceptionPaths));
  Options.store(Opts, "TrackNew", utils::boolText(TrackNew));
}

static std::vector<StringRef> acquirerNames(const utils::ApiModel &Model) {
  std::vector<StringRef> Names;
  for (const utils::ResourceKind &Kind : Model.Resources)
    for (const utils::Acquirer &A : Kind.Acquire)
      Names.push_back(A.Function);
  return Names;
}

void UnreleasedResourceCheck::registerMatchers(MatchFinder *Finder) {
  const utils::ApiModel &Model = Rules.model();
  // Templates are analysed once, in their definition.
  // System headers are skipped first: the other two conditions walk the
  // parent map, which is costly for every `new` in the standard library.
  auto InFunction = allOf(unless(isExpansionInSystemHeader()),
                          unless(isInTemplateInstantiation()),
                          forCallable(functionDecl(isDefinition()).bind("fn")));
  Finder->addMatcher(
      callExpr(callee(functionDecl(hasAnyName(acquirerNames(Model)))),
               InFunction)
          .bind("acquire"),
      this);
  if (getLangOpts().CPlusPlus && TrackNew)
    Finder->addMatcher(cxxNewExpr(InFunction).bind("acquire"), this);
  // p = realloc(p, n): on failure the old block is lost.
  Finder->addMatcher(
      binaryOperator(isAssignmentOperator(),
                     hasRHS(ignoringParenCasts(
                         callExpr(callee(functionDecl(hasName("::realloc"))),
                                  argumentCountIs(2))
                             .bind("realloc"))),
                     unless(isInTemplateInstantiation()))
          .bind("reassign"),
      this);
  if (getLangOpts().CPlusPlus)
    Finder->addMatcher(
        cxxDeleteExpr(InFunction,
                      has(ignoringParenImpCasts(declRefExpr().bind("freed"))))
            .bind("delete"),
        this);
}

void UnreleasedResourceCheck::checkRealloc(const MatchFinder::MatchResult &R) {
  const auto *Assign = R.Nodes.getNodeAs<BinaryOperator>("reassign");
  const auto *Call = R.Nodes.getNodeAs<CallExpr>("realloc");
  llvm::FoldingSetNodeID Target, Old;
  Assign->getLHS()->IgnoreParenCasts()->Profile(Target, *R.Context, true);
  Call->getArg(0)->IgnoreParenCasts()->Profile(Old, *R.Context, true);
  if (Target != Old)
    return;
  diag(Call->getBeginLoc(),
       "if 'realloc' fails, the block '%0' still points to is leaked: "
       "assigning the result to it loses the only pointer")
      << Lexer::getSourceText(
             CharSourceRange::getTokenRange(Assign->getLHS()->getSourceRange()),
             *R.SourceManager, R.Context->getLangOpts());
  diag(Call->getBeginLoc(),
       "assign the result to a temporary and keep the old pointer until it "
       "is known to be non-null",
       DiagnosticIDs::Note);
}

/// new/delete[] and new[]/delete mismatches, and delete of memory from
/// malloc, for a variable initialised by the allocation.
void UnreleasedResourceCheck::checkMismatch(const MatchFinder::MatchResult &R) {
  const auto *Delete = R.Nodes.getNodeAs<CXXDeleteExpr>("delete");
  const auto *Ref = R.Nodes.getNodeAs<DeclRefExpr>("freed");
  const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
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
    const FunctionDecl *Callee = Call->getDirectCallee();
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

void UnreleasedResourceCheck::check(const MatchFinder::MatchResult &Result) {
  if (Result.Nodes.getNodeAs<BinaryOperator>("reassign"))
    return checkRealloc(Result);
  if (Result.Nodes.getNodeAs<CXXDeleteExpr>("delete"))
    return checkMismatch(Result);
  const auto *Fn = Result.Nodes.getNodeAs<FunctionDecl>("fn");
  const auto *E = Result.Nodes.getNodeAs<Expr>("acquire");
  if (!Fn || !E || Fn->isInvalidDecl() || !Fn->getBody())
    return;
  ASTContext &Ctx = *Result.Context;
  const utils::ApiModel &Model = Rules.model();
  std::optional<utils::Acquisition> A =
      utils::describeAcquisition(E, Model, Ctx);
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
  const utils::FunctionPaths *FP = Paths.get(Fn->getBody(), Ctx);
  if (!FP)
    return;
  utils::ResourceFlow Flow(Model, Ownership.escapes(), Ctx);
  // Leaks within a loop iteration are leak-raii-gap-in-loop's to report.
  if (LoopCheckEnabled)
    if (const Stmt *Loop = utils::iterationLoop(*A, Ctx))
      if (Flow.findLeak(*FP, *A, Loop, ReportExceptionPaths))
        return;
  std::optional<utils::LeakingPath> Leak =
      Flow.findLeak(*FP, *A, nullptr, ReportExceptionPaths);
  if (!Leak)
    return;
  std::string Name = utils::handleName(A->Handle);
  std::string Releaser = utils::releaserName(*A);
  diag(E->getBeginLoc(), "%0 '%1' %2 by '%3' is not %4 on every path")
      << utils::kindName(*A) << Name << Acquired << A->Acquirer << Released;
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
