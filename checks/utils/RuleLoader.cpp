//===--- RuleLoader.cpp - Rule packs: validation, merging, cache
//-----------===//

#include "RuleLoader.h"
#include "RulesYaml.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include <map>
#include <mutex>

namespace clang::tidy::leak::utils {

static const EmbeddedRulePack EmbeddedPacks[] = {
#include "EmbeddedRules.inc"
    {nullptr, nullptr}};

llvm::ArrayRef<EmbeddedRulePack> embeddedRulePacks() {
  return llvm::ArrayRef(EmbeddedPacks).drop_back();
}

std::string RuleDiagnostic::str() const {
  if (File.empty())
    return Message;
  std::string Result = "rule file '" + File + "'";
  if (Line)
    Result += ":" + std::to_string(Line) + ":" + std::to_string(Column);
  return Result + ": " + Message;
}

std::vector<std::string> splitRuleList(llvm::StringRef Value) {
  std::vector<std::string> Items;
  size_t Start = 0;
  for (size_t I = 0; I <= Value.size(); ++I) {
    if (I < Value.size() && Value[I] != ';' && Value[I] != ',')
      continue;
    llvm::StringRef Item = Value.slice(Start, I).trim();
    if (!Item.empty())
      Items.push_back(Item.str());
    Start = I + 1;
  }
  return Items;
}

namespace {

const char *kindName(YamlNode::NodeKind Kind) {
  switch (Kind) {
  case YamlNode::Null:
    return "nothing";
  case YamlNode::Scalar:
    return "a scalar";
  case YamlNode::Sequence:
    return "a list";
  case YamlNode::Map:
    return "a mapping";
  }
  return "something else";
}

/// The closest of \p Candidates to \p Word, or "" when none is close.
llvm::StringRef closest(llvm::StringRef Word,
                        llvm::ArrayRef<llvm::StringRef> Candidates) {
  llvm::StringRef Best;
  unsigned BestDistance = ~0u;
  for (llvm::StringRef C : Candidates) {
    unsigned D = Word.edit_distance_insensitive(C, true, 3);
    if (D < BestDistance) {
      Best = C;
      BestDistance = D;
    }
  }
  unsigned Allowed =
      std::max<unsigned>(1, std::min<size_t>(3, Word.size() / 3));
  return BestDistance <= Allowed ? Best : llvm::StringRef();
}

/// Walks one tree, stopping at the first error.
class Validator {
public:
  Validator(llvm::StringRef File, RulePack &Pack, RuleDiagnostic &Error)
      : File(File), Pack(Pack), Error(Error) {}

  bool run(const YamlNode &Root);

private:
  llvm::StringRef File;
  RulePack &Pack;
  RuleDiagnostic &Error;

  bool fail(unsigned Line, unsigned Column, std::string Message) {
    Error.File = File.str();
    Error.Line = Line ? Line : 1;
    Error.Column = Column ? Column : 1;
    Error.Message = std::move(Message);
    return false;
  }
  bool fail(const YamlNode &N, std::string Message) {
    return fail(N.Line, N.Column, std::move(Message));
  }

  /// Checks that \p Map is a mapping with only \p Allowed keys, none twice,
  /// and every \p Required key present. \p What names the mapping.
  bool checkKeys(const YamlNode &Map, llvm::StringRef What,
                 llvm::ArrayRef<llvm::StringRef> Allowed,
                 llvm::ArrayRef<llvm::StringRef> Required);
  const YamlNode *find(const YamlNode &Map, llvm::StringRef Key) const {
    for (const auto &[K, V] : Map.Entries)
      if (K.Text == Key)
        return &V;
    return nullptr;
  }

  bool string(const YamlNode &N, llvm::StringRef Key, std::string &Out);
  bool name(const YamlNode &N, llvm::StringRef Key, std::string &Out);
  bool integer(const YamlNode &N, llvm::StringRef Key, unsigned Max,
               unsigned &Out);
  bool boolean(const YamlNode &N, llvm::StringRef Key, bool &Out);
  /// A function name, with `(N,...)` argument positions when \p Arguments.
  bool nameWithArguments(const YamlNode &N, llvm::StringRef Key,
                         std::string &Out);
  bool nameList(const YamlNode &N, llvm::StringRef Key,
                std::vector<std::string> &Out, bool Arguments = false);
  bool section(const YamlNode &N, llvm::StringRef Key,
               llvm::ArrayRef<llvm::StringRef> Keys,
               llvm::ArrayRef<std::vector<std::string> *> Lists);
  bool resource(const YamlNode &N);
  bool invalidValue(const YamlNode &N, std::string &Out);
};

bool Validator::checkKeys(const YamlNode &Map, llvm::StringRef What,
                          llvm::ArrayRef<llvm::StringRef> Allowed,
                          llvm::ArrayRef<llvm::StringRef> Required) {
  if (Map.Kind != YamlNode::Map)
    return fail(Map,
                (What + " must be a mapping, got " + kindName(Map.Kind)).str());
  llvm::StringMap<const YamlKey *> Seen;
  for (const auto &[K, V] : Map.Entries) {
    if (!llvm::is_contained(Allowed, llvm::StringRef(K.Text))) {
      std::string Message = "unknown key '" + K.Text + "' in " + What.str();
      llvm::StringRef Hint = closest(K.Text, Allowed);
      if (!Hint.empty())
        Message += "; did you mean '" + Hint.str() + "'?";
      else
        Message += " (expected " + llvm::join(Allowed, ", ") + ")";
      return fail(K.Line, K.Column, std::move(Message));
    }
    auto [It, Inserted] = Seen.try_emplace(K.Text, &K);
    if (!Inserted) {
      return fail(K.Line, K.Column,
                  "duplicate key '" + K.Text + "' (first at " +
                      std::to_string(It->second->Line) + ":" +
                      std::to_string(It->second->Column) + ")");
    }
  }
  for (llvm::StringRef Key : Required)
    if (!Seen.count(Key))
      return fail(Map, (What + " is missing required key '" + Key + "'").str());
  return true;
}

bool Validator::string(const YamlNode &N, llvm::StringRef Key,
                       std::string &Out) {
  if (N.Kind != YamlNode::Scalar)
    return fail(
        N, ("'" + Key + "' must be a string, got " + kindName(N.Kind)).str());
  llvm::StringRef Value(N.Value);
  if (Value.trim().empty())
    return fail(N, ("'" + Key + "' must not be empty").str());
  if (llvm::any_of(Value, [](char C) {
        return static_cast<unsigned char>(C) < 0x20 && C != '\t';
      }))
    return fail(N, ("'" + Key + "' holds a control character").str());
  Out = Value.trim().str();
  return true;
}

// A C or C++ name as the checks match it: "::ns::f", "f", "::operator new[]",
// "operator+=", "std::vector". Whitespace only inside "operator ...".
bool Validator::name(const YamlNode &N, llvm::StringRef Key, std::string &Out) {
  if (!string(N, Key, Out))
    return false;
  llvm::StringRef S(Out);
  bool Ok = true;
  llvm::StringRef Rest = S;
  Rest.consume_front("::");
  if (Rest.empty())
    Ok = false;
  while (Ok && !Rest.empty()) {
    if (Rest.starts_with("operator") &&
        (Rest.size() == 8 || !llvm::isAlnum(Rest[8]) && Rest[8] != '_')) {
      // The operator's spelling is free-form up to the end.
      Ok = Rest.size() > 8;
      break;
    }
    size_t Len = 0;
    while (Len < Rest.size() && (llvm::isAlnum(Rest[Len]) || Rest[Len] == '_' ||
                                 Rest[Len] == '$' || Rest[Len] == '~'))
      ++Len;
    if (Len == 0 || llvm::isDigit(Rest[0])) {
      Ok = false;
      break;
    }
    Rest = Rest.drop_front(Len);
    if (Rest.empty())
      break;
    if (!Rest.consume_front("::") || Rest.empty())
      Ok = false;
  }
  if (!Ok)
    return fail(N, "'" + Out +
                       "' is not a function or type name (write it "
                       "like '::open' or 'ns::Class')");
  return true;
}

bool Validator::integer(const YamlNode &N, llvm::StringRef Key, unsigned Max,
                        unsigned &Out) {
  unsigned long long Value = 0;
  if (N.Kind != YamlNode::Scalar || N.Quoted ||
      llvm::getAsUnsignedInteger(N.Value, 10, Value) || Value > Max) {
    return fail(N,
                ("'" + Key + "' must be an integer from 0 to " +
                 std::to_string(Max) + ", got " +
                 (N.Kind == YamlNode::Scalar ? "'" + N.Value + "'"
                                             : std::string(kindName(N.Kind))))
                    .str());
  }
  Out = static_cast<unsigned>(Value);
  return true;
}

bool Validator::boolean(const YamlNode &N, llvm::StringRef Key, bool &Out) {
  if (N.Kind == YamlNode::Scalar && !N.Quoted) {
    if (N.Value == "true") {
      Out = true;
      return true;
    }
    if (N.Value == "false") {
      Out = false;
      return true;
    }
  }
  return fail(N, ("'" + Key + "' must be true or false, got " +
                  (N.Kind == YamlNode::Scalar ? "'" + N.Value + "'"
                                              : std::string(kindName(N.Kind))))
                     .str());
}

bool Validator::nameList(const YamlNode &N, llvm::StringRef Key,
                         std::vector<std::string> &Out, bool Arguments) {
  if (N.Kind != YamlNode::Sequence)
    return fail(
        N, ("'" + Key + "' must be a list of names, got " + kindName(N.Kind))
               .str());
  llvm::StringMap<const YamlNode *> Seen;
  for (const YamlNode &Item : N.Items) {
    std::string Name;
    if (Arguments ? !nameWithArguments(Item, Key, Name)
                  : !name(Item, Key, Name))
      return false;
    auto [It, Inserted] = Seen.try_emplace(Name, &Item);
    if (!Inserted)
      return fail(Item, "duplicate entry '" + Name + "' in '" + Key.str() +
                            "' (first at " + std::to_string(It->second->Line) +
                            ":" + std::to_string(It->second->Column) + ")");
    Out.push_back(std::move(Name));
  }
  return true;
}

bool Validator::nameWithArguments(const YamlNode &N, llvm::StringRef Key,
                                  std::string &Out) {
  if (!string(N, Key, Out))
    return false;
  llvm::StringRef Function, Arguments;
  if (!splitArguments(Out, Function, Arguments))
    return fail(N, "'" + Out +
                       "': the arguments must be 0-based positions, like "
                       "'::epoll_ctl(2)' or '::f(0,2)'");
  YamlNode Bare = N;
  Bare.Value = Function.str();
  std::string Checked;
  return name(Bare, Key, Checked);
}

bool Validator::section(const YamlNode &N, llvm::StringRef Key,
                        llvm::ArrayRef<llvm::StringRef> Keys,
                        llvm::ArrayRef<std::vector<std::string> *> Lists) {
  if (!checkKeys(N, ("'" + Key + "'").str(), Keys, {}))
    return false;
  // Ownership entries may name the arguments they apply to.
  bool Arguments = Key == "Ownership";
  for (const auto &[K, V] : N.Entries) {
    size_t Index = llvm::find(Keys, llvm::StringRef(K.Text)) - Keys.begin();
    if (!nameList(V, K.Text, *Lists[Index], Arguments))
      return false;
  }
  return true;
}

bool Validator::invalidValue(const YamlNode &N, std::string &Out) {
  if (!string(N, "Invalid", Out))
    return false;
  static const llvm::StringRef Keywords[] = {"nullptr", "negative",
                                             "nonzero-return"};
  llvm::StringRef S(Out);
  if (llvm::is_contained(Keywords, S))
    return true;
  long long Integer;
  if (!S.getAsInteger(0, Integer))
    return true;
  bool Identifier = !llvm::isDigit(S[0]) && llvm::all_of(S, [](char C) {
    return llvm::isAlnum(C) || C == '_';
  });
  llvm::StringRef Hint = closest(S, Keywords);
  if (Identifier && Hint.empty())
    return true; // A macro or constant name, e.g. MAP_FAILED.
  std::string Message = "'" + Out + "' is not an invalid-handle value";
  if (!Hint.empty())
    Message += "; did you mean '" + Hint.str() + "'?";
  else
    Message += " (expected nullptr, negative, nonzero-return, an integer "
               "or a constant name)";
  return fail(N, std::move(Message));
}

bool Validator::resource(const YamlNode &N) {
  static const llvm::StringRef Keys[] = {"Name", "Acquire", "Release",
                                         "Invalid", "OutlivesProcess"};
  if (!checkKeys(N, "resource", Keys, {"Name", "Acquire", "Release"}))
    return false;
  ResourceKind Kind;
  Kind.Pack = Pack.Name;
  std::vector<RulePosition> AcquirePositions;
  for (const auto &[K, V] : N.Entries) {
    if (K.Text == "Name") {
      if (!string(V, "Name", Kind.Name))
        return false;
      continue;
    }
    if (K.Text == "OutlivesProcess") {
      if (!boolean(V, "OutlivesProcess", Kind.OutlivesProcess))
        return false;
      continue;
    }
    if (K.Text == "Invalid") {
      if (V.Kind != YamlNode::Sequence)
        return fail(V, std::string("'Invalid' must be a list, got ") +
                           kindName(V.Kind));
      for (const YamlNode &Item : V.Items) {
        std::string Value;
        if (!invalidValue(Item, Value))
          return false;
        if (llvm::is_contained(Kind.InvalidValues, Value))
          return fail(Item, "duplicate entry '" + Value + "' in 'Invalid'");
        Kind.InvalidValues.push_back(std::move(Value));
      }
      continue;
    }
    // Acquire or Release: a list of {Function, HandleArg} or of names.
    bool IsAcquire = K.Text == "Acquire";
    if (V.Kind != YamlNode::Sequence || V.Items.empty()) {
      return fail(V, "'" + K.Text + "' must be a non-empty list of functions" +
                         (V.Kind == YamlNode::Sequence
                              ? std::string()
                              : std::string(", got ") + kindName(V.Kind)));
    }
    for (const YamlNode &Item : V.Items) {
      std::string Function;
      unsigned Arg = 0;
      bool HasArg = false;
      const YamlNode *FunctionNode = &Item;
      if (Item.Kind == YamlNode::Map) {
        static const llvm::StringRef EntryKeys[] = {"Function", "HandleArg"};
        if (!checkKeys(Item, "'" + K.Text + "' entry", EntryKeys, {"Function"}))
          return false;
        FunctionNode = find(Item, "Function");
        if (const YamlNode *ArgNode = find(Item, "HandleArg")) {
          if (!integer(*ArgNode, "HandleArg", 63, Arg))
            return false;
          HasArg = true;
        }
      } else if (Item.Kind != YamlNode::Scalar) {
        return fail(Item, "'" + K.Text +
                              "' entry must be a mapping with 'Function' or "
                              "a function name, got " +
                              kindName(Item.Kind));
      }
      if (!name(*FunctionNode, "Function", Function))
        return false;
      if (IsAcquire) {
        for (size_t I = 0; I < Kind.Acquire.size(); ++I) {
          if (Kind.Acquire[I].Function == Function) {
            return fail(*FunctionNode,
                        "duplicate entry '" + Function +
                            "' in 'Acquire' (first at " +
                            std::to_string(AcquirePositions[I].Line) + ":" +
                            std::to_string(AcquirePositions[I].Column) + ")");
          }
        }
        Kind.Acquire.push_back({Function, HasArg ? static_cast<int>(Arg) : -1});
        AcquirePositions.push_back({FunctionNode->Line, FunctionNode->Column});
      } else {
        for (const Releaser &R : Kind.Release)
          if (R.Function == Function && R.HandleArg == Arg)
            return fail(*FunctionNode,
                        "duplicate entry '" + Function + "' in 'Release'");
        Kind.Release.push_back({Function, Arg});
      }
    }
  }
  for (size_t I = 0; I < Pack.Model.Resources.size(); ++I) {
    if (Pack.Model.Resources[I].Name == Kind.Name) {
      return fail(find(N, "Name")->Line, find(N, "Name")->Column,
                  "duplicate resource '" + Kind.Name + "' (first at " +
                      std::to_string(Pack.ResourcePositions[I].Line) + ":" +
                      std::to_string(Pack.ResourcePositions[I].Column) + ")");
    }
  }
  // An acquirer may belong to one resource kind only.
  for (size_t I = 0; I < Pack.Model.Resources.size(); ++I) {
    for (const Acquirer &Other : Pack.Model.Resources[I].Acquire) {
      for (size_t J = 0; J < Kind.Acquire.size(); ++J) {
        if (Other.Function == Kind.Acquire[J].Function) {
          return fail(AcquirePositions[J].Line, AcquirePositions[J].Column,
                      "duplicate entry '" + Other.Function +
                          "': it already acquires '" +
                          Pack.Model.Resources[I].Name + "'");
        }
      }
    }
  }
  Pack.ResourcePositions.push_back({N.Line, N.Column});
  Pack.AcquirePositions.push_back(std::move(AcquirePositions));
  Pack.Model.Resources.push_back(std::move(Kind));
  return true;
}

bool Validator::run(const YamlNode &Root) {
  if (Root.Kind == YamlNode::Null)
    return fail(1, 1,
                "empty rule file (expected a mapping with 'Version' "
                "and 'Pack')");
  static const llvm::StringRef Keys[] = {
      "Version", "Pack",  "Description", "Optional", "Resources",
      "Threads", "Waits", "Containers",  "Ownership"};
  if (!checkKeys(Root, "rule file", Keys, {"Version", "Pack"}))
    return false;
  // Version first: a newer schema should say so rather than fail on a key.
  const YamlNode *Version = find(Root, "Version");
  unsigned V = 0;
  if (!integer(*Version, "Version", 1000, V))
    return false;
  if (V != RuleSchemaVersion)
    return fail(*Version, "unsupported schema version " + std::to_string(V) +
                              "; this LeakGuard reads version " +
                              std::to_string(RuleSchemaVersion));
  const YamlNode *PackNode = find(Root, "Pack");
  if (!string(*PackNode, "Pack", Pack.Name))
    return false;
  if (!llvm::all_of(Pack.Name,
                    [](char C) {
                      return llvm::isAlnum(C) || C == '_' || C == '-' ||
                             C == '.';
                    }) ||
      Pack.Name[0] == '-')
    return fail(*PackNode, "pack name '" + Pack.Name +
                               "' may hold only letters, digits, '_', '-' "
                               "and '.', and must not start with '-'");
  Pack.PackPosition = {PackNode->Line, PackNode->Column};
  ApiModel &M = Pack.Model;
  for (const auto &[K, N] : Root.Entries) {
    if (K.Text == "Description") {
      if (!string(N, "Description", Pack.Description))
        return false;
    } else if (K.Text == "Optional") {
      if (!boolean(N, "Optional", Pack.Optional))
        return false;
    } else if (K.Text == "Resources") {
      if (N.Kind != YamlNode::Sequence)
        return fail(N, std::string("'Resources' must be a list, got ") +
                           kindName(N.Kind));
      for (const YamlNode &R : N.Items)
        if (!resource(R))
          return false;
    } else if (K.Text == "Threads") {
      static const llvm::StringRef Keys[] = {"Types", "SelfJoining", "Spawn",
                                             "Join", "Detach"};
      std::vector<std::string> *Lists[] = {
          &M.ThreadTypes, &M.SelfJoiningThreads, &M.SpawnFunctions,
          &M.JoinFunctions, &M.DetachFunctions};
      if (!section(N, "Threads", Keys, Lists))
        return false;
    } else if (K.Text == "Waits") {
      static const llvm::StringRef Keys[] = {"Blocking", "StopSignalTypes",
                                             "StopSignalNames"};
      std::vector<std::string> *Lists[] = {
          &M.BlockingFunctions, &M.StopSignalTypes, &M.StopSignalNames};
      if (!section(N, "Waits", Keys, Lists))
        return false;
    } else if (K.Text == "Ownership") {
      static const llvm::StringRef Keys[] = {"Takes", "Borrows"};
      std::vector<std::string> *Lists[] = {&M.TakeFunctions,
                                           &M.BorrowFunctions};
      if (!section(N, "Ownership", Keys, Lists))
        return false;
    } else if (K.Text == "Containers") {
      static const llvm::StringRef Keys[] = {"Types", "Grow", "Shrink"};
      std::vector<std::string> *Lists[] = {&M.ContainerTypes, &M.GrowMethods,
                                           &M.ShrinkMethods};
      if (!section(N, "Containers", Keys, Lists))
        return false;
    }
  }
  for (ResourceKind &Kind : M.Resources)
    Kind.Pack = Pack.Name;
  M.Packs.push_back(Pack.Name);
  return true;
}

void appendUnique(std::vector<std::string> &To,
                  const std::vector<std::string> &From) {
  for (const std::string &S : From)
    if (!llvm::is_contained(To, S))
      To.push_back(S);
}

} // namespace

bool parseRulePack(llvm::StringRef Text, llvm::StringRef File, RulePack &Pack,
                   RuleDiagnostic &Error) {
  Pack = RulePack();
  Pack.File = File.str();
  YamlNode Root;
  YamlError YError;
  if (!parseYaml(Text.str(), Root, YError)) {
    Error.File = File.str();
    Error.Line = YError.Line ? YError.Line : 1;
    Error.Column = YError.Column ? YError.Column : 1;
    Error.Message = "malformed YAML: " + YError.Message;
    return false;
  }
  Validator V(File, Pack, Error);
  if (V.run(Root))
    return true;
  std::string Keep = Pack.File;
  Pack = RulePack();
  Pack.File = Keep;
  return false;
}

bool mergeRulePack(ApiModel &Model, const RulePack &Pack,
                   RuleDiagnostic &Error) {
  auto Fail = [&](RulePosition P, std::string Message) {
    Error.File = Pack.File;
    Error.Line = P.Line;
    Error.Column = P.Column;
    Error.Message = std::move(Message);
    return false;
  };
  if (llvm::is_contained(Model.Packs, Pack.Name))
    return Fail(Pack.PackPosition, "duplicate pack '" + Pack.Name +
                                       "': a pack of that name is "
                                       "already loaded");
  for (size_t I = 0; I < Pack.Model.Resources.size(); ++I) {
    const ResourceKind &New = Pack.Model.Resources[I];
    for (size_t J = 0; J < New.Acquire.size(); ++J) {
      for (const ResourceKind &Old : Model.Resources) {
        for (const Acquirer &A : Old.Acquire) {
          if (A.Function == New.Acquire[J].Function &&
              (Old.Name != New.Name ||
               A.HandleArg == New.Acquire[J].HandleArg)) {
            return Fail(Pack.AcquirePositions[I][J],
                        "duplicate entry '" + A.Function +
                            "': it already acquires '" + Old.Name + "' (pack " +
                            Old.Pack + ")");
          }
        }
      }
    }
  }
  for (const ResourceKind &New : Pack.Model.Resources) {
    auto Existing = llvm::find_if(Model.Resources, [&](const ResourceKind &K) {
      return K.Name == New.Name;
    });
    if (Existing == Model.Resources.end()) {
      Model.Resources.push_back(New);
      continue;
    }
    llvm::append_range(Existing->Acquire, New.Acquire);
    for (const Releaser &R : New.Release) {
      if (llvm::none_of(Existing->Release, [&](const Releaser &Old) {
            return Old.Function == R.Function && Old.HandleArg == R.HandleArg;
          }))
        Existing->Release.push_back(R);
    }
    appendUnique(Existing->InvalidValues, New.InvalidValues);
    Existing->OutlivesProcess |= New.OutlivesProcess;
  }
  const ApiModel &P = Pack.Model;
  appendUnique(Model.ThreadTypes, P.ThreadTypes);
  appendUnique(Model.SelfJoiningThreads, P.SelfJoiningThreads);
  appendUnique(Model.SpawnFunctions, P.SpawnFunctions);
  appendUnique(Model.JoinFunctions, P.JoinFunctions);
  appendUnique(Model.DetachFunctions, P.DetachFunctions);
  appendUnique(Model.BlockingFunctions, P.BlockingFunctions);
  appendUnique(Model.StopSignalTypes, P.StopSignalTypes);
  appendUnique(Model.StopSignalNames, P.StopSignalNames);
  appendUnique(Model.TakeFunctions, P.TakeFunctions);
  appendUnique(Model.BorrowFunctions, P.BorrowFunctions);
  appendUnique(Model.ContainerTypes, P.ContainerTypes);
  appendUnique(Model.GrowMethods, P.GrowMethods);
  appendUnique(Model.ShrinkMethods, P.ShrinkMethods);
  Model.Packs.push_back(Pack.Name);
  return true;
}

namespace {

/// The embedded packs, parsed once.
struct EmbeddedSet {
  std::vector<RulePack> Packs;
  std::vector<RuleDiagnostic> Errors;
};

const EmbeddedSet &embeddedSet() {
  static const EmbeddedSet Set = [] {
    EmbeddedSet S;
    for (const EmbeddedRulePack &E : embeddedRulePacks()) {
      RulePack Pack;
      RuleDiagnostic Error;
      if (parseRulePack(E.Text, std::string("<embedded>/") + E.FileName, Pack,
                        Error))
        S.Packs.push_back(std::move(Pack));
      else
        S.Errors.push_back(std::move(Error));
    }
    return S;
  }();
  return Set;
}

} // namespace

LoadedRules buildRules(const RuleConfig &Config) {
  LoadedRules Result;
  const EmbeddedSet &Embedded = embeddedSet();
  Result.Errors = Embedded.Errors;

  // Which embedded packs: the default-on ones, adjusted by RulePacks.
  llvm::StringSet<> Enabled, Disabled;
  bool DisableDefaults = false;
  std::vector<llvm::StringRef> Known;
  Known.reserve(Embedded.Packs.size());
  for (const RulePack &P : Embedded.Packs)
    Known.push_back(P.Name);
  for (const std::string &Item : Config.Packs) {
    llvm::StringRef Name(Item);
    bool Disable = Name.consume_front("-");
    if (Disable && Name == "*") {
      DisableDefaults = true;
      continue;
    }
    if (!llvm::is_contained(Known, Name)) {
      RuleDiagnostic D;
      D.Message = "option 'RulePacks': unknown rule pack '" + Name.str() + "'";
      llvm::StringRef Hint = closest(Name, Known);
      if (!Hint.empty())
        D.Message += "; did you mean '" + Hint.str() + "'?";
      else
        D.Message += " (available: " + llvm::join(Known, ", ") + ")";
      Result.Errors.push_back(std::move(D));
      continue;
    }
    (Disable ? Disabled : Enabled).insert(Name);
    (Disable ? Enabled : Disabled).erase(Name);
  }
  for (const RulePack &P : Embedded.Packs) {
    bool On = Enabled.contains(P.Name) ||
              (!P.Optional && !DisableDefaults && !Disabled.contains(P.Name));
    RuleDiagnostic Error;
    if (On && !mergeRulePack(Result.Model, P, Error))
      Result.Errors.push_back(std::move(Error));
  }

  for (const std::string &File : Config.Files) {
    RuleDiagnostic Error;
    auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/true);
    if (!Buffer) {
      Error.File = File;
      Error.Message = "cannot read: " + Buffer.getError().message();
      Result.Errors.push_back(std::move(Error));
      continue;
    }
    RulePack Pack;
    if (!parseRulePack((*Buffer)->getBuffer(), File, Pack, Error) ||
        !mergeRulePack(Result.Model, Pack, Error))
      Result.Errors.push_back(std::move(Error));
  }
  return Result;
}

const LoadedRules &loadRules(const RuleConfig &Config) {
  // The key names the configuration and the state of every file in it, so an
  // edited rule file is read again. Entries are never removed: checks hold
  // references to their models.
  std::string Key;
  for (const std::string &P : Config.Packs)
    Key += P + ";";
  Key += "\n";
  for (const std::string &F : Config.Files) {
    llvm::sys::fs::file_status Status;
    Key += F;
    if (!llvm::sys::fs::status(F, Status)) {
      Key += "@" +
             std::to_string(
                 Status.getLastModificationTime().time_since_epoch().count()) +
             "/" + std::to_string(Status.getSize());
    }
    Key += "\n";
  }
  static std::mutex Mutex;
  // One entry per distinct configuration and rule-file state seen by this
  // process; never shrunk because checks keep references into it.
  static std::map<std::string, std::unique_ptr<LoadedRules>>
      Cache; // NOLINT(leak-unbounded-cache)
  std::lock_guard<std::mutex> Lock(Mutex);
  std::unique_ptr<LoadedRules> &Entry = Cache[Key];
  if (!Entry)
    Entry = std::make_unique<LoadedRules>(buildRules(Config));
  return *Entry;
}

} // namespace clang::tidy::leak::utils
