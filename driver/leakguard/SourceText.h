//===--- SourceText.h - Source lines for reports ----------------*- C++ -*-===//
//
// Reports quote the flagged source line; fingerprints hash it. SourceFiles
// reads each file once and answers line queries.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_SOURCETEXT_H
#define LEAKGUARD_DRIVER_SOURCETEXT_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBuffer.h"
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace clang::tidy::leak::driver {

class SourceFiles {
public:
  /// Line \p Line (1-based) of \p File without its line terminator; empty
  /// when the file or the line does not exist.
  llvm::StringRef line(llvm::StringRef File, unsigned Line);

private:
  struct Text {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<size_t> LineStarts;
  };
  const Text &get(llvm::StringRef File);
  llvm::StringMap<Text> Files;
};

/// The 1-based line and byte column of \p Offset in \p Text.
std::pair<unsigned, unsigned> lineAndColumn(llvm::StringRef Text,
                                            unsigned Offset);

/// Whether writeFileAtomically could write \p Path: its directory exists
/// and is writable, and \p Path is not a directory. Checked before the
/// analysis, so that a bad report path does not waste a whole run.
llvm::Error checkWritable(llvm::StringRef Path);

/// Writes \p Path through a temporary file renamed into place, so an
/// interrupted run never leaves a half-written report. "-" is stdout.
llvm::Error
writeFileAtomically(llvm::StringRef Path,
                    const std::function<void(llvm::raw_ostream &)> &Write);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_SOURCETEXT_H
