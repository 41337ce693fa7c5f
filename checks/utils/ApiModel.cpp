//===--- ApiModel.cpp - LeakGuard's API model
//------------------------------===//

#include "ApiModel.h"
#include "RuleLoader.h"

namespace clang::tidy::leak::utils {

bool nameMatches(llvm::StringRef Pattern, llvm::StringRef QualifiedName) {
  QualifiedName.consume_front("::");
  if (Pattern.consume_front("::"))
    return QualifiedName == Pattern;
  if (QualifiedName == Pattern)
    return true;
  return QualifiedName.ends_with(Pattern) &&
         QualifiedName.drop_back(Pattern.size()).ends_with("::");
}

bool splitArguments(llvm::StringRef Entry, llvm::StringRef &Function,
                    llvm::StringRef &Arguments) {
  Function = Entry;
  Arguments = {};
  if (!Entry.ends_with(")"))
    return Entry.find('(') == llvm::StringRef::npos ||
           Entry.contains("operator");
  size_t Open = Entry.rfind('(');
  Function = Entry.take_front(Open);
  Arguments = Entry.slice(Open + 1, Entry.size() - 1);
  if (Arguments.empty())
    return false;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  Arguments.split(Parts, ',');
  return llvm::all_of(Parts, [](llvm::StringRef P) {
    unsigned N;
    return !P.trim().getAsInteger(10, N);
  });
}

bool ownershipEntryMatches(const std::vector<std::string> &Entries,
                           llvm::StringRef QualifiedName, unsigned ArgIndex) {
  for (const std::string &Entry : Entries) {
    llvm::StringRef Function, Arguments;
    if (!splitArguments(Entry, Function, Arguments) ||
        !nameMatchesAny({Function.str()}, QualifiedName))
      continue;
    if (Arguments.empty())
      return true;
    llvm::SmallVector<llvm::StringRef, 4> Parts;
    Arguments.split(Parts, ',');
    for (llvm::StringRef P : Parts) {
      unsigned N;
      if (!P.trim().getAsInteger(10, N) && N == ArgIndex)
        return true;
    }
  }
  return false;
}

bool nameMatchesAny(const std::vector<std::string> &Patterns,
                    llvm::StringRef QualifiedName) {
  for (const std::string &Pattern : Patterns)
    if (nameMatches(Pattern, QualifiedName))
      return true;
  return false;
}

const ResourceKind *ApiModel::findAcquirer(llvm::StringRef QualifiedName,
                                           int &ArgIndex) const {
  for (const ResourceKind &Kind : Resources) {
    for (const Acquirer &A : Kind.Acquire) {
      if (nameMatches(A.Function, QualifiedName)) {
        ArgIndex = A.HandleArg;
        return &Kind;
      }
    }
  }
  return nullptr;
}

bool ApiModel::isReleaser(const ResourceKind &Kind,
                          llvm::StringRef QualifiedName,
                          unsigned ArgIndex) const {
  for (const Releaser &R : Kind.Release)
    if (R.HandleArg == ArgIndex && nameMatches(R.Function, QualifiedName))
      return true;
  return false;
}

bool ApiModel::isAnyReleaser(llvm::StringRef QualifiedName) const {
  for (const ResourceKind &Kind : Resources)
    for (const Releaser &R : Kind.Release)
      if (nameMatches(R.Function, QualifiedName))
        return true;
  return false;
}

std::vector<std::string> ApiModel::acquirerNames() const {
  std::vector<std::string> Names;
  for (const ResourceKind &Kind : Resources)
    for (const Acquirer &A : Kind.Acquire)
      Names.push_back(A.Function);
  return Names;
}

std::vector<std::string> ApiModel::releaserNames() const {
  std::vector<std::string> Names;
  for (const ResourceKind &Kind : Resources)
    for (const Releaser &R : Kind.Release)
      Names.push_back(R.Function);
  return Names;
}

// The defaults are the embedded rule packs (rules/*.yaml); see RuleLoader.
const ApiModel &defaultApiModel() {
  static const ApiModel &Model = loadRules(RuleConfig()).Model;
  return Model;
}

} // namespace clang::tidy::leak::utils
