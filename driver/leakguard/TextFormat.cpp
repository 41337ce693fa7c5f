//===--- TextFormat.cpp - clang-style text --------------------------------===//

#include "Formats.h"

namespace clang::tidy::leak::driver {

/// Prints "file:line:col: level: message", the source line and a caret.
static void printDiagnostic(llvm::raw_ostream &OS, const ReportInput &In,
                            const Location &Loc, llvm::StringRef Level,
                            llvm::StringRef Message, llvm::StringRef Check) {
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
}

void writeText(llvm::raw_ostream &OS, const ReportInput &In) {
  for (const Finding &F : In.Findings) {
    printDiagnostic(OS, In, F.Loc, F.Level, F.Message, F.Check);
    for (const Note &N : F.Notes)
      printDiagnostic(OS, In, N.Loc, "note", N.Message, "");
  }
}

} // namespace clang::tidy::leak::driver
