//===--- MarkdownFormat.cpp - The reviewer report -------------------------===//
//
// A pull-request comment: a summary table by review checklist, then the
// findings by file, each a compact block (linked line, message, an excerpt
// of the lines that matter, the path notes as linked lines, how to silence
// it), and each check's "why" and fix once, folded. Very many findings fall
// back to linked line numbers. Everything that comes from the code under
// review is escaped.
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
  for (size_t I = 0; I < S.size(); ++I) {
    char C = S[I];
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
      // Characters that mark up anywhere in a line (`#1` links an issue on
      // GitHub); those that only do at its start (a list's `-`, `+`, `1.`)
      // when the text could begin one. Parentheses only make a link after
      // `]`, which is escaped.
      if (llvm::StringRef("\\`*_[]|~:#").contains(C) ||
          (I == 0 && llvm::StringRef("+-.!{}()").contains(C)) ||
          (C == '.' && I > 0 && llvm::isDigit(S[I - 1])))
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

/// "path:line" as text, escaped.
static std::string place(const Location &L, const ReportInput &In) {
  return escapeMarkdown(relativePath(L.File, In.Root) + ":" +
                        std::to_string(L.Line));
}

/// \p Label linked to line \p Line of \p File at the reviewed commit, or
/// \p Label alone without a link base. Paths are percent-encoded: only
/// characters that cannot end or break the link stay as they are.
static std::string lineLink(llvm::StringRef Label, llvm::StringRef File,
                            unsigned Line, const ReportInput &In) {
  if (In.LinkBase.empty())
    return Label.str();
  std::string Url = In.LinkBase;
  if (!llvm::StringRef(Url).ends_with("/"))
    Url += '/';
  for (char C : relativePath(File, In.Root)) {
    if (llvm::isAlnum(C) || llvm::StringRef("/-_.~").contains(C))
      Url += C;
    else
      Url += "%" + llvm::utohexstr(static_cast<unsigned char>(C), false, 2);
  }
  return "[" + Label.str() + "](" + Url + "#L" + std::to_string(Line) + ")";
}

/// The finding's line and the lines its notes point to in the same file
/// (the exit that leaks it, the branch taken), numbered, with "..." where
/// lines are skipped: what a reviewer needs to see, not a window.
static std::string excerpt(const Finding &F, SourceFiles *Sources) {
  if (!Sources || F.Loc.Line == 0)
    return "";
  std::vector<unsigned> Lines{F.Loc.Line};
  for (const Note &N : F.Notes)
    if (N.Loc.File == F.Loc.File && N.Loc.Line != 0)
      Lines.push_back(N.Loc.Line);
  llvm::sort(Lines);
  Lines.erase(std::unique(Lines.begin(), Lines.end()), Lines.end());
  // The finding's line and the first other one (where it leaks, the loop
  // that repeats it); the notes link every line.
  const size_t MaxLines = 2;
  if (Lines.size() > MaxLines) {
    std::vector<unsigned> Kept{F.Loc.Line};
    for (unsigned L : Lines)
      if (L != F.Loc.Line && Kept.size() < MaxLines)
        Kept.push_back(L);
    llvm::sort(Kept);
    Lines = std::move(Kept);
  }
  std::string Code;
  // The line numbers show where lines are skipped; aligned to the widest.
  size_t Width = std::to_string(Lines.back()).size();
  for (unsigned N : Lines) {
    llvm::StringRef Text = Sources->line(F.Loc.File, N);
    std::string Number = std::to_string(N);
    Code += std::string(Width - Number.size(), ' ') + Number +
            (N == F.Loc.Line ? " > " : " | ") + Text.rtrim().str() + "\n";
  }
  return Code;
}

/// The check's name, in a code span only when it is one of ours (escaping
/// does not work inside code spans).
static std::string checkName(llvm::StringRef Check) {
  return findCheck(Check) ? "`" + Check.str() + "`" : escapeMarkdown(Check);
}

/// One finding: linked line, check, message, the excerpt, then one line
/// with the path notes as linked line numbers, the fix the check suggests
/// (a note at the finding's own line, with its fix-it), and how to silence
/// it.
static std::string block(const Finding &F, const ReportInput &In,
                         llvm::StringSet<> &FixesShown) {
  std::string S =
      lineLink("L" + std::to_string(F.Loc.Line), F.Loc.File, F.Loc.Line, In) +
      " " + checkName(F.Check) + " " + escapeMarkdown(F.Message) + "\n";
  std::string Code = excerpt(F, In.Sources);
  if (!Code.empty()) {
    std::string Fence = fenceFor(Code);
    S += Fence + "cpp\n" + Code + Fence + "\n";
  }
  std::vector<std::string> Parts;
  std::string Fix;
  const Note *Last = nullptr;
  for (const Note &N : F.Notes) {
    std::string Text = escapeMarkdown(N.Message);
    for (const Replacement &R : N.Fixes)
      if (!R.Text.empty() && R.Text.size() < 60 &&
          llvm::StringRef(R.Text).find_first_of("`\n") == llvm::StringRef::npos)
        Text += " (fix-it: `" + R.Text + "`)";
    if (N.Loc.File == F.Loc.File && N.Loc.Line == F.Loc.Line) {
      Fix += (Fix.empty() ? "" : "; ") + Text;
      continue;
    }
    // Notes at one line read as one: "leaks 'fd' here; call 'close'".
    if (const Note *Prev = Last;
        Prev && Prev->Loc.File == N.Loc.File && Prev->Loc.Line == N.Loc.Line) {
      Parts.back() += "; " + Text;
      continue;
    }
    std::string Where = N.Loc.File == F.Loc.File
                            ? "L" + std::to_string(N.Loc.Line)
                            : place(N.Loc, In);
    Parts.push_back(lineLink(Where, N.Loc.File, N.Loc.Line, In) + ": " + Text);
    Last = &N;
  }
  // The same advice for several findings of a check is written once.
  if (!Fix.empty())
    Parts.push_back(FixesShown.insert(F.Check + "\n" + Fix).second
                        ? "fix: " + Fix
                        : "fix: as above");
  // Only our own names go into the NOLINT comment.
  if (findCheck(F.Check))
    Parts.push_back("`// NOLINT(" + F.Check + ")`");
  S += "↳ " + llvm::join(Parts, " · ") + "\n\n";
  return S;
}

static llvm::StringRef groupOf(llvm::StringRef Check) {
  const CheckInfo *Info = findCheck(Check);
  return Info ? Info->Group : "Other checks";
}

/// True when a note of \p F, at the finding's own line, says how to fix it.
static bool hasOwnFix(const Finding &F) {
  return llvm::any_of(F.Notes, [&](const Note &N) {
    return N.Loc.File == F.Loc.File && N.Loc.Line == F.Loc.Line;
  });
}

/// Each check's "why it leaks" once, folded, with its fix pattern where a
/// finding came without a fix of its own.
static std::string checkGuide(const ReportInput &In) {
  std::map<std::string, bool> NeedsFix;
  for (const Finding &F : In.Findings)
    if (findCheck(F.Check))
      NeedsFix[F.Check] |= !hasOwnFix(F);
  if (NeedsFix.empty())
    return ""; // Other tools' checks: nothing of ours to explain.
  std::string S = "<details><summary>Why these leak</summary>\n\n";
  std::string Base = webDocBase(In.DocBaseUrl);
  for (const CheckInfo &C : allChecks()) {
    auto It = NeedsFix.find(C.Name.str());
    if (It == NeedsFix.end())
      continue;
    S += "- `" + C.Name.str() + "`: " + C.WhyItLeaks.str();
    if (It->second)
      S += " *Fix:* " + C.FixPattern.str();
    if (!Base.empty())
      S += " [Documentation](" + docUrl(C.Name, Base) + ")";
    S += "\n";
  }
  return S + "\n</details>\n\n";
}

/// The table by checklist item: every check, or in a review of a change only
/// those with findings. With a baseline the findings are the new ones, and a
/// column counts the baseline's findings fixed since.
static std::string summaryTable(const ReportInput &In,
                                const std::map<std::string, size_t> &ByCheck) {
  bool WithFixed = In.HasBaseline;
  if (In.Findings.empty() && !In.fixedSinceBaseline())
    return "";
  auto CountIn = [](const std::map<std::string, size_t> &Counts,
                    llvm::StringRef Check) -> size_t {
    auto It = Counts.find(Check.str());
    return It == Counts.end() ? 0 : It->second;
  };
  std::string Table = WithFixed ? "| Review checklist | Check | New | Fixed "
                                  "since the baseline |\n|---|---|---:|---:|\n"
                                : "| Review checklist | Check | Findings "
                                  "|\n|---|---|---:|\n";
  auto Row = [&](llvm::StringRef Group, const std::string &Name,
                 llvm::StringRef Check) {
    size_t New = CountIn(ByCheck, Check);
    size_t Fixed = CountIn(In.FixedSinceBaseline, Check);
    if (In.ChangedOnly && !New && !Fixed)
      return;
    Table += "| " + Group.str() + " | " + Name + " | " + std::to_string(New);
    if (WithFixed)
      Table += " | " + std::to_string(Fixed);
    Table += " |\n";
  };
  for (const CheckInfo &C : allChecks())
    Row(C.Group, "`" + C.Name.str() + "`", C.Name);
  llvm::StringSet<> Others;
  for (const auto &Counts : {ByCheck, In.FixedSinceBaseline})
    for (const auto &[Check, Count] : Counts)
      if (!findCheck(Check) && Others.insert(Check).second)
        Row(groupOf(Check), escapeMarkdown(Check), Check);
  return Table + "\n";
}

void writeMarkdown(llvm::raw_ostream &OS, const ReportInput &In,
                   size_t MaxChars) {
  std::string Head = "<!-- leakguard-report -->\n## LeakGuard report\n\n";
  // Findings by file, in the order they come (sorted by file and line).
  std::vector<std::string> FileOrder;
  std::map<std::string, std::vector<const Finding *>> ByFile;
  std::map<std::string, size_t> ByCheck;
  for (const Finding &F : In.Findings) {
    auto [It, New] = ByFile.try_emplace(F.Loc.File);
    if (New)
      FileOrder.push_back(F.Loc.File);
    It->second.push_back(&F);
    ++ByCheck[F.Check];
  }
  size_t Files = FileOrder.size();
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
  if (size_t Fixed = In.fixedSinceBaseline())
    Head += ", " + std::to_string(Fixed) + " fixed since the baseline";
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
  Head += summaryTable(In, ByCheck);
  if (In.Findings.empty()) {
    OS << Head;
    return;
  }
  Head += "Each `// NOLINT` silences a wrong finding.\n\n";
  std::string Guide = checkGuide(In);

  // Each file's findings in full (a file with many folded) while they fit;
  // then, per file, the rest as linked line numbers; only past that are
  // findings left out (counted).
  const size_t FoldAbove = 10;
  const size_t Reserve = 400;
  std::string Body, Listing;
  llvm::StringSet<> FixesShown;
  size_t Detailed = 0, Listed = 0;
  bool Full = false, ListingStarted = false;
  // What listing each finding by line costs, and the cost of listing all
  // from the K-th on (in report order, with each file's "- path:" line):
  // a finding is shown in full only while the rest still fit as a listing.
  auto ItemOf = [&](const Finding &F) {
    return " " +
           lineLink(std::to_string(F.Loc.Line), F.Loc.File, F.Loc.Line, In) +
           " " + checkName(F.Check);
  };
  std::vector<size_t> RestCost(In.Findings.size() + 1, 0);
  {
    std::vector<size_t> Costs;
    for (const std::string &File : FileOrder) {
      size_t PathCost = escapeMarkdown(relativePath(File, In.Root)).size() + 5;
      bool First = true;
      for (const Finding *F : ByFile[File]) {
        Costs.push_back(ItemOf(*F).size() + (First ? PathCost : 0));
        First = false;
      }
    }
    for (size_t K = Costs.size(); K-- > 0;)
      RestCost[K] = RestCost[K + 1] + Costs[K];
  }
  const std::string ListingHead = "### More findings, by line\n\n";
  const size_t ListingExtra = ListingHead.size() + 1;
  size_t Position = 0; // Index of the next finding in report order.
  // When not even a listing of all fits, a few are shown in full and the
  // room goes to listing as many as possible.
  const size_t FewInFull = 10;
  bool ListingFitsAll =
      Head.size() + Guide.size() + RestCost[0] + ListingExtra + Reserve <=
      MaxChars;
  auto Fits = [&](size_t More) {
    return Head.size() + Guide.size() + Body.size() + Listing.size() + More +
               Reserve <=
           MaxChars;
  };
  for (const std::string &File : FileOrder) {
    if (Full)
      break;
    const std::vector<const Finding *> &Fs = ByFile[File];
    std::string Path = escapeMarkdown(relativePath(File, In.Root));
    size_t I = 0;
    if (!ListingStarted) {
      std::string Section = "### " + Path + "\n\n";
      bool Fold = Fs.size() > FoldAbove;
      if (Fold)
        Section += "<details><summary>" + std::to_string(Fs.size()) +
                   " findings</summary>\n\n";
      std::string Close = Fold ? "</details>\n\n" : "";
      for (; I < Fs.size(); ++I, ++Position) {
        std::string Block = block(*Fs[I], In, FixesShown);
        // Room for this one in full, and for the rest by line (when they
        // can fit at all).
        size_t Rest = RestCost[Position + 1];
        if (!ListingFitsAll ? Detailed + I >= FewInFull
                            : !Fits(Section.size() + Block.size() +
                                    Close.size() + Rest + ListingExtra))
          break;
        if (!Fits(Section.size() + Block.size() + Close.size()))
          break;
        Section += Block;
      }
      if (I > 0) {
        Body += Section + Close;
        Detailed += I;
      }
      ListingStarted = I < Fs.size();
    }
    if (I == Fs.size())
      continue;
    // The rest of this file, and of every file after it, by line.
    std::string Line = "- " + Path + ":";
    size_t Before = Listed;
    for (; I < Fs.size(); ++I) {
      const Finding *F = Fs[I];
      std::string Item =
          " " +
          lineLink(std::to_string(F->Loc.Line), F->Loc.File, F->Loc.Line, In) +
          " " + checkName(F->Check);
      if (!Fits(Line.size() + Item.size() +
                (Listing.empty() ? ListingExtra : 1))) {
        Full = true;
        break;
      }
      Line += Item;
      ++Listed;
    }
    if (Listed == Before)
      continue;
    if (Listing.empty())
      Listing = ListingHead;
    Listing += Line + "\n";
  }
  OS << Head << Body;
  if (!Listing.empty())
    OS << Listing << "\n";
  OS << Guide;
  // The page with the code and the path drawn on it, when it is published.
  if (!In.HtmlUrl.empty() && llvm::StringRef(In.HtmlUrl).starts_with("http") &&
      llvm::StringRef(In.HtmlUrl).find_first_of(" ()<>\"") ==
          llvm::StringRef::npos)
    OS << "[The full report, with the code and each path](" << In.HtmlUrl
       << ")\n\n";
  size_t Shown = Detailed + Listed;
  if (Shown < In.Findings.size())
    OS << "---\n\n**" << (In.Findings.size() - Shown) << " of "
       << In.Findings.size()
       << " findings were left out** to stay within the size of a comment; "
          "the SARIF or JSON report has all of them.\n";
}

} // namespace clang::tidy::leak::driver
