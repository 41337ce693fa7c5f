//===--- OwnershipPaths.cpp - Paths on which a resource is lost ----------===//

#include "OwnershipPaths.h"
#include "Escape.h"
#include "HandleTests.h"
#include "LoopBounds.h"
#include "PathFeasibility.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"
#include <deque>

namespace clang::tidy::leak::utils {

const Stmt *elementStmt(const CFGElement &E) {
  if (std::optional<CFGStmt> S = E.getAs<CFGStmt>())
    return S->getStmt();
  return nullptr;
}

bool containsStmt(const Stmt *Outer, const Stmt *Inner) {
  if (!Outer || !Inner)
    return false;
  if (Outer == Inner)
    return true;
  for (const Stmt *Child : Outer->children())
    if (containsStmt(Child, Inner))
      return true;
  return false;
}

static const FunctionDecl *calleeOf(const Stmt *S) {
  if (const auto *Call = dyn_cast<CallExpr>(S))
    return calledFunction(Call);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
    return Construct->getConstructor();
  return nullptr;
}

namespace {
/// How deep mayThrow looks into the bodies of the functions a call reaches
/// when it has no memo (ThrowMemo) to read them once each.
constexpr unsigned CalleeBodyDepth = 2;

/// One mayThrow question and what it carries down the callees.
struct ThrowQuery {
  const SourceManager &SM;
  bool UnknownThrow;
  /// With a memo, every body is read once and to any depth (a summary per
  /// function); without, CalleeBodyDepth levels.
  ThrowMemo *Memo;
  llvm::SmallPtrSet<const FunctionDecl *, 8> Seen;
};

bool callMayThrow(const Stmt *S, unsigned Depth, ThrowQuery &Q);

/// True when running \p S may throw: a throw expression, or a call that may.
/// Lambda bodies are skipped: creating a lambda runs none of its body.
bool bodyMayThrow(const Stmt *S, unsigned Depth, ThrowQuery &Q) {
  if (!S || isa<LambdaExpr>(S))
    return false;
  if (isa<CXXThrowExpr>(S) || callMayThrow(S, Depth, Q))
    return true;
  for (const Stmt *Child : S->children())
    if (bodyMayThrow(Child, Depth, Q))
      return true;
  return false;
}

/// True for a function or constructor of the standard library.
bool isStandardLibrary(const FunctionDecl *F) {
  if (F->isInStdNamespace())
    return true;
  const auto *Method = dyn_cast<CXXMethodDecl>(F);
  return Method && Method->getParent()->isInStdNamespace();
}

/// True when an argument of \p S is something the library will call: a
/// lambda, a function pointer, a user-defined function object.
bool passesUserCode(const Stmt *S) {
  llvm::ArrayRef<const Expr *> Args;
  if (const auto *Call = dyn_cast<CallExpr>(S))
    Args = llvm::ArrayRef(Call->getArgs(), Call->getNumArgs());
  else if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
    Args = llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs());
  for (const Expr *Arg : Args) {
    if (!Arg)
      continue;
    QualType T = Arg->IgnoreParenImpCasts()->getType().getNonReferenceType();
    if (T->isFunctionPointerType() || T->isFunctionType())
      return true;
    if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
      if (RD->isLambda() ||
          (!RD->isInStdNamespace() && RD->hasDefinition() &&
           !RD->lookup(RD->getASTContext().DeclarationNames.getCXXOperatorName(
                           OO_Call))
                .empty()))
        return true;
  }
  return false;
}

/// Whether a call into the standard library may throw. Its functions throw
/// std::bad_alloc almost everywhere; out of memory is not a path LeakGuard
/// reports (most programs treat it as fatal), so only the functions that
/// throw on bad input or system errors, and those that run user code,
/// count.
bool standardCallMayThrow(const FunctionDecl *Callee, const Stmt *S) {
  static const llvm::StringSet<> Throwing = {"at",
                                             "value",
                                             "get",
                                             "any_cast",
                                             "stoi",
                                             "stol",
                                             "stoll",
                                             "stoul",
                                             "stoull",
                                             "stof",
                                             "stod",
                                             "stold",
                                             "invoke",
                                             "operator()",
                                             "join",
                                             "rethrow_exception",
                                             "throw_with_nested",
                                             "rethrow_if_nested",
                                             "visit",
                                             "apply",
                                             "call_once"};
  const DeclContext *DC = Callee->getDeclContext();
  for (; DC && !DC->isTranslationUnit(); DC = DC->getParent())
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC);
        NS && NS->getIdentifier() &&
        (NS->getName() == "filesystem" || NS->getName() == "regex_constants"))
      return true; // Filesystem errors throw.
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(Callee)) {
    const CXXRecordDecl *RD = Ctor->getParent();
    if (RD->getIdentifier() &&
        (RD->getName() == "thread" || RD->getName() == "jthread" ||
         RD->getName() == "basic_regex"))
      return true;
  }
  std::string Name = Callee->getNameAsString();
  // make_shared(f) builds an object from its arguments; it calls none of
  // them (a function pointer passed on is only stored).
  if (Name == "make_shared" || Name == "make_unique" ||
      Name == "allocate_shared" || Name == "make_unique_for_overwrite")
    return false;
  return Throwing.contains(Name) || passesUserCode(S);
}

/// Whether a standard function that runs the callable it is given
/// (`std::call_once`, `std::invoke`, `std::apply`, `std::visit`) may
/// throw: as the callable may. A lambda or a function of the unit is read;
/// any other callable, and `std::function`'s call operator (its target is
/// not known), counts as an unknown call. None for other functions.
std::optional<bool> callableRunnerMayThrow(const FunctionDecl *Callee,
                                           const Stmt *S, unsigned Depth,
                                           ThrowQuery &Q) {
  static const llvm::StringSet<> Runners = {"call_once", "invoke", "apply",
                                            "visit"};
  std::string Name = Callee->getNameAsString();
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call)
    return std::nullopt;
  if (Name == "operator()" && isa<CXXMethodDecl>(Callee))
    return Q.UnknownThrow; // std::function: whatever it holds.
  if (!Runners.contains(Name))
    return std::nullopt;
  bool Throws = false;
  for (const Expr *Arg : Call->arguments()) {
    const Expr *E = Arg->IgnoreParenImpCasts();
    if (const auto *Materialize = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Materialize->getSubExpr()->IgnoreParenImpCasts();
    QualType T = E->getType().getNonReferenceType();
    if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
      const CXXMethodDecl *Op = Lambda->getCallOperator();
      const auto *Proto = Op->getType()->getAs<FunctionProtoType>();
      if (!(Proto && Proto->isNothrow()))
        Throws |= bodyMayThrow(Lambda->getBody(), Depth, Q);
      continue;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenCasts()))
      if (const auto *Fn = dyn_cast<FunctionDecl>(Ref->getDecl())) {
        const FunctionDecl *Def = nullptr;
        Throws |= Fn->hasBody(Def) && Def
                      ? bodyMayThrow(Def->getBody(), Depth, Q)
                      : Q.UnknownThrow;
        continue;
      }
    if (T->isFunctionPointerType() || T->getAsCXXRecordDecl() ||
        T->isFunctionType())
      if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl();
          !RD || !RD->getName().contains("once_flag"))
        Throws |= Q.UnknownThrow;
  }
  return Throws;
}

/// True when the call or construction \p S may throw. A callee known not to
/// throw (noexcept, extern "C", builtin, trivial) does not; nor does the
/// standard library outside a few functions (see standardCallMayThrow), nor
/// a call written in a macro's body (logging, tracing and assertion macros
/// are built not to throw; a `throw` in a macro is still an exit). A callee
/// whose body is in this translation unit is read, \p Depth levels deep, so
/// a small helper that cannot throw does not count as an exit. Unknown,
/// virtual and deeper callees may throw.
bool callMayThrow(const Stmt *S, unsigned Depth, ThrowQuery &Q) {
  bool UnknownThrow = Q.UnknownThrow;
  if (!isa<CallExpr, CXXConstructExpr>(S))
    return false;
  if (Q.SM.isMacroBodyExpansion(S->getBeginLoc()))
    return false;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S))
    if (Construct->getConstructor()->isTrivial())
      return false;
  const FunctionDecl *Callee = calleeOf(S);
  if (!Callee) {
    // A call through a pointer or a std::function: its type may still say
    // noexcept.
    const auto *Call = cast<CallExpr>(S);
    QualType T = Call->getCallee()->getType();
    if (const auto *Ptr = T->getAs<PointerType>())
      T = Ptr->getPointeeType();
    if (const auto *Proto = T->getAs<FunctionProtoType>();
        Proto && Proto->isNothrow())
      return false;
    return UnknownThrow;
  }
  if (Callee->getBuiltinID() || Callee->isExternC())
    return false;
  const auto *Proto = Callee->getType()->getAs<FunctionProtoType>();
  if (Proto && Proto->isNothrow())
    return false;
  if (isStandardLibrary(Callee)) {
    if (std::optional<bool> Runs = callableRunnerMayThrow(Callee, S, Depth, Q))
      return *Runs;
    return standardCallMayThrow(Callee, S);
  }
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Callee))
    if (Method->isVirtual())
      return UnknownThrow; // An override may throw.
  const FunctionDecl *Definition = nullptr;
  bool HasBody = Callee->hasBody(Definition);
  if (HasBody && Q.Memo) {
    // Read once per unit, to any depth. While it is being read its entry
    // says "cannot throw": recursion proves nothing, the other paths decide.
    auto [It, New] = Q.Memo->try_emplace(Definition, false);
    if (!New)
      return It->second;
    bool Throws = bodyMayThrow(Definition->getBody(), Depth, Q);
    (*Q.Memo)[Definition] = Throws;
    return Throws;
  }
  if (Depth == 0 || !HasBody)
    // Declared to throw (`noexcept(false)`, `throw(E)`): believe it.
    return UnknownThrow ||
           (Proto && (Proto->getExceptionSpecType() == EST_NoexceptFalse ||
                      Proto->getExceptionSpecType() == EST_Dynamic));
  if (!Q.Seen.insert(Definition).second)
    return false; // Recursion: the other paths through it decide.
  return bodyMayThrow(Definition->getBody(), Depth - 1, Q);
}
} // namespace

bool mayThrow(const Stmt *S, const ASTContext &Context,
              bool UnknownCalleesThrow, ThrowMemo *Memo) {
  const LangOptions &Lang = Context.getLangOpts();
  if (!S || !Lang.CPlusPlus || !Lang.CXXExceptions)
    return false;
  ThrowQuery Q{Context.getSourceManager(), UnknownCalleesThrow, Memo, {}};
  return callMayThrow(S, CalleeBodyDepth, Q);
}

namespace {
/// True when \p S throws or catches (lambda bodies included: they are code
/// of the same file).
bool throwsOrCatches(const Stmt *S) {
  if (!S)
    return false;
  if (isa<CXXThrowExpr, CXXTryStmt>(S))
    return true;
  for (const Stmt *Child : S->children())
    if (throwsOrCatches(Child))
      return true;
  return false;
}

bool declsUseExceptions(const DeclContext *DC, const SourceManager &SM) {
  for (const Decl *D : DC->decls()) {
    if (!SM.isInMainFile(SM.getExpansionLoc(D->getLocation())))
      continue;
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(D))
      D = Template->getTemplatedDecl();
    else if (const auto *Template = dyn_cast<ClassTemplateDecl>(D))
      D = Template->getTemplatedDecl();
    if (const auto *F = dyn_cast<FunctionDecl>(D)) {
      if (F->doesThisDeclarationHaveABody() && throwsOrCatches(F->getBody()))
        return true;
      continue;
    }
    if (const auto *Inner = dyn_cast<DeclContext>(D);
        Inner && isa<NamespaceDecl, CXXRecordDecl, LinkageSpecDecl>(D))
      if (declsUseExceptions(Inner, SM))
        return true;
  }
  return false;
}
} // namespace

bool mainFileUsesExceptions(const ASTContext &Context) {
  const LangOptions &Lang = Context.getLangOpts();
  if (!Lang.CPlusPlus || !Lang.CXXExceptions)
    return false;
  return declsUseExceptions(Context.getTranslationUnitDecl(),
                            Context.getSourceManager());
}

namespace {
/// Collects the source ranges of try blocks, where a throwing call is
/// assumed handled.
void collectTryBlocks(const Stmt *S, std::vector<SourceRange> &Out) {
  if (!S)
    return;
  if (isa<LambdaExpr>(S))
    return; // A lambda body is a different function.
  if (const auto *Try = dyn_cast<CXXTryStmt>(S))
    Out.push_back(Try->getTryBlock()->getSourceRange());
  for (const Stmt *Child : S->children())
    collectTryBlocks(Child, Out);
}
} // namespace

FunctionPaths::FunctionPaths(std::unique_ptr<CFG> Graph, const Stmt *Body,
                             ASTContext &Context, bool UnknownCalleesThrow,
                             FunctionSummaries *Summaries)
    : Graph(std::move(Graph)), Body(Body), Context(Context),
      UnknownCalleesThrow(UnknownCalleesThrow), Summaries(Summaries) {
  for (const CFGBlock *Block : *this->Graph) {
    unsigned Index = 0;
    for (const CFGElement &E : *Block) {
      if (const Stmt *S = elementStmt(E))
        Elements.try_emplace(S, Block, Index);
      ++Index;
    }
  }
  collectTryBlocks(Body, TryBlocks);
}

std::unique_ptr<FunctionPaths>
FunctionPaths::build(const Stmt *Body, ASTContext &Context,
                     bool UnknownCalleesThrow, FunctionSummaries *Summaries) {
  if (!Body)
    return nullptr;
  CFG::BuildOptions Options;
  Options.AddImplicitDtors = true;
  Options.AddTemporaryDtors = true;
  Options.AddCXXNewAllocator = false;
  Options.AddCXXDefaultInitExprInCtors = true;
  Options.setAllAlwaysAdd();
  // The CFG keys statements by pointer, so it may be built for a body that
  // belongs to no particular declaration.
  std::unique_ptr<CFG> Graph =
      CFG::buildCFG(nullptr, const_cast<Stmt *>(Body), &Context, Options);
  if (!Graph)
    return nullptr;
  return std::unique_ptr<FunctionPaths>(new FunctionPaths(
      std::move(Graph), Body, Context, UnknownCalleesThrow, Summaries));
}

std::pair<const CFGBlock *, unsigned>
FunctionPaths::elementOf(const Stmt *S) const {
  if (!S)
    return {nullptr, 0};
  auto It = Elements.find(S);
  if (It != Elements.end())
    return It->second;
  if (const auto *E = dyn_cast<Expr>(S)) {
    It = Elements.find(E->IgnoreParenImpCasts());
    if (It != Elements.end())
      return It->second;
  }
  // S is part of a larger element (e.g. a call inside a condition that the
  // CFG did not split out): the smallest element containing it is evaluated
  // right after it.
  const SourceManager &SM = Context.getSourceManager();
  std::pair<const CFGBlock *, unsigned> Best{nullptr, 0};
  unsigned BestSize = ~0U;
  for (const auto &Entry : Elements) {
    if (!containsStmt(Entry.first, S))
      continue;
    SourceRange R = Entry.first->getSourceRange();
    unsigned Size = SM.getFileOffset(SM.getExpansionLoc(R.getEnd())) -
                    SM.getFileOffset(SM.getExpansionLoc(R.getBegin()));
    if (Size < BestSize) {
      BestSize = Size;
      Best = Entry.second;
    }
  }
  return Best;
}

bool FunctionPaths::returnEndsProgram(const FunctionDecl *Fn,
                                      const Stmt *Jump) const {
  if (!Callers || !Fn || isa_and_nonnull<CXXThrowExpr>(Jump))
    return false;
  const auto *Ret = dyn_cast_or_null<ReturnStmt>(Jump);
  const Expr *Value = Ret ? Ret->getRetValue() : nullptr;
  if (!Value) // `return;`, or the end of the body.
    return Fn->getReturnType()->isVoidType() &&
           Callers->returnEndsProgram(Fn, 0);
  Value = Value->IgnoreParenCasts();
  std::optional<int64_t> Constant;
  if (Value->isNullPointerConstant(Context, Expr::NPC_ValueDependentIsNotNull))
    Constant = 0;
  else if (Summaries)
    Constant = Summaries->fold(Value);
  return Constant && Callers->returnEndsProgram(Fn, *Constant);
}

bool FunctionPaths::endsProgram(const Stmt *S) const {
  const auto *Call = dyn_cast<CallExpr>(S);
  if (!Call || !Summaries)
    return false;
  const FunctionDecl *Callee = calledFunction(Call);
  return Callee && Summaries->neverReturns(Callee);
}

std::optional<bool> FunctionPaths::constantCondition(const Expr *Cond) const {
  if (!Summaries || !Cond)
    return std::nullopt;
  auto [It, Inserted] = FoldedConditions.try_emplace(Cond);
  if (Inserted)
    if (std::optional<int64_t> V = Summaries->fold(Cond))
      It->second = *V != 0;
  return It->second;
}

/// The value of the short-circuit operator \p Cond when the path reached
/// its block straight from the block of its left operand (or of a nested
/// left operand with the same operator), skipping the right one: false for
/// `&&`, true for `||`.
static std::optional<bool> shortCircuitValue(const Expr *Cond,
                                             const CFGBlock *From) {
  const auto *Op =
      dyn_cast_or_null<BinaryOperator>(Cond ? Cond->IgnoreParens() : nullptr);
  if (!Op || !Op->isLogicalOp() || !From)
    return std::nullopt;
  const Stmt *Skipped = From->getTerminatorStmt();
  for (const Expr *E = Op; E;) {
    const auto *Inner = dyn_cast<BinaryOperator>(E->IgnoreParens());
    if (!Inner || Inner->getOpcode() != Op->getOpcode())
      break;
    if (Inner == Skipped)
      return Op->getOpcode() == BO_LOr;
    E = Inner->getLHS();
  }
  return std::nullopt;
}

/// Whether \p Cond being true means \p Pointer is null: `!p`, `p == NULL`,
/// `(p = realloc(p, n)) == NULL` (true); `p`, `p != nullptr` (false); or
/// std::nullopt when it does not test \p Pointer.
static std::optional<bool> nullWhen(const Expr *Cond, const Expr *Pointer,
                                    const ASTContext &Context) {
  if (!Cond)
    return std::nullopt;
  auto Same = [&](const Expr *E) {
    E = E->IgnoreParenCasts();
    if (const auto *Assign = dyn_cast<BinaryOperator>(E);
        Assign && Assign->getOpcode() == BO_Assign)
      E = Assign->getLHS();
    return sameExpr(E, Pointer, Context);
  };
  auto IsNull = [&](const Expr *E) {
    return E->IgnoreParenCasts()->isNullPointerConstant(
               const_cast<ASTContext &>(Context),
               Expr::NPC_ValueDependentIsNotNull) != Expr::NPCK_NotNull;
  };
  const Expr *E = ignoreBranchHints(Cond);
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_LNot) {
    std::optional<bool> Inner = nullWhen(UO->getSubExpr(), Pointer, Context);
    return Inner ? std::optional<bool>(!*Inner) : std::nullopt;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && (BO->getOpcode() == BO_EQ || BO->getOpcode() == BO_NE)) {
    bool Matches = (Same(BO->getLHS()) && IsNull(BO->getRHS())) ||
                   (Same(BO->getRHS()) && IsNull(BO->getLHS()));
    if (!Matches)
      return std::nullopt;
    return BO->getOpcode() == BO_EQ;
  }
  if (E->getType()->isPointerType() && Same(E))
    return false;
  return std::nullopt;
}

bool FunctionPaths::nullPathsEndProgram(const Stmt *After, const Expr *Pointer,
                                        const FunctionDecl *Fn) const {
  auto [Start, Index] = elementOf(After);
  if (!Start || !Pointer)
    return false;
  llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 16> Work{
      {Start, Index + 1}};
  llvm::DenseSet<const CFGBlock *> Seen{Start};
  while (!Work.empty()) {
    auto [Block, First] = Work.pop_back_val();
    bool Ends = Block->hasNoReturnElement();
    const Stmt *Return = nullptr;
    for (unsigned I = First, N = Block->size(); I < N && !Ends; ++I)
      if (const Stmt *S = elementStmt((*Block)[I])) {
        Ends = endsProgram(S);
        if (isa<ReturnStmt>(S))
          Return = S;
      }
    if (Ends)
      continue;
    const Expr *Cond = Block->getLastCondition();
    std::optional<bool> NullIf = Block->succ_size() == 2
                                     ? nullWhen(Cond, Pointer, Context)
                                     : std::nullopt;
    unsigned SuccIndex = 0;
    for (const CFGBlock::AdjacentBlock &Adjacent : Block->succs()) {
      bool TakenTrue = SuccIndex++ == 0;
      const CFGBlock *Succ = Adjacent.getReachableBlock();
      if (!Succ || (NullIf && *NullIf != TakenTrue))
        continue; // Only the paths on which the pointer is null.
      // Leaving the function: fine when that ends the program (`main`, or
      // a failure value every caller exits on).
      if (Succ == &Graph->getExit()) {
        if (Fn && (Fn->isMain() || returnEndsProgram(Fn, Return)))
          continue;
        return false;
      }
      if (Seen.insert(Succ).second)
        Work.push_back({Succ, 0});
    }
  }
  return true;
}

std::optional<int64_t> FunctionPaths::constantBefore(const Stmt *S,
                                                     const VarDecl *Var) const {
  auto [Block, Index] = elementOf(S);
  if (!Block)
    return std::nullopt;
  if (!Constants)
    Constants = std::make_unique<LocalConstants>(*Graph, conditions(), Context);
  return Constants->valueBefore(Block, Index, Var);
}

std::optional<bool> FunctionPaths::entersLoop(const Stmt *Loop,
                                              const CFGBlock *From) const {
  const auto *For = dyn_cast_or_null<ForStmt>(Loop);
  if (!For || !From || !For->getBody() || !For->getInc())
    return std::nullopt;
  auto [It, Inserted] = TripCounts.try_emplace(For);
  if (Inserted)
    It->second = constantTripCount(For, Context);
  std::optional<uint64_t> Count = It->second;
  if (!Count || *Count > 1)
    return std::nullopt;
  if (*Count == 0)
    return false;
  // Runs once: entered when the path comes from before the loop, left when
  // it comes back from the increment or the body.
  const Stmt *Inside = From->getTerminatorStmt();
  for (const CFGElement &E : *From)
    if (const Stmt *S = elementStmt(E)) {
      Inside = S;
      break;
    }
  if (!Inside)
    return std::nullopt;
  const SourceManager &SM = Context.getSourceManager();
  bool FromLoop =
      SM.isPointWithin(SM.getExpansionLoc(Inside->getBeginLoc()),
                       SM.getExpansionLoc(For->getInc()->getBeginLoc()),
                       SM.getExpansionLoc(For->getBody()->getEndLoc()));
  return !FromLoop;
}

/// True when \p Place (handleRefOf an assignment's left side, so never
/// reached through `->`) is a field of a local struct object: `S.First`,
/// `S.Inner.First`, or a member of a local union (whose members handleRefOf
/// names as one place).
static bool isLocalStructField(const HandleRef &Place) {
  const auto *Var = dyn_cast_or_null<VarDecl>(Place.Var);
  return !Place.Fields.empty() && Var && Var->hasLocalStorage() &&
         !Var->getType()->isReferenceType() && Var->getType()->isRecordType();
}

llvm::ArrayRef<CopySite> FunctionPaths::copiesOf(const ValueDecl *V) const {
  if (!Copies) {
    Copies.emplace();
    auto &Index = *Copies;
    auto Add = [&](const Stmt *At, const Expr *Value, const ValueDecl *Target,
                   bool IntoField = false) {
      if (!Value || !Target)
        return;
      llvm::SmallPtrSet<const ValueDecl *, 4> Mentioned;
      std::function<void(const Stmt *)> Collect = [&](const Stmt *S) {
        if (!S)
          return;
        if (const auto *E = dyn_cast<Expr>(S))
          if (std::optional<HandleRef> Ref = handleRefOf(E))
            Mentioned.insert(Ref->Var);
        if (const auto *Ref = dyn_cast<DeclRefExpr>(S))
          Mentioned.insert(Ref->getDecl());
        for (const Stmt *Child : S->children())
          Collect(Child);
      };
      Collect(Value);
      for (const ValueDecl *M : Mentioned)
        Index[M].push_back({At, Value, Target, IntoField});
    };
    std::function<void(const Stmt *)> Walk = [&](const Stmt *S) {
      if (!S || isa<LambdaExpr>(S))
        return;
      if (const auto *DS = dyn_cast<DeclStmt>(S))
        for (const Decl *D : DS->decls())
          if (const auto *VD = dyn_cast<VarDecl>(D); VD && VD->getInit())
            Add(DS, VD->getInit(), VD);
      if (const auto *BO = dyn_cast<BinaryOperator>(S);
          BO && BO->getOpcode() == BO_Assign)
        if (std::optional<HandleRef> LHS = handleRefOf(BO->getLHS())) {
          if (LHS->Fields.empty())
            Add(BO, BO->getRHS(), LHS->Var);
          else if (isLocalStructField(*LHS))
            Add(BO, BO->getRHS(), LHS->Var, /*IntoField=*/true);
        }
      for (const Stmt *Child : S->children())
        Walk(Child);
    };
    Walk(Body);
  }
  auto It = Copies->find(V);
  if (It == Copies->end())
    return {};
  return It->second;
}

bool FunctionPaths::isInsideTry(const Stmt *S) const {
  const SourceManager &SM = Context.getSourceManager();
  SourceLocation Loc = SM.getExpansionLoc(S->getBeginLoc());
  for (const SourceRange &R : TryBlocks)
    if (SM.isPointWithin(Loc, SM.getExpansionLoc(R.getBegin()),
                         SM.getExpansionLoc(R.getEnd())))
      return true;
  return false;
}

bool FunctionPaths::isIterationEnd(const CFGBlock *Block,
                                   const Stmt *Loop) const {
  return Block->getTerminatorStmt() == Loop;
}

/// True when \p Break, inside \p Loop, leaves \p Loop (it is not inside a
/// nested loop or switch).
static bool breaksOutOf(const Stmt *Loop, const Stmt *Break) {
  llvm::SmallVector<const Stmt *, 16> Work;
  for (const Stmt *Child : Loop->children())
    Work.push_back(Child);
  while (!Work.empty()) {
    const Stmt *S = Work.pop_back_val();
    if (!S)
      continue;
    if (S == Break)
      return true;
    if (isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt, SwitchStmt,
            LambdaExpr>(S))
      continue;
    for (const Stmt *Child : S->children())
      Work.push_back(Child);
  }
  return false;
}

static LeakKind exitKind(const Stmt *Jump) {
  if (isa_and_nonnull<ReturnStmt>(Jump))
    return LeakKind::Return;
  if (isa_and_nonnull<CXXThrowExpr>(Jump))
    return LeakKind::Throw;
  return LeakKind::FallOffEnd;
}

StableConditions &FunctionPaths::conditions() const {
  if (!Conditions)
    Conditions = std::make_unique<StableConditions>(Body, Context);
  return *Conditions;
}

namespace {
/// What a path knows of the stable conditions numbered below 32: which are
/// known, and their values.
struct Facts {
  uint32_t Known = 0;
  uint32_t Values = 0;
  static constexpr int Capacity = 32;
  std::optional<bool> get(int Id) const {
    if (Id < 0 || Id >= Capacity || !(Known & (1u << Id)))
      return std::nullopt;
    return (Values >> Id) & 1u;
  }
  Facts with(int Id, bool Value) const {
    Facts F = *this;
    if (Id < 0 || Id >= Capacity)
      return F;
    F.Known |= 1u << Id;
    F.Values = Value ? F.Values | (1u << Id) : F.Values & ~(1u << Id);
    return F;
  }
  /// Forgets the conditions in \p Mask.
  Facts without(uint32_t Mask) const {
    Facts F = *this;
    F.Known &= ~Mask;
    F.Values &= ~Mask;
    return F;
  }
  uint64_t key() const { return (uint64_t(Known) << 32) | Values; }
};

/// Beyond this many steps, a path-sensitive search gives up and the query is
/// answered without correlating branches.
constexpr unsigned MaxCorrelatedSteps = 20000;

/// Leaking paths one search asks the solver about; past them, the next one
/// found is reported as it is today (each query is bounded by Z3's rlimit).
constexpr unsigned MaxRefutations = 8;

/// How far back a path checked by the solver is extended through blocks
/// that are the only way into the next.
constexpr unsigned MaxPrefixBlocks = 16;
} // namespace

std::optional<LeakingPath> FunctionPaths::search(const CFGBlock *Start,
                                                 unsigned Index,
                                                 const OwnershipQuery &Query,
                                                 bool Exceptions,
                                                 bool Correlate) const {
  struct Item {
    const CFGBlock *Block;
    unsigned First;
    const Stmt *Jump;
    Facts Known;
    LocalValues Values;
    /// The block the path came from, or null at the acquisition.
    const CFGBlock *From = nullptr;
    /// The path so far, in Trail (for the solver).
    int At = -1;
  };
  // The paths searched, as a tree: each block entered, from where, on which
  // branch. A leaking path is checked with the solver before it is
  // reported (PathFeasibility.h); one proved unable to run is dropped and
  // the search goes on.
  struct TrailEntry {
    const CFGBlock *Block;
    unsigned First;
    int Parent;
    const Expr *Cond; ///< The branch taken from Parent to here, if any.
    bool TakenTrue;
  };
  std::vector<TrailEntry> Trail;
  unsigned Refutations = 0;
  auto Infeasible = [&](int At, unsigned Last, const Expr *Cond,
                        bool TakenTrue) {
    if (Refutations >= MaxRefutations || !haveSolver())
      return false;
    ++Refutations;
    llvm::SmallVector<PathStep, 16> Steps;
    const Expr *NextCond = Cond;
    bool NextTaken = TakenTrue;
    for (int I = At; I >= 0; I = Trail[I].Parent) {
      PathStep Step;
      Step.Block = Trail[I].Block;
      Step.First = Trail[I].First;
      Step.Last = I == At ? Last : ~0u;
      Step.Cond = NextCond;
      Step.TakenTrue = NextTaken;
      Steps.push_back(Step);
      NextCond = Trail[I].Cond;
      NextTaken = Trail[I].TakenTrue;
    }
    // Every path to the acquisition runs what comes before it in its block,
    // and the blocks that are the only way in (a loop's body is entered
    // from its condition, true): what they test holds at the acquisition.
    Steps.push_back({Start, 0, Index + 1, nullptr, false});
    const CFGBlock *In = Start;
    llvm::SmallPtrSet<const CFGBlock *, 8> Seen{Start};
    for (unsigned Depth = 0; Depth < MaxPrefixBlocks; ++Depth) {
      if (In->pred_size() != 1)
        break;
      const CFGBlock *Pred = In->pred_begin()->getReachableBlock();
      if (!Pred || !Seen.insert(Pred).second)
        break;
      PathStep Step{Pred, 0, ~0u, nullptr, false};
      const Expr *PredCond = Pred->getLastCondition();
      if (PredCond && Pred->succ_size() == 2) {
        const CFGBlock *Then = Pred->succ_begin()->getReachableBlock();
        const CFGBlock *Else = (Pred->succ_begin() + 1)->getReachableBlock();
        if (Then != Else) {
          Step.Cond = PredCond;
          Step.TakenTrue = Then == In;
        }
      }
      Steps.push_back(Step);
      In = Pred;
    }
    std::reverse(Steps.begin(), Steps.end());
    if (!Solver)
      Solver = std::make_unique<PathSolver>(Body, Context);
    return Solver->check(Steps) == Feasibility::Infeasible;
  };
  const Stmt *Acquisition = elementStmt((*Start)[Index]);
  Facts Initial;
  LocalValues InitialValues;
  if (Correlate) {
    for (auto [Id, Value] : conditions().factsAt(Acquisition))
      Initial = Initial.with(Id, Value);
    // The flags and pointers every path to the acquisition has set
    // (`have_auth = true; user = NULL; pass = malloc(n);`).
    if (!Constants)
      Constants =
          std::make_unique<LocalConstants>(*Graph, conditions(), Context);
    InitialValues.seed(Constants->stateBefore(Start, Index), conditions());
  }
  // Breadth first: the nearest leaking exit is found first, so the search
  // stops early where an early return follows the acquisition, and the
  // reported path is the shortest one (the one a reviewer reads).
  Trail.push_back({Start, Index + 1, -1, nullptr, false});
  std::deque<Item> Work{
      {Start, Index + 1, nullptr, Initial, InitialValues, nullptr, 0}};
  llvm::DenseSet<std::pair<const CFGBlock *, uint64_t>> Visited;
  const CFGBlock &Exit = Graph->getExit();
  unsigned Steps = 0;

  while (!Work.empty()) {
    if (++Steps > MaxCorrelatedSteps && Correlate)
      return search(Start, Index, Query, Exceptions, /*Correlate=*/false);
    Item Cur = std::move(Work.front());
    Work.pop_front();
    const Stmt *Jump = Cur.Jump;
    bool PathEnded = false;
    for (unsigned I = Cur.First, N = Cur.Block->size(); I < N; ++I) {
      const CFGElement &E = (*Cur.Block)[I];
      const Stmt *S = elementStmt(E);
      OwnershipEvent Event = Query.Classify(E);
      if (S && S == Acquisition && Event != OwnershipEvent::Ends) {
        if (Infeasible(Cur.At, I + 1, nullptr, false)) {
          PathEnded = true;
          break;
        }
        // Acquired again while the previous one is still held (unless the
        // acquisition takes the old one: `p = realloc(p, n)` in a loop).
        return LeakingPath{LeakKind::NextIteration, Jump ? Jump : S,
                           (Jump ? Jump : S)->getBeginLoc(), Jump};
      }
      if (Event == OwnershipEvent::Ends) {
        PathEnded = true;
        break;
      }
      if (Event == OwnershipEvent::Leaks) {
        if (Infeasible(Cur.At, I + 1, nullptr, false)) {
          PathEnded = true;
          break;
        }
        SourceLocation Loc;
        const Stmt *At = S ? S : Jump;
        if (At)
          Loc = At->getBeginLoc();
        else if (auto Dtor = E.getAs<CFGAutomaticObjDtor>()) {
          // Destroyed by a jump out of its scope: name the jump.
          const Stmt *Trigger = Dtor->getTriggerStmt();
          if (isa<BreakStmt, ContinueStmt, GotoStmt, ReturnStmt>(Trigger)) {
            Jump = Trigger;
            At = Trigger;
            Loc = Trigger->getBeginLoc();
          } else {
            Loc = Trigger->getEndLoc();
          }
        }
        return LeakingPath{LeakKind::Lost, At, Loc, Jump};
      }
      if (!S)
        continue;
      // A call that does not return ends the program on this path (a
      // `fatal()` helper whose body exits).
      if (endsProgram(S)) {
        PathEnded = true;
        break;
      }
      if (Correlate) {
        Cur.Values.update(S, conditions(), Context);
        // A watched flag this statement may write is known no more.
        if (uint32_t Clobbered = conditions().clobbered(S))
          Cur.Known = Cur.Known.without(Clobbered);
      }
      if (isa<ReturnStmt, CXXThrowExpr>(S))
        Jump = S;
      else if (Exceptions && !Query.ExitEndsProgram &&
               mayThrow(S, Context, UnknownCalleesThrow, Throws) &&
               !isInsideTry(S) && !Infeasible(Cur.At, I + 1, nullptr, false))
        return LeakingPath{LeakKind::ExceptionFromCall, S, S->getBeginLoc(),
                           Jump};
    }
    if (PathEnded)
      continue;
    // A call that does not return (abort, exit, a failed assert) ends the
    // program, not the function: nothing leaks on this path.
    if (Cur.Block->hasNoReturnElement())
      continue;

    const Stmt *Terminator = Cur.Block->getTerminatorStmt();
    if (isa_and_nonnull<BreakStmt, ContinueStmt, GotoStmt>(Terminator))
      Jump = Terminator;
    // A break out of the loop ends its iteration too.
    if (Query.IterationOf && isa_and_nonnull<BreakStmt>(Terminator) &&
        breaksOutOf(Query.IterationOf, Terminator)) {
      if (Infeasible(Cur.At, ~0u, nullptr, false))
        continue;
      return LeakingPath{LeakKind::NextIteration, Terminator,
                         Terminator->getBeginLoc(), Terminator};
    }
    // The expression that decides the branch: for `a && fd >= 0`, the
    // block evaluating `fd >= 0` branches on it, not on the whole condition.
    const Expr *Cond = Cur.Block->getLastCondition();
    if (!Cond)
      Cond = dyn_cast_or_null<Expr>(Cur.Block->getTerminatorCondition());
    bool TwoWay = Cond && Cur.Block->succ_size() == 2;
    bool Negated = false;
    int CondId = TwoWay && Correlate ? conditions().idOf(Cond, Negated) : -1;
    std::optional<bool> CondValue = Cur.Known.get(CondId);
    // Otherwise a local flag this path assigned may decide it.
    if (!CondValue && TwoWay && Correlate)
      if (std::optional<bool> Flag =
              Cur.Values.evaluate(Cond, conditions(), Context))
        CondValue = *Flag != Negated; // Compared below with Negated.
    // Or the path skipped the right operand of `a && b` (a was false), or
    // the condition folds to a constant (a static never written, a function
    // that returns a constant).
    if (!CondValue && TwoWay)
      if (std::optional<bool> Known = shortCircuitValue(Cond, Cur.From))
        CondValue = *Known != Negated;
    if (!CondValue && TwoWay)
      if (std::optional<bool> Known = constantCondition(Cond))
        CondValue = *Known != Negated;
    // Or the loop runs a constant number of times (`for (i = 0; i < 1;
    // i++)`), and whether the path enters it again is known.
    if (!CondValue && TwoWay)
      if (std::optional<bool> Enters = entersLoop(Terminator, Cur.From))
        CondValue = *Enters != Negated;
    unsigned SuccIndex = 0;
    for (const CFGBlock::AdjacentBlock &Adjacent : Cur.Block->succs()) {
      bool TakenTrue = SuccIndex++ == 0;
      const CFGBlock *Succ = Adjacent.getReachableBlock();
      if (!Succ)
        continue;
      if (TwoWay && Query.AcquisitionFailed &&
          Query.AcquisitionFailed(Cond, TakenTrue))
        continue;
      // The condition's value is known on this path: the other way is
      // infeasible.
      if (CondValue && (*CondValue != Negated) != TakenTrue)
        continue;
      Facts Next = Cur.Known.with(CondId, TakenTrue != Negated);
      if (Succ == &Exit) {
        if (Query.ExitEndsProgram ||
            (Query.Function && returnEndsProgram(Query.Function, Jump)))
          continue;
        // A throw leaving the function destroys the locals on the way out
        // (the CFG does not list those destructors): a leak even when only
        // the object's destruction is. One inside a try block may be caught.
        bool ThrowsOut =
            isa_and_nonnull<CXXThrowExpr>(Jump) && !isInsideTry(Jump);
        if (!Query.ExitLeaks && !ThrowsOut)
          continue;
        if (Infeasible(Cur.At, ~0u, TwoWay ? Cond : nullptr, TakenTrue))
          continue;
        SourceLocation Loc = Jump ? Jump->getBeginLoc() : Body->getEndLoc();
        return LeakingPath{exitKind(Jump), Jump, Loc, Jump};
      }
      if (Query.IterationOf && isIterationEnd(Succ, Query.IterationOf)) {
        if (Infeasible(Cur.At, ~0u, TwoWay ? Cond : nullptr, TakenTrue))
          continue;
        SourceLocation Loc =
            Jump ? Jump->getBeginLoc() : Query.IterationOf->getEndLoc();
        return LeakingPath{LeakKind::NextIteration, Jump, Loc, Jump};
      }
      LocalValues NextValues = Cur.Values;
      if (TwoWay && Correlate) {
        NextValues.assume(Cond, TakenTrue, conditions(), Context);
        // Leaving a counted loop through its condition.
        if (const auto *For = dyn_cast_or_null<ForStmt>(Terminator);
            For && !TakenTrue && For->getCond() &&
            For->getCond()->IgnoreParenImpCasts() ==
                Cond->IgnoreParenImpCasts())
          NextValues.assumeLoopExit(For, conditions(), Context);
      }
      uint64_t Key = Next.key() ^ (NextValues.key() * 0x9E3779B97F4A7C15ULL);
      // Which block the path came from matters where a short-circuit
      // operator's value is taken.
      if (const auto *Logical =
              dyn_cast_or_null<BinaryOperator>(Succ->getLastCondition());
          Logical && Logical->isLogicalOp())
        Key ^= reinterpret_cast<uintptr_t>(Cur.Block) * 0xC2B2AE3D27D4EB4FULL;
      if (Visited.insert({Succ, Key}).second) {
        Trail.push_back({Succ, 0, Cur.At, TwoWay ? Cond : nullptr, TakenTrue});
        Work.push_back({Succ, 0, Jump, Next, NextValues, Cur.Block,
                        static_cast<int>(Trail.size() - 1)});
      }
    }
  }
  return std::nullopt;
}

bool FunctionPaths::exceptionEndsProgramFrom(const FunctionDecl *Fn) const {
  return Callers ? Callers->exceptionsEndProgram(Fn) : exceptionEndsProgram(Fn);
}

bool exceptionEndsProgram(const FunctionDecl *Fn) {
  if (!Fn)
    return false;
  if (Fn->isMain())
    return true;
  const auto *Proto = Fn->getType()->getAs<FunctionProtoType>();
  return Proto && Proto->isNothrow();
}

std::optional<LeakingPath>
FunctionPaths::findLeak(const Stmt *Acquisition,
                        const OwnershipQuery &Query) const {
  auto [Block, Index] = elementOf(Acquisition);
  if (!Block)
    return std::nullopt;
  if (std::optional<LeakingPath> Path =
          search(Block, Index, Query, false, /*Correlate=*/true))
    return Path;
  if (!Query.ExceptionExits)
    return std::nullopt;
  return search(Block, Index, Query, true, /*Correlate=*/true);
}

const FunctionPaths *FunctionPathsCache::get(const Stmt *Body,
                                             ASTContext &Context) {
  auto [It, Inserted] = Cache.try_emplace(Body);
  if (!Inserted)
    return It->second.get();
  if (!UsesExceptions)
    UsesExceptions = UnknownCallsThrow && mainFileUsesExceptions(Context);
  It->second =
      FunctionPaths::build(Body, Context, *UsesExceptions, &summaries(Context));
  if (It->second) {
    It->second->setCallerExits(&callerExits(Context));
    It->second->setThrowMemo(&Throws);
  }
  return It->second.get();
}

CallerExits &FunctionPathsCache::callerExits(ASTContext &Context) {
  if (!Exits)
    Exits = std::make_unique<CallerExits>(Context, summaries(Context), Project);
  return *Exits;
}

FunctionSummaries &FunctionPathsCache::summaries(ASTContext &Context) {
  if (!Summaries)
    Summaries = std::make_unique<FunctionSummaries>(Context, Project);
  return *Summaries;
}

} // namespace clang::tidy::leak::utils
