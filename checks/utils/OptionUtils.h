//===--- OptionUtils.h - Reading LeakGuard's check options ----*- C++ -*-===//
//
// Helpers every check uses to read its CheckOptions: semicolon-separated name
// lists and booleans. An invalid boolean is reported the way clang-tidy
// reports its own (so clangd and the driver show it) and the default is used.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_OPTIONUTILS_H
#define LEAKGUARD_CHECKS_UTILS_OPTIONUTILS_H

#include "clang-tidy/ClangTidyCheck.h"
#include <string>
#include <vector>

namespace clang::tidy::leak::utils {

/// Splits "a; b;;c" into {"a", "b", "c"}: trimmed, empty items dropped.
std::vector<std::string> splitList(StringRef List);

/// Joins \p Items with ';' (the inverse of splitList, for storeOptions).
std::string joinList(const std::vector<std::string> &Items);

/// Reads boolean option \p Name of check \p CheckName. Accepts
/// true/false/1/0/yes/no/on/off in any case; anything else is reported as an
/// invalid configuration value and yields \p Default.
bool readBoolOption(const ClangTidyCheck::OptionsView &Options,
                    ClangTidyContext *Context, StringRef CheckName,
                    StringRef Name, bool Default);

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_OPTIONUTILS_H
