//===--- RulesYaml.cpp - The one yaml-cpp translation unit
//------------------===//
//
// Built with -fexceptions (see the top-level CMakeLists.txt). Every yaml-cpp
// call is here, inside a try block that catches everything: no exception may
// leave this file, since the rest of LeakGuard and LLVM are built without
// exception support.
//
//===----------------------------------------------------------------------===//

#include "RulesYaml.h"
#include <exception>
#include <map>
#include <sstream>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

namespace clang::tidy::leak::utils {

namespace {

/// Bounds on what the converter accepts: anchors and aliases can make a small
/// text expand to a huge (or, with yaml-cpp, cyclic) tree.
constexpr unsigned MaxYamlNodes = 100000;
constexpr size_t MaxYamlBytes = 4u << 20;
constexpr unsigned MaxIndent = 256;

/// Where a yaml-cpp mark points, 1-based (marks of synthesized nodes are -1).
unsigned lineOf(const YAML::Mark &M) { return M.line >= 0 ? M.line + 1 : 1; }
unsigned columnOf(const YAML::Mark &M) {
  return M.column >= 0 ? M.column + 1 : 1;
}

/// Thrown from the event handler to stop the parser; caught in parseYaml.
struct StopParsing {
  YamlError Error;
};

/// Builds the tree straight from parser events. Counting events bounds the
/// work: yaml-cpp 0.7 loops forever on some inputs (a ',' at document
/// level), producing events as it goes, and aliases can expand a small text
/// into a huge tree.
class TreeBuilder : public YAML::EventHandler {
public:
  explicit TreeBuilder(const std::string &Text) : Text(Text) {}

  YamlNode Root;
  unsigned Documents = 0;

  void OnDocumentStart(const YAML::Mark &M) override {
    if (++Documents > 1) {
      // yaml-cpp 0.7 also starts document after document, forever, on a
      // ',' outside any collection.
      if (M.pos >= 0 && static_cast<size_t>(M.pos) < Text.size() &&
          Text.compare(M.pos, 3, "---") != 0)
        stop(M, std::string("unexpected '") + Text[M.pos] +
                    "' outside any collection");
      stop(M, "a rule file holds one YAML document; a second one starts here");
    }
    Root.Kind = YamlNode::Null;
    Root.Line = lineOf(M);
    Root.Column = columnOf(M);
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &M, YAML::anchor_t Anchor) override {
    YamlNode N = start(M);
    attach(std::move(N), Anchor, 1);
  }
  void OnAlias(const YAML::Mark &M, YAML::anchor_t Anchor) override {
    auto It = Anchors.find(Anchor);
    if (It == Anchors.end())
      stop(M, "unknown alias");
    count(M, It->second.second);
    YamlNode N = It->second.first;
    N.Line = lineOf(M);
    N.Column = columnOf(M);
    attach(std::move(N), 0, 0);
  }
  void OnScalar(const YAML::Mark &M, const std::string &Tag,
                YAML::anchor_t Anchor, const std::string &Value) override {
    YamlNode N = start(M);
    N.Kind = YamlNode::Scalar;
    N.Value = Value;
    N.Quoted = Tag == "!";
    if (N.Quoted && !quoteIsClosed(M))
      stop(M, "unterminated quoted scalar");
    attach(std::move(N), Anchor, 1);
  }
  void OnSequenceStart(const YAML::Mark &M, const std::string &,
                       YAML::anchor_t Anchor,
                       YAML::EmitterStyle::value) override {
    open(M, YamlNode::Sequence, Anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark &M, const std::string &,
                  YAML::anchor_t Anchor, YAML::EmitterStyle::value) override {
    open(M, YamlNode::Map, Anchor);
  }
  void OnMapEnd() override { close(); }

private:
  struct Frame {
    YamlNode Node;
    YAML::anchor_t Anchor = 0;
    unsigned Size = 1; // nodes in this subtree, for anchors
    bool HasKey = false;
    YamlKey Key;
  };
  const std::string &Text;
  std::vector<Frame> Stack;
  std::map<YAML::anchor_t, std::pair<YamlNode, unsigned>> Anchors;
  unsigned Nodes = 0;

  [[noreturn]] void stop(const YAML::Mark &M, std::string Message) {
    throw StopParsing{{std::move(Message), lineOf(M), columnOf(M)}};
  }
  void count(const YAML::Mark &M, unsigned N) {
    Nodes += N;
    if (Nodes > MaxYamlNodes)
      stop(M, "document too large (more than " + std::to_string(MaxYamlNodes) +
                  " nodes)");
  }
  YamlNode start(const YAML::Mark &M) {
    count(M, 1);
    YamlNode N;
    N.Line = lineOf(M);
    N.Column = columnOf(M);
    return N;
  }
  void open(const YAML::Mark &M, YamlNode::NodeKind Kind,
            YAML::anchor_t Anchor) {
    if (Stack.size() >= MaxYamlDepth)
      stop(M,
           "nesting deeper than " + std::to_string(MaxYamlDepth) + " levels");
    Frame F;
    F.Node = start(M);
    F.Node.Kind = Kind;
    F.Anchor = Anchor;
    Stack.push_back(std::move(F));
  }
  void close() {
    if (Stack.empty())
      throw StopParsing{{"unbalanced collection", 1, 1}};
    Frame F = std::move(Stack.back());
    Stack.pop_back();
    if (F.HasKey)
      throw StopParsing{
          {"mapping key without a value", F.Key.Line, F.Key.Column}};
    attach(std::move(F.Node), F.Anchor, F.Size);
  }
  void attach(YamlNode N, YAML::anchor_t Anchor, unsigned Size) {
    if (Anchor)
      Anchors[Anchor] = {N, Size};
    if (Stack.empty()) {
      Root = std::move(N);
      return;
    }
    Frame &Top = Stack.back();
    Top.Size += Size;
    if (Top.Node.Kind == YamlNode::Sequence) {
      Top.Node.Items.push_back(std::move(N));
      return;
    }
    if (!Top.HasKey) {
      if (N.Kind != YamlNode::Scalar)
        throw StopParsing{
            {"mapping key must be a plain scalar", N.Line, N.Column}};
      Top.Key = {std::move(N.Value), N.Line, N.Column};
      Top.HasKey = true;
      return;
    }
    Top.Node.Entries.emplace_back(std::move(Top.Key), std::move(N));
    Top.HasKey = false;
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
    std::istringstream In(Text);
    YAML::Parser Parser(In);
    TreeBuilder Builder(Text);
    Builder.Root.Line = Builder.Root.Column = 1;
    while (Parser.HandleNextDocument(Builder)) {
    }
    Root = std::move(Builder.Root);
    return true;
  } catch (const StopParsing &Stop) {
    Error = Stop.Error;
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
