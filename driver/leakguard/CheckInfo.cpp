//===--- CheckInfo.cpp - What the driver knows about each check -----------===//

#include "CheckInfo.h"
#include "llvm/ADT/Twine.h"

namespace clang::tidy::leak::driver {

static const CheckInfo Checks[] = {
    {"leak-unjoined-thread",
     "Finds threads that can be destroyed while joinable or detached while "
     "running forever.",
     "A std::thread destroyed while joinable terminates the program; a "
     "detached thread that loops without a stop condition outlives every "
     "owner and keeps its captures alive.",
     "Thread creation",
     "The thread object can go out of scope (or be overwritten) on some path "
     "while the thread is still joinable, or it is detached with no way to "
     "stop it.",
     "Own the thread in a std::jthread or an RAII guard, join it on every "
     "path (including early returns and exceptions), and give detached work "
     "a stop signal.",
     "404,772"},
    {"leak-uncancelled-wait",
     "Finds blocking waits that no stop signal can interrupt.",
     "A thread blocked in a wait with no timeout and no stop token can never "
     "be shut down; it and everything it references stay alive until the "
     "process ends.",
     "Waits and cancellation",
     "The wait has no timeout and its predicate ignores the stop signal, so "
     "shutdown cannot wake the waiting thread.",
     "Wait with a timeout or a std::stop_token (condition_variable_any), and "
     "make the predicate check the stop flag.",
     "400,404"},
    {"leak-unbounded-cache",
     "Finds long-lived containers that grow without any bound or eviction.",
     "A global, static or member container that only ever grows turns every "
     "distinct key into memory that is never given back.",
     "Caches",
     "Entries are inserted into a container that lives as long as the "
     "program, and nothing ever erases them or bounds its size.",
     "Bound the container (evict the oldest entry, an LRU, a capacity check) "
     "or erase entries when their owner goes away.",
     "401,770"},
    {"leak-unreleased-resource",
     "Finds file descriptors, handles and memory mappings that are not "
     "released on every path.",
     "A resource acquired through a C API (open, socket, fopen, mmap, ...) "
     "and not released on an early return or error path leaks one handle per "
     "call until the process runs out.",
     "Resources",
     "On at least one path from the acquisition the handle is neither "
     "released, returned nor stored.",
     "Wrap the handle in an RAII owner (std::unique_ptr with a deleter, a "
     "small class) right at the acquisition.",
     "404,772,775"},
    {"leak-raii-gap-in-loop",
     "Finds resources acquired in a loop whose release can be skipped by "
     "continue, break or an early exit.",
     "Inside a loop a skipped release repeats on every iteration, so a rare "
     "path becomes a steady leak.",
     "Loops",
     "A continue, break or return between the acquisition and the release "
     "skips the release for that iteration.",
     "Scope the resource to the loop body with an RAII owner so every exit "
     "from the iteration releases it.",
     "401,772"},
    {"leak-unbounded-spawn",
     "Finds threads or tasks spawned per request or per loop iteration "
     "without a bound.",
     "Spawning a thread or task per event with no limit lets load decide how "
     "many run at once; under a burst they pile up until memory runs out.",
     "Spawning under load",
     "Each iteration or request starts a new thread or task and nothing "
     "limits how many are alive.",
     "Submit the work to a bounded pool or queue, or cap the number of "
     "in-flight tasks with a counting semaphore.",
     "400,770"},
};

llvm::ArrayRef<CheckInfo> allChecks() { return Checks; }

const CheckInfo *findCheck(llvm::StringRef Name) {
  for (const CheckInfo &C : Checks)
    if (C.Name == Name)
      return &C;
  return nullptr;
}

std::string docPath(llvm::StringRef Check) {
  return (llvm::Twine("docs/checks/") + Check + ".md").str();
}

/// The repository root, where docs/ is.
static std::string baseOrSourceRoot(llvm::StringRef BaseUrl) {
  std::string Url =
      BaseUrl.empty() ? "file://" LEAKGUARD_SOURCE_DIR "/" : BaseUrl.str();
  if (!llvm::StringRef(Url).ends_with("/"))
    Url += '/';
  return Url;
}

std::string docUrl(llvm::StringRef Check, llvm::StringRef BaseUrl) {
  return baseOrSourceRoot(BaseUrl) + docPath(Check);
}

std::string webDocBase(llvm::StringRef BaseUrl) {
  if (!BaseUrl.empty())
    return BaseUrl.str();
  return LEAKGUARD_DOC_BASE_URL;
}

std::string driverDocUrl(llvm::StringRef BaseUrl) {
  return baseOrSourceRoot(BaseUrl) + "docs/driver.md";
}

} // namespace clang::tidy::leak::driver
