//===--- ApiModel.h - Which calls acquire, release, spawn, block, grow --*- C++
//-*-===//
//
// The API model is LeakGuard's knowledge of library APIs: which calls acquire
// or release a resource, spawn or join a thread, block, and grow or shrink a
// container. It is data: the default packs in rules/*.yaml are embedded in the
// binary, further rule files come from the `leak-*.RuleFiles` option, and
// check options extend individual lists. Checks only ask questions of it.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_APIMODEL_H
#define LEAKGUARD_CHECKS_UTILS_APIMODEL_H

#include "llvm/ADT/StringRef.h"
#include <string>
#include <vector>

namespace clang::tidy::leak::utils {

/// A function that acquires a resource.
struct Acquirer {
  /// Qualified or unqualified function name, e.g. "::open" or "fopen".
  std::string Function;
  /// -1: the handle is the return value; N >= 0: the handle is written
  /// through argument N (e.g. pipe's array, pthread_create's pthread_t*).
  int HandleArg = -1;
};

/// A function that releases a resource.
struct Releaser {
  std::string Function;
  /// The argument that receives the handle.
  unsigned HandleArg = 0;
};

/// One kind of resource: its acquirers, releasers and "nothing acquired"
/// values.
struct ResourceKind {
  /// A short name used in diagnostics, e.g. "file descriptor".
  std::string Name;
  std::vector<Acquirer> Acquire;
  std::vector<Releaser> Release;
  /// Spellings of values that mean "nothing was acquired": "nullptr", "-1",
  /// "MAP_FAILED", "negative" (any value < 0), "nonzero-return" (the
  /// acquiring call's result != 0 means failure, e.g. pthread_create).
  std::vector<std::string> InvalidValues;
  /// The rule pack this kind came from, for messages.
  std::string Pack;
  /// The resource outlives the process (a named semaphore or shared memory
  /// object, a temporary file not unlinked): a path that ends the program
  /// still leaks it.
  bool OutlivesProcess = false;
};

/// Every list the checks consult. Names are matched with
/// `ast_matchers::hasAnyName` semantics (a leading "::" anchors the name).
struct ApiModel {
  std::vector<ResourceKind> Resources;

  // Threads and tasks.
  std::vector<std::string> ThreadTypes;        // e.g. ::std::thread
  std::vector<std::string> SelfJoiningThreads; // e.g. ::std::jthread
  std::vector<std::string> SpawnFunctions;     // e.g. ::pthread_create
  std::vector<std::string> JoinFunctions;      // e.g. ::pthread_join
  std::vector<std::string> DetachFunctions;    // e.g. ::pthread_detach

  // Waits and stop signals.
  std::vector<std::string> BlockingFunctions; // e.g. ::sem_wait
  std::vector<std::string> StopSignalTypes;   // e.g. ::std::stop_token
  std::vector<std::string> StopSignalNames;   // e.g. stop, running, shutdown

  // Ownership of handles passed as arguments (see docs/precision.md).
  /// Functions that take ownership of a handle passed to them (keep it,
  /// release it later), although declared in a system header: `putenv`.
  std::vector<std::string> TakeFunctions;
  /// Functions that only use a handle passed to them, although declared in
  /// the project with no body in sight: a project's `log_write(fd, ...)`.
  std::vector<std::string> BorrowFunctions;

  // Containers.
  std::vector<std::string> ContainerTypes; // e.g. ::std::map
  std::vector<std::string> GrowMethods;    // e.g. insert, push_back
  std::vector<std::string> ShrinkMethods;  // e.g. erase, clear

  /// The rule packs merged into this model, in order (e.g. "libc").
  std::vector<std::string> Packs;

  /// The resource kind \p Function acquires, or null. \p ArgIndex receives the
  /// handle's position (-1 for the return value).
  const ResourceKind *findAcquirer(llvm::StringRef QualifiedName,
                                   int &ArgIndex) const;
  /// True when \p QualifiedName releases a handle of \p Kind through argument
  /// \p ArgIndex.
  bool isReleaser(const ResourceKind &Kind, llvm::StringRef QualifiedName,
                  unsigned ArgIndex) const;
  /// True when \p QualifiedName releases any kind of resource.
  bool isAnyReleaser(llvm::StringRef QualifiedName) const;
  /// Every acquiring function's name pattern, of every kind.
  std::vector<std::string> acquirerNames() const;
  /// Every releasing function's name pattern, of every kind.
  std::vector<std::string> releaserNames() const;
};

/// True when \p QualifiedName (as printed by getQualifiedNameAsString, with
/// or without a leading "::") matches \p Pattern: an anchored "::a::b" must
/// match whole, an unanchored "b" or "a::b" matches as a suffix on "::".
bool nameMatches(llvm::StringRef Pattern, llvm::StringRef QualifiedName);
/// Splits an ownership entry `::epoll_ctl(2)` into the function's name and
/// its argument positions ("2"; empty when none are named). False when the
/// positions are not 0-based integers separated by commas.
bool splitArguments(llvm::StringRef Entry, llvm::StringRef &Function,
                    llvm::StringRef &Arguments);

/// True when an ownership entry of \p Entries (`::putenv`, or
/// `::epoll_ctl(2)` for one argument only) names \p QualifiedName and, if it
/// names positions, \p ArgIndex.
bool ownershipEntryMatches(const std::vector<std::string> &Entries,
                           llvm::StringRef QualifiedName, unsigned ArgIndex);

bool nameMatchesAny(const std::vector<std::string> &Patterns,
                    llvm::StringRef QualifiedName);

/// The model from the embedded default packs only (built once, thread-safe).
/// Checks that honour the RulePacks and RuleFiles options use apiModelFor()
/// from RuleOptions.h instead.
const ApiModel &defaultApiModel();

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_APIMODEL_H
