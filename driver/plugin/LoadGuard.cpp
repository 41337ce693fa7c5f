//===--- LoadGuard.cpp - Refuse to load into the wrong clang-tidy --------===//
//
// clang-tidy loads libLeakGuard.so with --load. This library has no LLVM
// dependency of its own: it asks the host process which LLVM it runs on and,
// only when that is the LLVM the checks were built against, loads
// libLeakGuardChecks.so (which registers the leak-* checks) from its own
// directory. Any mismatch ends the run with one clear line instead of an
// undefined-symbol error or, worse, a silent run without the checks.
//
//===----------------------------------------------------------------------===//

#include <cstdio>
#include <cstdlib>
#include <dlfcn.h>
#include <string>

namespace {

using GetVersionFn = void (*)(unsigned *, unsigned *, unsigned *);

std::string hostLLVMVersion(bool &Matches) {
  Matches = false;
  // LLVMGetVersion is part of the stable C API since LLVM 16; an older host
  // lacks it, which is itself a mismatch.
  auto *GetVersion =
      reinterpret_cast<GetVersionFn>(dlsym(RTLD_DEFAULT, "LLVMGetVersion"));
  if (!GetVersion)
    return "an LLVM older than 16 or none";
  unsigned Major = 0, Minor = 0, Patch = 0;
  GetVersion(&Major, &Minor, &Patch);
  Matches = Major == LEAKGUARD_LLVM_MAJOR && Minor == LEAKGUARD_LLVM_MINOR;
  return "LLVM " + std::to_string(Major) + "." + std::to_string(Minor) + "." +
         std::to_string(Patch);
}

std::string ownDirectory() {
  Dl_info Info;
  if (!dladdr(reinterpret_cast<void *>(&ownDirectory), &Info) ||
      !Info.dli_fname)
    return ".";
  std::string Path = Info.dli_fname;
  std::string::size_type Slash = Path.rfind('/');
  return Slash == std::string::npos ? "." : Path.substr(0, Slash);
}

[[noreturn]] void refuse(const std::string &Why) {
  std::fprintf(stderr, "error: LeakGuard: %s\n", Why.c_str());
  std::fflush(stderr);
  std::_Exit(2);
}

__attribute__((constructor)) void loadLeakGuardChecks() {
  bool Matches = false;
  std::string Host = hostLLVMVersion(Matches);
  if (!Matches)
    refuse("libLeakGuard.so was built for clang-tidy " LEAKGUARD_LLVM_VERSION
           " but this clang-tidy runs on " +
           Host + "; use clang-tidy-" + std::to_string(LEAKGUARD_LLVM_MAJOR) +
           " or rebuild LeakGuard against this LLVM");
  std::string Checks = ownDirectory() + "/" LEAKGUARD_CHECKS_LIBRARY;
  if (!dlopen(Checks.c_str(), RTLD_NOW | RTLD_GLOBAL)) {
    const char *Error = dlerror();
    refuse("cannot load the checks: " +
           std::string(Error ? Error : Checks.c_str()));
  }
}

} // namespace
