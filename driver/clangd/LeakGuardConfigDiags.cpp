//===--- LeakGuardConfigDiags.cpp - Configuration problems in the editor --===//
//
// clang-tidy reports problems with its configuration (an invalid option value
// such as `leak-unbounded-cache.RetainedCapacity: maybe`, a rule file a check
// cannot use) through ClangTidyContext::configurationDiag, as warnings without
// a source location. clangd shows a location-less diagnostic only when it is
// an error, which it places at the start of the main file; warnings are
// dropped, so a typo in .clang-tidy would silently change what the checks do.
//
// The link wraps configurationDiag (`--wrap` in CMakeLists.txt) with the
// function below, which raises such warnings to errors: the editor then shows
// them on the first line of every file they affect, as
// "[clang-tidy-config] invalid configuration value ...".
//
// The wrapper has the signature of the member function with the object as its
// first parameter. Under the Itanium C++ ABI used on every target LeakGuard
// builds for, a member function and such a free function are called alike
// (the hidden result pointer first, then the object, then the parameters).
//
//===----------------------------------------------------------------------===//

#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/DiagnosticIDs.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy {
class ClangTidyContext;
} // namespace clang::tidy

namespace clang::leakguard {

// clang-tidy's own ClangTidyContext::configurationDiag.
DiagnosticBuilder clangTidyConfigurationDiag(
    tidy::ClangTidyContext *Context, llvm::StringRef Message,
    DiagnosticIDs::Level Level) __asm__("__real_" LEAKGUARD_CONFIG_DIAG_SYMBOL);

// Every call to ClangTidyContext::configurationDiag lands here.
DiagnosticBuilder configurationDiag(
    tidy::ClangTidyContext *Context, llvm::StringRef Message,
    DiagnosticIDs::Level Level) __asm__("__wrap_" LEAKGUARD_CONFIG_DIAG_SYMBOL);

DiagnosticBuilder configurationDiag(tidy::ClangTidyContext *Context,
                                    llvm::StringRef Message,
                                    DiagnosticIDs::Level Level) {
  if (Level == DiagnosticIDs::Warning)
    Level = DiagnosticIDs::Error;
  return clangTidyConfigurationDiag(Context, Message, Level);
}

} // namespace clang::leakguard
