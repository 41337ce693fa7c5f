//===--- SummariesReport.cpp - leakguard summaries ------------------------===//

#include "SummariesReport.h"
#include "Driver.h"
#include "utils/ProjectSummaries.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

namespace clang::tidy::leak::driver {

static bool selected(llvm::StringRef Name, llvm::ArrayRef<std::string> Names) {
  return Names.empty() || llvm::any_of(Names, [&](const std::string &N) {
           return Name.contains(N);
         });
}

/// "heap memory (libc)" for "libc:heap memory".
static std::string describeKind(llvm::StringRef Key) {
  auto [Pack, Kind] = Key.split(':');
  if (Kind.empty())
    return Key.str(); // "new", "new[]"
  return (Kind + " (" + Pack + ")").str();
}

/// What the project's callers decide about \p Usr.
static void printCallers(const utils::SummaryIndex &Index, llvm::StringRef Usr,
                         llvm::raw_ostream &OS) {
  if (Index.reachedOnlyOnce(Usr))
    OS << "  runs once per program or per call site (its callers)\n";
  llvm::SmallVector<std::string, 3> Ending;
  for (int64_t V : utils::CallResultValues)
    if (Index.returnEndsProgram(Usr, V))
      Ending.push_back(V == 0 ? "0 or null" : std::to_string(V));
  if (!Ending.empty())
    OS << "  returning " << llvm::join(Ending, ", ")
       << " ends the program (every caller exits on it)\n";
}

static void printFunction(const utils::ExternalSummary &F,
                          const utils::SummaryIndex &Index,
                          llvm::raw_ostream &OS) {
  OS << F.Name << "\n";
  // Call-site facts name a C function with its parameter count too.
  std::string Key = F.Usr;
  if (!llvm::StringRef(Key).contains('#'))
    Key += "#" + std::to_string(F.Params.size());
  printCallers(Index, Key, OS);
  if (F.NeverReturns)
    OS << "  never returns\n";
  if (F.ReturnsConstant)
    OS << "  always returns " << *F.ReturnsConstant << "\n";
  if (F.ValidityParam >= 0)
    OS << "  returns whether parameter " << F.ValidityParam + 1
       << " is valid: parameter " << F.ValidityParam + 1 << " " << F.ValidityOp
       << " " << F.ValidityValue << "\n";
  if (!F.ReturnsKind.empty()) {
    OS << "  hands its caller " << describeKind(F.ReturnsKind);
    if (F.OutParam >= 0)
      OS << " through parameter " << F.OutParam + 1;
    OS << "\n";
  }
  for (unsigned I = 0; I < F.Params.size(); ++I) {
    OS << "  parameter " << I + 1 << ": ";
    switch (F.param(I)) {
    case utils::ParamFate::Borrowed:
      OS << "borrowed (the caller still owns what it passes)\n";
      break;
    case utils::ParamFate::Kept:
      OS << "kept or released\n";
      break;
    case utils::ParamFate::Unknown:
      OS << "unknown\n";
      break;
    }
  }
}

int printSummaries(llvm::StringRef Store, llvm::ArrayRef<std::string> Names,
                   llvm::raw_ostream &OS) {
  bool Complete = false;
  llvm::Expected<std::vector<utils::UnitSummaries>> Units =
      utils::store::read(Store, &Complete);
  if (!Units) {
    llvm::errs() << "leakguard: error: " << llvm::toString(Units.takeError())
                 << "\n";
    return ExitUsage;
  }
  utils::SummaryIndex Index = utils::SummaryIndex::build(*Units, Complete);
  for (const utils::ExternalSummary *F : Index.functions())
    if (selected(F->Name, Names))
      printFunction(*F, Index, OS);
  for (const utils::UnitSummaries &U : *Units)
    for (const utils::ExternalConstant &C : U.Constants)
      if (selected(C.Name, Names))
        if (std::optional<int64_t> Value = Index.constant(C.Usr))
          OS << C.Name << " = " << *Value << " (a constant of the project)\n";
  if (!Complete)
    OS << "(some units could not be summarized: globals that are not const "
          "are not taken as constants)\n";
  return ExitClean;
}

} // namespace clang::tidy::leak::driver
