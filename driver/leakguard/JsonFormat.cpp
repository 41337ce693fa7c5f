//===--- JsonFormat.cpp - Findings as plain JSON --------------------------===//

#include "Formats.h"
#include "llvm/Support/FormatVariadic.h"

namespace clang::tidy::leak::driver {

namespace json = llvm::json;

static json::Object location(const Location &L, const ReportInput &In) {
  return json::Object{{"file", utf8(relativePath(L.File, In.Root))},
                      {"line", L.Line},
                      {"column", L.Column}};
}

void writeJson(llvm::raw_ostream &OS, const ReportInput &In) {
  json::Array Findings;
  for (const Finding &F : In.Findings) {
    auto FixesOf = [&](const std::vector<Replacement> &Edits) {
      json::Array Fixes;
      for (const Replacement &R : Edits)
        Fixes.push_back(
            json::Object{{"file", utf8(relativePath(R.File, In.Root))},
                         {"offset", R.Offset},
                         {"length", R.Length},
                         {"text", utf8(R.Text)}});
      return Fixes;
    };
    json::Array Notes;
    for (const Note &N : F.Notes) {
      json::Object NO = location(N.Loc, In);
      NO["message"] = utf8(N.Message);
      if (!N.Fixes.empty())
        NO["fixes"] = FixesOf(N.Fixes);
      Notes.push_back(std::move(NO));
    }
    json::Array Fixes = FixesOf(F.Fixes);
    json::Object FO = location(F.Loc, In);
    FO["check"] = F.Check;
    FO["level"] = F.Level;
    FO["message"] = utf8(F.Message);
    FO["fingerprint"] = F.Fingerprint;
    FO["notes"] = std::move(Notes);
    FO["fixes"] = std::move(Fixes);
    if (F.Incomplete)
      FO["incomplete"] = true;
    Findings.push_back(std::move(FO));
  }
  json::Array Errors;
  for (const UnitFailure &U : In.Failures)
    Errors.push_back(json::Object{{"file", utf8(relativePath(U.File, In.Root))},
                                  {"message", utf8(U.Message)}});
  json::Object Fixed;
  for (const auto &[Check, Count] : In.FixedSinceBaseline)
    Fixed[utf8(Check)] = Count;
  json::Value Doc = json::Object{
      {"tool", "leakguard"},
      {"version", LEAKGUARD_VERSION},
      {"findings", std::move(Findings)},
      {"errors", std::move(Errors)},
      {"summary",
       json::Object{{"findings", In.Findings.size()},
                    {"unitsAnalysed", In.UnitsAnalysed},
                    {"unitsFailed", In.Failures.size()},
                    {"unitsSkipped", In.UnitsSkipped},
                    {"suppressedByBaseline", In.SuppressedByBaseline},
                    {"staleBaselineEntries", In.StaleBaselineEntries},
                    {"fixedSinceBaseline", std::move(Fixed)},
                    {"outsideDiff", In.OutsideDiff}}}};
  OS << llvm::formatv("{0:2}", Doc) << "\n";
}

} // namespace clang::tidy::leak::driver
