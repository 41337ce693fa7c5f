//===--- RulesYaml.h - YAML text to a plain tree, with positions -*- C++
//-*-===//
//
// The only interface to yaml-cpp. RulesYaml.cpp is the one translation unit
// built with exceptions: it parses a rule file into this plain tree (every
// node and key carries its 1-based line and column) or returns one error with
// a position, catching everything yaml-cpp throws. Nothing here knows the
// rule schema; RuleSchema.h validates the tree.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_CHECKS_UTILS_RULESYAML_H
#define LEAKGUARD_CHECKS_UTILS_RULESYAML_H

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::leak::utils {

struct YamlNode;

/// A mapping key with its position.
struct YamlKey {
  std::string Text;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// A parsed YAML node. Positions are 1-based.
struct YamlNode {
  enum NodeKind : unsigned char { Null, Scalar, Sequence, Map };
  NodeKind Kind = Null;
  unsigned Line = 0;
  unsigned Column = 0;
  /// The scalar's text (Scalar only).
  std::string Value;
  /// True for a quoted or block scalar ("x", 'x', |, >).
  bool Quoted = false;
  /// Elements (Sequence only).
  std::vector<YamlNode> Items;
  /// Entries in document order, duplicates kept (Map only).
  std::vector<std::pair<YamlKey, YamlNode>> Entries;
};

/// A parse error with its 1-based position.
struct YamlError {
  std::string Message;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// The deepest nesting of collections accepted; deeper input is an error
/// (it also bounds the parser's recursion).
constexpr unsigned MaxYamlDepth = 32;

/// Parses \p Text, which must hold exactly one document (an empty text is a
/// Null node). Returns false and fills \p Error on malformed input. Never
/// throws, never aborts.
bool parseYaml(const std::string &Text, YamlNode &Root, YamlError &Error);

} // namespace clang::tidy::leak::utils

#endif // LEAKGUARD_CHECKS_UTILS_RULESYAML_H
