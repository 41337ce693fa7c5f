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
    auto AddFixes = [](const std::vector<Replacement> &Edits,
                       tooling::DiagnosticMessage &To) {
      for (const Replacement &R : Edits) {
        llvm::Error E = To.Fix[R.File].add(
            tooling::Replacement(R.File, R.Offset, R.Length, R.Text));
        llvm::consumeError(std::move(E));
      }
    };
    AddFixes(F.Fixes, Message);
    // A note's fix goes with the note: clang-apply-replacements applies the
    // first fix of a diagnostic, the message's or else a note's, as
    // clang-tidy --fix-notes does.
    llvm::SmallVector<tooling::DiagnosticMessage, 1> Notes;
    for (const Note &N : F.Notes) {
      tooling::DiagnosticMessage NM(N.Message);
      NM.FilePath = N.Loc.File;
      NM.FileOffset = N.Loc.Offset;
      AddFixes(N.Fixes, NM);
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
