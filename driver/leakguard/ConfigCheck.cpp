//===--- ConfigCheck.cpp - Configuration errors before any analysis -------===//

#include "ConfigCheck.h"
#include "clang-tidy/GlobList.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

namespace clang::tidy::leak::driver {

std::string nearestName(llvm::StringRef Name,
                        llvm::ArrayRef<std::string> Candidates) {
  std::string Best;
  // A typo is a few edits, and fewer than half the name.
  unsigned BestDistance = std::min<unsigned>(4, Name.size() / 2 + 1);
  for (const std::string &Candidate : Candidates) {
    unsigned Distance =
        Name.edit_distance(Candidate, /*AllowReplacements=*/true, BestDistance);
    if (Distance < BestDistance) {
      BestDistance = Distance;
      Best = Candidate;
    }
  }
  return Best;
}

static bool isWordChar(char C) {
  return llvm::isAlnum(C) || C == '-' || C == '_' || C == '.' || C == '*';
}

std::pair<unsigned, unsigned> positionOf(llvm::StringRef Text,
                                         llvm::StringRef Token) {
  for (size_t At = Text.find(Token); At != llvm::StringRef::npos;
       At = Text.find(Token, At + 1)) {
    bool Starts = At == 0 || !isWordChar(Text[At - 1]);
    size_t End = At + Token.size();
    bool Ends = End == Text.size() || !isWordChar(Text[End]);
    if (!Starts || !Ends)
      continue;
    llvm::StringRef Before = Text.take_front(At);
    unsigned Line = Before.count('\n') + 1;
    size_t LineStart = Before.rfind('\n');
    unsigned Column =
        LineStart == llvm::StringRef::npos ? At + 1 : At - LineStart;
    return {Line, Column};
  }
  return {0, 0};
}

std::string ConfigVerifier::where(llvm::StringRef Source, llvm::StringRef Text,
                                  llvm::StringRef Token) const {
  auto [Line, Column] = positionOf(Text, Token);
  if (Line == 0)
    return Source.str();
  return (Source + ":" + llvm::Twine(Line) + ":" + llvm::Twine(Column)).str();
}

void ConfigVerifier::add(std::string Problem) {
  if (Seen.insert(Problem).second)
    Problems.push_back(std::move(Problem));
}

void ConfigVerifier::verifyChecks(llvm::StringRef Value, llvm::StringRef Source,
                                  llvm::StringRef Text) {
  for (llvm::StringRef Line : llvm::split(Value, '\n'))
    for (llvm::StringRef Glob : llvm::split(Line, ',')) {
      llvm::StringRef Pattern = Glob.trim();
      Pattern.consume_front("-");
      Pattern = Pattern.trim();
      if (!Pattern.starts_with("leak-"))
        continue; // Another tool's checks, `*`, `-*`.
      GlobList Matcher(Pattern);
      if (llvm::any_of(Checks, [&](const std::string &Check) {
            return Matcher.contains(Check);
          }))
        continue;
      std::string Problem = where(Source, Text, Pattern) + ": '" +
                            Pattern.str() + "' names no LeakGuard check";
      if (std::string Near = nearestName(Pattern, Checks); !Near.empty())
        Problem += "; did you mean '" + Near + "'?";
      add(std::move(Problem));
    }
}

std::vector<std::string> ConfigVerifier::optionNames() const {
  std::vector<std::string> Names;
  for (const auto &Entry : Options)
    Names.push_back(Entry.getKey().str());
  llvm::sort(Names);
  return Names;
}

void ConfigVerifier::verifyOptions(const ClangTidyOptions::OptionMap &Map,
                                   llvm::StringRef Source,
                                   llvm::StringRef Text) {
  for (const auto &Entry : Map) {
    llvm::StringRef Key = Entry.getKey();
    if (!Key.starts_with("leak-") || Options.contains(Key))
      continue;
    std::string Problem =
        where(Source, Text, Key) + ": unknown option '" + Key.str() + "'";
    if (std::string Near = nearestName(Key, optionNames()); !Near.empty())
      Problem += "; did you mean '" + Near + "'?";
    add(std::move(Problem));
  }
}

} // namespace clang::tidy::leak::driver
