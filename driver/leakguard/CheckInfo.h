//===--- CheckInfo.h - What the driver knows about each check ---*- C++ -*-===//
//
// Names, summaries, review-checklist groups, CWE tags and doc pages of the
// leak-* checks, for list-checks, explain and the SARIF and Markdown reports.
//
//===----------------------------------------------------------------------===//

#ifndef LEAKGUARD_DRIVER_CHECKINFO_H
#define LEAKGUARD_DRIVER_CHECKINFO_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace clang::tidy::leak::driver {

struct CheckInfo {
  llvm::StringRef Name;
  /// One line, the same sentence as the check's header and doc page.
  llvm::StringRef Summary;
  /// A paragraph: what the check finds and why it matters.
  llvm::StringRef Description;
  /// The heading of the review checklist this check belongs to.
  llvm::StringRef Group;
  /// Why the flagged code leaks, for reviewers.
  llvm::StringRef WhyItLeaks;
  /// The usual fix, for reviewers.
  llvm::StringRef FixPattern;
  /// Comma-separated CWE numbers, e.g. "401,772".
  llvm::StringRef Cwes;
};

/// Every leak-* check, in review-checklist order.
llvm::ArrayRef<CheckInfo> allChecks();

/// The entry for \p Name, or null for a check the driver does not know.
const CheckInfo *findCheck(llvm::StringRef Name);

/// The check's documentation page relative to the repository root,
/// e.g. "docs/checks/leak-unjoined-thread.md".
std::string docPath(llvm::StringRef Check);

/// The check's documentation link: \p BaseUrl + docPath(); without a base,
/// a file: URI into the LeakGuard sources the driver was built from.
std::string docUrl(llvm::StringRef Check, llvm::StringRef BaseUrl);

/// The documentation's web address for reports: \p BaseUrl
/// (--doc-base-url), else the default set when LeakGuard was built
/// (LEAKGUARD_DOC_BASE_URL); empty when neither is known. Reports read on
/// another machine must not link file:// paths of the one that ran them.
std::string webDocBase(llvm::StringRef BaseUrl);

/// The driver's documentation page, like docUrl().
std::string driverDocUrl(llvm::StringRef BaseUrl);

} // namespace clang::tidy::leak::driver

#endif // LEAKGUARD_DRIVER_CHECKINFO_H
