//===--- MarkdownFormat.cpp - The reviewer report -------------------------===//
//
// A pull-request comment: a summary table by review checklist, then each
// finding with a code excerpt, why it leaks, the fix pattern and a doc link.
// Everything that comes from the code under review is escaped.
//
//===----------------------------------------------------------------------===//

#include "CheckInfo.h"
#include "Formats.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include <map>

namespace clang::tidy::leak::driver {

std::string escapeMarkdown(llvm::StringRef S) {
  std::string Result;
  for (char C : S) {
    switch (C) {
    case '<':
      Result += "&lt;";
      break;
    case '>':
      Result += "&gt;";
      break;
    case '&':
      Result += "&amp;";
      break;
    case '"':
      Result += "&quot;";
      break;
    case '@': // No mentions.
      Result += "&#64;";
      break;
    case '\n':
    case '\r':
      Result += ' ';
      break;
    default:
      if (llvm::StringRef("\\`*_{}[]()#+-.!|~:").contains(C))
        Result += '\\';
      Result += C;
    }
  }
  return Result;
}

/// A fence longer than any backtick run in \p Code, so the code cannot close
/// it.
static std::string fenceFor(llvm::StringRef Code) {
  size_t Longest = 0;
  size_t Run = 0;
  for (char C : Code) {
    Run = C == '`' ? Run + 1 : 0;
    Longest = std::max(Longest, Run);
  }
  return std::string(std::max<size_t>(3, Longest + 1), '`');
}

/// Up to two lines before and one after \p L, with line numbers.
static std::string excerpt(const Location &L, SourceFiles *Sources) {
  if (!Sources || L.Line == 0)
    return "";
  std::string Code;
  unsigned First = L.Line > 2 ? L.Line - 2 : 1;
  for (unsigned N = First; N <= L.Line + 1; ++N) {
    llvm::StringRef Text = Sources->line(L.File, N);
    if (N > L.Line && Text.trim().empty())
      break;
    std::string Number = std::to_string(N);
    Code += std::string(Number.size() < 5 ? 5 - Number.size() : 0, ' ') +
            Number + (N == L.Line ? " > " : " | ") + Text.str() + "\n";
  }
  return Code;
}

static std::string place(const Location &L, const ReportInput &In) {
  return escapeMarkdown(relativePath(L.File, In.Root) + ":" +
                        std::to_string(L.Line));
}

static std::string section(const Finding &F, const ReportInput &In) {
  const CheckInfo *Info = findCheck(F.Check);
  std::string S;
  // Only our own check names are trusted inside code spans, where escaping
  // does not work.
  std::string Check = Info ? "`" + F.Check + "`" : escapeMarkdown(F.Check);
  S += "#### " + place(F.Loc, In) + ": " + escapeMarkdown(F.Message) + " (" +
       Check + ")\n\n";
  std::string Code = excerpt(F.Loc, In.Sources);
  if (!Code.empty()) {
    std::string Fence = fenceFor(Code);
    S += Fence + "cpp\n" + Code + Fence + "\n\n";
  }
  for (const Note &N : F.Notes)
    S += "- note at " + place(N.Loc, In) + ": " + escapeMarkdown(N.Message) +
         "\n";
  if (!F.Notes.empty())
    S += "\n";
  // Other checks have no page of ours.
  if (!Info)
    return S;
  S += "**Why it leaks:** " + Info->WhyItLeaks.str() + "\n\n";
  S += "**Fix:** " + Info->FixPattern.str() + "\n\n";
  if (std::string Base = webDocBase(In.DocBaseUrl); !Base.empty())
    S += "[Documentation of `" + F.Check + "`](" + docUrl(F.Check, Base) +
         ")\n\n";
  else
    S += "Documentation: `" + docPath(F.Check) + "` in LeakGuard's sources\n\n";
  return S;
}

static llvm::StringRef groupOf(llvm::StringRef Check) {
  const CheckInfo *Info = findCheck(Check);
  return Info ? Info->Group : "Other checks";
}

void writeMarkdown(llvm::raw_ostream &OS, const ReportInput &In,
                   size_t MaxChars) {
  std::string Head = "<!-- leakguard-report -->\n## LeakGuard report\n\n";
  size_t Files = 0;
  {
    llvm::StringSet<> Seen;
    for (const Finding &F : In.Findings)
      Files += Seen.insert(F.Loc.File).second;
  }
  if (In.Findings.empty())
    Head += "No leak findings";
  else
    Head += "**" + std::to_string(In.Findings.size()) + " finding" +
            (In.Findings.size() == 1 ? "" : "s") + "** in " +
            std::to_string(Files) + " file" + (Files == 1 ? "" : "s");
  Head += " (" + std::to_string(In.UnitsAnalysed) + " translation units";
  if (In.SuppressedByBaseline)
    Head += ", " + std::to_string(In.SuppressedByBaseline) +
            " known findings in the baseline";
  if (In.OutsideDiff)
    Head += ", " + std::to_string(In.OutsideDiff) +
            " findings outside the changed lines";
  Head += ").\n\n";
  if (!In.Failures.empty()) {
    Head += "> **Warning:** " + std::to_string(In.Failures.size()) +
            " translation unit(s) could not be analysed:\n";
    // Listed up to a bound, so that a broken build cannot push the report
    // over the cap.
    const size_t MaxListed = 20;
    for (const UnitFailure &U : In.Failures.take_front(MaxListed))
      Head += "> - " + escapeMarkdown(relativePath(U.File, In.Root)) + "\n";
    if (In.Failures.size() > MaxListed)
      Head += "> - and " + std::to_string(In.Failures.size() - MaxListed) +
              " more (the SARIF or JSON report lists all of them)\n";
    Head += "\n";
  }

  // Findings by review checklist, in checklist order.
  std::vector<llvm::StringRef> Groups;
  for (const CheckInfo &C : allChecks())
    if (Groups.empty() || Groups.back() != C.Group)
      Groups.push_back(C.Group);
  Groups.push_back("Other checks");
  std::map<std::string, std::vector<const Finding *>> ByGroup;
  std::map<std::string, size_t> ByCheck;
  for (const Finding &F : In.Findings) {
    ByGroup[groupOf(F.Check).str()].push_back(&F);
    ++ByCheck[F.Check];
  }

  if (!In.Findings.empty()) {
    Head += "| Review checklist | Check | Findings |\n|---|---|---:|\n";
    for (const CheckInfo &C : allChecks())
      Head += "| " + C.Group.str() + " | `" + C.Name.str() + "` | " +
              std::to_string(ByCheck[C.Name.str()]) + " |\n";
    for (const auto &[Check, Count] : ByCheck)
      if (!findCheck(Check))
        Head += "| Other checks | " + escapeMarkdown(Check) + " | " +
                std::to_string(Count) + " |\n";
    Head += "\n";
  }

  // Sections until the cap; the note about omitted findings is reserved.
  const size_t Reserve = 400;
  std::string Body;
  size_t Shown = 0;
  bool Full = false;
  for (llvm::StringRef Group : Groups) {
    auto It = ByGroup.find(Group.str());
    if (It == ByGroup.end() || Full)
      continue;
    std::string GroupHead = "### " + Group.str() + "\n\n";
    bool HeadWritten = false;
    for (const Finding *F : It->second) {
      std::string S = section(*F, In);
      size_t Extra = S.size() + (HeadWritten ? 0 : GroupHead.size());
      if (Head.size() + Body.size() + Extra + Reserve > MaxChars) {
        Full = true;
        break;
      }
      if (!HeadWritten)
        Body += GroupHead;
      HeadWritten = true;
      Body += S;
      ++Shown;
    }
  }
  OS << Head << Body;
  if (Shown < In.Findings.size()) {
    OS << "---\n\n**" << (In.Findings.size() - Shown) << " of "
       << In.Findings.size()
       << " findings were left out** to stay within the size of a comment; "
          "the SARIF or JSON report has all of them.\n";
  }
}

} // namespace clang::tidy::leak::driver
