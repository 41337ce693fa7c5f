//===--- CallerOutcomes.cpp - What callers do with a failure result -------===//

#include "CallerOutcomes.h"
#include "Escape.h"
#include "FunctionSummaries.h"
#include "HandleTests.h"
#include "OwnershipPaths.h"
#include "StableConditions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include <iterator>

namespace clang::tidy::leak::utils {

namespace {
/// Where the statements after a call lead.
enum class Flow {
  Continue,
  Ends,
  ReturnsZero,
  ReturnsOne,
  ReturnsMinusOne,
  Unknown
};

/// More statements than this after one call: unknown (keeps the reading
/// linear, and cuts loops made of gotos).
constexpr unsigned StatementBudget = 256;

AfterCall toAfter(Flow F) {
  switch (F) {
  case Flow::Ends:
    return AfterCall::EndsProgram;
  case Flow::ReturnsZero:
    return AfterCall::ReturnsZero;
  case Flow::ReturnsOne:
    return AfterCall::ReturnsOne;
  case Flow::ReturnsMinusOne:
    return AfterCall::ReturnsMinusOne;
  default:
    return AfterCall::Unknown;
  }
}

Flow returning(std::optional<int64_t> V) {
  if (!V)
    return Flow::Unknown;
  switch (*V) {
  case 0:
    return Flow::ReturnsZero;
  case 1:
    return Flow::ReturnsOne;
  case -1:
    return Flow::ReturnsMinusOne;
  default:
    return Flow::Unknown;
  }
}

/// The parents of a body's statements and its labels, found once per body.
struct BodyShape {
  llvm::DenseMap<const Stmt *, const Stmt *> Parent;
  llvm::DenseMap<const LabelDecl *, const LabelStmt *> Labels;
};

void mapBody(const Stmt *S, BodyShape &Shape) {
  if (!S || isa<LambdaExpr, BlockExpr>(S))
    return;
  if (const auto *Label = dyn_cast<LabelStmt>(S))
    Shape.Labels[Label->getDecl()] = Label;
  for (const Stmt *Child : S->children())
    if (Child) {
      Shape.Parent[Child] = S;
      mapBody(Child, Shape);
    }
}
} // namespace

/// Reads what callers do after calls; keeps each caller's body shape.
class OutcomeReader {
public:
  explicit OutcomeReader(FunctionSummaries &Summaries) : Summaries(Summaries) {}

  std::string outcomes(const CallExpr *Call, const FunctionDecl *Caller) {
    std::string Out;
    for (int64_t V : CallResultValues)
      Out.push_back(static_cast<char>(toAfter(outcome(Call, Caller, V))));
    return Out;
  }

private:
  /// One reading: the call's value, and the lvalue it was stored in.
  struct Reading {
    const BodyShape *Shape = nullptr;
    const CallExpr *Call = nullptr;
    int64_t Value = 0;
    const Expr *Stored = nullptr;       ///< `x = call()`: x.
    const VarDecl *StoredVar = nullptr; ///< `T x = call();`: x.
    bool InMain = false;
    bool Void = false;
    /// The last condition evaluated read the call's value.
    bool ReadResult = false;
    /// How many branches taken on the call's value the reading is in.
    unsigned ResultBranches = 0;
    /// The call's value is not tested: only an end that follows at once,
    /// with no other call on the way, counts (`fail(); return 1;`), not
    /// the rest of a `main` that goes on to do its work.
    bool NothingElse = false;
    unsigned Budget = StatementBudget;
  };

  const BodyShape &shape(const FunctionDecl *Caller) {
    auto [It, New] = Shapes.try_emplace(Caller);
    if (New)
      mapBody(Caller->getBody(), It->second);
    return It->second;
  }

  const Stmt *parent(const Stmt *S, const Reading &R) const {
    return R.Shape->Parent.lookup(S);
  }

  Flow outcome(const CallExpr *Call, const FunctionDecl *Caller, int64_t V) {
    if (!Caller || !Caller->getBody())
      return Flow::Unknown;
    Reading R;
    R.Shape = &shape(Caller);
    R.Call = Call;
    R.Value = V;
    R.InMain = Caller->isMain();
    R.Void = Caller->getReturnType()->isVoidType();
    // The statement the call's value is used in: the expression around it,
    // up to the first statement that is not an expression.
    const Stmt *Top = Call;
    const Stmt *Up = parent(Top, R);
    if (passedToNoReturn(Call, R))
      return Flow::Ends; // `exit(run_tool(...))`.
    while (Up && isa<Expr>(Up)) {
      Top = Up;
      Up = parent(Up, R);
    }
    if (!Up)
      return Flow::Unknown;
    if (const auto *If = dyn_cast<IfStmt>(Up); If && If->getCond() == Top)
      return continueAfter(If, evaluate(If, R), R);
    if (const auto *Ret = dyn_cast<ReturnStmt>(Up)) {
      if (R.InMain)
        return Flow::Ends;
      return returning(valueOf(Ret->getRetValue(), R));
    }
    if (const auto *Decl = dyn_cast<DeclStmt>(Up)) {
      const auto *Var = Decl->isSingleDecl()
                            ? dyn_cast<VarDecl>(Decl->getSingleDecl())
                            : nullptr;
      if (!Var || !Var->getInit() || Var->getInit()->IgnoreParenCasts() != Call)
        return Flow::Unknown;
      R.StoredVar = Var;
      return continueAfter(Decl, Flow::Continue, R);
    }
    if (!isa<CompoundStmt, LabelStmt, IfStmt, AttributedStmt>(Up))
      return Flow::Unknown;
    // An expression statement: `x = call();`, or the call alone.
    const auto *E = cast<Expr>(Top)->IgnoreParenCasts();
    if (const auto *Assign = dyn_cast<BinaryOperator>(E);
        Assign && Assign->getOpcode() == BO_Assign &&
        Assign->getRHS()->IgnoreParenCasts() == Call)
      R.Stored = Assign->getLHS();
    else if (E != Call)
      return Flow::Unknown;
    R.NothingElse = !R.Stored;
    return continueAfter(Top, Flow::Continue, R);
  }

  /// \p F, the flow of \p S; when it goes on, where the statements after
  /// \p S lead.
  Flow continueAfter(const Stmt *S, Flow F, Reading &R) {
    if (F != Flow::Continue)
      return F;
    while (true) {
      const Stmt *P = parent(S, R);
      if (!P) // The end of the body.
        return R.InMain ? Flow::Ends
                        : (R.Void ? Flow::ReturnsZero : Flow::Unknown);
      if (const auto *Block = dyn_cast<CompoundStmt>(P)) {
        const auto *It = llvm::find(Block->body(), S);
        for (++It; It != Block->body_end(); ++It)
          if (Flow Next = evaluate(*It, R); Next != Flow::Continue)
            return Next;
      } else if (!isa<IfStmt, LabelStmt, AttributedStmt>(P)) {
        return Flow::Unknown; // A loop's body, a switch, a try block.
      }
      S = P;
    }
  }

  Flow evaluate(const Stmt *S, Reading &R) {
    if (!S)
      return Flow::Continue;
    if (R.Budget-- == 0)
      return Flow::Unknown;
    if (const auto *Ret = dyn_cast<ReturnStmt>(S)) {
      if (R.InMain)
        return Flow::Ends;
      if (!Ret->getRetValue())
        return R.Void ? Flow::ReturnsZero : Flow::Unknown;
      return returning(valueOf(Ret->getRetValue(), R));
    }
    if (const auto *Block = dyn_cast<CompoundStmt>(S)) {
      for (const Stmt *Child : Block->body())
        if (Flow F = evaluate(Child, R); F != Flow::Continue)
          return F;
      return Flow::Continue;
    }
    if (const auto *If = dyn_cast<IfStmt>(S)) {
      if (If->getInit() || If->getConditionVariable() || If->isConsteval())
        return Flow::Unknown;
      R.ReadResult = false;
      if (std::optional<bool> Taken = condition(If->getCond(), R)) {
        bool TestsResult = R.ReadResult;
        const Stmt *Branch = *Taken ? If->getThen() : If->getElse();
        R.ResultBranches += TestsResult;
        Flow F = evaluate(Branch, R);
        R.ResultBranches -= TestsResult;
        // The outermost branch taken on the result that goes on with the
        // rest of the function treats the failure as no reason to stop:
        // whatever comes next (a server loop) is not the program's end.
        if (F == Flow::Continue && Branch && TestsResult &&
            R.ResultBranches == 0)
          return Flow::Unknown;
        return F;
      }
      Flow Then = evaluate(If->getThen(), R);
      Flow Else = evaluate(If->getElse(), R);
      return Then == Else ? Then : Flow::Unknown;
    }
    if (const auto *Label = dyn_cast<LabelStmt>(S))
      return evaluate(Label->getSubStmt(), R);
    if (const auto *Attributed = dyn_cast<AttributedStmt>(S))
      return evaluate(Attributed->getSubStmt(), R);
    if (const auto *Goto = dyn_cast<GotoStmt>(S)) {
      const LabelStmt *Target = R.Shape->Labels.lookup(Goto->getLabel());
      if (!Target)
        return Flow::Unknown;
      return continueAfter(Target, evaluate(Target, R), R);
    }
    if (isa<NullStmt>(S))
      return Flow::Continue;
    if (isa<DeclStmt>(S))
      return R.NothingElse && callsSomething(S) ? Flow::Unknown
                                                : Flow::Continue;
    if (const auto *E = dyn_cast<Expr>(S)) {
      if (const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenCasts()))
        if (Summaries.neverReturns(calledFunction(Call)))
          return Flow::Ends;
      if (R.NothingElse && callsSomething(E))
        return Flow::Unknown;
      // Writing what the value was stored in forgets it.
      const Decl *Store = R.StoredVar ? R.StoredVar : referencedDecl(R.Stored);
      if (Store && writesDecl(E, Store))
        R.Stored = nullptr, R.StoredVar = nullptr;
      return Flow::Continue;
    }
    return Flow::Unknown; // Loops, switches, break, continue, try.
  }

  /// True when \p Call is evaluated for an argument of a call that never
  /// returns: whatever it yields, the program ends right after.
  bool passedToNoReturn(const CallExpr *Call, const Reading &R) const {
    const Stmt *Inner = Call;
    for (const Stmt *Up = parent(Inner, R); isa_and_nonnull<Expr>(Up);
         Inner = Up, Up = parent(Up, R))
      if (const auto *Outer = dyn_cast<CallExpr>(Up);
          Outer && Outer->getCallee() != Inner &&
          Summaries.neverReturns(calledFunction(Outer)))
        return true;
    return false;
  }

  static bool callsSomething(const Stmt *S) {
    if (!S || isa<LambdaExpr>(S))
      return false;
    if (isa<CallExpr, CXXConstructExpr, CXXNewExpr>(S))
      return true;
    return llvm::any_of(S->children(), callsSomething);
  }

  std::optional<int64_t> valueOf(const Expr *E, Reading &R) {
    if (!E)
      return std::nullopt;
    E = E->IgnoreParenCasts();
    if (readsResult(E, R)) {
      R.ReadResult = true;
      return R.Value;
    }
    if (E->isNullPointerConstant(Summaries.context(),
                                 Expr::NPC_ValueDependentIsNotNull))
      return 0;
    return Summaries.fold(E);
  }

  /// True when \p E is the call, `x = call()`, or the lvalue the call's
  /// value was stored in.
  bool readsResult(const Expr *E, Reading &R) const {
    if (E == R.Call)
      return true;
    if (const auto *Assign = dyn_cast<BinaryOperator>(E);
        Assign && Assign->getOpcode() == BO_Assign &&
        Assign->getRHS()->IgnoreParenCasts() == R.Call) {
      R.Stored = Assign->getLHS(); // `if ((x = call()) == NULL)`.
      return true;
    }
    if (R.StoredVar)
      if (const auto *Ref = dyn_cast<DeclRefExpr>(E);
          Ref && Ref->getDecl() == R.StoredVar)
        return true;
    return R.Stored && sameExpr(E, R.Stored, Summaries.context());
  }

  std::optional<bool> condition(const Expr *Cond, Reading &R) {
    if (!Cond)
      return std::nullopt;
    Cond = Cond->IgnoreParenCasts();
    if (const auto *UO = dyn_cast<UnaryOperator>(Cond);
        UO && UO->getOpcode() == UO_LNot) {
      if (std::optional<bool> V = condition(UO->getSubExpr(), R))
        return !*V;
      return std::nullopt;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
      if (BO->isLogicalOp()) {
        std::optional<bool> L = condition(BO->getLHS(), R);
        bool And = BO->getOpcode() == BO_LAnd;
        if (L && *L != And)
          return L; // false && ..., true || ...
        std::optional<bool> Right = condition(BO->getRHS(), R);
        if (L)
          return Right;
        if (Right && *Right != And)
          return Right;
        return std::nullopt;
      }
      if (BO->isComparisonOp()) {
        std::optional<int64_t> L = valueOf(BO->getLHS(), R);
        std::optional<int64_t> Right = valueOf(BO->getRHS(), R);
        if (!L || !Right)
          return std::nullopt;
        switch (BO->getOpcode()) {
        case BO_EQ:
          return *L == *Right;
        case BO_NE:
          return *L != *Right;
        case BO_LT:
          return *L < *Right;
        case BO_GT:
          return *L > *Right;
        case BO_LE:
          return *L <= *Right;
        case BO_GE:
          return *L >= *Right;
        default:
          return std::nullopt;
        }
      }
    }
    if (std::optional<int64_t> V = valueOf(Cond, R))
      return *V != 0;
    return std::nullopt;
  }

  FunctionSummaries &Summaries;
  llvm::DenseMap<const FunctionDecl *, BodyShape> Shapes;
};

std::string afterCallOutcomes(const CallExpr *Call, const FunctionDecl *Caller,
                              FunctionSummaries &Summaries) {
  OutcomeReader Reader(Summaries);
  return Reader.outcomes(Call, Caller);
}

CallerExits::CallerExits(ASTContext &Context, FunctionSummaries &Summaries,
                         const SummaryIndex *Project)
    : Project(Project), Calls(Context),
      Reader(std::make_unique<OutcomeReader>(Summaries)), Context(Context) {}

CallerExits::~CallerExits() = default;

/// True when \p Call sits in the protected block of a `try` of its
/// function (a handler may catch what the callee throws).
static bool insideTry(const Expr *Call, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*Call);
  for (unsigned Depth = 0; Depth < 256; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty() || Parents[0].get<FunctionDecl>() ||
        Parents[0].get<LambdaExpr>())
      return false;
    if (const auto *Try = Parents[0].get<CXXTryStmt>();
        Try && Node.get<Stmt>() == Try->getTryBlock())
      return true;
    Node = Parents[0];
  }
  return true; // Too deep to tell: a handler may be there.
}

bool CallerExits::callersAllInSight(
    const FunctionDecl *Fn, llvm::ArrayRef<UnitCallGraph::CallSite> Sites) {
  // A function other units could call: the complete store lists every
  // caller of it in the project; when each is one whose call we see here,
  // the calls in sight are all there are.
  if (!Project)
    return false;
  std::optional<std::vector<std::string>> Callers =
      Project->callersOf(callKeyOf(Fn));
  if (!Callers)
    return false;
  return llvm::all_of(*Callers, [&](const std::string &Key) {
    return llvm::any_of(Sites, [&](const UnitCallGraph::CallSite &S) {
      return S.Caller && callKeyOf(S.Caller) == Key;
    });
  });
}

bool CallerExits::exceptionsEndProgram(const FunctionDecl *Fn, unsigned Depth) {
  if (exceptionEndsProgram(Fn))
    return true;
  if (!Fn || Depth == 0)
    return false;
  Fn = Fn->getCanonicalDecl();
  if (auto It = Terminates.find(Fn); It != Terminates.end())
    return It->second;
  Terminates[Fn] = false; // Recursion proves nothing.
  const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
  llvm::ArrayRef<UnitCallGraph::CallSite> Sites = Calls.callers(Fn);
  bool Ends = !(Method && Method->isVirtual()) &&
              (!Calls.hasUnseenCallers(Fn) || callersAllInSight(Fn, Sites)) &&
              !Sites.empty() &&
              llvm::all_of(Sites, [&](const UnitCallGraph::CallSite &S) {
                return S.Caller && S.Call &&
                       S.Caller->getCanonicalDecl() != Fn &&
                       !insideTry(S.Call, Context) &&
                       exceptionsEndProgram(S.Caller, Depth - 1);
              });
  Terminates[Fn] = Ends;
  return Ends;
}

bool CallerExits::returnEndsProgram(const FunctionDecl *Fn, int64_t Value) {
  const int64_t *Pos = llvm::find(CallResultValues, Value);
  if (!Fn || Pos == std::end(CallResultValues))
    return false;
  return decide(Fn->getCanonicalDecl(),
                static_cast<unsigned>(Pos - std::begin(CallResultValues)),
                /*Depth=*/8);
}

/// Which CallResultValues entry a caller returning \p A passes on, or -1.
static int returnedIndex(AfterCall A) {
  switch (A) {
  case AfterCall::ReturnsZero:
    return 0;
  case AfterCall::ReturnsOne:
    return 1;
  case AfterCall::ReturnsMinusOne:
    return 2;
  default:
    return -1;
  }
}

bool CallerExits::decide(const FunctionDecl *Fn, unsigned ValueIndex,
                         unsigned Depth) {
  auto Key = std::make_pair(Fn, ValueIndex);
  if (auto It = Decided.find(Key); It != Decided.end())
    return It->second;
  Decided[Key] = false; // Recursion proves nothing.
  bool Ends = false;
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Fn);
      Method && Method->isVirtual()) {
    Ends = false; // Called through the base: its callers are not named.
  } else if (Fn->isExternallyVisible() || Calls.addressTaken().contains(Fn)) {
    // Other units may call it, or it is kept in a table (called through
    // pointers of its type, from any unit): the project's call sites decide.
    Ends =
        Project && Project->complete() &&
        Project->returnEndsProgram(callKeyOf(Fn), CallResultValues[ValueIndex]);
  } else {
    llvm::ArrayRef<UnitCallGraph::CallSite> Sites = Calls.callers(Fn);
    Ends = !Sites.empty() && llvm::all_of(Sites, [&](const auto &Site) {
      const auto *Call = dyn_cast<CallExpr>(Site.Call);
      if (!Call || !Site.Caller)
        return false;
      AfterCall A = static_cast<AfterCall>(
          Reader->outcomes(Call, Site.Caller)[ValueIndex]);
      if (A == AfterCall::EndsProgram)
        return true;
      int Next = returnedIndex(A);
      return Next >= 0 && Depth > 0 &&
             decide(Site.Caller->getCanonicalDecl(),
                    static_cast<unsigned>(Next), Depth - 1);
    });
  }
  Decided[Key] = Ends;
  return Ends;
}

void collectCallSites(ASTContext &Context, FunctionSummaries &Summaries,
                      UnitSummaries &Into) {
  UnitCallGraph Calls(Context);
  OutcomeReader Reader(Summaries);
  Calls.forEachCallee([&](const FunctionDecl *Callee,
                          llvm::ArrayRef<UnitCallGraph::CallSite> Sites) {
    // Functions of other units, and this unit's own functions kept in
    // tables (their calls through pointers may come from other units).
    if (isa<CXXConstructorDecl>(Callee) ||
        (!Callee->isExternallyVisible() &&
         !Calls.addressTaken().contains(Callee->getCanonicalDecl())))
      return;
    std::string CalleeUsr = callKeyOf(Callee);
    if (CalleeUsr.empty())
      return;
    // A virtual method is called through its base's name: who calls an
    // override is not known. Recorded as taken, so nothing is decided.
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
        Method && Method->isVirtual())
      Into.AddressTaken.push_back(CalleeUsr);
    for (const UnitCallGraph::CallSite &Site : Sites) {
      CallSiteFact Fact;
      Fact.Callee = CalleeUsr;
      if (Site.Caller) {
        Fact.Caller = callKeyOf(Site.Caller);
        Fact.CallerIsMain = Site.Caller->isMain();
        if (const auto *Method = dyn_cast<CXXMethodDecl>(Site.Caller);
            Method && Method->isVirtual())
          Into.AddressTaken.push_back(Fact.Caller);
      }
      Fact.Once = Site.Once;
      Fact.InLoop = Site.InLoop;
      if (const auto *Call = dyn_cast<CallExpr>(Site.Call); Call && Site.Caller)
        Fact.After = Reader.outcomes(Call, Site.Caller);
      Into.Calls.push_back(std::move(Fact));
    }
  });
  // Calls through pointers, by the callee's type.
  for (const auto &Entry : Calls.indirectCalls())
    for (const UnitCallGraph::CallSite &Site : Entry.getValue()) {
      CallSiteFact Fact;
      Fact.Callee = indirectCallee(Entry.getKey());
      if (Site.Caller) {
        Fact.Caller = callKeyOf(Site.Caller);
        Fact.CallerIsMain = Site.Caller->isMain();
      }
      Fact.Once = Site.Once;
      Fact.InLoop = Site.InLoop;
      if (const auto *Call = dyn_cast<CallExpr>(Site.Call); Call && Site.Caller)
        Fact.After = Reader.outcomes(Call, Site.Caller);
      Into.Calls.push_back(std::move(Fact));
    }
  // The same call through a macro, or a template's several instantiations:
  // one record.
  auto Key = [](const CallSiteFact &F) {
    return std::tie(F.Callee, F.Caller, F.CallerIsMain, F.Once, F.InLoop,
                    F.After);
  };
  llvm::sort(Into.Calls, [&](const CallSiteFact &A, const CallSiteFact &B) {
    return Key(A) < Key(B);
  });
  Into.Calls.erase(std::unique(Into.Calls.begin(), Into.Calls.end()),
                   Into.Calls.end());
  for (const FunctionDecl *Taken : Calls.addressTaken()) {
    std::string Key = functionTypeKey(Taken);
    if (Calls.addressCast().contains(Taken) || Key.empty())
      Into.AddressTaken.push_back(callKeyOf(Taken));
    else
      Into.Tables.push_back({callKeyOf(Taken), Key});
  }
  for (const auto &Escaped : Calls.escapedFunctionTypes())
    Into.EscapedTypes.push_back(Escaped.getKey().str());
  llvm::sort(Into.Tables);
  Into.Tables.erase(std::unique(Into.Tables.begin(), Into.Tables.end()),
                    Into.Tables.end());
  llvm::sort(Into.EscapedTypes);
  llvm::sort(Into.AddressTaken);
  Into.AddressTaken.erase(
      std::unique(Into.AddressTaken.begin(), Into.AddressTaken.end()),
      Into.AddressTaken.end());
}

} // namespace clang::tidy::leak::utils
