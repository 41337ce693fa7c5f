//===--- RuleLoader.h - Rule packs: validation, merging, cache -*- C++ -*-===//
//
// Turns rule files (rules/README.md describes the schema) into an ApiModel.
// RulesYaml.h parses the text; this file validates the tree against the
// schema (with did-you-mean suggestions for unknown keys), detects duplicate
// entries, merges packs and caches the result per process. It depends on
// LLVM Support only, so the fuzzer in fuzz/ can build it without clang.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_RULELOADER_H
#define LEAKGUARD_CHECKS_UTILS_RULELOADER_H

#include "ApiModel.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::leak::utils {

/// The schema version this LeakGuard reads.
constexpr unsigned RuleSchemaVersion = 1;

/// One problem with a rule file or the rule options. Line and Column are
/// 1-based; 0 when the problem has no position in a file.
struct RuleDiagnostic {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string Message;

  /// "rule file 'F':L:C: MESSAGE", or "MESSAGE" without a file.
  std::string str() const;
};

/// Where in its file an acquirer was declared (for duplicate messages).
struct RulePosition {
  unsigned Line = 0;
  unsigned Column = 0;
};

/// A validated rule file.
struct RulePack {
  std::string Name;
  std::string Description;
  /// Optional packs are used only when named in the RulePacks option.
  bool Optional = false;
  /// The file the pack came from (for embedded packs, "<embedded>/x.yaml").
  std::string File;
  /// This pack's contents only.
  ApiModel Model;
  /// AcquirePositions[I][J] is where Model.Resources[I].Acquire[J] is.
  std::vector<std::vector<RulePosition>> AcquirePositions;
  std::vector<RulePosition> ResourcePositions;
  RulePosition PackPosition;
};

/// Parses and validates \p Text (named \p File in messages). Returns false and
/// fills \p Error with the first problem found.
bool parseRulePack(llvm::StringRef Text, llvm::StringRef File, RulePack &Pack,
                   RuleDiagnostic &Error);

/// Adds \p Pack to \p Model. A resource with an existing name is extended;
/// an acquirer already listed for any resource is a duplicate, as is a pack
/// name already merged (listed in \p Model.Packs). On error \p Model is
/// unchanged.
bool mergeRulePack(ApiModel &Model, const RulePack &Pack,
                   RuleDiagnostic &Error);

/// A text embedded in the binary from rules/*.yaml.
struct EmbeddedRulePack {
  const char *FileName;
  const char *Text;
};
/// The packs shipped in rules/ (default-on and optional).
llvm::ArrayRef<EmbeddedRulePack> embeddedRulePacks();

/// What to load: the RulePacks option split into items ("curl" enables an
/// optional pack, "-posix" disables a default one, "-*" disables them all)
/// and the RuleFiles option with each path made absolute.
struct RuleConfig {
  std::vector<std::string> Packs;
  std::vector<std::string> Files;
};

/// A merged model and every problem met building it. Files with problems are
/// skipped as a whole; everything else is still used.
struct LoadedRules {
  ApiModel Model;
  std::vector<RuleDiagnostic> Errors;
};

/// Builds the model for \p Config without caching.
LoadedRules buildRules(const RuleConfig &Config);

/// Like buildRules, but cached per process, keyed by the configuration and
/// each rule file's modification time and size; safe to call from several
/// threads. The result lives until the process exits.
const LoadedRules &loadRules(const RuleConfig &Config);

/// Splits a ';'- or ','-separated option value into trimmed, non-empty items.
std::vector<std::string> splitRuleList(llvm::StringRef Value);

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_RULELOADER_H
