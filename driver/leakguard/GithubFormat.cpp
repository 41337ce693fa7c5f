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

/// GitHub shows at most this many annotations of each level per step; the
/// rest would be dropped silently.
static constexpr size_t MaxPerLevel = 10;

static void annotate(llvm::raw_ostream &OS, const Finding &F,
                     const ReportInput &In) {
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

void writeGithub(llvm::raw_ostream &OS, const ReportInput &In) {
  // Units that failed come first (their findings are missing), then errors,
  // then warnings, each up to GitHub's limit; one notice counts the rest.
  size_t Errors = 0, Warnings = 0, Left = 0;
  for (const UnitFailure &U : In.Failures) {
    if (Errors++ >= MaxPerLevel) {
      ++Left;
      continue;
    }
    OS << "::error file=" << encode(relativePath(U.File, In.Root), true)
       << ",title=leakguard::" << encode(U.Message, false) << "\n";
  }
  for (const Finding &F : In.Findings)
    if (F.Level == "error") {
      if (Errors++ < MaxPerLevel)
        annotate(OS, F, In);
      else
        ++Left;
    }
  for (const Finding &F : In.Findings)
    if (F.Level != "error") {
      if (Warnings++ < MaxPerLevel)
        annotate(OS, F, In);
      else
        ++Left;
    }
  if (Left)
    OS << "::notice title=leakguard::"
       << encode(std::to_string(Left) +
                     " more findings or failures than "
                     "GitHub shows in one step: see the job summary or the "
                     "SARIF report",
                 false)
       << "\n";
}

} // namespace clang::tidy::leak::driver
