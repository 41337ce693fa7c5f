//===--- Main.cpp - The leakguard driver ----------------------------------===//
//
// `leakguard check|list-checks|explain`: LeakGuard's checks for CI and code
// review. All logic lives in Driver.cpp and the units it uses.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"

int main(int Argc, const char **Argv) {
  return clang::tidy::leak::driver::driverMain(Argc, Argv);
}
