//===--- CiEnvironment.h - What the CI service tells the reports -*- C++ -*-=//
//
// Reviewer reports link each finding to its line at the reviewed commit. In
// GitHub Actions and GitLab CI that commit and the repository's web address
// come from the environment: on a pull request, GitHub's GITHUB_SHA is the
// merge commit it made, not the head of the branch under review, so the head
// is read from the event payload.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_CIENVIRONMENT_H
#define LEAKGUARD_DRIVER_CIENVIRONMENT_H

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include <optional>
#include <string>

namespace clang::tidy::leak::driver {

/// Reads an environment variable (a parameter, for tests).
using EnvLookup =
    llvm::function_ref<std::optional<std::string>(const char *Name)>;

/// The base URL of the repository's files at the reviewed commit
/// ("https://github.com/o/r/blob/SHA/"), or empty outside GitHub Actions
/// and GitLab CI.
std::string linkBaseFromEnvironment(EnvLookup Env);

/// The same from the process's environment.
std::string linkBaseFromEnvironment();

/// Where the HTML report written to \p HtmlDir (relative to the job's
/// directory) can be opened once the job keeps it as an artifact: in GitLab
/// CI the file in the job's artifacts, in GitHub Actions the run's page
/// (which lists the artifacts); empty elsewhere.
std::string htmlReportUrlFromEnvironment(EnvLookup Env,
                                         llvm::StringRef HtmlDir);
std::string htmlReportUrlFromEnvironment(llvm::StringRef HtmlDir);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_CIENVIRONMENT_H
