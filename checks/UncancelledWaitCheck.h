//===--- UncancelledWaitCheck.h - LeakGuard ---------------------*- C++ -*-===//

#ifndef LEAKGUARD_CHECKS_UNCANCELLEDWAITCHECK_H
#define LEAKGUARD_CHECKS_UNCANCELLEDWAITCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "utils/RuleOptions.h"
#include "utils/SharedOptions.h"
#include "utils/StopSignals.h"
#include "utils/WriteIndex.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::leak {

/// Finds blocking waits with no way out.
///
/// For the user-facing documentation see:
/// docs/checks/leak-uncancelled-wait.md
class UncancelledWaitCheck : public ClangTidyCheck {
  /// The API model from the rule packs and rule files (the first member:
  /// others are initialized from it).
  utils::CheckRules Rules;

public:
  UncancelledWaitCheck(StringRef Name, ClangTidyContext *Context);
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override {
    Rules.reportErrors(*this, SM);
  }
  // C too: pthread_create, pthread_cond_wait and sem_wait are C APIs.
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return true;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  struct Candidate {
    const Stmt *S;          // A wait call or an unbounded loop.
    const Stmt *Body;       // The body of the function it is in.
    const FunctionDecl *Fn; // That function (a lambda's operator()).
    utils::WaitKind Kind;   // None for loops.
    /// The loops around S inside its function, innermost first.
    llvm::SmallVector<const Stmt *, 4> Loops;
    /// The conditions of the `if` statements whose branches hold S.
    llvm::SmallVector<const Expr *, 2> Guards;
  };
  void collectCandidates(const Stmt *Body, const FunctionDecl *Fn);
  void checkWait(const Candidate &C);
  bool isDetachedLater(const VarDecl *Var) const;
  /// True when \p Loop tests a call's failure for EAGAIN or EWOULDBLOCK:
  /// its descriptor does not block (O_NONBLOCK, or a receive timeout).
  bool testsWouldBlock(const Stmt *Loop) const;
  bool isDescriptorClosedElsewhere(const CallExpr *Call) const;
  const VarDecl *lockDeclaredIn(const CallExpr *Call, const Stmt *Loop) const;
  bool isGuardedByTimedWait(const CallExpr *Call,
                            llvm::ArrayRef<const Expr *> Guards) const;
  void checkSleepLoop(const Candidate &C);
  bool isThreadBody(const FunctionDecl *F) const;
  /// Records which variable or member holds the thread started by \p Start
  /// (a std::thread construction or pthread_create call).
  void recordHandle(const Expr *Start, const FunctionDecl *Body);
  /// Collects the handles that some function of the unit joins or cancels.
  void collectEndedHandles();
  /// True when some function joins (waits for the end of) the thread that
  /// runs \p F: someone expects it to stop.
  bool isJoined(const FunctionDecl *F) const;
  /// True when the thread that runs \p F is cancelled with pthread_cancel:
  /// a wait that is a cancellation point is a way out.
  bool isCancelled(const FunctionDecl *F) const;
  /// True when a blocking call in \p C only runs once a readiness test
  /// (select, poll, epoll_wait with a timeout) reported its descriptor
  /// ready.
  bool isReadinessChecked(const Candidate &C) const;
  /// True when \p Loop only repeats while \p Call failed (`do n = read(...);
  /// while (n < 0 && errno == EINTR)`): a retry, not a long-lived loop.
  bool isRetryLoop(const Stmt *Loop, const CallExpr *Call) const;
  /// True when some function of the unit closes (close, shutdown, stop...)
  /// the queue \p Pop pops from: that wakes the poppers.
  bool isQueueClosed(const CallExpr *Pop) const;
  /// Reports a stop path that sets a flag \p Predicate reads but never
  /// wakes the wait \p Wait, or sets it without the wait's mutex.
  void checkStopPathWakes(const CallExpr *Wait, const Expr *Predicate,
                          const FunctionDecl *Reader);
  /// The condition of a drain loop right before the bare wait \p Wait in
  /// its block (`while (head) { ... } wait(...);`), which the wait runs
  /// only once it is false; null otherwise.
  const Expr *drainedBefore(const CallExpr *Wait) const;
  /// The condition of `if (found) break;` (or return, goto) right before
  /// \p Wait in its loop's iteration, with only bookkeeping between.
  const Expr *exitTestBefore(const CallExpr *Wait) const;
  /// True when a function other than the waiter \p Reader and the stop path
  /// \p StopPath reads \p Flag and wakes waiters: a supervisor thread that
  /// sees the stop request and broadcasts relays it to the waiters.
  bool relaysStop(const ValueDecl *Flag, const FunctionDecl *Reader,
                  const FunctionDecl *StopPath) const;
  /// The destructor or stop method of the class \p F belongs to, or null.
  const FunctionDecl *stopPathOf(const FunctionDecl *F);

  utils::ThreadOptions Threads;

  ASTContext *Context = nullptr;
  std::vector<Candidate> Candidates;
  /// Thread bodies started in this TU (and what they call directly); the
  /// bool says whether every start detaches it at once.
  llvm::DenseMap<const FunctionDecl *, bool> ThreadBodies;
  /// The function bodies of the unit (for what the stop path closes).
  std::vector<const FunctionDecl *> Bodies;
  llvm::DenseMap<const CXXRecordDecl *, const FunctionDecl *> StopPaths;
  /// The variables or members holding the threads that run each body.
  llvm::DenseMap<const FunctionDecl *, llvm::SmallVector<const Decl *, 2>>
      BodyHandles;
  /// Bodies started by a self-joining thread type (std::jthread).
  llvm::SmallPtrSet<const FunctionDecl *, 4> SelfJoined;
  llvm::SmallPtrSet<const Decl *, 8> JoinedHandles;
  llvm::SmallPtrSet<const Decl *, 8> CancelledHandles;
  /// Who writes what in the unit (stop signals by data flow).
  std::unique_ptr<utils::WriteIndex> Writes;
};

} // namespace clang::tidy::leak

#endif // LEAKGUARD_CHECKS_UNCANCELLEDWAITCHECK_H
