//===--- RuleOptions.h - The API model a check is configured with -*- C++
//-*-===//
//
// Reads the RulePacks and RuleFiles options (check-local or global, so one
// CheckOptions entry serves every leak-* check), resolves relative rule-file
// paths against the .clang-tidy file that names them, and returns the cached
// ApiModel. Problems with rule files are reported once per translation unit
// as a warning at the start of the main file (clangd drops diagnostics
// without a location).
//
// Usage in a check:
//   MyCheck(StringRef Name, ClangTidyContext *Context)
//       : ClangTidyCheck(Name, Context), Rules(Name, Options, Context) {}
//   void registerPPCallbacks(const SourceManager &SM, Preprocessor *,
//                            Preprocessor *) override {
//     Rules.reportErrors(*this, SM);
//   }
//   ... Rules.model().findAcquirer(...)
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_RULEOPTIONS_H
#define LEAKGUARD_CHECKS_UTILS_RULEOPTIONS_H

#include "ApiModel.h"
#include "RuleLoader.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::leak::utils {

/// The rules one check instance runs with.
class CheckRules {
public:
  CheckRules(llvm::StringRef CheckName,
             const ClangTidyCheck::OptionsView &Options,
             ClangTidyContext *Context);

  const ApiModel &model() const { return Loaded->Model; }
  const std::vector<RuleDiagnostic> &errors() const { return Loaded->Errors; }

  /// Emits each problem as "LeakGuard rule file 'F':L:C: ..." at the start of
  /// the main file. Of the leak-* checks enabled with the same rule options,
  /// only the first (by name) reports, so each problem appears once per
  /// translation unit. Call it from registerPPCallbacks().
  void reportErrors(ClangTidyCheck &Check, const SourceManager &SM) const;

  /// Writes RulePacks and RuleFiles back (for --dump-config).
  void storeOptions(const ClangTidyCheck::OptionsView &Options,
                    ClangTidyOptions::OptionMap &Opts) const;

private:
  const LoadedRules *Loaded;
  std::string PacksOption;
  std::string FilesOption;
  bool Reporter = true;
};

/// The model for a check's options (see CheckRules); problems are not
/// reported.
const ApiModel &apiModelFor(const ClangTidyCheck::OptionsView &Options,
                            ClangTidyContext *Context);

/// The directory relative rule-file paths are resolved against for
/// \p MainFile: the directory of the nearest .clang-tidy above it that sets
/// RuleFiles (following InheritParentConfig upwards), else of the nearest
/// .clang-tidy, else the current directory.
std::string ruleFileBaseDirectory(llvm::StringRef MainFile);

/// \p Value (the RuleFiles option) split into absolute paths.
std::vector<std::string> resolveRuleFiles(llvm::StringRef Value,
                                          llvm::StringRef MainFile);

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_RULEOPTIONS_H
