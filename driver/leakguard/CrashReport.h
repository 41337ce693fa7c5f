//===--- CrashReport.h - A reproducer for a crashed unit --------*- C++ -*-===//
//
// When the analysis of a unit crashes, the user cannot send us their code,
// but they can send a reproducer: the preprocessed unit (made by LeakGuard's
// own clang, not the project's compiler), its command line, LeakGuard's
// version and the configuration the unit ran with, and the crash's output.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_CRASHREPORT_H
#define LEAKGUARD_DRIVER_CRASHREPORT_H

#include "CompileDb.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/Error.h"
#include <string>

namespace clang::tidy::leak::driver {

/// Writes a reproducer of \p U's crash (its worker's output \p CrashOutput)
/// into a new directory under the system's temporary directory and returns
/// that directory.
llvm::Expected<std::string>
writeCrashReproducer(const Unit &U, ClangTidyOptionsProvider &Provider,
                     llvm::StringRef CrashOutput);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_CRASHREPORT_H
