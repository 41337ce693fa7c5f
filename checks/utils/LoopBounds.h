//===--- LoopBounds.h - Is a loop's trip count bounded? ---------*- C++ -*-===//
//
// Answers two questions for checks that care about per-iteration growth:
// "is this loop's trip count bounded independently of the program's input?"
// (a constant, a constexpr, hardware_concurrency(), a configured worker-count
// name, the size of a fixed array) and "which is the innermost loop around
// this statement whose trip count has no such bound?".
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_LOOPBOUNDS_H
#define LEAKGUARD_CHECKS_UTILS_LOOPBOUNDS_H

#include "llvm/ADT/StringRef.h"
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class ForStmt;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace clang::tidy::leak::utils {

class WriteIndex;

/// What, besides constants, counts as a bound on a trip count.
struct LoopBoundConfig {
  /// Names of variables, members or getters holding a fixed worker count
  /// ("kWorkers", "num_threads", ...). Matched ignoring case, underscores,
  /// a "k" constant prefix and "m_"/"_" member affixes.
  std::vector<std::string> WorkerCountNames;
  /// Who writes what in the unit: a field that only constructors write (or
  /// nothing in the unit) is configuration, fixed once the object is built
  /// (`cfg->io_threads`, `_workersCount`). Without it such fields are not
  /// bounds.
  WriteIndex *Writes = nullptr;
  /// True when a function runs once per program (`main`, what only it or a
  /// static initializer calls): a loop of it that counts up to a value the
  /// loop does not change (countsToFixedBound) runs a number of times fixed
  /// at start-up, a pool sized by the command line or the configuration.
  /// Unset: no function is known to run once.
  std::function<bool(const FunctionDecl *)> RunsOnce;
};

/// True when \p Name, normalized, equals one of the normalized \p Names.
bool isWorkerCountName(llvm::StringRef Name,
                       const std::vector<std::string> &Names);

/// True when the value of the integer expression \p E does not depend on the
/// program's input: a constant or constexpr, hardware_concurrency(), a
/// worker-count name, the size of a fixed array, a configuration field (see
/// LoopBoundConfig::Writes), or arithmetic on those.
bool isBoundedCount(const Expr *E, ASTContext &Ctx,
                    const LoopBoundConfig &Config);

/// True when \p Loop (a for, while, do or range-for statement) runs a bounded
/// number of times. Every other statement yields false.
bool isBoundedLoop(const Stmt *Loop, ASTContext &Ctx,
                   const LoopBoundConfig &Config);

/// How many times \p Loop runs when that is a constant: `for (i = 0; i < 1;
/// i++)` runs once. Only a counter initialised in the for-init with a
/// constant, compared with a constant, stepped by ++ or -- in the increment
/// and written nowhere else in the loop is understood.
std::optional<uint64_t> constantTripCount(const ForStmt *Loop,
                                          const ASTContext &Ctx);

/// True when \p Loop is a for loop whose counter only its increment steps
/// up, to a variable or field the loop does not write (`for (i = 0; i < n;
/// ++i)`): it runs as many times as that value when it starts.
bool countsToFixedBound(const Stmt *Loop);

/// The innermost loop around \p S that runs \p S once per iteration and whose
/// trip count is not bounded, looking only inside the function (or lambda
/// body) that contains \p S; bounded loops in between are skipped. A for-init
/// or a range-for's range runs once and is not "inside" its loop.
const Stmt *innermostUnboundedLoop(const Stmt *S, ASTContext &Ctx,
                                   const LoopBoundConfig &Config);

/// The function whose body contains \p S; for a statement inside a lambda,
/// the lambda's call operator. Null at namespace scope.
const FunctionDecl *enclosingFunction(const Stmt *S, ASTContext &Ctx);

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_LOOPBOUNDS_H
