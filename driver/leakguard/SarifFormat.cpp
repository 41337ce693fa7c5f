//===--- SarifFormat.cpp - SARIF 2.1.0 for code scanning ------------------===//

#include "CheckInfo.h"
#include "Formats.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FormatVariadic.h"
#include <map>

namespace clang::tidy::leak::driver {

namespace json = llvm::json;

/// Percent-encodes what may not appear in a URI path.
static std::string encodeUri(llvm::StringRef Path) {
  std::string Result;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-._~").contains(C)) {
      Result += static_cast<char>(C);
      continue;
    }
    Result += '%';
    Result += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
    Result += llvm::hexdigit(C & 15, /*LowerCase=*/false);
  }
  return Result;
}

static json::Object artifactLocation(llvm::StringRef File,
                                     const ReportInput &In) {
  std::string Rel = relativePath(File, In.Root);
  if (Rel != File)
    return json::Object{{"uri", encodeUri(Rel)}, {"uriBaseId", "%SRCROOT%"}};
  return json::Object{{"uri", "file://" + encodeUri(File)}};
}

/// SARIF counts columns in code points here; clang counts bytes.
static unsigned codePointColumn(const Location &L, const ReportInput &In) {
  llvm::StringRef Line = In.Sources ? In.Sources->line(L.File, L.Line) : "";
  if (Line.empty() || L.Column == 0)
    return std::max(1u, L.Column);
  unsigned Column = 1;
  for (size_t I = 0; I + 1 < L.Column && I < Line.size(); ++I)
    if ((static_cast<unsigned char>(Line[I]) & 0xC0) != 0x80)
      ++Column;
  return Column + (L.Column > Line.size() + 1 ? L.Column - Line.size() - 1 : 0);
}

static json::Object physicalLocation(const Location &L, const ReportInput &In) {
  json::Object Region{{"startLine", std::max(1u, L.Line)},
                      {"startColumn", codePointColumn(L, In)}};
  if (In.Sources) {
    llvm::StringRef Text = In.Sources->line(L.File, L.Line);
    if (!Text.empty())
      Region["snippet"] = json::Object{{"text", utf8(Text)}};
  }
  return json::Object{{"artifactLocation", artifactLocation(L.File, In)},
                      {"region", std::move(Region)}};
}

static json::Array cweTags(llvm::StringRef Cwes) {
  json::Array Tags{"reliability"};
  llvm::SmallVector<llvm::StringRef, 4> Numbers;
  Cwes.split(Numbers, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef N : Numbers)
    Tags.push_back(("external/cwe/cwe-" + N.trim()).str());
  return Tags;
}

/// The rule's help in Markdown: what the check finds, why it leaks, the fix.
static std::string helpMarkdown(llvm::StringRef Check, const CheckInfo *Info,
                                llvm::StringRef Url) {
  std::string Text;
  llvm::raw_string_ostream OS(Text);
  if (Info) {
    OS << "**" << Info->Summary << "**\n\n"
       << Info->Description << "\n\n"
       << "**Why it leaks.** " << Info->WhyItLeaks << "\n\n"
       << "**Fix.** " << Info->FixPattern;
  } else {
    OS << Check;
  }
  if (!Url.empty())
    OS << "\n\n[Documentation](" << Url << ")";
  return Text;
}

static json::Object rule(llvm::StringRef Check, const ReportInput &In,
                         llvm::StringRef Level) {
  const CheckInfo *Info = findCheck(Check);
  std::string Base = webDocBase(In.DocBaseUrl);
  std::string Url = Base.empty() ? "" : docUrl(Check, Base);
  llvm::StringRef Summary = Info ? Info->Summary : Check;
  llvm::StringRef Description = Info ? Info->Description : Summary;
  std::string HelpText = Description.str();
  if (!Url.empty())
    HelpText += " See " + Url;
  json::Object Rule{
      {"id", Check},
      {"name", Check},
      {"shortDescription", json::Object{{"text", Summary}}},
      {"fullDescription", json::Object{{"text", Description}}},
      {"help", json::Object{{"text", HelpText},
                            {"markdown", helpMarkdown(Check, Info, Url)}}},
      {"defaultConfiguration", json::Object{{"level", Level}}}};
  if (!Url.empty())
    Rule["helpUri"] = Url;
  json::Object Properties{{"tags", cweTags(Info ? Info->Cwes : "")},
                          {"precision", "medium"}};
  if (Info)
    Properties["problem.category"] = Info->Group;
  Rule["properties"] = std::move(Properties);
  return Rule;
}

/// The leaking path as a code flow: the acquisition, then each note in
/// order (the branch taken, the exit that leaks it, the fix), so that code
/// scanning can step through it.
static json::Array codeFlows(const Finding &F, const ReportInput &In) {
  json::Array Steps;
  unsigned Order = 0;
  auto Step = [&](const Location &L, llvm::StringRef Message) {
    Steps.push_back(json::Object{
        {"location",
         json::Object{{"physicalLocation", physicalLocation(L, In)},
                      {"message", json::Object{{"text", utf8(Message)}}}}},
        {"nestingLevel", 0},
        {"executionOrder", ++Order}});
  };
  Step(F.Loc, F.Message);
  for (const Note &N : F.Notes)
    Step(N.Loc, N.Message);
  return json::Array{json::Object{
      {"threadFlows",
       json::Array{json::Object{{"locations", std::move(Steps)}}}}}};
}

/// The result's fix-its: the finding's own, then each note's, described by
/// the message they come with. Regions in bytes, exactly as the edits are.
static json::Array fixes(const Finding &F, const ReportInput &In) {
  json::Array Fixes;
  auto Add = [&](llvm::ArrayRef<Replacement> Edits, llvm::StringRef Why) {
    if (Edits.empty())
      return;
    std::map<std::string, json::Array> ByFile;
    for (const Replacement &R : Edits)
      ByFile[R.File].push_back(json::Object{
          {"deletedRegion",
           json::Object{{"byteOffset", R.Offset}, {"byteLength", R.Length}}},
          {"insertedContent", json::Object{{"text", utf8(R.Text)}}}});
    json::Array Changes;
    for (auto &[File, Replacements] : ByFile)
      Changes.push_back(
          json::Object{{"artifactLocation", artifactLocation(File, In)},
                       {"replacements", std::move(Replacements)}});
    Fixes.push_back(
        json::Object{{"description", json::Object{{"text", utf8(Why)}}},
                     {"artifactChanges", std::move(Changes)}});
  };
  Add(F.Fixes, F.Message);
  for (const Note &N : F.Notes)
    Add(N.Fixes, N.Message);
  return Fixes;
}

void writeSarif(llvm::raw_ostream &OS, const ReportInput &In) {
  // Every known check is a rule, plus any other check that reported.
  std::map<std::string, unsigned> RuleIndex;
  json::Array Rules;
  // A check whose findings are errors (WarningsAsErrors) has that level.
  llvm::StringSet<> ErrorChecks;
  for (const Finding &F : In.Findings)
    if (F.Level == "error")
      ErrorChecks.insert(F.Check);
  auto AddRule = [&](llvm::StringRef Check) {
    if (RuleIndex.count(Check.str()))
      return;
    RuleIndex[Check.str()] = Rules.size();
    Rules.push_back(
        rule(Check, In, ErrorChecks.contains(Check) ? "error" : "warning"));
  };
  for (const CheckInfo &C : allChecks())
    AddRule(C.Name);
  for (const Finding &F : In.Findings)
    AddRule(F.Check);

  json::Array Results;
  for (const Finding &F : In.Findings) {
    json::Object Result{
        {"ruleId", F.Check},
        {"ruleIndex", RuleIndex[F.Check]},
        {"level", F.Level == "error" ? "error" : "warning"},
        {"message", json::Object{{"text", utf8(F.Message)}}},
        {"locations", json::Array{json::Object{
                          {"physicalLocation", physicalLocation(F.Loc, In)}}}},
        {"partialFingerprints",
         json::Object{{"leakguardFingerprint/v1", F.Fingerprint}}}};
    if (!F.Notes.empty()) {
      json::Array Related;
      unsigned Id = 0;
      for (const Note &N : F.Notes) {
        Related.push_back(
            json::Object{{"id", Id++},
                         {"physicalLocation", physicalLocation(N.Loc, In)},
                         {"message", json::Object{{"text", utf8(N.Message)}}}});
      }
      Result["relatedLocations"] = std::move(Related);
      Result["codeFlows"] = codeFlows(F, In);
    }
    if (json::Array Fixes = fixes(F, In); !Fixes.empty())
      Result["fixes"] = std::move(Fixes);
    Results.push_back(std::move(Result));
  }

  json::Array Notifications;
  for (const UnitFailure &U : In.Failures) {
    Notifications.push_back(json::Object{
        {"level", "error"},
        {"message", json::Object{{"text", utf8(U.Message)}}},
        {"locations", json::Array{json::Object{
                          {"physicalLocation",
                           json::Object{{"artifactLocation",
                                         artifactLocation(U.File, In)}}}}}}});
  }

  json::Object Driver{{"name", "LeakGuard"},
                      {"semanticVersion", LEAKGUARD_VERSION},
                      {"version", LEAKGUARD_VERSION},
                      {"rules", std::move(Rules)}};
  if (std::string Base = webDocBase(In.DocBaseUrl); !Base.empty())
    Driver["informationUri"] = driverDocUrl(Base);
  std::string RootUri = "file://" + encodeUri(In.Root);
  if (!llvm::StringRef(RootUri).ends_with("/"))
    RootUri += '/';
  json::Value Doc = json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       json::Array{json::Object{
           {"tool", json::Object{{"driver", std::move(Driver)}}},
           {"originalUriBaseIds",
            json::Object{{"%SRCROOT%", json::Object{{"uri", RootUri}}}}},
           {"columnKind", "unicodeCodePoints"},
           {"invocations",
            json::Array{json::Object{
                {"executionSuccessful", In.Failures.empty()},
                {"toolExecutionNotifications", std::move(Notifications)}}}},
           {"results", std::move(Results)}}}}};
  OS << llvm::formatv("{0:2}", Doc) << "\n";
}

} // namespace clang::tidy::leak::driver
