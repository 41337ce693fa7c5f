//===--- GithubFormat.cpp - GitHub Actions annotations --------------------===//

#include "Formats.h"

namespace clang::tidy::leak::driver {

/// Workflow commands percent-encode their data; properties also ':' and ','.
static std::string encode(llvm::StringRef S, bool Property) {
  std::string Result;
  for (char C : S) {
    switch (C) {
    case '%':
      Result += "%25";
      break;
    case '\r':
      Result += "%0D";
      break;
    case '\n':
      Result += "%0A";
      break;
    case ':':
      Result += Property ? "%3A" : ":";
      break;
    case ',':
      Result += Property ? "%2C" : ",";
      break;
    default:
      Result += C;
    }
  }
  return Result;
}

void writeGithub(llvm::raw_ostream &OS, const ReportInput &In) {
  for (const Finding &F : In.Findings) {
    std::string Message = F.Message;
    for (const Note &N : F.Notes)
      Message += "\n" + relativePath(N.Loc.File, In.Root) + ":" +
                 std::to_string(N.Loc.Line) + ": note: " + N.Message;
    OS << "::" << (F.Level == "error" ? "error" : "warning")
       << " file=" << encode(relativePath(F.Loc.File, In.Root), true)
       << ",line=" << F.Loc.Line << ",col=" << F.Loc.Column
       << ",title=" << encode(F.Check, true) << "::" << encode(Message, false)
       << "\n";
  }
  for (const UnitFailure &U : In.Failures)
    OS << "::error file=" << encode(relativePath(U.File, In.Root), true)
       << ",title=leakguard::" << encode(U.Message, false) << "\n";
}

} // namespace clang::tidy::leak::driver
