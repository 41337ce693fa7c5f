//===--- TextFormat.cpp - clang-style text --------------------------------===//

#include "Formats.h"

namespace clang::tidy::leak::driver {

/// Prints "file:line:col: level: message", the source line, a caret, and
/// under it the text of each fix-it that edits that line (as clang does).
static void printDiagnostic(llvm::raw_ostream &OS, const ReportInput &In,
                            const Location &Loc, llvm::StringRef Level,
                            llvm::StringRef Message, llvm::StringRef Check,
                            llvm::ArrayRef<Replacement> Fixes = {}) {
  OS << relativePath(Loc.File, In.Root) << ":" << Loc.Line << ":" << Loc.Column
     << ": " << Level << ": " << Message;
  if (!Check.empty())
    OS << " [" << Check << "]";
  OS << "\n";
  llvm::StringRef Line = In.Sources ? In.Sources->line(Loc.File, Loc.Line) : "";
  if (Line.empty())
    return;
  std::string Number = std::to_string(Loc.Line);
  OS << llvm::format("%5s", Number.c_str()) << " | " << Line << "\n";
  OS << "      | ";
  // Keep tabs so the caret lines up under the column.
  for (size_t I = 0; I + 1 < Loc.Column && I < Line.size(); ++I)
    OS << (Line[I] == '\t' ? '\t' : ' ');
  OS << "^\n";
  // The line starts Column - 1 bytes before the location's offset.
  unsigned LineStart = Loc.Offset + 1 - std::min(Loc.Column, Loc.Offset + 1);
  for (const Replacement &R : Fixes) {
    if (R.File != Loc.File || R.Offset < LineStart ||
        R.Offset - LineStart > Line.size() || R.Text.empty() ||
        llvm::StringRef(R.Text).contains('\n'))
      continue;
    OS << "      | ";
    for (size_t I = 0; I < R.Offset - LineStart; ++I)
      OS << (Line[I] == '\t' ? '\t' : ' ');
    OS << R.Text << "\n";
  }
}

void writeText(llvm::raw_ostream &OS, const ReportInput &In) {
  for (const Finding &F : In.Findings) {
    printDiagnostic(OS, In, F.Loc, F.Level, F.Message, F.Check, F.Fixes);
    for (const Note &N : F.Notes)
      printDiagnostic(OS, In, N.Loc, "note", N.Message, "", N.Fixes);
  }
}

} // namespace clang::tidy::leak::driver
