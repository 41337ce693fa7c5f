//===--- CiEnvironment.cpp - What the CI service tells the reports --------===//

#include "CiEnvironment.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Process.h"

namespace clang::tidy::leak::driver {

/// The head commit of the pull request in GitHub's event payload, if any.
static std::optional<std::string> pullRequestHead(const std::string &Path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> Text =
      llvm::MemoryBuffer::getFile(Path);
  if (!Text)
    return std::nullopt;
  llvm::Expected<llvm::json::Value> Event =
      llvm::json::parse((*Text)->getBuffer());
  if (!Event) {
    llvm::consumeError(Event.takeError());
    return std::nullopt;
  }
  const llvm::json::Object *O = Event->getAsObject();
  const llvm::json::Object *PR = O ? O->getObject("pull_request") : nullptr;
  const llvm::json::Object *Head = PR ? PR->getObject("head") : nullptr;
  if (std::optional<llvm::StringRef> Sha =
          Head ? Head->getString("sha") : std::nullopt)
    return Sha->str();
  return std::nullopt;
}

static bool isSha(llvm::StringRef S) {
  return S.size() >= 7 && S.size() <= 64 &&
         S.find_first_not_of("0123456789abcdef") == llvm::StringRef::npos;
}

std::string linkBaseFromEnvironment(EnvLookup Env) {
  auto Get = [&](const char *Name) { return Env(Name).value_or(""); };
  if (Get("GITHUB_ACTIONS") == "true") {
    std::string Server = Get("GITHUB_SERVER_URL");
    std::string Repo = Get("GITHUB_REPOSITORY");
    std::string Sha = Get("GITHUB_SHA");
    if (std::string Event = Get("GITHUB_EVENT_PATH"); !Event.empty())
      if (std::optional<std::string> Head = pullRequestHead(Event))
        Sha = *Head;
    if (Server.empty() || Repo.empty() || !isSha(Sha))
      return "";
    return Server + "/" + Repo + "/blob/" + Sha + "/";
  }
  if (Get("GITLAB_CI") == "true") {
    std::string Project = Get("CI_PROJECT_URL");
    std::string Sha = Get("CI_MERGE_REQUEST_SOURCE_BRANCH_SHA");
    if (Sha.empty())
      Sha = Get("CI_COMMIT_SHA");
    if (Project.empty() || !isSha(Sha))
      return "";
    return Project + "/-/blob/" + Sha + "/";
  }
  return "";
}

std::string htmlReportUrlFromEnvironment(EnvLookup Env,
                                         llvm::StringRef HtmlDir) {
  auto Get = [&](const char *Name) { return Env(Name).value_or(""); };
  if (Get("GITHUB_ACTIONS") == "true") {
    std::string Server = Get("GITHUB_SERVER_URL");
    std::string Repo = Get("GITHUB_REPOSITORY");
    std::string Run = Get("GITHUB_RUN_ID");
    if (Server.empty() || Repo.empty() || Run.empty())
      return "";
    return Server + "/" + Repo + "/actions/runs/" + Run;
  }
  if (Get("GITLAB_CI") == "true") {
    std::string Job = Get("CI_JOB_URL");
    if (Job.empty() || HtmlDir.empty() || HtmlDir.starts_with("/"))
      return "";
    std::string Dir = HtmlDir.str();
    while (llvm::StringRef(Dir).starts_with("./"))
      Dir = Dir.substr(2);
    while (llvm::StringRef(Dir).ends_with("/"))
      Dir.pop_back();
    return Job + "/artifacts/file/" + Dir + "/index.html";
  }
  return "";
}

std::string htmlReportUrlFromEnvironment(llvm::StringRef HtmlDir) {
  return htmlReportUrlFromEnvironment(
      [](const char *Name) { return llvm::sys::Process::GetEnv(Name); },
      HtmlDir);
}

std::string linkBaseFromEnvironment() {
  return linkBaseFromEnvironment(
      [](const char *Name) { return llvm::sys::Process::GetEnv(Name); });
}

} // namespace clang::tidy::leak::driver
