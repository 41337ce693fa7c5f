//===--- RulesFuzzer.cpp - libFuzzer target for the rule-file loader ------===//
//
// Feeds arbitrary text to the rule-file loader: YAML parsing (RulesYaml.cpp),
// schema validation and merging into the default model (RuleLoader.cpp).
// Any crash, sanitizer report or escaping exception is a bug; a rejected
// input must come with a position inside the text.
//
//===----------------------------------------------------------------------===//

#include "utils/ApiModel.h"
#include "utils/RuleLoader.h"
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

using namespace clang::tidy::leak::utils;

static unsigned lineCount(const std::string &Text) {
  unsigned Lines = 1;
  for (char C : Text)
    Lines += C == '\n';
  return Lines;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::string Text(reinterpret_cast<const char *>(Data), Size);
  RulePack Pack;
  RuleDiagnostic Error;
  if (!parseRulePack(Text, "fuzz.yaml", Pack, Error)) {
    // Every error names a real position in the text.
    if (Error.Message.empty() || Error.Line < 1 || Error.Column < 1 ||
        Error.Line > lineCount(Text) + 1) {
      fprintf(stderr, "bad diagnostic: %s\n", Error.str().c_str());
      abort();
    }
    return 0;
  }
  ApiModel Model = defaultApiModel();
  if (mergeRulePack(Model, Pack, Error)) {
    int Arg = 0;
    for (const ResourceKind &Kind : Pack.Model.Resources)
      for (const Acquirer &A : Kind.Acquire)
        if (!Model.findAcquirer(A.Function, Arg))
          abort();
  }
  return 0;
}
