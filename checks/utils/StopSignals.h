//===--- StopSignals.h - Does this code consult a stop signal --*- C++ -*-===//
//
// Questions about how long a thread's code runs: is a loop unbounded (no
// condition, or a constant-true one, and no way out), and does a loop, wait
// predicate or body consult a stop signal: std::stop_token::stop_requested(),
// an atomic or volatile flag, a bool flag guarded by a mutex and named like
// one (`stop_`, `running`, `m_shutdown`, `isClosed()`), or a queue's closed
// state.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_STOPSIGNALS_H
#define LEAKGUARD_CHECKS_UTILS_STOPSIGNALS_H

#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang {
class ASTContext;
} // namespace clang

namespace clang::tidy::leak::utils {

class WriteIndex;

/// What counts as a stop signal.
struct StopSignalModel {
  /// Types whose objects are stop signals (e.g. ::std::stop_token); for
  /// ::std::atomic only atomic<bool> and atomics with a stop-like name count.
  std::vector<std::string> Types;
  /// Words that make a variable or function a stop signal (e.g. "stop",
  /// "running"); matched against the words of an identifier, so `isRunning`,
  /// `m_stop` and `shutdown_requested_` all match.
  std::vector<std::string> Names;
  /// Further variables known to be stop signals (e.g. fields a check saw the
  /// stop path write).
  llvm::SmallPtrSet<const ValueDecl *, 8> ExtraFlags;
  /// Who writes what in the unit: a flag another function writes is a stop
  /// signal for the function that reads it (see isStopSignalDecl). Without
  /// it only types, names and ExtraFlags decide.
  WriteIndex *Writes = nullptr;
};

/// True when one of the words of \p Identifier (split at '_' and case
/// changes, lower-cased) is in \p Names.
bool isStopSignalName(llvm::StringRef Identifier,
                      const std::vector<std::string> &Names);

/// True when \p D (a variable or field), read by \p Reader, is a stop
/// signal: a stop-signal type (std::stop_token, an atomic or volatile bool),
/// a name the user configured, one of Model.ExtraFlags, or, by data flow, a
/// flag that something other than \p Reader writes (another function or
/// thread, a signal handler) or that may be written where LeakGuard cannot
/// see (a global with external linkage).
bool isStopSignalDecl(const ValueDecl *D, const StopSignalModel &Model,
                      const FunctionDecl *Reader = nullptr);

/// True when evaluating \p S (in \p Reader) reads a stop signal (lambda
/// bodies included). A value compared with another by <, >, <=, >= or with
/// a variable is a counter meeting its bound, not a stop signal.
bool readsStopSignal(const Stmt *S, const StopSignalModel &Model,
                     const FunctionDecl *Reader = nullptr);

/// True when \p Loop (for, while, do, range-for) has no condition or a
/// constant-true one.
bool hasTrivialTrueCondition(const Stmt *Loop, const ASTContext &Context);

/// True when \p Loop can be left: a break that targets it, a return, throw,
/// goto or co_return inside it, or a call to a noreturn function.
bool hasLoopExit(const Stmt *Loop);

/// True when \p Loop runs forever: a constant-true condition and no exit.
bool isUnboundedLoop(const Stmt *Loop, const ASTContext &Context);

/// True when \p Loop (in \p Reader) consults a stop signal: in its
/// condition, or in the condition of an if guarding one of its exits.
bool loopChecksStopSignal(const Stmt *Loop, const StopSignalModel &Model,
                          const FunctionDecl *Reader = nullptr);

/// The first unbounded loop in \p Body (lambdas excluded), or null.
const Stmt *findUnboundedLoop(const Stmt *Body, const ASTContext &Context);

/// True for for/while/do/range-for statements.
bool isLoop(const Stmt *S);

/// The body of a for, while, do or range-for loop; null for other statements.
const Stmt *loopBody(const Stmt *Loop);

/// The condition of a for, while or do loop; null otherwise (or when absent).
const Expr *loopCondition(const Stmt *Loop);

/// How a call waits, if it does.
enum class WaitKind {
  None,
  CondVarWait,          ///< cv.wait(lock): no predicate.
  CondVarWaitPredicate, ///< cv.wait(lock, pred).
  CondVarWaitStopToken, ///< cv.wait(lock, stop_token, pred).
  Timed,                ///< wait_for/wait_until, poll with a timeout, ...
  Future,               ///< future/shared_future get() or wait(), latch wait.
  Semaphore,            ///< counting_semaphore::acquire().
  QueuePop,             ///< pop/take on a class that waits on a condvar.
  Function,             ///< A function from the blocking-function list.
  Sleep,                ///< sleep_for, sleep_until, sleep, usleep, nanosleep.
};

/// Classifies \p Call; \p BlockingFunctions extends the built-in list of
/// free functions that block (e.g. ::sem_wait).
WaitKind classifyWait(const CallExpr *Call,
                      const std::vector<std::string> &BlockingFunctions);

/// True for the kinds that can block forever (not Timed, Sleep or None).
bool blocksForever(WaitKind Kind);

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_STOPSIGNALS_H
