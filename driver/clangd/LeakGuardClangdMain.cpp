//===--- LeakGuardClangdMain.cpp - clangd with LeakGuard's checks --------===//
//
// leakguard-clangd is clangd 22 itself (every feature, tweak and option) with
// the leak-* clang-tidy checks linked in. Users enable them in .clang-tidy as
// for any other check.
//
//===----------------------------------------------------------------------===//

#include "SourceHash.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdlib>
#include <vector>

namespace clang {
namespace clangd {
// Defined in libclangdMain.a; its header is not part of the LLVM packages.
int clangdMain(int Argc, char *Argv[]);
} // namespace clangd

namespace tidy {
// Keeps the object that registers the leak module in the link.
extern volatile int LeakGuardModuleAnchorSource;
} // namespace tidy
} // namespace clang

// NOLINTNEXTLINE(misc-use-internal-linkage)
volatile int LeakGuardModuleAnchorDestination =
    clang::tidy::LeakGuardModuleAnchorSource;

static bool setsResourceDir(llvm::StringRef Arg) {
  return Arg.starts_with("--resource-dir") || Arg.starts_with("-resource-dir");
}

int main(int argc, char *argv[]) {
  // A custom clangd derives clang's resource directory from its own path and
  // would miss the builtin headers; use LLVM 22's unless the user chose one.
  std::vector<char *> Args(argv, argv + argc);
  static char ResourceDirFlag[] =
      "--resource-dir=" LEAKGUARD_CLANG_RESOURCE_DIR;
  bool HasResourceDir = false;
  for (int I = 1; I < argc; ++I) {
    llvm::StringRef Arg = argv[I];
    if (Arg == "--")
      break;
    HasResourceDir |= setsResourceDir(Arg);
  }
  // clangd also reads options from $CLANGD_FLAGS; the option may be given once.
  if (const char *EnvFlags = std::getenv("CLANGD_FLAGS"))
    HasResourceDir |= llvm::StringRef(EnvFlags).contains("resource-dir");
  if (!HasResourceDir)
    Args.insert(Args.begin() + 1, ResourceDirFlag);
  // Which LeakGuard this clangd contains, before clangd's own version.
  for (int I = 1; I < argc; ++I)
    if (llvm::StringRef(argv[I]) == "--version" ||
        llvm::StringRef(argv[I]) == "-version")
      llvm::outs() << "LeakGuard " LEAKGUARD_VERSION
                      " (commit " LEAKGUARD_COMMIT ")\n";
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size()) - 1,
                                   Args.data());
}
