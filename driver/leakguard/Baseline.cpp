//===--- Baseline.cpp - Fingerprints and baselines ------------------------===//

#include "Baseline.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"
#include <map>

namespace clang::tidy::leak::driver {

/// Digits are dropped so that a message quoting a line number stays stable.
static std::string withoutDigits(llvm::StringRef S) {
  std::string Result;
  for (char C : S)
    if (!llvm::isDigit(C))
      Result += C;
  return Result;
}

/// Whitespace runs collapse to one space, so re-indentation keeps the key.
static std::string normalizedLine(llvm::StringRef S) {
  std::string Result;
  bool Space = false;
  for (char C : S.trim()) {
    if (llvm::isSpace(C)) {
      Space = true;
      continue;
    }
    if (Space)
      Result += ' ';
    Space = false;
    Result += C;
  }
  return Result;
}

void assignFingerprints(std::vector<Finding> &Findings, SourceFiles &Sources,
                        llvm::StringRef Root) {
  std::map<std::string, unsigned> Occurrences;
  for (Finding &F : Findings) {
    std::string Key = F.Check + '\0' + relativePath(F.Loc.File, Root) + '\0' +
                      withoutDigits(F.Message) + '\0' +
                      normalizedLine(Sources.line(F.Loc.File, F.Loc.Line));
    unsigned Index = Occurrences[Key]++;
    Key += '\0' + std::to_string(Index);
    std::array<uint8_t, 32> Hash = llvm::SHA256::hash(llvm::ArrayRef<uint8_t>(
        reinterpret_cast<const uint8_t *>(Key.data()), Key.size()));
    F.Fingerprint = llvm::toHex(llvm::ArrayRef<uint8_t>(Hash).take_front(16),
                                /*LowerCase=*/true);
  }
}

llvm::Error writeBaseline(llvm::StringRef Path,
                          llvm::ArrayRef<Finding> Findings,
                          llvm::StringRef Root) {
  llvm::json::Array Entries;
  for (const Finding &F : Findings) {
    Entries.push_back(
        llvm::json::Object{{"fingerprint", F.Fingerprint},
                           {"check", F.Check},
                           {"file", relativePath(F.Loc.File, Root)},
                           {"message", F.Message}});
  }
  llvm::json::Value Doc =
      llvm::json::Object{{"version", 1}, {"findings", std::move(Entries)}};
  return writeFileAtomically(Path, [&](llvm::raw_ostream &OS) {
    OS << llvm::formatv("{0:2}", Doc) << "\n";
  });
}

llvm::Expected<BaselineFile> parseBaseline(llvm::StringRef Text,
                                           llvm::StringRef Name) {
  llvm::Expected<llvm::json::Value> Doc = llvm::json::parse(Text);
  if (!Doc)
    return llvm::createStringError("invalid baseline %s: %s",
                                   Name.str().c_str(),
                                   llvm::toString(Doc.takeError()).c_str());
  const llvm::json::Object *O = Doc->getAsObject();
  const llvm::json::Array *Entries = O ? O->getArray("findings") : nullptr;
  if (!Entries)
    return llvm::createStringError("invalid baseline %s: no 'findings' array",
                                   Name.str().c_str());
  BaselineFile Result;
  for (const llvm::json::Value &E : *Entries) {
    const llvm::json::Object *EO = E.getAsObject();
    std::optional<llvm::StringRef> FP =
        EO ? EO->getString("fingerprint") : std::nullopt;
    if (!FP)
      return llvm::createStringError(
          "invalid baseline %s: an entry has no fingerprint",
          Name.str().c_str());
    if (!Result.Fingerprints.insert(*FP).second)
      continue;
    BaselineEntry Entry;
    Entry.Fingerprint = FP->str();
    Entry.Check = EO->getString("check").value_or("").str();
    Entry.File = EO->getString("file").value_or("").str();
    Result.Entries.push_back(std::move(Entry));
  }
  return Result;
}

llvm::Expected<BaselineFile> readBaseline(llvm::StringRef Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Buffer =
      llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(), "cannot read %s: %s",
                                   Path.str().c_str(),
                                   Buffer.getError().message().c_str());
  return parseBaseline((*Buffer)->getBuffer(), Path);
}

size_t staleBaselineEntries(llvm::ArrayRef<Finding> Findings,
                            const llvm::StringSet<> &Baseline) {
  llvm::StringSet<> Current;
  for (const Finding &F : Findings)
    Current.insert(F.Fingerprint);
  return llvm::count_if(Baseline, [&](const auto &Entry) {
    return !Current.contains(Entry.getKey());
  });
}

std::map<std::string, size_t>
fixedBaselineEntries(llvm::ArrayRef<Finding> Findings, const BaselineFile &B,
                     const llvm::StringMap<llvm::StringSet<>> &ChecksRun) {
  llvm::StringSet<> Current;
  for (const Finding &F : Findings)
    Current.insert(F.Fingerprint);
  std::map<std::string, size_t> Fixed;
  for (const BaselineEntry &E : B.Entries) {
    auto Run = ChecksRun.find(E.File);
    if (Run != ChecksRun.end() && Run->second.contains(E.Check) &&
        !Current.contains(E.Fingerprint))
      ++Fixed[E.Check];
  }
  return Fixed;
}

size_t applyBaseline(std::vector<Finding> &Findings,
                     const llvm::StringSet<> &Baseline) {
  size_t Before = Findings.size();
  llvm::erase_if(Findings, [&](const Finding &F) {
    return Baseline.contains(F.Fingerprint);
  });
  return Before - Findings.size();
}

} // namespace clang::tidy::leak::driver
