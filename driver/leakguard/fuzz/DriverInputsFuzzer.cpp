//===--- DriverInputsFuzzer.cpp - libFuzzer target for the driver's inputs ===//
//
// The driver reads text it does not control: a diff (--diff-file, git's
// output), a baseline file, cached unit results, and findings whose
// messages, paths and notes come from the analysed code (names with any
// bytes). The first byte of the input picks what the rest is fed to:
//   0  the unified-diff parser;
//   1  the baseline reader;
//   2  the reader of a unit's result (the cache, the workers' output);
//   3  every report writer, with findings built from the text (fields
//      separated by NUL bytes): JSON and SARIF must stay parsable JSON, HTML
//      must not carry a message's markup, Markdown must stay within its
//      size limit;
//   4  the compilation-database reader (compile_commands.json text) and the
//      adaptation of each command: no flag that loads code into the
//      compiler may survive it.
// Any crash, sanitizer report or broken invariant is a bug.
//
//===----------------------------------------------------------------------===//

#include "Baseline.h"
#include "CompileDb.h"
#include "Diff.h"
#include "Finding.h"
#include "Formats.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace clang::tidy::leak::driver;

namespace {

[[noreturn]] void fail(const char *What, llvm::StringRef Output) {
  fprintf(stderr, "broken invariant: %s\n%s\n", What,
          Output.take_front(2000).str().c_str());
  abort();
}

/// The fields of \p Text separated by NUL bytes, at least \p Count of them.
std::vector<std::string> fields(llvm::StringRef Text, size_t Count) {
  llvm::SmallVector<llvm::StringRef, 8> Parts;
  Text.split(Parts, '\0');
  std::vector<std::string> Out(Parts.begin(), Parts.end());
  while (Out.size() < Count)
    Out.emplace_back();
  return Out;
}

unsigned number(llvm::StringRef S) {
  unsigned N = 0;
  for (char C : S.take_front(4))
    N = N * 31 + static_cast<unsigned char>(C);
  return N % 100000;
}

void checkJson(const char *Writer, const std::string &Output) {
  llvm::Expected<llvm::json::Value> Parsed = llvm::json::parse(Output);
  if (!Parsed) {
    llvm::consumeError(Parsed.takeError());
    fail(Writer, Output);
  }
}

void writeReports(llvm::StringRef Text) {
  std::vector<std::string> F = fields(Text, 8);
  Finding One;
  // Check names and fingerprints are LeakGuard's own (ASCII); everything
  // else may come from the analysed code, in any bytes.
  One.Check = "leak-";
  for (char C : F[0])
    if (llvm::isAlpha(C) || C == '-')
      One.Check.push_back(llvm::toLower(C));
  // A tag no report writes itself: it must never reach the HTML as markup.
  static constexpr llvm::StringLiteral Marker = "<x-leakguard-fuzz>";
  One.Message = F[1] + Marker.str();
  One.Loc.File = "/project/" + F[2];
  One.Loc.Line = number(F[3]) + 1;
  One.Loc.Column = number(F[4]) + 1;
  Note N;
  N.Loc = One.Loc;
  N.Message = F[5];
  Replacement R;
  R.File = One.Loc.File;
  R.Offset = number(F[6]);
  R.Length = number(F[7]) % 16;
  R.Text = F[6];
  N.Fixes.push_back(R);
  One.Notes.push_back(N);
  One.Fixes.push_back(R);
  One.Fingerprint = llvm::toHex(F[7], /*LowerCase=*/true);
  Finding Two = One;
  Two.Level = "error";
  Two.Loc.File = "/elsewhere/" + F[5];
  std::vector<Finding> Findings{One, Two};
  std::vector<UnitFailure> Failures{{"/project/" + F[1], F[0]}};

  SourceFiles Sources;
  ReportInput In;
  In.Findings = Findings;
  In.Failures = Failures;
  In.Root = "/project";
  In.Sources = &Sources;
  In.UnitsAnalysed = 2;
  In.LinkBase = "https://example.org/blob/abc/";
  In.HtmlUrl = "https://example.org/report/" + F[4];

  auto Render = [&](auto Write) {
    std::string Out;
    llvm::raw_string_ostream OS(Out);
    Write(OS);
    OS.flush();
    return Out;
  };
  checkJson("json", Render([&](llvm::raw_ostream &OS) { writeJson(OS, In); }));
  checkJson("sarif",
            Render([&](llvm::raw_ostream &OS) { writeSarif(OS, In); }));
  Render([&](llvm::raw_ostream &OS) { writeText(OS, In); });
  Render([&](llvm::raw_ostream &OS) { writeGithub(OS, In); });
  Render([&](llvm::raw_ostream &OS) { writeFixes(OS, In); });
  std::string Html = Render([&](llvm::raw_ostream &OS) { writeHtml(OS, In); });
  // A message's markup never reaches the page as markup.
  if (Html.find(Marker) != std::string::npos)
    fail("html", Html);
  constexpr size_t Limit = 2000;
  std::string Markdown =
      Render([&](llvm::raw_ostream &OS) { writeMarkdown(OS, In, Limit); });
  if (Markdown.size() > Limit)
    fail("markdown size", Markdown);
}

void readCompilationDatabase(llvm::StringRef Text) {
  std::string Error;
  std::unique_ptr<clang::tooling::JSONCompilationDatabase> Db =
      clang::tooling::JSONCompilationDatabase::loadFromBuffer(
          Text, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Db)
    return;
  llvm::Expected<std::vector<Unit>> Units =
      unitsOf(*Db, "fuzz/compile_commands.json", {});
  if (!Units) {
    llvm::consumeError(Units.takeError());
    return;
  }
  for (const Unit &U : *Units) {
    (void)compilesCOrCxx(U.File, U.Arguments);
    (void)flagsClangRejects(U.Arguments);
  }
  DroppedFlags Dropped;
  adaptCommands(*Units, {"--target=x86_64-linux-gnu"}, {"-w"}, Dropped);
  for (const Unit &U : *Units)
    if (!codeLoadingFlags(U.Arguments).empty())
      fail("a code-loading flag survived adaptCommands",
           llvm::join(U.Arguments, " "));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  llvm::StringRef Text(reinterpret_cast<const char *>(Data) + 1, Size - 1);
  switch (Data[0] % 5) {
  case 0:
    if (llvm::Expected<ChangedLines> Lines =
            parseUnifiedDiff(Text, "/nonexistent-base"))
      (void)Lines->onlySourceFilesChanged();
    else
      llvm::consumeError(Lines.takeError());
    break;
  case 1:
    if (llvm::Expected<BaselineFile> Set = parseBaseline(Text, "fuzz.json"))
      (void)fixedBaselineEntries({}, *Set,
                                 llvm::StringMap<llvm::StringSet<>>());
    else
      llvm::consumeError(Set.takeError());
    break;
  case 2:
    if (llvm::Expected<UnitResult> R = parseUnitResult(Text))
      (void)R->Findings.size();
    else
      llvm::consumeError(R.takeError());
    break;
  case 3:
    writeReports(Text);
    break;
  default:
    readCompilationDatabase(Text);
    break;
  }
  return 0;
}
