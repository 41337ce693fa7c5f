//===--- LeakTidyModule.cpp - LeakGuard's clang-tidy module --------------===//
//
// Registers every leak-* check, alphabetically. Linked into the clang-tidy
// plugin, the leakguard driver and leakguard-clangd.
//
//===----------------------------------------------------------------------===//

#include "RaiiGapInLoopCheck.h"
#include "UnboundedCacheCheck.h"
#include "UnboundedSpawnCheck.h"
#include "UncancelledWaitCheck.h"
#include "UnjoinedThreadCheck.h"
#include "UnreleasedResourceCheck.h"
#include "clang-tidy/ClangTidyModule.h"

namespace clang::tidy {
namespace leak {

class LeakModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &CheckFactories) override {
    CheckFactories.registerCheck<RaiiGapInLoopCheck>("leak-raii-gap-in-loop");
    CheckFactories.registerCheck<UnboundedCacheCheck>("leak-unbounded-cache");
    CheckFactories.registerCheck<UnboundedSpawnCheck>("leak-unbounded-spawn");
    CheckFactories.registerCheck<UncancelledWaitCheck>("leak-uncancelled-wait");
    CheckFactories.registerCheck<UnjoinedThreadCheck>("leak-unjoined-thread");
    CheckFactories.registerCheck<UnreleasedResourceCheck>(
        "leak-unreleased-resource");
  }
};

} // namespace leak

static ClangTidyModuleRegistry::Add<leak::LeakModule>
    X("leak-module", "Adds LeakGuard's leak-* checks.");

// Referenced by the front ends that link the checks statically, so the linker
// keeps this registration.
// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int LeakGuardModuleAnchorSource = 0;

} // namespace clang::tidy
