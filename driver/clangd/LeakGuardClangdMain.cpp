//===--- LeakGuardClangdMain.cpp - clangd with LeakGuard's checks --------===//
//
// leakguard-clangd is clangd 22 itself (every feature, tweak and option) with
// the leak-* clang-tidy checks linked in. Users enable them in .clang-tidy as
// for any other check.
//
//===----------------------------------------------------------------------===//

#include "LeakGuardDocLinks.h"
#include "SourceHash.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <unistd.h>
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

/// True when clangd runs for an editor (an LSP session on stdin/stdout), not
/// for one of its command-line modes.
static bool servesAnEditor(int Argc, char *Argv[]) {
  for (int I = 1; I < Argc; ++I) {
    llvm::StringRef Arg = Argv[I];
    if (Arg.starts_with("--check") || Arg.starts_with("-check") ||
        Arg == "--version" || Arg == "-version" || Arg.starts_with("--help") ||
        Arg.starts_with("-help"))
      return false;
  }
  return true;
}

/// Runs clangd with its output relayed through a pipe that rewrites the
/// documentation links of leak-* diagnostics (LeakGuardDocLinks.h). Without
/// a pipe, clangd runs as is.
static int runWithRelay(int Argc, char **Argv) {
  int Pipe[2];
  if (::pipe(Pipe) != 0)
    return clang::clangd::clangdMain(Argc, Argv);
  int Editor = ::dup(STDOUT_FILENO);
  if (Editor < 0 || ::dup2(Pipe[1], STDOUT_FILENO) < 0) {
    if (Editor >= 0)
      ::close(Editor);
    ::close(Pipe[0]);
    ::close(Pipe[1]);
    return clang::clangd::clangdMain(Argc, Argv);
  }
  ::close(Pipe[1]);
  std::string Base = clang::leakguard::docBaseUrl();
  std::thread Relay(
      [&] { clang::leakguard::relayMessages(Pipe[0], Editor, Base); });
  int Code = clang::clangd::clangdMain(Argc, Argv);
  // The relay ends when the last writer of the pipe is gone.
  llvm::outs().flush();
  std::fflush(stdout);
  ::close(STDOUT_FILENO);
  Relay.join();
  ::close(Pipe[0]);
  ::dup2(Editor, STDOUT_FILENO);
  ::close(Editor);
  return Code;
}

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
  int ArgCount = static_cast<int>(Args.size()) - 1;
  if (servesAnEditor(argc, argv))
    return runWithRelay(ArgCount, Args.data());
  return clang::clangd::clangdMain(ArgCount, Args.data());
}
