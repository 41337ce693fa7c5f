//===--- CrashReport.cpp - A reproducer for a crashed unit ----------------===//

#include "CrashReport.h"
#include "VerifyConfig.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

namespace clang::tidy::leak::driver {

static llvm::Error writeText(llvm::StringRef Path, llvm::StringRef Text) {
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    return llvm::createFileError(Path, EC);
  OS << Text;
  OS.close();
  if (OS.has_error())
    return llvm::createFileError(Path, OS.error());
  return llvm::Error::success();
}

/// \p U's arguments for preprocessing it: the compiler and what only
/// compiling or writing dependencies needs are left out.
static std::vector<std::string> preprocessArguments(const Unit &U,
                                                    llvm::StringRef Output) {
  static const llvm::StringSet<> WithValue = {"-o", "-MF", "-MT", "-MQ"};
  static const llvm::StringSet<> Alone = {"-c", "-MD", "-MMD", "-MP", "-S"};
  std::vector<std::string> Args;
  for (size_t I = 1; I < U.Arguments.size(); ++I) {
    llvm::StringRef A = U.Arguments[I];
    if (WithValue.contains(A)) {
      ++I;
      continue;
    }
    if (Alone.contains(A) || A.starts_with("-o") || A.starts_with("-MF"))
      continue;
    Args.push_back(A.str());
  }
  Args.push_back("-working-directory=" + U.Directory);
  for (const char *A : {"-E", "-w", "-o"})
    Args.emplace_back(A);
  Args.push_back(Output.str());
  return Args;
}

/// Preprocesses \p U with LeakGuard's own clang into \p Output; an error
/// says why it could not.
static std::string preprocess(const Unit &U, llvm::StringRef Output) {
  std::string Clang = LEAKGUARD_CLANG_EXECUTABLE;
  std::vector<std::string> Args = preprocessArguments(U, Output);
  Args.insert(Args.begin(), Clang);
  std::vector<llvm::StringRef> Argv(Args.begin(), Args.end());
  std::string Error;
  int RC = llvm::sys::ExecuteAndWait(Clang, Argv, std::nullopt, {},
                                     /*SecondsToWait=*/120, 0, &Error);
  if (RC != 0)
    return "preprocessing failed (" + Clang + " exit code " +
           std::to_string(RC) + (Error.empty() ? "" : ": " + Error) + ")";
  return "";
}

llvm::Expected<std::string>
writeCrashReproducer(const Unit &U, ClangTidyOptionsProvider &Provider,
                     llvm::StringRef CrashOutput) {
  llvm::SmallString<128> Dir;
  if (std::error_code EC =
          llvm::sys::fs::createUniqueDirectory("leakguard-crash", Dir))
    return llvm::createStringError(EC, "cannot create a directory for the "
                                       "crash reproducer");
  auto In = [&](llvm::StringRef Name) {
    llvm::SmallString<128> P(Dir);
    llvm::sys::path::append(P, Name);
    return std::string(P);
  };
  std::string Command;
  llvm::raw_string_ostream OS(Command);
  OS << "directory: " << U.Directory << "\nfile: " << U.File
     << "\narguments:\n";
  for (const std::string &A : U.Arguments)
    OS << "  " << A << "\n";
  OS.flush();
  std::string About = "LeakGuard " LEAKGUARD_VERSION
                      " (built on LLVM " LEAKGUARD_LLVM_VERSION ")\n\n"
                      "the configuration the unit ran with:\n" +
                      effectiveConfiguration(Provider, U.File);
  std::string Preprocessed = preprocess(U, In("unit.i"));
  if (!Preprocessed.empty())
    About += "\n" + Preprocessed + "\n";
  for (auto [Name, Text] :
       {std::pair<llvm::StringRef, llvm::StringRef>{"command.txt", Command},
        {"leakguard.txt", About},
        {"crash.txt", CrashOutput}})
    if (llvm::Error E = writeText(In(Name), Text))
      return std::move(E);
  return std::string(Dir);
}

} // namespace clang::tidy::leak::driver
