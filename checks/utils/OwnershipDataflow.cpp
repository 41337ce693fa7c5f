//===--- OwnershipDataflow.cpp - All acquisitions of a function at once ---===//
//
// FunctionPaths::findLeak searches the paths from one acquisition. A
// function with N acquisitions all released at its end (generated parsers,
// big dispatchers) then costs N searches of the whole function: quadratic.
// mayLeak answers for all acquisitions at once whether that search could
// find anything, with one forward may-hold pass over the CFG: a bit per
// acquisition, set where the acquisition happens, cleared where its query's
// Classify says the handle is released or handed over, where the
// acquisition failed (AcquisitionFailed on that edge) and where the program
// ends. The pass ignores which way a condition goes, so it follows every
// path the search follows and more; and it clears a bit only where the
// search stops too. An acquisition whose bit never reaches a leaking place
// (the exit, an overwrite, a call that may throw, the acquisition again)
// therefore has no leaking path, and only the others are searched.
//
// Each element is classified only for the queries whose Mentions it names,
// found through an index built once: the pass costs the size of the
// function times the number of live bits in 64-bit words, not a walk of the
// function per acquisition.
//
//===----------------------------------------------------------------------===//

#include "OwnershipPaths.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::leak::utils {

namespace {

using QueryList = llvm::SmallVector<unsigned, 2>;

/// Which queries name each declaration or are acquired by each statement.
struct MentionIndex {
  llvm::DenseMap<const Decl *, QueryList> ByDecl;
  llvm::DenseMap<const Stmt *, QueryList> ByAcquisition;

  /// The queries whose Mentions \p S (with its sub-expressions) names, or
  /// that \p S acquires; sorted, without duplicates.
  QueryList queriesNamedBy(const Stmt *S) const {
    QueryList Found;
    if (auto It = ByAcquisition.find(S); It != ByAcquisition.end())
      Found.append(It->second);
    llvm::SmallVector<const Stmt *, 8> Work{S};
    while (!Work.empty()) {
      const Stmt *Cur = Work.pop_back_val();
      if (!Cur)
        continue;
      const Decl *Named = nullptr;
      if (const auto *Ref = dyn_cast<DeclRefExpr>(Cur))
        Named = Ref->getDecl();
      else if (const auto *Member = dyn_cast<MemberExpr>(Cur))
        Named = Member->getMemberDecl();
      if (Named)
        if (auto It = ByDecl.find(Named); It != ByDecl.end())
          Found.append(It->second);
      for (const Stmt *Child : Cur->children())
        Work.push_back(Child);
    }
    llvm::sort(Found);
    Found.erase(llvm::unique(Found), Found.end());
    return Found;
  }

  QueryList queriesNamedBy(const CFGElement &E) const {
    if (const Stmt *S = elementStmt(E))
      return queriesNamedBy(S);
    if (auto Dtor = E.getAs<CFGAutomaticObjDtor>())
      if (auto It = ByDecl.find(Dtor->getVarDecl()); It != ByDecl.end())
        return It->second;
    return {};
  }
};

/// What one element means to the pass, computed once.
struct ElementFacts {
  QueryList Queries;
  bool EndsProgram = false;
  bool MayThrowOut = false;
};

/// The forward may-hold pass over one CFG (see the file comment).
class HoldPass {
public:
  HoldPass(const CFG &Graph,
           const std::vector<std::vector<ElementFacts>> &Facts,
           const std::vector<QueryList> &ConditionQueries,
           llvm::ArrayRef<const Stmt *> Acquisitions,
           llvm::ArrayRef<OwnershipQuery> Queries,
           const llvm::BitVector &ExitSafe, const llvm::BitVector &ThrowLeaks,
           llvm::BitVector &Candidates)
      : Graph(Graph), Facts(Facts), ConditionQueries(ConditionQueries),
        Acquisitions(Acquisitions), Queries(Queries), ExitSafe(ExitSafe),
        ThrowLeaks(ThrowLeaks), Candidates(Candidates) {}

  /// Blocks in reverse post-order, so that what a block may hold is known
  /// before its successors are visited; blocks no path from the entry
  /// reaches come last (an acquisition there is followed from there too).
  /// Every block is visited once, then again when what it may hold on entry
  /// grows (a loop's back edge), until nothing changes.
  void run() {
    unsigned NumBlocks = Graph.getNumBlockIDs();
    Position.assign(NumBlocks, ~0U);
    std::vector<const CFGBlock *> PostOrder = postOrder();
    for (const CFGBlock *Block : llvm::reverse(PostOrder))
      place(Block);
    for (const CFGBlock *Block : Graph)
      if (Position[Block->getBlockID()] == ~0U)
        place(Block);
    Entry.assign(NumBlocks, llvm::BitVector(Candidates.size()));
    Pending = llvm::BitVector(Order.size(), true);
    for (int Next = Pending.find_first(); Next != -1;) {
      Pending.reset(Next);
      visit(*Order[Next]);
      int After = Pending.find_next(Next);
      Next = After != -1 ? After : Pending.find_first();
    }
  }

private:
  /// The blocks the entry reaches, in post-order. (llvm::po_iterator does
  /// not skip the null successors of pruned edges.)
  std::vector<const CFGBlock *> postOrder() const {
    std::vector<const CFGBlock *> Result;
    std::vector<bool> Seen(Graph.getNumBlockIDs());
    // Each block with the index of its next successor to visit.
    llvm::SmallVector<std::pair<const CFGBlock *, unsigned>, 32> Stack;
    Stack.push_back({&Graph.getEntry(), 0});
    Seen[Graph.getEntry().getBlockID()] = true;
    while (!Stack.empty()) {
      auto &[Block, Next] = Stack.back();
      if (Next == Block->succ_size()) {
        Result.push_back(Block);
        Stack.pop_back();
        continue;
      }
      const CFGBlock *Succ = Block->succ_begin()[Next++].getReachableBlock();
      if (Succ && !Seen[Succ->getBlockID()]) {
        Seen[Succ->getBlockID()] = true;
        Stack.push_back({Succ, 0});
      }
    }
    return Result;
  }

  void place(const CFGBlock *Block) {
    Position[Block->getBlockID()] = Order.size();
    Order.push_back(Block);
  }

  /// Follows the block's elements from what it may hold on entry; false
  /// when every path through it ends the program.
  bool followElements(const CFGBlock &Block, llvm::BitVector &Held) {
    unsigned Id = Block.getBlockID();
    for (unsigned I = 0, N = Block.size(); I < N; ++I) {
      const ElementFacts &F = Facts[Id][I];
      for (unsigned Q : F.Queries)
        if (!Candidates[Q])
          follow(Q, Block[I], Held);
      if (F.EndsProgram)
        return false;
      if (F.MayThrowOut)
        Candidates |= llvm::BitVector(Held) &= ThrowLeaks;
    }
    return !Block.hasNoReturnElement();
  }

  /// What element \p E does to query \p Q's handle.
  void follow(unsigned Q, const CFGElement &E, llvm::BitVector &Held) {
    if (elementStmt(E) == Acquisitions[Q]) {
      // Acquired again while still held, unless the acquisition takes the
      // old one (`p = realloc(p, n)`).
      if (Held[Q] && Queries[Q].Classify(E) != OwnershipEvent::Ends)
        Candidates.set(Q);
      Held.set(Q);
      return;
    }
    if (!Held[Q])
      return;
    switch (Queries[Q].Classify(E)) {
    case OwnershipEvent::Ends:
      Held.reset(Q);
      break;
    case OwnershipEvent::Leaks:
      Candidates.set(Q);
      break;
    case OwnershipEvent::None:
      break;
    }
  }

  void visit(const CFGBlock &Block) {
    if (&Block == &Graph.getExit())
      return;
    unsigned Id = Block.getBlockID();
    llvm::BitVector Held = Entry[Id];
    Held.reset(Candidates);
    if (!followElements(Block, Held))
      return;
    Held.reset(Candidates);
    const Expr *Cond = Block.getLastCondition();
    if (!Cond)
      Cond = dyn_cast_or_null<Expr>(Block.getTerminatorCondition());
    bool TwoWay = Cond && Block.succ_size() == 2;
    unsigned SuccIndex = 0;
    for (const CFGBlock::AdjacentBlock &Adjacent : Block.succs()) {
      bool TakenTrue = SuccIndex++ == 0;
      const CFGBlock *Succ = Adjacent.getReachableBlock();
      if (!Succ)
        continue;
      llvm::BitVector Along = Held;
      // The path on which the acquisition failed holds nothing.
      if (TwoWay)
        for (unsigned Q : ConditionQueries[Id])
          if (Along[Q] && Queries[Q].AcquisitionFailed &&
              Queries[Q].AcquisitionFailed(Cond, TakenTrue))
            Along.reset(Q);
      if (Succ == &Graph.getExit())
        Candidates |= Along.reset(ExitSafe);
      else
        flowInto(*Succ, Along);
    }
  }

  void flowInto(const CFGBlock &Succ, const llvm::BitVector &Along) {
    llvm::BitVector &Into = Entry[Succ.getBlockID()];
    llvm::BitVector Grown = Along;
    Grown.reset(Into);
    if (Grown.none())
      return;
    Into |= Along;
    Pending.set(Position[Succ.getBlockID()]);
  }

  const CFG &Graph;
  const std::vector<std::vector<ElementFacts>> &Facts;
  /// The queries each block's branch condition names.
  const std::vector<QueryList> &ConditionQueries;
  llvm::ArrayRef<const Stmt *> Acquisitions;
  llvm::ArrayRef<OwnershipQuery> Queries;
  const llvm::BitVector &ExitSafe;
  const llvm::BitVector &ThrowLeaks;
  /// The result: the queries that may leak.
  llvm::BitVector &Candidates;
  std::vector<const CFGBlock *> Order;
  std::vector<unsigned> Position;
  std::vector<llvm::BitVector> Entry;
  llvm::BitVector Pending;
};

} // namespace

llvm::BitVector
FunctionPaths::mayLeak(llvm::ArrayRef<const Stmt *> Acquisitions,
                       llvm::ArrayRef<OwnershipQuery> Queries) const {
  assert(Acquisitions.size() == Queries.size());
  unsigned Count = Queries.size();
  llvm::BitVector Candidates(Count);
  // Queries whose exit is no leak; queries that count calls that may throw.
  llvm::BitVector ExitSafe(Count), ThrowLeaks(Count);
  MentionIndex Index;
  for (unsigned Q = 0; Q < Count; ++Q) {
    const OwnershipQuery &Query = Queries[Q];
    // The end of an iteration is not followed by the pass: searched.
    if (Query.Mentions.empty() || Query.IterationOf ||
        !elementOf(Acquisitions[Q]).first) {
      Candidates.set(Q);
      continue;
    }
    for (const ValueDecl *D : Query.Mentions)
      Index.ByDecl[D].push_back(Q);
    Index.ByAcquisition[Acquisitions[Q]].push_back(Q);
    if (Query.ExitEndsProgram)
      ExitSafe.set(Q);
    else if (Query.ExceptionExits)
      ThrowLeaks.set(Q);
  }
  if (Candidates.all())
    return Candidates;

  unsigned NumBlocks = Graph->getNumBlockIDs();
  std::vector<std::vector<ElementFacts>> Facts(NumBlocks);
  std::vector<QueryList> ConditionQueries(NumBlocks);
  bool CountThrows = ThrowLeaks.any();
  for (const CFGBlock *Block : *Graph) {
    std::vector<ElementFacts> &Elements = Facts[Block->getBlockID()];
    Elements.resize(Block->size());
    for (unsigned I = 0, N = Block->size(); I < N; ++I) {
      ElementFacts &F = Elements[I];
      F.Queries = Index.queriesNamedBy((*Block)[I]);
      const Stmt *S = elementStmt((*Block)[I]);
      if (!S)
        continue;
      F.EndsProgram = endsProgram(S);
      F.MayThrowOut = CountThrows && !isa<ReturnStmt, CXXThrowExpr>(S) &&
                      mayThrow(S, Context, UnknownCalleesThrow, Throws) &&
                      !isInsideTry(S);
    }
    if (const Expr *Cond = Block->getLastCondition())
      ConditionQueries[Block->getBlockID()] = Index.queriesNamedBy(Cond);
    else if (const Stmt *Cond = Block->getTerminatorCondition())
      ConditionQueries[Block->getBlockID()] = Index.queriesNamedBy(Cond);
  }

  HoldPass Pass(*Graph, Facts, ConditionQueries, Acquisitions, Queries,
                ExitSafe, ThrowLeaks, Candidates);
  Pass.run();
  return Candidates;
}

} // namespace clang::tidy::leak::utils
