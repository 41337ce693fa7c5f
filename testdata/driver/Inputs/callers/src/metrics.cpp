// A registry grown once per call site: each RECORD(name) keeps its entry in
// a function-local static, so the registry holds one entry per instrumented
// place in the code, however often that code runs.
#include <string>
#include <vector>
#include "metrics.h"

Registry *TheRegistry = new Registry;

Metric *Registry::add(const std::string &Name) {
  Metric *M = new Metric;
  M->Name = Name;
  All.push_back(M);
  return M;
}

void Registry::report() {
  for (Metric *M : All)
    M->Count = 0;
}
