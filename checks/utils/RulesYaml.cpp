//===--- RulesYaml.cpp - The one yaml-cpp translation unit ------------------===//
//
// Built with -fexceptions (see the top-level CMakeLists.txt). Every yaml-cpp
// call is here, inside a try block that catches everything: no exception may
// leave this file, since the rest of LeakGuard and LLVM are built without
// exception support.
//
//===----------------------------------------------------------------------===//

#include "RulesYaml.h"
#include <yaml-cpp/yaml.h>
#include <exception>

namespace clang::tidy::leak::utils {

namespace {

/// Bounds on what the converter accepts: anchors and aliases can make a small
/// text expand to a huge (or, with yaml-cpp, cyclic) tree.
constexpr unsigned MaxYamlNodes = 100000;
constexpr size_t MaxYamlBytes = 4u << 20;
constexpr unsigned MaxIndent = 256;

struct Converter {
  const std::string &Text;
  YamlError &Error;
  unsigned NodeCount = 0;

  bool fail(const YAML::Mark &M, std::string Message) {
    Error.Message = std::move(Message);
    Error.Line = M.line >= 0 ? M.line + 1 : 1;
    Error.Column = M.column >= 0 ? M.column + 1 : 1;
    return false;
  }

  /// yaml-cpp 0.7 accepts a quoted scalar left open at the end of the text;
  /// find the closing quote ourselves.
  bool quoteIsClosed(const YAML::Mark &M) const {
    if (M.pos < 0 || static_cast<size_t>(M.pos) >= Text.size())
      return true;
    char Quote = Text[M.pos];
    if (Quote != '"' && Quote != '\'')
      return true;
    for (size_t I = M.pos + 1; I < Text.size(); ++I) {
      char C = Text[I];
      if (Quote == '"' && C == '\\') {
        ++I;
        continue;
      }
      if (C != Quote)
        continue;
      if (Quote == '\'' && I + 1 < Text.size() && Text[I + 1] == '\'') {
        ++I;
        continue;
      }
      return true;
    }
    return false;
  }

  bool convert(const YAML::Node &In, YamlNode &Out, unsigned Depth) {
    const YAML::Mark M = In.Mark();
    if (++NodeCount > MaxYamlNodes)
      return fail(M, "document too large (more than " +
                         std::to_string(MaxYamlNodes) + " nodes)");
    if (Depth > MaxYamlDepth)
      return fail(M, "nesting deeper than " + std::to_string(MaxYamlDepth) +
                         " levels");
    Out.Line = M.line >= 0 ? M.line + 1 : 1;
    Out.Column = M.column >= 0 ? M.column + 1 : 1;
    switch (In.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      Out.Kind = YamlNode::Null;
      return true;
    case YAML::NodeType::Scalar:
      Out.Kind = YamlNode::Scalar;
      Out.Value = In.Scalar();
      Out.Quoted = In.Tag() == "!";
      if (Out.Quoted && !quoteIsClosed(M))
        return fail(M, "unterminated quoted scalar");
      return true;
    case YAML::NodeType::Sequence:
      Out.Kind = YamlNode::Sequence;
      for (const YAML::Node &Child : In) {
        Out.Items.emplace_back();
        if (!convert(Child, Out.Items.back(), Depth + 1))
          return false;
      }
      return true;
    case YAML::NodeType::Map:
      Out.Kind = YamlNode::Map;
      for (const auto &Entry : In) {
        const YAML::Node &Key = Entry.first;
        if (!Key.IsScalar())
          return fail(Key.Mark(), "mapping key must be a plain scalar");
        YamlKey K;
        K.Text = Key.Scalar();
        K.Line = Key.Mark().line >= 0 ? Key.Mark().line + 1 : 1;
        K.Column = Key.Mark().column >= 0 ? Key.Mark().column + 1 : 1;
        if (Key.Tag() == "!" && !quoteIsClosed(Key.Mark()))
          return fail(Key.Mark(), "unterminated quoted scalar");
        Out.Entries.emplace_back(std::move(K), YamlNode());
        if (!convert(Entry.second, Out.Entries.back().second, Depth + 1))
          return false;
      }
      return true;
    }
    return fail(M, "unsupported YAML node");
  }
};

/// yaml-cpp's parser recurses once per nesting level; refuse texts whose
/// nesting alone could exhaust the stack before handing them over.
bool preScan(const std::string &Text, YamlError &Error) {
  if (Text.size() > MaxYamlBytes) {
    Error = {"rule file larger than 4 MiB", 1, 1};
    return false;
  }
  unsigned Line = 1, Column = 1, Flow = 0, Indent = 0;
  bool AtLineStart = true, InComment = false;
  char Quote = 0;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (C == '\0') {
      Error = {"NUL byte in rule file", Line, Column};
      return false;
    }
    if (C == '\n') {
      ++Line;
      Column = 1;
      AtLineStart = true;
      InComment = false;
      Indent = 0;
      continue;
    }
    ++Column;
    if (AtLineStart) {
      if (C == ' ' || C == '-' || C == '?' || C == ':' || C == '\t') {
        if (++Indent > MaxIndent) {
          Error = {"line indented deeper than " + std::to_string(MaxIndent) +
                       " columns",
                   Line, Column - 1};
          return false;
        }
        continue;
      }
      AtLineStart = false;
    }
    if (InComment)
      continue;
    if (Quote) {
      if (Quote == '"' && C == '\\')
        ++I, ++Column;
      else if (C == Quote)
        Quote = 0;
      continue;
    }
    if (C == '"' || C == '\'') {
      Quote = C;
    } else if (C == '#') {
      InComment = true;
    } else if (C == '[' || C == '{') {
      if (++Flow > MaxYamlDepth) {
        Error = {"nesting deeper than " + std::to_string(MaxYamlDepth) +
                     " levels",
                 Line, Column - 1};
        return false;
      }
    } else if ((C == ']' || C == '}') && Flow > 0) {
      --Flow;
    }
  }
  return true;
}

} // namespace

bool parseYaml(const std::string &Text, YamlNode &Root, YamlError &Error) {
  Root = YamlNode();
  if (!preScan(Text, Error))
    return false;
  try {
    std::vector<YAML::Node> Docs = YAML::LoadAll(Text);
    if (Docs.empty()) {
      Root.Kind = YamlNode::Null;
      Root.Line = Root.Column = 1;
      return true;
    }
    if (Docs.size() > 1) {
      Error = {"a rule file holds one YAML document, found " +
                   std::to_string(Docs.size()),
               static_cast<unsigned>(Docs[1].Mark().line + 1),
               static_cast<unsigned>(Docs[1].Mark().column + 1)};
      return false;
    }
    Converter C{Text, Error};
    return C.convert(Docs.front(), Root, 0);
  } catch (const YAML::Exception &E) {
    Error.Message = E.msg.empty() ? std::string("malformed YAML") : E.msg;
    Error.Line = E.mark.line >= 0 ? E.mark.line + 1 : 1;
    Error.Column = E.mark.column >= 0 ? E.mark.column + 1 : 1;
  } catch (const std::exception &E) {
    Error = {std::string("cannot parse YAML: ") + E.what(), 1, 1};
  } catch (...) {
    Error = {"cannot parse YAML", 1, 1};
  }
  Root = YamlNode();
  return false;
}

} // namespace clang::tidy::leak::utils
