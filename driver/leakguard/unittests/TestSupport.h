//===--- TestSupport.h - Helpers of the driver's unit tests -----*- C++ -*-===//
//
// A temporary directory that the test fills with files and that is removed
// when the test ends, and small builders of findings.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_UNITTESTS_TESTSUPPORT_H
#define LEAKGUARD_DRIVER_UNITTESTS_TESTSUPPORT_H

#include "Finding.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "gtest/gtest.h"
#include <string>

namespace clang::tidy::leak::driver::test {

/// A fresh directory below the system's temporary directory, removed with
/// everything in it on destruction. Its path has symlinks resolved so that it
/// compares equal to what git and realpath report.
class TempDir {
public:
  TempDir() {
    llvm::SmallString<256> Created;
    EXPECT_FALSE(
        llvm::sys::fs::createUniqueDirectory("leakguard-driver-test", Created));
    llvm::SmallString<256> Real;
    if (llvm::sys::fs::real_path(Created, Real))
      Real = Created;
    Root = std::string(Real);
  }
  ~TempDir() { EXPECT_FALSE(llvm::sys::fs::remove_directories(Root)); }
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  const std::string &path() const { return Root; }

  /// The absolute path of \p Rel inside the directory.
  std::string path(llvm::StringRef Rel) const {
    llvm::SmallString<256> P(Root);
    llvm::sys::path::append(P, Rel);
    return std::string(P);
  }

  /// Writes \p Content to \p Rel, creating parent directories; returns the
  /// absolute path.
  std::string write(llvm::StringRef Rel, llvm::StringRef Content) const {
    std::string P = path(Rel);
    EXPECT_FALSE(
        llvm::sys::fs::create_directories(llvm::sys::path::parent_path(P)));
    std::error_code EC;
    llvm::raw_fd_ostream OS(P, EC);
    EXPECT_FALSE(EC) << P;
    OS << Content;
    return P;
  }

  std::string read(llvm::StringRef Rel) const {
    auto Buffer = llvm::MemoryBuffer::getFile(path(Rel));
    return Buffer ? (*Buffer)->getBuffer().str() : "<unreadable>";
  }

private:
  std::string Root;
};

/// The message of \p E's error, or "<success>".
template <typename T> std::string errorMessage(llvm::Expected<T> E) {
  if (E)
    return "<success>";
  return llvm::toString(E.takeError());
}

inline Location loc(llvm::StringRef File, unsigned Line, unsigned Column = 1,
                    unsigned Offset = 0) {
  Location L;
  L.File = File.str();
  L.Line = Line;
  L.Column = Column;
  L.Offset = Offset;
  return L;
}

inline Finding finding(llvm::StringRef Check, llvm::StringRef Message,
                       Location L) {
  Finding F;
  F.Check = Check.str();
  F.Message = Message.str();
  F.Loc = std::move(L);
  return F;
}

} // namespace clang::tidy::leak::driver::test

#endif // LEAKGUARD_DRIVER_UNITTESTS_TESTSUPPORT_H
