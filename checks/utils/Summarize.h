//===--- Summarize.h - A function's summary for other units -----*- C++ -*-===//
//
// Computes what ProjectSummaries.h stores for one function or global of the
// unit, from the same readers the checks use on bodies in their own unit:
// FunctionSummaries (never returns, constant result), ReturnedResources
// (fresh resource returned) and Escape (parameter kept or borrowed).
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_SUMMARIZE_H
#define LEAKGUARD_CHECKS_UTILS_SUMMARIZE_H

#include "FunctionSummaries.h"
#include "ProjectSummaries.h"
#include "ResourceFlow.h"

namespace clang::tidy::leak::utils {

/// The summary of \p Def, a definition other units may call.
ExternalSummary summarizeFunction(const FunctionDecl *Def,
                                  const ApiModel &Model,
                                  const EscapeOptions &Options,
                                  FunctionSummaries &Summaries,
                                  ReturnedResources &Returned);

/// The value of \p Var when it is a global of integer type with a constant
/// initializer other units may read: `const int GlobalConstFive = 5;`, or
/// `int GlobalFive = 5;` (mutable: a constant while nobody writes it).
std::optional<ExternalConstant> summarizeConstant(const VarDecl *Var);

/// The USRs of the globals of external linkage the unit writes or gives
/// away (UnitSummaries::Written).
std::vector<std::string> writtenGlobalUsrs(FunctionSummaries &Summaries);

/// Writes \p S as JSON to \p Path through a temporary file, so that a
/// reader never sees half of it.
llvm::Error writeUnitSummaries(llvm::StringRef Path, const UnitSummaries &S);

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_SUMMARIZE_H
