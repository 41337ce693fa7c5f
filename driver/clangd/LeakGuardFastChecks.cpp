//===--- LeakGuardFastChecks.cpp - clangd's fast-check table + leak-* ----===//
//
// clangd runs a clang-tidy check only when its compiled-in table calls the
// check fast, unless the user relaxes Diagnostics.ClangTidy.FastCheckFilter in
// .clangd. The table cannot know LeakGuard's checks, so stock logic would drop
// them silently. The link wraps clangd's lookup
// (clang::clangd::isFastTidyCheck, `--wrap` in CMakeLists.txt) with the one
// below: leak-* checks are fast (their cost is measured by
// bench/clangd_latency.py), every other check keeps clangd's own answer.
//
//===----------------------------------------------------------------------===//

#include "llvm/ADT/StringRef.h"
#include <optional>

namespace clang::leakguard {

// clangd's own classification, reached under the linker's __real_ alias.
std::optional<bool> clangdIsFastTidyCheck(llvm::StringRef Check) __asm__(
    "__real_" LEAKGUARD_FAST_CHECK_SYMBOL);

// Every call clangd makes to isFastTidyCheck lands here.
std::optional<bool> isFastTidyCheck(llvm::StringRef Check) __asm__(
    "__wrap_" LEAKGUARD_FAST_CHECK_SYMBOL);

std::optional<bool> isFastTidyCheck(llvm::StringRef Check) {
  if (Check.starts_with("leak-"))
    return true;
  return clangdIsFastTidyCheck(Check);
}

} // namespace clang::leakguard
