//===--- Driver.h - The leakguard command line ------------------*- C++ -*-===//

#ifndef LEAKGUARD_DRIVER_DRIVER_H
#define LEAKGUARD_DRIVER_DRIVER_H

namespace clang::tidy::leak::driver {

/// Exit codes of `leakguard check`.
enum ExitCode : unsigned char {
  ExitClean = 0,      ///< No findings, or --fail-on=none.
  ExitFindings = 1,   ///< Findings were reported.
  ExitUsage = 2,      ///< Bad arguments or configuration.
  ExitUnitFailed = 3, ///< A translation unit could not be analysed.
};

/// The whole program: `leakguard check|list-checks|explain` and the hidden
/// worker mode.
int driverMain(int Argc, const char **Argv);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_DRIVER_H
