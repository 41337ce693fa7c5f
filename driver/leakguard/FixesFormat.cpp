//===--- FixesFormat.cpp - YAML for clang-apply-replacements --------------===//

#include "Formats.h"
#include "clang/Tooling/DiagnosticsYaml.h"

namespace clang::tidy::leak::driver {

void writeFixes(llvm::raw_ostream &OS, const ReportInput &In) {
  tooling::TranslationUnitDiagnostics TUD;
  for (const Finding &F : In.Findings) {
    tooling::DiagnosticMessage Message(F.Message);
    Message.FilePath = F.Loc.File;
    Message.FileOffset = F.Loc.Offset;
    for (const Replacement &R : F.Fixes) {
      llvm::Error E = Message.Fix[R.File].add(
          tooling::Replacement(R.File, R.Offset, R.Length, R.Text));
      llvm::consumeError(std::move(E));
    }
    llvm::SmallVector<tooling::DiagnosticMessage, 1> Notes;
    for (const Note &N : F.Notes) {
      tooling::DiagnosticMessage NM(N.Message);
      NM.FilePath = N.Loc.File;
      NM.FileOffset = N.Loc.Offset;
      Notes.push_back(std::move(NM));
    }
    TUD.Diagnostics.emplace_back(F.Check, Message, Notes,
                                 F.Level == "error"
                                     ? tooling::Diagnostic::Error
                                     : tooling::Diagnostic::Warning,
                                 /*BuildDirectory=*/"");
  }
  llvm::yaml::Output YAML(OS);
  YAML << TUD;
}

} // namespace clang::tidy::leak::driver
