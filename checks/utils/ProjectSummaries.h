//===--- ProjectSummaries.h - Function summaries across units ---*- C++ -*-===//
//
// A resource's life often spans files: an accepted socket goes to a
// dispatcher in another file, a buffer comes from a source function in a
// third. What a function of another translation unit does is read from the
// project's summary store: a SQLite database the `leakguard` driver fills in
// a first phase (one summary per externally visible function definition,
// keyed by USR) and the checks read in the second (option
// `LeakGuardSummaryStore`).
//
// A summary holds the same facts the checks read from a body in their own
// unit: whether the function returns at all, the constant it always
// returns, the fresh resource it returns, and for each parameter whether it
// keeps (or releases) the handle passed through it or only borrows it. A
// parameter handed on to a function of a third unit is recorded as a
// forward and resolved when the store is read, so chains of sinks across
// files are followed to their end.
//
// What is not known stays unknown: a function without a summary, a USR
// defined in two units (an ODR violation, or the `main` of several
// programs), a unit that did not parse. Unknown means the checks' precision
// policy: a handle passed to it counts as taken.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_PROJECTSUMMARIES_H
#define LEAKGUARD_CHECKS_UTILS_PROJECTSUMMARIES_H

#include "clang/AST/Decl.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace clang::tidy::leak::utils {

/// What a function does with the handle passed through one parameter.
enum class ParamFate : char {
  Unknown = '?',  ///< Not a handle, or not decided.
  Borrowed = 'b', ///< Uses it and gives it back.
  Kept = 'k',     ///< Releases it, keeps it, or may.
};

/// A parameter handed on to a function of another unit: (its USR, the
/// parameter it is passed as).
struct Forward {
  std::string Usr;
  unsigned Param = 0;
  bool operator==(const Forward &O) const {
    return Usr == O.Usr && Param == O.Param;
  }
};

/// The facts about one function that its callers in other units need.
struct ExternalSummary {
  std::string Usr;
  /// The qualified name, for messages and `leakguard summaries`.
  std::string Name;
  bool NeverReturns = false;
  std::optional<int64_t> ReturnsConstant;
  /// The resource a call returns fresh: a rule pack kind's name, "new" or
  /// "new[]"; empty when none.
  std::string ReturnsKind;
  /// -1: the result is the resource; N: written through parameter N.
  int OutParam = -1;
  /// One ParamFate per parameter.
  std::string Params;
  /// Per parameter: the functions of other units it is handed to (its fate
  /// is Borrowed when they all borrow it).
  std::vector<std::vector<Forward>> Forwards;
  /// A validity test of a handle (`bool valid(int fd) { return fd >= 0; }`):
  /// the parameter compared, the comparison ("<", ">=", "==", ...) and the
  /// constant; ValidityParam -1 when the function is not one.
  int ValidityParam = -1;
  std::string ValidityOp;
  int64_t ValidityValue = 0;

  ParamFate param(unsigned I) const {
    return I < Params.size() ? static_cast<ParamFate>(Params[I])
                             : ParamFate::Unknown;
  }
  bool operator==(const ExternalSummary &O) const;
};

/// A global of another unit with a constant initializer: `const int
/// GlobalConstTrue = 1;`, or `int GlobalFive = 5;` (Mutable), which is a
/// constant only while no unit of the project writes it.
struct ExternalConstant {
  std::string Usr;
  std::string Name;
  int64_t Value = 0;
  bool Mutable = false;
};

/// The values a caller's reaction to a call result is recorded for: the
/// failure values functions return (null is 0).
constexpr int64_t CallResultValues[] = {0, 1, -1};

/// What a caller does right after a call returns one of CallResultValues.
enum class AfterCall : char {
  Unknown = '?',         ///< Goes on, loops, or does different things.
  EndsProgram = 'x',     ///< Every way on calls exit or returns from main.
  ReturnsZero = '0',     ///< Every way on returns 0 (or null) at once.
  ReturnsOne = '1',      ///< ... returns 1.
  ReturnsMinusOne = 'm', ///< ... returns -1.
};

/// One call of a function, as the unit it is written in sees it: who calls
/// whom is what decides that a function runs once (growth bounded by call
/// sites) or that its failure return ends the program.
struct CallSiteFact {
  std::string Callee; ///< callKeyOf.
  std::string Caller; ///< callKeyOf; empty at namespace scope.
  bool CallerIsMain = false;
  /// In a static's initializer or a std::call_once: runs once per program.
  bool Once = false;
  /// Inside a loop of its caller.
  bool InLoop = false;
  /// One AfterCall per CallResultValues entry ("???" when the result is
  /// not a value the caller tests).
  std::string After = "???";

  AfterCall after(unsigned I) const {
    return I < After.size() ? static_cast<AfterCall>(After[I])
                            : AfterCall::Unknown;
  }
  bool operator==(const CallSiteFact &O) const {
    return Callee == O.Callee && Caller == O.Caller &&
           CallerIsMain == O.CallerIsMain && Once == O.Once &&
           InLoop == O.InLoop && After == O.After;
  }
};

/// A function whose address is taken as it is, and its functionTypeKey.
struct TakenFunction {
  std::string Usr;
  std::string TypeKey;
  bool operator<(const TakenFunction &O) const {
    return std::tie(Usr, TypeKey) < std::tie(O.Usr, O.TypeKey);
  }
  bool operator==(const TakenFunction &O) const {
    return Usr == O.Usr && TypeKey == O.TypeKey;
  }
};

/// Everything one translation unit contributes.
struct UnitSummaries {
  std::vector<ExternalSummary> Functions;
  std::vector<ExternalConstant> Constants;
  /// The USRs of the globals of external linkage the unit writes or gives
  /// away by address or non-const reference.
  std::vector<std::string> Written;
  /// The unit's calls of functions LeakGuard can name (not the system's).
  std::vector<CallSiteFact> Calls;
  /// The USRs of the functions whose address the unit takes and converts
  /// to another type (or virtual methods): callable from anywhere.
  std::vector<std::string> AddressTaken;
  /// The functions whose address the unit takes as it is (stored in a
  /// table, a variable, a field): {USR, functionTypeKey}. Calls through a
  /// pointer of that type (recorded in Calls as "indirect:" + key) may
  /// reach them, unless the type escapes to unseen code.
  std::vector<TakenFunction> Tables;
  /// Function types whose pointers the unit hands to code it cannot see.
  std::vector<std::string> EscapedTypes;
};

/// The callee name of a call through a pointer of type \p TypeKey.
std::string indirectCallee(llvm::StringRef TypeKey);

/// The USR of \p D, or an empty string when it has none.
std::string usrOf(const Decl *D);

/// The name a function goes by in call-site facts: its USR, and for a C
/// function (whose USR is its name alone) its number of parameters too —
/// the programs of one database often reuse a name, and the declaration a
/// caller sees tells which one it calls.
std::string callKeyOf(const FunctionDecl *FD);

/// True when \p D may be called (or read) from another unit: externally
/// visible and not inline (an inline definition is in every unit that
/// calls it).
bool isSummarizedAcrossUnits(const Decl *D);

llvm::json::Value toJSON(const UnitSummaries &S);
llvm::Expected<UnitSummaries> unitSummariesFromJSON(llvm::StringRef Text);

/// The store's content, read once: summaries by USR, forwards resolved, and
/// the USRs defined twice removed.
class SummaryIndex {
public:
  /// The summary of \p Usr, or null.
  const ExternalSummary *function(llvm::StringRef Usr) const;
  /// The summary of \p FD's external definition, or null when \p FD has a
  /// body in this unit or none is known.
  const ExternalSummary *function(const FunctionDecl *FD) const;
  /// The value of the global constant \p Var of another unit.
  std::optional<int64_t> constant(const VarDecl *Var) const;
  /// The value of the global constant \p Usr.
  std::optional<int64_t> constant(llvm::StringRef Usr) const;
  /// True when every run of the function \p Usr happens once per program
  /// or once per call site: the project's every call of it is in a static's
  /// initializer or a std::call_once, or outside loops of `main` and of
  /// functions themselves reached only once. Needs a complete store (every
  /// unit summarized) and a function whose address nobody takes.
  bool reachedOnlyOnce(llvm::StringRef Usr) const;
  /// True when the function \p Usr returning \p Value ends the program:
  /// every call of it in the project exits (or returns from `main`) right
  /// after receiving \p Value, or returns a value that ends the program the
  /// same way in its own caller. \p Value is one of CallResultValues; the
  /// same conditions as reachedOnlyOnce.
  bool returnEndsProgram(llvm::StringRef Usr, int64_t Value) const;
  /// True when the project never calls the function \p Usr (a callKeyOf
  /// key): no call of it in any unit, its address never taken, not
  /// virtual. Such a function is API its users call; needs a complete
  /// store.
  bool neverCalled(llvm::StringRef Usr) const;
  /// True when the project calls \p Usr only from such API (directly, or
  /// through functions only it calls, \p Depth levels up), never from
  /// `main` nor inside a loop: how often it runs is the users' choice.
  bool calledOnlyFromApi(llvm::StringRef Usr, unsigned Depth = 3) const;
  /// The callers (call keys) of every call of \p Usr in the project, once
  /// each; none when the store is not complete or the function's address is
  /// taken (it may be called through a pointer from anywhere).
  std::optional<std::vector<std::string>> callersOf(llvm::StringRef Usr) const;
  /// Whether every unit of the project was summarized.
  bool complete() const { return Complete; }

  /// Every function's summary, ordered by name (then USR).
  std::vector<const ExternalSummary *> functions() const;
  size_t size() const { return Functions.size(); }

  /// A hash of what the index says of \p Usr (a function's summary, a
  /// constant, or nothing: "-"), so that a result that read it can be
  /// reused only while it says the same.
  std::string fingerprint(llvm::StringRef Usr) const;

  /// Records in \p Into every USR this thread looks up from now on, in any
  /// index, found or not (null stops recording): the driver's worker learns
  /// which summaries a unit's findings depend on.
  static void recordLookups(llvm::StringSet<> *Into);

  /// Builds an index from units' summaries: a USR two units define is left
  /// out, forwards are resolved (a cycle keeps). A mutable global counts as
  /// a constant only when \p Complete (every unit of the project was
  /// summarized) and no unit writes it.
  static SummaryIndex build(llvm::ArrayRef<UnitSummaries> Units,
                            bool Complete = true);

  /// The index of the store at \p Path, read once per process and shared
  /// (the store changes between driver runs, not during one). An error names
  /// the file: not a store, another schema version, unreadable.
  static llvm::Expected<std::shared_ptr<const SummaryIndex>>
  load(llvm::StringRef Path);

private:
  void resolveForwards();
  /// Computes OnlyOnce and EndsOn from the call sites, by fixpoint.
  void resolveCallers();
  llvm::StringMap<ExternalSummary> Functions;
  llvm::StringMap<int64_t> Constants;
  /// The project's calls, by callee.
  llvm::StringMap<std::vector<CallSiteFact>> CallSites;
  llvm::StringSet<> AddressTaken;
  /// Functions taken by address as they are, by USR: the function types
  /// (functionTypeKey) calls through pointers reach them by.
  llvm::StringMap<llvm::StringSet<>> TakenAs;
  llvm::StringSet<> OnlyOnce;
  /// Per function: bit I set when returning CallResultValues[I] ends the
  /// program.
  llvm::StringMap<unsigned> EndsOn;
  bool Complete = true;
};

/// The SQLite store: what the driver writes and the checks read.
namespace store {
/// The schema this LeakGuard reads and writes.
constexpr int SchemaVersion = 3;

/// Makes the store at \p Path hold exactly \p Units' summaries (each under
/// its main file), creating it; one transaction, so a run killed mid-write
/// leaves the store as it was and readers see the old or the new content.
/// A store of another schema version or a file that is not a store is an
/// error naming it.
/// \p Complete says that no unit failed to be summarized. With
/// \p ReplaceAll false, only \p Units' rows are replaced and the others
/// kept (a run over some of the project's units); the store then stays
/// complete only if it was.
llvm::Error write(llvm::StringRef Path,
                  llvm::ArrayRef<std::pair<std::string, UnitSummaries>> Units,
                  bool Complete = true, bool ReplaceAll = true);

/// Every unit's summaries in the store at \p Path; \p Complete, when
/// given, receives whether every unit was summarized.
llvm::Expected<std::vector<UnitSummaries>> read(llvm::StringRef Path,
                                                bool *Complete = nullptr);
} // namespace store

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_PROJECTSUMMARIES_H
