//===--- HtmlFormat.cpp - A report to look at -----------------------------===//
//
// One self-contained page (no network, no external asset): the summary by
// review checklist, filters by check and by file, and for each finding the
// source around it with the acquisition, every step of the path (numbered,
// as scan-build numbers them) and the leaking exit highlighted, the notes
// and the fix-its. Everything that comes from the code is escaped; the
// page's only script filters, and reads a filter from the address
// (`#check=leak-unjoined-thread&file=src/a.cpp`) so that a link can share
// one.
//
//===----------------------------------------------------------------------===//

#include "CheckInfo.h"
#include "Formats.h"
#include "llvm/ADT/StringExtras.h"
#include <map>
#include <set>

namespace clang::tidy::leak::driver {

std::string escapeHtml(llvm::StringRef S) {
  std::string Out;
  Out.reserve(S.size());
  for (char C : S) {
    switch (C) {
    case '<':
      Out += "&lt;";
      break;
    case '>':
      Out += "&gt;";
      break;
    case '&':
      Out += "&amp;";
      break;
    case '"':
      Out += "&quot;";
      break;
    case '\'':
      Out += "&#39;";
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

namespace {

const char *Style = R"css(
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 2em 3em; color: #1f2328; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; }
table.summary { border-collapse: collapse; }
table.summary td, table.summary th { border: 1px solid #d0d7de; padding: 2px 8px; }
.filters { position: sticky; top: 0; background: #fff; padding: 8px 0;
  border-bottom: 1px solid #d0d7de; }
.finding { border: 1px solid #d0d7de; border-radius: 6px; margin: 14px 0;
  padding: 8px 12px; }
.finding .head { font-weight: 600; }
.finding .check { font-family: monospace; color: #8250df; }
.finding .where { font-family: monospace; color: #57606a; }
pre.code { background: #f6f8fa; padding: 6px 0; overflow-x: auto; margin: 8px 0; }
pre.code span.line { display: block; padding: 0 8px; white-space: pre; }
pre.code span.num { color: #8c959f; display: inline-block; width: 5ch;
  text-align: right; margin-right: 1ch; }
pre.code span.acquire { background: #fff8c5; }
pre.code span.step { background: #ddf4ff; }
pre.code span.leak { background: #ffebe9; }
pre.code span.gap { color: #8c959f; }
span.marker { display: inline-block; min-width: 1.6em; border-radius: 9px;
  background: #0969da; color: #fff; font-size: 11px; text-align: center;
  margin-left: 1ch; }
span.leak span.marker { background: #cf222e; }
ol.notes { margin: 4px 0; }
.fix code { background: #dafbe1; }
.hidden { display: none; }
)css";

/// The page's only script: the filters. It reads an initial filter from the
/// address's fragment, and records in the body whether it ran and whether
/// any script error happened (for tests in a headless browser).
const char *Script = R"js(
(function () {
  var errors = 0;
  window.addEventListener('error', function () {
    errors++;
    document.body.setAttribute('data-errors', String(errors));
  });
  var check = document.getElementById('filter-check');
  var file = document.getElementById('filter-file');
  var count = document.getElementById('shown');
  function apply() {
    var shown = 0;
    document.querySelectorAll('section.finding').forEach(function (f) {
      var ok = (!check.value || f.dataset.check === check.value) &&
               (!file.value || f.dataset.file.indexOf(file.value) !== -1);
      f.classList.toggle('hidden', !ok);
      if (ok) shown++;
    });
    count.textContent = String(shown);
    document.body.setAttribute('data-shown', String(shown));
  }
  var params = new URLSearchParams(location.hash.slice(1));
  if (params.get('check')) check.value = params.get('check');
  if (params.get('file')) file.value = params.get('file');
  check.addEventListener('change', apply);
  file.addEventListener('input', apply);
  apply();
  document.body.setAttribute('data-errors', String(errors));
  document.body.setAttribute('data-ready', '1');
})();
)js";

/// How a source line of the excerpt is marked.
struct LineMark {
  std::string Class; ///< "acquire", "step" or "leak".
  std::vector<unsigned> Steps;
};

/// The excerpt of \p F: from two lines before the first marked line to two
/// after the last, with long stretches between marked lines elided.
std::string codeOf(const Finding &F, const ReportInput &In) {
  if (!In.Sources || F.Loc.Line == 0)
    return "";
  std::map<unsigned, LineMark> Marks;
  Marks[F.Loc.Line].Class = "acquire";
  unsigned Step = 0;
  bool LeakMarked = false;
  for (const Note &N : F.Notes) {
    ++Step;
    if (N.Loc.File != F.Loc.File || N.Loc.Line == 0)
      continue;
    LineMark &M = Marks[N.Loc.Line];
    M.Steps.push_back(Step);
    if (!M.Class.empty())
      continue;
    // The first note at another line is where it leaks (the exit, the next
    // iteration, the thread's destruction); the others are steps.
    M.Class = LeakMarked ? "step" : "leak";
    LeakMarked = true;
  }
  unsigned First = Marks.begin()->first, Last = Marks.rbegin()->first;
  First = First > 2 ? First - 2 : 1;
  Last += 2;
  std::string Out = "<pre class=\"code\">";
  bool Gap = false;
  for (unsigned L = First; L <= Last; ++L) {
    // Far from every marked line: elided.
    bool Near = llvm::any_of(Marks, [&](const auto &E) {
      return L + 2 >= E.first && L <= E.first + 2;
    });
    if (!Near) {
      if (!Gap)
        Out += "<span class=\"line gap\">   ...</span>";
      Gap = true;
      continue;
    }
    Gap = false;
    llvm::StringRef Text = In.Sources->line(F.Loc.File, L);
    auto It = Marks.find(L);
    std::string Class = It == Marks.end() ? "" : " " + It->second.Class;
    Out += "<span class=\"line" + Class + "\" data-line=\"" +
           std::to_string(L) + "\"><span class=\"num\">" + std::to_string(L) +
           "</span>" + escapeHtml(Text.rtrim());
    if (It != Marks.end())
      for (unsigned S : It->second.Steps)
        Out += "<span class=\"marker\">" + std::to_string(S) + "</span>";
    Out += "</span>";
  }
  return Out + "</pre>\n";
}

std::string findingSection(const Finding &F, const ReportInput &In,
                           unsigned Index) {
  std::string Path = relativePath(F.Loc.File, In.Root);
  std::string S = "<section class=\"finding\" id=\"finding-" +
                  std::to_string(Index) + "\" data-check=\"" +
                  escapeHtml(F.Check) + "\" data-file=\"" + escapeHtml(Path) +
                  "\">\n";
  S += "<div class=\"head\"><span class=\"check\">" + escapeHtml(F.Check) +
       "</span> " + escapeHtml(F.Message) + "</div>\n";
  S += "<div class=\"where\">" + escapeHtml(Path) + ":" +
       std::to_string(F.Loc.Line) + ":" + std::to_string(F.Loc.Column) +
       "</div>\n";
  S += codeOf(F, In);
  if (!F.Notes.empty()) {
    S += "<ol class=\"notes\">\n";
    for (const Note &N : F.Notes) {
      S += "<li><span class=\"where\">" +
           escapeHtml(relativePath(N.Loc.File, In.Root)) + ":" +
           std::to_string(N.Loc.Line) + "</span> " + escapeHtml(N.Message);
      for (const Replacement &R : N.Fixes)
        S += " <span class=\"fix\">fix-it: <code>" + escapeHtml(R.Text) +
             "</code></span>";
      S += "</li>\n";
    }
    S += "</ol>\n";
  }
  for (const Replacement &R : F.Fixes)
    S += "<div class=\"fix\">fix-it: <code>" + escapeHtml(R.Text) +
         "</code></div>\n";
  if (const CheckInfo *Info = findCheck(F.Check))
    S += "<details><summary>Why it leaks, and the fix</summary><p>" +
         escapeHtml(Info->WhyItLeaks) + "</p><p>" +
         escapeHtml(Info->FixPattern) + "</p></details>\n";
  return S + "</section>\n";
}

} // namespace

void writeHtml(llvm::raw_ostream &OS, const ReportInput &In) {
  std::map<std::string, size_t> ByCheck;
  std::set<std::string> Files;
  for (const Finding &F : In.Findings) {
    ++ByCheck[F.Check];
    Files.insert(relativePath(F.Loc.File, In.Root));
  }
  OS << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
     << "<meta name=\"viewport\" content=\"width=device-width\">\n"
     << "<title>LeakGuard report</title>\n<style>" << Style
     << "</style></head>\n<body>\n<h1>LeakGuard report</h1>\n";
  OS << "<p>" << In.Findings.size() << " finding"
     << (In.Findings.size() == 1 ? "" : "s") << " in " << Files.size()
     << " file" << (Files.size() == 1 ? "" : "s") << " (" << In.UnitsAnalysed
     << " translation units";
  if (!In.Failures.empty())
    OS << ", " << In.Failures.size() << " could not be analysed";
  OS << ").</p>\n";
  if (!In.Failures.empty()) {
    OS << "<ul class=\"failures\">\n";
    for (const UnitFailure &U : In.Failures)
      OS << "<li>" << escapeHtml(relativePath(U.File, In.Root)) << ": "
         << escapeHtml(U.Message) << "</li>\n";
    OS << "</ul>\n";
  }
  OS << "<table class=\"summary\"><tr><th>Review checklist</th><th>Check</th>"
        "<th>Findings</th></tr>\n";
  for (const CheckInfo &C : allChecks())
    OS << "<tr><td>" << escapeHtml(C.Group) << "</td><td><code>"
       << escapeHtml(C.Name) << "</code></td><td>"
       << (ByCheck.count(C.Name.str()) ? ByCheck[C.Name.str()] : 0)
       << "</td></tr>\n";
  for (const auto &[Check, Count] : ByCheck)
    if (!findCheck(Check))
      OS << "<tr><td>Other checks</td><td><code>" << escapeHtml(Check)
         << "</code></td><td>" << Count << "</td></tr>\n";
  OS << "</table>\n";

  OS << "<div class=\"filters\"><label>Check <select id=\"filter-check\">"
        "<option value=\"\">all</option>";
  for (const auto &[Check, Count] : ByCheck)
    OS << "<option value=\"" << escapeHtml(Check) << "\">" << escapeHtml(Check)
       << " (" << Count << ")</option>";
  OS << "</select></label> <label>File <input id=\"filter-file\" "
        "list=\"files\" placeholder=\"part of a path\"></label>"
        "<datalist id=\"files\">";
  for (const std::string &F : Files)
    OS << "<option value=\"" << escapeHtml(F) << "\">";
  OS << "</datalist> <span id=\"shown\">" << In.Findings.size()
     << "</span> shown</div>\n";

  unsigned Index = 0;
  for (const Finding &F : In.Findings)
    OS << findingSection(F, In, ++Index);
  OS << "<script>" << Script << "</script>\n</body></html>\n";
}

} // namespace clang::tidy::leak::driver
