//===--- SummariesReport.h - leakguard summaries ----------------*- C++ -*-===//
//
// `leakguard summaries STORE [NAME...]` prints what the project's summary
// store says of each function and constant, as the checks read it (forwards
// resolved, functions defined twice left out): the answer to "why does
// LeakGuard think this function borrows the buffer?".
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_SUMMARIESREPORT_H
#define LEAKGUARD_DRIVER_SUMMARIESREPORT_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/raw_ostream.h"
#include <string>

namespace clang::tidy::leak::driver {

/// Prints the summaries of the store at \p Store whose name contains one of
/// \p Names (all when empty); returns the exit code (2 when the store cannot
/// be read, with the reason on stderr).
int printSummaries(llvm::StringRef Store, llvm::ArrayRef<std::string> Names,
                   llvm::raw_ostream &OS);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_SUMMARIESREPORT_H
