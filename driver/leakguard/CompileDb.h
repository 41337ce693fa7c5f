//===--- CompileDb.h - Translation units to analyse -------------*- C++ -*-===//

#ifndef LEAKGUARD_DRIVER_COMPILEDB_H
#define LEAKGUARD_DRIVER_COMPILEDB_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>
#include <vector>

namespace clang::tooling {
class CompilationDatabase;
} // namespace clang::tooling

namespace clang::tidy::leak::driver {

/// One entry of compile_commands.json.
struct Unit {
  std::string File; ///< Absolute, normalized.
  std::string Directory;
  std::vector<std::string> Arguments;
};

/// Finds the directory holding compile_commands.json: \p BuildDir when
/// given, else the current directory, else ./build.
llvm::Expected<std::string> findBuildDir(llvm::StringRef BuildDir);

/// The units of \p BuildDir's compilation database, ordered by file (a
/// file's entries that are analysedAlike counted once); when
/// \p Paths is not empty only those that are one of them or lie below one.
/// A path that selects nothing is an error. Entries that do not compile C
/// or C++ (assembly, other languages) are left out and counted in
/// \p NotCOrCxx when given.
llvm::Expected<std::vector<Unit>> loadUnits(llvm::StringRef BuildDir,
                                            llvm::ArrayRef<std::string> Paths,
                                            size_t *NotCOrCxx = nullptr);

/// True when two compile commands of one file differ only in what changes
/// the build's outputs, not what the analysis sees: the output and
/// dependency files, `-fPIC`/`-fPIE`, CMake's `-D<target>_EXPORTS`, `-c`.
/// Such entries (a source built into a static and a shared library) are
/// one unit.
bool analysedAlike(llvm::ArrayRef<std::string> A,
                   llvm::ArrayRef<std::string> B);

/// The same for a database already loaded (\p DbPath names it in errors).
llvm::Expected<std::vector<Unit>>
unitsOf(const tooling::CompilationDatabase &Db, llvm::StringRef DbPath,
        llvm::ArrayRef<std::string> Paths, size_t *NotCOrCxx = nullptr);

/// The flags of \p Arguments (a compile command, the compiler first) that
/// clang does not know: GCC-only flags such as
/// `-fconcepts-diagnostics-depth=2`, which would make clang reject the
/// unit.
std::vector<std::string>
flagsClangRejects(llvm::ArrayRef<std::string> Arguments);

/// The flags of \p Arguments that would load code into the compiler
/// (`-fplugin=`, `-fpass-plugin=`, `-Xclang -load -Xclang LIB`,
/// `-Xclang -plugin ...`, `-load LIB`), each with its value: the first and
/// last index of each.
std::vector<std::pair<size_t, size_t>>
codeLoadingFlags(llvm::ArrayRef<std::string> Arguments);

/// What adaptCommands left out, each spelling once.
struct DroppedFlags {
  /// Flags clang does not know (GCC-only).
  std::vector<std::string> Unknown;
  /// Flags that would load code into the compiler: the analysed project
  /// must not make LeakGuard run its code.
  std::vector<std::string> LoadCode;
};

/// Makes each unit's command one clang accepts and that runs nothing of the
/// project's: \p Before inserted after the compiler
/// (`--target=arm-none-eabi`), \p After appended, and the flags clang does
/// not know and those that load code dropped (recorded in \p Dropped).
void adaptCommands(std::vector<Unit> &Units, llvm::ArrayRef<std::string> Before,
                   llvm::ArrayRef<std::string> After, DroppedFlags &Dropped);

/// True when the compile command \p Arguments for \p File compiles C or
/// C++ (by its `-x` language, else by the file's extension).
bool compilesCOrCxx(llvm::StringRef File,
                    llvm::ArrayRef<std::string> Arguments);

/// \p Path made absolute (against the current directory) and normalized.
std::string absolutePath(llvm::StringRef Path);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_COMPILEDB_H
