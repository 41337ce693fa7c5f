//===--- Finding.cpp - The driver's diagnostic model ----------------------===//

#include "Finding.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <tuple>

namespace clang::tidy::leak::driver {

namespace json = llvm::json;

static json::Value toJSON(const Location &L) {
  return json::Object{{"file", utf8(L.File)},
                      {"line", L.Line},
                      {"column", L.Column},
                      {"offset", L.Offset}};
}

static json::Array toJSON(const std::vector<Replacement> &Fixes) {
  json::Array A;
  for (const Replacement &R : Fixes)
    A.push_back(json::Object{{"file", utf8(R.File)},
                             {"offset", R.Offset},
                             {"length", R.Length},
                             {"text", utf8(R.Text)}});
  return A;
}

json::Value toJSON(const Finding &F) {
  json::Array Notes;
  for (const Note &N : F.Notes) {
    json::Object NO{{"location", toJSON(N.Loc)}, {"message", utf8(N.Message)}};
    if (!N.Fixes.empty())
      NO["fixes"] = toJSON(N.Fixes);
    Notes.push_back(std::move(NO));
  }
  json::Array Fixes = toJSON(F.Fixes);
  json::Object O{{"check", F.Check},           {"level", F.Level},
                 {"message", utf8(F.Message)}, {"location", toJSON(F.Loc)},
                 {"notes", std::move(Notes)},  {"fixes", std::move(Fixes)}};
  if (!F.Fingerprint.empty())
    O["fingerprint"] = F.Fingerprint;
  return O;
}

static json::Array toJSONArray(const std::vector<std::string> &V) {
  json::Array A;
  for (const std::string &S : V)
    A.push_back(S);
  return A;
}

static json::Object checkTimesToJSON(const std::map<std::string, double> &M) {
  json::Object O;
  for (const auto &[Check, Seconds] : M)
    O[Check] = Seconds;
  return O;
}

json::Value toJSON(const UnitResult &R) {
  json::Array Findings;
  for (const Finding &F : R.Findings)
    Findings.push_back(toJSON(F));
  json::Object O{{"file", utf8(R.File)},
                 {"findings", std::move(Findings)},
                 {"errors", toJSONArray(R.Errors)},
                 {"configErrors", toJSONArray(R.ConfigErrors)},
                 {"dependencies", toJSONArray(R.Dependencies)},
                 {"checkSeconds", R.CheckSeconds},
                 {"checkTimes", checkTimesToJSON(R.CheckTimes)}};
  if (!R.Summaries.empty())
    O["summaries"] = R.Summaries;
  if (!R.SummaryDeps.empty()) {
    json::Object Deps;
    for (const auto &[Usr, Fingerprint] : R.SummaryDeps)
      Deps[Usr] = Fingerprint;
    O["summaryDeps"] = std::move(Deps);
  }
  return O;
}

static llvm::Error malformed(llvm::StringRef What) {
  return llvm::createStringError("malformed result: %s", What.str().c_str());
}

static std::string getString(const json::Object &O, llvm::StringRef Key) {
  if (std::optional<llvm::StringRef> S = O.getString(Key))
    return S->str();
  return "";
}

static unsigned getUnsigned(const json::Object &O, llvm::StringRef Key) {
  if (std::optional<int64_t> I = O.getInteger(Key))
    return *I < 0 ? 0 : static_cast<unsigned>(*I);
  return 0;
}

static Location locationFromJSON(const json::Object *O) {
  Location L;
  if (!O)
    return L;
  L.File = getString(*O, "file");
  L.Line = getUnsigned(*O, "line");
  L.Column = getUnsigned(*O, "column");
  L.Offset = getUnsigned(*O, "offset");
  return L;
}

static llvm::Error fixesFromJSON(const json::Array *Fixes,
                                 std::vector<Replacement> &Into) {
  if (!Fixes)
    return llvm::Error::success();
  for (const json::Value &RV : *Fixes) {
    const json::Object *RO = RV.getAsObject();
    if (!RO)
      return malformed("fix is not an object");
    Into.push_back({getString(*RO, "file"), getUnsigned(*RO, "offset"),
                    getUnsigned(*RO, "length"), getString(*RO, "text")});
  }
  return llvm::Error::success();
}

llvm::Expected<Finding> findingFromJSON(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return malformed("finding is not an object");
  Finding F;
  F.Check = getString(*O, "check");
  F.Level = getString(*O, "level");
  if (F.Level.empty())
    F.Level = "warning";
  F.Message = getString(*O, "message");
  F.Loc = locationFromJSON(O->getObject("location"));
  F.Fingerprint = getString(*O, "fingerprint");
  if (F.Check.empty() || F.Loc.File.empty())
    return malformed("finding without a check or a file");
  if (const json::Array *Notes = O->getArray("notes")) {
    for (const json::Value &NV : *Notes) {
      const json::Object *NO = NV.getAsObject();
      if (!NO)
        return malformed("note is not an object");
      Note N{locationFromJSON(NO->getObject("location")),
             getString(*NO, "message"),
             {}};
      if (llvm::Error E = fixesFromJSON(NO->getArray("fixes"), N.Fixes))
        return std::move(E);
      F.Notes.push_back(std::move(N));
    }
  }
  if (llvm::Error E = fixesFromJSON(O->getArray("fixes"), F.Fixes))
    return std::move(E);
  return F;
}

static std::vector<std::string> stringsFromJSON(const json::Array *A) {
  std::vector<std::string> Result;
  if (!A)
    return Result;
  for (const json::Value &V : *A)
    if (std::optional<llvm::StringRef> S = V.getAsString())
      Result.push_back(S->str());
  return Result;
}

llvm::Expected<UnitResult> unitResultFromJSON(const json::Value &V) {
  const json::Object *O = V.getAsObject();
  if (!O)
    return malformed("not an object");
  UnitResult R;
  R.File = getString(*O, "file");
  if (const json::Array *Findings = O->getArray("findings")) {
    for (const json::Value &FV : *Findings) {
      llvm::Expected<Finding> F = findingFromJSON(FV);
      if (!F)
        return F.takeError();
      R.Findings.push_back(std::move(*F));
    }
  }
  R.Errors = stringsFromJSON(O->getArray("errors"));
  R.ConfigErrors = stringsFromJSON(O->getArray("configErrors"));
  R.Dependencies = stringsFromJSON(O->getArray("dependencies"));
  R.CheckSeconds = O->getNumber("checkSeconds").value_or(0);
  if (const json::Object *Times = O->getObject("checkTimes"))
    for (const auto &[Check, Seconds] : *Times)
      R.CheckTimes[Check.str()] = Seconds.getAsNumber().value_or(0);
  R.Summaries = getString(*O, "summaries");
  if (const json::Object *Deps = O->getObject("summaryDeps"))
    for (const auto &[Usr, Fingerprint] : *Deps)
      R.SummaryDeps[Usr.str()] = Fingerprint.getAsString().value_or("").str();
  return R;
}

llvm::Expected<UnitResult> parseUnitResult(llvm::StringRef Text) {
  llvm::Expected<json::Value> V = json::parse(Text);
  if (!V)
    return V.takeError();
  return unitResultFromJSON(*V);
}

static auto sortKey(const Finding &F) {
  return std::tie(F.Loc.File, F.Loc.Line, F.Loc.Column, F.Check, F.Message);
}

static bool sameFinding(const Finding &A, const Finding &B) {
  if (sortKey(A) != sortKey(B) || A.Notes.size() != B.Notes.size())
    return false;
  for (size_t I = 0; I < A.Notes.size(); ++I) {
    if (A.Notes[I].Message != B.Notes[I].Message ||
        A.Notes[I].Loc.File != B.Notes[I].Loc.File ||
        A.Notes[I].Loc.Offset != B.Notes[I].Loc.Offset)
      return false;
  }
  return true;
}

static std::string canonical(const Finding &F) {
  std::string S;
  llvm::raw_string_ostream OS(S);
  OS << toJSON(F);
  return S;
}

void sortAndDeduplicate(std::vector<Finding> &Findings) {
  std::stable_sort(Findings.begin(), Findings.end(),
                   [](const Finding &A, const Finding &B) {
                     if (sortKey(A) != sortKey(B))
                       return sortKey(A) < sortKey(B);
                     // Fully deterministic among equal keys.
                     return canonical(A) < canonical(B);
                   });
  Findings.erase(std::unique(Findings.begin(), Findings.end(), sameFinding),
                 Findings.end());
}

std::string utf8(llvm::StringRef S) {
  return json::isUTF8(S) ? S.str() : json::fixUTF8(S);
}

std::string relativePath(llvm::StringRef Path, llvm::StringRef Root) {
  if (Root.empty())
    return Path.str();
  llvm::SmallString<256> Prefix(Root);
  llvm::sys::path::remove_dots(Prefix, /*remove_dot_dot=*/true);
  llvm::StringRef P = Prefix;
  P.consume_back("/");
  if (Path.starts_with(P) && Path.size() > P.size() && Path[P.size()] == '/')
    return Path.drop_front(P.size() + 1).str();
  return Path.str();
}

} // namespace clang::tidy::leak::driver
