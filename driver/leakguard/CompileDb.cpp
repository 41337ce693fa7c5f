//===--- CompileDb.cpp - Translation units to analyse ---------------------===//

#include "CompileDb.h"
#include "clang/Options/Options.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include <algorithm>
#include <optional>

namespace clang::tidy::leak::driver {

std::string absolutePath(llvm::StringRef Path) {
  llvm::SmallString<256> P(Path);
  if (llvm::sys::fs::make_absolute(P))
    return Path.str();
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

static bool hasDatabase(llvm::StringRef Dir) {
  llvm::SmallString<256> P(Dir);
  llvm::sys::path::append(P, "compile_commands.json");
  return llvm::sys::fs::exists(P);
}

/// How to get a compilation database, for the error that none was found.
static constexpr const char *HowToGetADatabase =
    "\n  make one: CMake: cmake -DCMAKE_EXPORT_COMPILE_COMMANDS=ON; Make or "
    "autotools: bear -- make (Debian's bear); Meson: its build directory has "
    "one; Bazel: a compile-commands extractor (see docs/ci.md)";

llvm::Expected<std::string> findBuildDir(llvm::StringRef BuildDir) {
  if (!BuildDir.empty()) {
    if (!hasDatabase(BuildDir))
      return llvm::createStringError("no compile_commands.json in %s%s",
                                     BuildDir.str().c_str(), HowToGetADatabase);
    return absolutePath(BuildDir);
  }
  for (llvm::StringRef Candidate : {".", "build"})
    if (hasDatabase(Candidate))
      return absolutePath(Candidate);
  return llvm::createStringError(
      "no compile_commands.json in the current directory or build/ (use "
      "-p)%s",
      HowToGetADatabase);
}

static bool isUnder(llvm::StringRef File, llvm::StringRef Path) {
  if (File == Path)
    return true;
  llvm::StringRef Dir = Path;
  Dir.consume_back("/");
  return File.starts_with(Dir) && File.size() > Dir.size() &&
         File[Dir.size()] == '/';
}

bool compilesCOrCxx(llvm::StringRef File,
                    llvm::ArrayRef<std::string> Arguments) {
  // The last `-x LANG` (or `-xLANG`) before the file decides.
  std::optional<llvm::StringRef> Language;
  for (size_t I = 0; I < Arguments.size(); ++I) {
    llvm::StringRef Arg = Arguments[I];
    if ((Arg == "-x" || Arg == "--language") && I + 1 < Arguments.size())
      Language = Arguments[++I];
    else if (Arg.starts_with("-x") && Arg.size() > 2)
      Language = Arg.drop_front(2);
  }
  if (Language)
    return llvm::StringSwitch<bool>(*Language)
        .Cases({"c", "c++", "c-header", "c++-header", "cpp-output"}, true)
        .Cases({"c++-cpp-output", "c++-module", "c++-system-header"}, true)
        .Cases({"c++-user-header", "objective-c", "objective-c++"}, true)
        .Default(false);
  llvm::StringRef Ext = llvm::sys::path::extension(File);
  return llvm::StringSwitch<bool>(Ext)
      .Cases({".c", ".cc", ".cpp", ".cxx", ".c++", ".C", ".cp", ".CPP"}, true)
      .Cases({".h", ".hh", ".hpp", ".hxx", ".H", ".inl", ".ipp", ".tcc"}, true)
      .Cases({".i", ".ii", ".m", ".mm", ".cppm", ".ixx"}, true)
      .Default(false);
}

llvm::Expected<std::vector<Unit>> loadUnits(llvm::StringRef BuildDir,
                                            llvm::ArrayRef<std::string> Paths,
                                            size_t *NotCOrCxx) {
  llvm::SmallString<256> DbPath(BuildDir);
  llvm::sys::path::append(DbPath, "compile_commands.json");
  std::string Error;
  std::unique_ptr<tooling::JSONCompilationDatabase> Db =
      tooling::JSONCompilationDatabase::loadFromFile(
          DbPath, Error, tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Db)
    return llvm::createStringError("cannot load %s: %s", DbPath.c_str(),
                                   Error.c_str());
  return unitsOf(*Db, DbPath, Paths, NotCOrCxx);
}

llvm::Expected<std::vector<Unit>>
unitsOf(const tooling::CompilationDatabase &Db, llvm::StringRef DbPath,
        llvm::ArrayRef<std::string> Paths, size_t *NotCOrCxx) {
  std::vector<std::string> Filters;
  for (const std::string &P : Paths)
    Filters.push_back(absolutePath(P));
  std::vector<bool> Used(Filters.size(), false);
  std::vector<Unit> Units;
  std::vector<tooling::CompileCommand> Commands = Db.getAllCompileCommands();
  // An empty database (a build that was never configured, a generator that
  // wrote nothing) would make a run that checks nothing pass.
  if (Commands.empty())
    return llvm::createStringError(
        "%s has no entries: configure the build to write its compile "
        "commands (CMake: -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)",
        DbPath.str().c_str());
  for (tooling::CompileCommand &C : Commands) {
    llvm::SmallString<256> File(C.Filename);
    if (!llvm::sys::path::is_absolute(File)) {
      File = C.Directory;
      llvm::sys::path::append(File, C.Filename);
    }
    llvm::sys::path::remove_dots(File, /*remove_dot_dot=*/true);
    bool Selected = Filters.empty();
    for (size_t I = 0; I < Filters.size(); ++I) {
      if (isUnder(File, Filters[I])) {
        Selected = true;
        Used[I] = true;
      }
    }
    if (!Selected)
      continue;
    if (!compilesCOrCxx(File, C.CommandLine)) {
      if (NotCOrCxx)
        ++*NotCOrCxx;
      continue;
    }
    Units.push_back({std::string(File), C.Directory, C.CommandLine});
  }
  for (size_t I = 0; I < Filters.size(); ++I) {
    if (!Used[I])
      return llvm::createStringError(
          "%s: no translation unit of the compilation database is there",
          Paths[I].c_str());
  }
  std::stable_sort(
      Units.begin(), Units.end(),
      [](const Unit &A, const Unit &B) { return A.File < B.File; });
  // A file built twice for the analysis' purposes alike (a static and a
  // shared library: `-fPIC`, `-Dlib_EXPORTS`, another `-o`) is one unit.
  Units.erase(std::unique(Units.begin(), Units.end(),
                          [](const Unit &A, const Unit &B) {
                            return A.File == B.File &&
                                   A.Directory == B.Directory &&
                                   analysedAlike(A.Arguments, B.Arguments);
                          }),
              Units.end());
  return Units;
}

/// \p Arguments without what only changes the build's outputs: the output
/// and dependency files, position-independent code, CMake's
/// `-D<target>_EXPORTS` for shared libraries, `-c`.
static std::vector<llvm::StringRef>
analysisArguments(llvm::ArrayRef<std::string> Arguments) {
  std::vector<llvm::StringRef> Kept;
  for (size_t I = 0; I < Arguments.size(); ++I) {
    llvm::StringRef A = Arguments[I];
    if (A == "-o" || A == "-MF" || A == "-MT" || A == "-MQ") {
      ++I; // And its value.
      continue;
    }
    if ((A.starts_with("-o") && A.size() > 2) || A.starts_with("-MF") ||
        A.starts_with("-MT") || A.starts_with("-MQ") || A == "-MD" ||
        A == "-MMD" || A == "-MP" || A == "-c" || A == "-fPIC" ||
        A == "-fpic" || A == "-fPIE" || A == "-fpie" ||
        (A.starts_with("-D") && A.ends_with("_EXPORTS")))
      continue;
    Kept.push_back(A);
  }
  return Kept;
}

bool analysedAlike(llvm::ArrayRef<std::string> A,
                   llvm::ArrayRef<std::string> B) {
  return analysisArguments(A) == analysisArguments(B);
}

std::vector<std::string>
flagsClangRejects(llvm::ArrayRef<std::string> Arguments) {
  std::vector<std::string> Unknown;
  if (Arguments.size() < 2)
    return Unknown;
  std::vector<const char *> Argv;
  for (const std::string &A : Arguments.drop_front())
    Argv.push_back(A.c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::InputArgList Parsed = clang::getDriverOptTable().ParseArgs(
      Argv, MissingIndex, MissingCount,
      llvm::opt::Visibility(clang::options::ClangOption));
  for (const llvm::opt::Arg *A : Parsed.filtered(clang::options::OPT_UNKNOWN))
    Unknown.push_back(A->getSpelling().str());
  return Unknown;
}

std::vector<std::pair<size_t, size_t>>
codeLoadingFlags(llvm::ArrayRef<std::string> Arguments) {
  std::vector<std::pair<size_t, size_t>> Found;
  auto LoadsCode = [](llvm::StringRef A) {
    return A.starts_with("-fplugin") || A.starts_with("-fpass-plugin") ||
           A.starts_with("-load") || A.starts_with("-plugin") ||
           A.starts_with("-add-plugin");
  };
  for (size_t I = 1; I < Arguments.size(); ++I) {
    llvm::StringRef A = Arguments[I];
    size_t First = I;
    if (A.starts_with("-fplugin") || A.starts_with("-fpass-plugin")) {
      Found.push_back({First, I});
    } else if (A == "-load") {
      if (I + 1 < Arguments.size())
        ++I;
      Found.push_back({First, I});
    } else if (A == "-Xclang" && I + 1 < Arguments.size() &&
               LoadsCode(Arguments[I + 1])) {
      // `-Xclang -load -Xclang LIB`: the value comes through -Xclang too.
      bool TakesValue = Arguments[I + 1] == "-load" ||
                        Arguments[I + 1] == "-plugin" ||
                        Arguments[I + 1] == "-add-plugin";
      ++I;
      if (TakesValue && I + 2 < Arguments.size() &&
          Arguments[I + 1] == "-Xclang")
        I += 2;
      Found.push_back({First, I});
    }
  }
  return Found;
}

/// \p Arguments without those in the (sorted, disjoint) ranges \p Drop.
static std::vector<std::string>
without(llvm::ArrayRef<std::string> Arguments,
        llvm::ArrayRef<std::pair<size_t, size_t>> Drop) {
  std::vector<std::string> Kept;
  size_t D = 0;
  for (size_t I = 0; I < Arguments.size(); ++I) {
    if (D < Drop.size() && I >= Drop[D].first) {
      if (I == Drop[D].second)
        ++D;
      continue;
    }
    Kept.push_back(Arguments[I]);
  }
  return Kept;
}

static void recordOnce(std::vector<std::string> &List, std::string Flag) {
  if (!llvm::is_contained(List, Flag))
    List.push_back(std::move(Flag));
}

void adaptCommands(std::vector<Unit> &Units, llvm::ArrayRef<std::string> Before,
                   llvm::ArrayRef<std::string> After, DroppedFlags &Dropped) {
  for (Unit &U : Units) {
    if (U.Arguments.empty())
      continue;
    std::vector<std::pair<size_t, size_t>> Loading =
        codeLoadingFlags(U.Arguments);
    for (auto [First, Last] : Loading)
      recordOnce(
          Dropped.LoadCode,
          llvm::join(llvm::ArrayRef(U.Arguments).slice(First, Last - First + 1),
                     " "));
    std::vector<std::string> Safe = without(U.Arguments, Loading);
    std::vector<std::string> Unknown = flagsClangRejects(Safe);
    llvm::StringSet<> Drop(llvm::from_range, Unknown);
    std::vector<std::string> Adapted = {Safe.front()};
    Adapted.insert(Adapted.end(), Before.begin(), Before.end());
    for (size_t I = 1; I < Safe.size(); ++I)
      if (!Drop.contains(Safe[I]))
        Adapted.push_back(Safe[I]);
    Adapted.insert(Adapted.end(), After.begin(), After.end());
    U.Arguments = std::move(Adapted);
    for (const std::string &Flag : Unknown)
      recordOnce(Dropped.Unknown, Flag);
  }
}

} // namespace clang::tidy::leak::driver
