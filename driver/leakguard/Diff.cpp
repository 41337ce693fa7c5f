//===--- Diff.cpp - Changed lines for pull-request mode -------------------===//

#include "Diff.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace clang::tidy::leak::driver {

void ChangedLines::addLines(llvm::StringRef File, unsigned First,
                            unsigned Count) {
  if (Count > 0)
    Ranges[File].push_back({First, First + Count - 1});
}

void ChangedLines::addWholeFile(llvm::StringRef File) {
  WholeFiles.insert(File);
}

bool ChangedLines::contains(llvm::StringRef File, unsigned Line) const {
  if (WholeFiles.contains(File))
    return true;
  auto It = Ranges.find(File);
  if (It == Ranges.end())
    return false;
  for (const auto &[First, Last] : It->second)
    if (First <= Line && Line <= Last)
      return true;
  return false;
}

bool ChangedLines::touchesFile(llvm::StringRef File) const {
  return WholeFiles.contains(File) || Ranges.contains(File);
}

/// Files units may include: headers by their usual extensions, included
/// fragments (`.inc`, `.def`, `.ipp`, ...), and extensionless headers
/// (`<vector>` style). Documentation, scripts, data and dotfiles are not.
static bool mayBeIncluded(llvm::StringRef File) {
  llvm::StringRef Name = llvm::sys::path::filename(File);
  if (Name.starts_with("."))
    return false;
  llvm::StringRef Ext = llvm::sys::path::extension(Name);
  return Ext.empty() ||
         llvm::is_contained({".h", ".hh", ".hpp", ".hxx", ".h++", ".H", ".inc",
                             ".def", ".inl", ".ipp", ".tpp", ".tcc", ".ixx",
                             ".cppm", ".x", ".gen"},
                            Ext);
}

bool ChangedLines::onlySourceFilesChanged() const {
  for (const auto &Entry : Ranges)
    if (mayBeIncluded(Entry.getKey()))
      return false;
  for (const auto &Entry : WholeFiles)
    if (mayBeIncluded(Entry.getKey()))
      return false;
  return true;
}

bool ChangedLines::touches(const Finding &F) const {
  if (contains(F.Loc.File, F.Loc.Line))
    return true;
  for (const Note &N : F.Notes)
    if (contains(N.Loc.File, N.Loc.Line))
      return true;
  return false;
}

/// git quotes paths with unusual characters: "b/a\tb.cpp".
static std::string unquotePath(llvm::StringRef P) {
  P = P.rtrim("\r");
  // diff -u appends a tab and a timestamp.
  if (!P.starts_with("\""))
    return P.split('\t').first.str();
  std::string Result;
  for (size_t I = 1; I < P.size() && P[I] != '"'; ++I) {
    if (P[I] != '\\' || I + 1 >= P.size()) {
      Result += P[I];
      continue;
    }
    char C = P[++I];
    switch (C) {
    case 't':
      Result += '\t';
      break;
    case 'n':
      Result += '\n';
      break;
    default:
      if (C >= '0' && C <= '7' && I + 2 < P.size()) {
        Result += static_cast<char>((C - '0') * 64 + (P[I + 1] - '0') * 8 +
                                    (P[I + 2] - '0'));
        I += 2;
      } else {
        Result += C;
      }
    }
  }
  return Result;
}

static std::string resolve(llvm::StringRef BaseDir, llvm::StringRef Path) {
  llvm::SmallString<256> Full;
  if (llvm::sys::path::is_absolute(Path)) {
    Full = Path;
  } else {
    Full = BaseDir;
    llvm::sys::path::append(Full, Path);
  }
  llvm::sys::path::remove_dots(Full, /*remove_dot_dot=*/true);
  return std::string(Full);
}

/// Parses "a[,b]" of a hunk header; an omitted count is 1.
static bool parseRange(llvm::StringRef Range, unsigned &Start,
                       unsigned &Count) {
  auto [StartText, CountText] = Range.split(',');
  if (StartText.getAsInteger(10, Start))
    return false;
  Count = 1;
  return CountText.empty() || !CountText.getAsInteger(10, Count);
}

/// Parses "@@ -a[,b] +c[,d] @@"; returns false when malformed.
static bool parseHunkHeader(llvm::StringRef Line, unsigned &OldCount,
                            unsigned &Start, unsigned &Count) {
  llvm::StringRef Old = Line.drop_front(3).split(' ').first;
  size_t Plus = Line.find(" +");
  if (!Old.consume_front("-") || Plus == llvm::StringRef::npos)
    return false;
  unsigned OldStart = 0;
  llvm::StringRef New = Line.substr(Plus + 2).split(' ').first;
  return parseRange(Old, OldStart, OldCount) && parseRange(New, Start, Count);
}

llvm::Expected<ChangedLines> parseUnifiedDiff(llvm::StringRef Diff,
                                              llvm::StringRef BaseDir) {
  ChangedLines Result;
  std::string File;
  unsigned NewLine = 0;
  unsigned OldLeft = 0;
  unsigned NewLeft = 0;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Diff.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    if (OldLeft > 0 || NewLeft > 0) {
      // Inside a hunk.
      if (Line.starts_with("+")) {
        if (!File.empty())
          Result.addLines(File, NewLine, 1);
        ++NewLine;
        if (NewLeft > 0)
          --NewLeft;
      } else if (Line.starts_with("-")) {
        if (OldLeft > 0)
          --OldLeft;
      } else if (Line.starts_with("\\")) {
        // "\ No newline at end of file".
      } else {
        ++NewLine;
        if (OldLeft > 0)
          --OldLeft;
        if (NewLeft > 0)
          --NewLeft;
      }
      continue;
    }
    if (Line.starts_with("+++ ")) {
      std::string Path = unquotePath(Line.drop_front(4));
      if (Path == "/dev/null") {
        File.clear();
        continue;
      }
      llvm::StringRef P = Path;
      if (P.starts_with("b/") && !llvm::sys::fs::exists(resolve(BaseDir, P)))
        P = P.drop_front(2);
      File = resolve(BaseDir, P);
      continue;
    }
    if (Line.starts_with("@@ ")) {
      unsigned Start = 0;
      unsigned Count = 0;
      if (!parseHunkHeader(Line, OldLeft, Start, Count))
        return llvm::createStringError("malformed hunk header: %s",
                                       Line.str().c_str());
      NewLine = Start;
      NewLeft = Count;
    }
  }
  return Result;
}

/// Runs git with \p Args in \p Dir; its stdout goes to \p Output.
/// \p Overrides are `-c name=value` settings put before the command. The
/// repository analysed is not trusted: its configuration must not make git
/// run a command, so the file-system monitor hook is always off (it would
/// run on any command that looks at the work tree).
static llvm::Error runGit(llvm::ArrayRef<llvm::StringRef> Args,
                          llvm::StringRef Dir, std::string &Output,
                          llvm::ArrayRef<std::string> Overrides = {}) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return llvm::createStringError("git not found on PATH");
  llvm::SmallString<128> OutFile;
  llvm::SmallString<128> ErrFile;
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("leakguard-git", "out", OutFile))
    return llvm::errorCodeToError(EC);
  if (std::error_code EC =
          llvm::sys::fs::createTemporaryFile("leakguard-git", "err", ErrFile))
    return llvm::errorCodeToError(EC);
  llvm::FileRemover RemoveOut(OutFile);
  llvm::FileRemover RemoveErr(ErrFile);
  std::vector<llvm::StringRef> Argv = {*Git, "-C", Dir, "-c",
                                       "core.fsmonitor=false"};
  for (const std::string &Setting : Overrides) {
    Argv.push_back("-c");
    Argv.push_back(Setting);
  }
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {
      std::nullopt, llvm::StringRef(OutFile), llvm::StringRef(ErrFile)};
  std::string ErrMsg;
  int RC = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects, 0, 0,
                                     &ErrMsg);
  auto Out = llvm::MemoryBuffer::getFile(OutFile);
  auto Err = llvm::MemoryBuffer::getFile(ErrFile);
  if (RC != 0) {
    std::string Why = Err ? (*Err)->getBuffer().trim().str() : ErrMsg;
    return llvm::createStringError("git %s failed: %s",
                                   Args.front().str().c_str(), Why.c_str());
  }
  Output = Out ? (*Out)->getBuffer().str() : "";
  return llvm::Error::success();
}

llvm::Expected<ChangedLines> changedSinceGitRef(llvm::StringRef Ref,
                                                llvm::StringRef Dir) {
  std::string TopLevel;
  if (llvm::Error E = runGit({"rev-parse", "--show-toplevel"}, Dir, TopLevel))
    return std::move(E);
  llvm::StringRef Top = llvm::StringRef(TopLevel).trim();
  std::string Diff;
  // Diffing the work tree runs the clean filters the repository's
  // configuration names (`filter.X.clean`, `filter.X.process`): each one
  // found is turned off (reading the configuration runs nothing).
  std::string Filters;
  std::vector<std::string> Overrides;
  // (git exits 1 when the configuration names none.)
  if (llvm::Error E = runGit({"config", "--name-only", "--get-regexp",
                              "^filter\\..*\\.(clean|smudge|process)$"},
                             Top, Filters))
    llvm::consumeError(std::move(E));
  for (llvm::StringRef Name : llvm::split(llvm::StringRef(Filters), '\n'))
    if (!Name.trim().empty())
      Overrides.push_back((Name.trim() + "=").str());
  // Against the work tree: committed, staged and unstaged changes. The
  // prefixes are explicit: diff.mnemonicPrefix or diff.noprefix in the
  // user's configuration would change them. No external diff program and
  // no textconv filter runs.
  if (llvm::Error E =
          runGit({"diff", "--no-color", "--no-ext-diff", "--no-textconv",
                  "--no-renames", "--src-prefix=a/", "--dst-prefix=b/", "-U0",
                  Ref, "--"},
                 Top, Diff, Overrides))
    return std::move(E);
  llvm::Expected<ChangedLines> Result = parseUnifiedDiff(Diff, Top);
  if (!Result)
    return Result.takeError();
  // NUL-separated: otherwise git quotes unusual names ("\303\251.cpp").
  std::string Untracked;
  if (llvm::Error E = runGit(
          {"ls-files", "-z", "--others", "--exclude-standard"}, Top, Untracked))
    return std::move(E);
  llvm::SmallVector<llvm::StringRef, 0> Files;
  llvm::StringRef(Untracked).split(Files, '\0', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef F : Files)
    Result->addWholeFile(resolve(Top, F));
  return Result;
}

} // namespace clang::tidy::leak::driver
