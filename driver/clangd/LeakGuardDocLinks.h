//===--- LeakGuardDocLinks.h - Documentation links of leak-* diagnostics --===//

#ifndef LEAKGUARD_DRIVER_CLANGD_LEAKGUARDDOCLINKS_H
#define LEAKGUARD_DRIVER_CLANGD_LEAKGUARDDOCLINKS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang::leakguard {

/// Copies LSP messages from \p From to \p To until \p From ends, pointing
/// the documentation link of each leak-* diagnostic at \p Base +
/// docs/checks/<check>.md, or removing it when \p Base is empty. Output that
/// is not LSP framing passes through untouched.
void relayMessages(int From, int To, llvm::StringRef Base);

/// Where LeakGuard's documentation is: $LEAKGUARD_DOC_BASE_URL, else the
/// base LeakGuard was built with (empty: none).
std::string docBaseUrl();

} // namespace clang::leakguard

#endif // LEAKGUARD_DRIVER_CLANGD_LEAKGUARDDOCLINKS_H
