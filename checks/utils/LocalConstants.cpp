//===--- LocalConstants.cpp - Constants held by locals, on every path -----===//

#include "LocalConstants.h"
#include "StableConditions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace clang::tidy::leak::utils {

namespace {
/// Passes over the graph before the analysis gives up (every block's state
/// only shrinks, so this is reached only by pathological graphs).
constexpr unsigned MaxRounds = 64;

std::optional<int64_t> constantValue(const Expr *E, const ASTContext &Ctx) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenCasts();
  if (E->isValueDependent() || E->isTypeDependent())
    return std::nullopt;
  if (E->isNullPointerConstant(const_cast<ASTContext &>(Ctx),
                               Expr::NPC_ValueDependentIsNotNull) !=
      Expr::NPCK_NotNull)
    return 0;
  Expr::EvalResult R;
  if (E->EvaluateAsInt(R, Ctx))
    return R.Val.getInt().trySExtValue();
  return std::nullopt;
}

void forget(llvm::SmallVectorImpl<std::pair<const VarDecl *, int64_t>> &S,
            const VarDecl *Var) {
  for (auto *It = S.begin(); It != S.end(); ++It)
    if (It->first == Var) {
      S.erase(It);
      return;
    }
}
} // namespace

void LocalConstants::refineOnEdge(const CFGBlock *From, const CFGBlock *To,
                                  State &S) const {
  if (From->succ_size() != 2)
    return;
  const Expr *Cond = From->getLastCondition();
  const CFGBlock *TrueSucc = From->succ_begin()->getReachableBlock();
  const CFGBlock *FalseSucc = (From->succ_begin() + 1)->getReachableBlock();
  if (!Cond || TrueSucc == FalseSucc || (To != TrueSucc && To != FalseSucc))
    return;
  auto Known = assumedValue(
      Cond, To == TrueSucc,
      [&](const VarDecl *V) { return Conditions.isFollowedLocal(V); }, Context);
  if (!Known)
    return;
  forget(S, Known->first);
  S.push_back(*Known);
}

LocalConstants::State LocalConstants::meet(const State &A, const State &B) {
  State Out;
  for (const auto &Entry : A)
    if (llvm::is_contained(B, Entry))
      Out.push_back(Entry);
  return Out;
}

void LocalConstants::transfer(const CFGElement &E, State &S) const {
  std::optional<CFGStmt> CS = E.getAs<CFGStmt>();
  if (!CS)
    return;
  const Stmt *St = CS->getStmt();
  auto Tracked = [&](const Expr *Target) -> const VarDecl * {
    const auto *Ref = dyn_cast<DeclRefExpr>(Target->IgnoreParenImpCasts());
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return Conditions.isFollowedLocal(Var) ? Var : nullptr;
  };
  if (const auto *DS = dyn_cast<DeclStmt>(St)) {
    for (const Decl *D : DS->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D);
          Var && Conditions.isFollowedLocal(Var)) {
        forget(S, Var);
        if (std::optional<int64_t> V = constantValue(Var->getInit(), Context))
          S.push_back({Var, *V});
      }
    return;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(St)) {
    if (!BO->isAssignmentOp())
      return;
    if (const VarDecl *Var = Tracked(BO->getLHS())) {
      forget(S, Var);
      if (BO->getOpcode() == BO_Assign)
        if (std::optional<int64_t> V = constantValue(BO->getRHS(), Context))
          S.push_back({Var, *V});
    }
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(St);
      UO && UO->isIncrementDecrementOp())
    if (const VarDecl *Var = Tracked(UO->getSubExpr()))
      forget(S, Var);
}

LocalConstants::LocalConstants(const CFG &Graph,
                               const StableConditions &Conditions,
                               const ASTContext &Context)
    : Conditions(Conditions), Context(Context) {
  std::vector<const CFGBlock *> Order;
  {
    // Reverse post-order, so that most predecessors come first.
    llvm::DenseMap<const CFGBlock *, bool> Seen;
    llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 32> Stack;
    std::vector<const CFGBlock *> Post;
    Stack.push_back({&Graph.getEntry(), 0});
    Seen[&Graph.getEntry()] = true;
    while (!Stack.empty()) {
      auto &[Block, Next] = Stack.back();
      if (Next < Block->succ_size()) {
        const CFGBlock *Succ = Block->succ_begin()[Next++].getReachableBlock();
        if (Succ && !Seen[Succ]) {
          Seen[Succ] = true;
          Stack.push_back({Succ, 0});
        }
        continue;
      }
      Post.push_back(Block);
      Stack.pop_back();
    }
    Order.assign(Post.rbegin(), Post.rend());
  }
  llvm::DenseMap<const CFGBlock *, State> Exit;
  Entry[&Graph.getEntry()] = {};
  for (unsigned Round = 0; Round < MaxRounds; ++Round) {
    bool Changed = false;
    for (const CFGBlock *Block : Order) {
      std::optional<State> In;
      if (Block == &Graph.getEntry())
        In = State();
      for (const CFGBlock::AdjacentBlock &Pred : Block->preds()) {
        const CFGBlock *P = Pred.getReachableBlock();
        auto It = P ? Exit.find(P) : Exit.end();
        if (It == Exit.end())
          continue; // Not reached yet: the meet's top.
        State FromP = It->second;
        refineOnEdge(P, Block, FromP);
        In = In ? meet(*In, FromP) : FromP;
      }
      if (!In)
        continue;
      State Out = *In;
      for (const CFGElement &E : *Block)
        transfer(E, Out);
      auto [EIt, New] = Entry.try_emplace(Block, *In);
      if (!New)
        EIt->second = *In;
      auto [XIt, NewExit] = Exit.try_emplace(Block, Out);
      if (NewExit || XIt->second != Out) {
        XIt->second = Out;
        Changed = true;
      }
    }
    if (!Changed)
      return;
  }
  Entry.clear(); // Did not settle: claim nothing.
}

llvm::SmallVector<std::pair<const VarDecl *, int64_t>, 4>
LocalConstants::stateBefore(const CFGBlock *Block, unsigned Index) const {
  auto It = Entry.find(Block);
  if (It == Entry.end())
    return {};
  State S = It->second;
  for (unsigned I = 0; I < Index && I < Block->size(); ++I)
    transfer((*Block)[I], S);
  return S;
}

std::optional<int64_t> LocalConstants::valueBefore(const CFGBlock *Block,
                                                   unsigned Index,
                                                   const VarDecl *Var) const {
  auto It = Entry.find(Block);
  if (It == Entry.end())
    return std::nullopt;
  State S = It->second;
  for (unsigned I = 0; I < Index && I < Block->size(); ++I)
    transfer((*Block)[I], S);
  for (const auto &[V, Value] : S)
    if (V == Var)
      return Value;
  return std::nullopt;
}

} // namespace clang::tidy::leak::utils
