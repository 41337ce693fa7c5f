//===--- ApiModel.cpp - LeakGuard's API model ------------------------------===//

#include "ApiModel.h"

namespace clang::tidy::leak::utils {

bool nameMatches(llvm::StringRef Pattern, llvm::StringRef QualifiedName) {
  QualifiedName.consume_front("::");
  if (Pattern.consume_front("::"))
    return QualifiedName == Pattern;
  if (QualifiedName == Pattern)
    return true;
  return QualifiedName.ends_with(Pattern) &&
         QualifiedName.drop_back(Pattern.size()).ends_with("::");
}

bool nameMatchesAny(const std::vector<std::string> &Patterns,
                    llvm::StringRef QualifiedName) {
  for (const std::string &Pattern : Patterns)
    if (nameMatches(Pattern, QualifiedName))
      return true;
  return false;
}

const ResourceKind *ApiModel::findAcquirer(llvm::StringRef QualifiedName,
                                           int &ArgIndex) const {
  for (const ResourceKind &Kind : Resources)
    for (const Acquirer &A : Kind.Acquire)
      if (nameMatches(A.Function, QualifiedName)) {
        ArgIndex = A.HandleArg;
        return &Kind;
      }
  return nullptr;
}

bool ApiModel::isReleaser(const ResourceKind &Kind,
                          llvm::StringRef QualifiedName,
                          unsigned ArgIndex) const {
  for (const Releaser &R : Kind.Release)
    if (R.HandleArg == ArgIndex && nameMatches(R.Function, QualifiedName))
      return true;
  return false;
}

bool ApiModel::isAnyReleaser(llvm::StringRef QualifiedName) const {
  for (const ResourceKind &Kind : Resources)
    for (const Releaser &R : Kind.Release)
      if (nameMatches(R.Function, QualifiedName))
        return true;
  return false;
}

// Until the rule packs are loaded from rules/*.yaml, the defaults live here.
static ApiModel buildDefaults() {
  ApiModel M;
  M.Resources.push_back({"file descriptor",
                         {{"::open"}, {"::openat"}, {"::creat"}, {"::socket"},
                          {"::accept"}, {"::accept4"}, {"::dup"},
                          {"::epoll_create"}, {"::epoll_create1"},
                          {"::eventfd"}, {"::timerfd_create"}, {"::signalfd"},
                          {"::inotify_init"}, {"::inotify_init1"},
                          {"::memfd_create"}, {"::pipe", 0}, {"::pipe2", 0}},
                         {{"::close", 0}},
                         {"negative"},
                         "posix"});
  M.Resources.push_back({"FILE stream",
                         {{"::fopen"}, {"::fdopen"}, {"::freopen"},
                          {"::tmpfile"}},
                         {{"::fclose", 0}},
                         {"nullptr"},
                         "libc"});
  M.Resources.push_back(
      {"pipe stream", {{"::popen"}}, {{"::pclose", 0}}, {"nullptr"}, "libc"});
  M.Resources.push_back({"heap memory",
                         {{"::malloc"}, {"::calloc"}, {"::realloc"},
                          {"::strdup"}, {"::strndup"}, {"::aligned_alloc"}},
                         {{"::free", 0}, {"::realloc", 0}},
                         {"nullptr"},
                         "libc"});
  M.Resources.push_back({"directory stream",
                         {{"::opendir"}, {"::fdopendir"}},
                         {{"::closedir", 0}},
                         {"nullptr"},
                         "posix"});
  M.Resources.push_back(
      {"memory mapping", {{"::mmap"}}, {{"::munmap", 0}}, {"MAP_FAILED"},
       "posix"});
  M.Resources.push_back({"POSIX timer",
                         {{"::timer_create", 2}},
                         {{"::timer_delete", 0}},
                         {"nonzero-return"},
                         "posix"});
  M.Resources.push_back({"shared library handle",
                         {{"::dlopen"}},
                         {{"::dlclose", 0}},
                         {"nullptr"},
                         "posix"});

  M.ThreadTypes = {"::std::thread", "::boost::thread"};
  M.SelfJoiningThreads = {"::std::jthread"};
  M.SpawnFunctions = {"::pthread_create"};
  M.JoinFunctions = {"::pthread_join", "::pthread_tryjoin_np",
                     "::pthread_timedjoin_np"};
  M.DetachFunctions = {"::pthread_detach"};

  M.BlockingFunctions = {"::sem_wait",       "::pthread_cond_wait",
                         "::pthread_join",   "::accept",
                         "::recv",           "::read",
                         "::epoll_wait",     "::poll",
                         "::select",         "::msgrcv",
                         "::pthread_mutex_lock"};
  M.StopSignalTypes = {"::std::stop_token", "::std::stop_source",
                       "::std::atomic", "::std::atomic_flag"};
  M.StopSignalNames = {"stop",     "stopped",  "stopping", "running",
                       "shutdown", "done",     "quit",     "exit",
                       "closed",   "cancelled", "canceled", "terminate",
                       "alive",    "active"};

  M.ContainerTypes = {"::std::map",
                      "::std::multimap",
                      "::std::unordered_map",
                      "::std::unordered_multimap",
                      "::std::set",
                      "::std::multiset",
                      "::std::unordered_set",
                      "::std::unordered_multiset",
                      "::std::vector",
                      "::std::deque",
                      "::std::list",
                      "::std::forward_list",
                      "::std::basic_string",
                      "::std::queue",
                      "::std::priority_queue",
                      "::std::stack"};
  M.GrowMethods = {"insert",       "emplace",          "emplace_hint",
                   "try_emplace",  "insert_or_assign", "operator[]",
                   "push_back",    "emplace_back",     "push_front",
                   "emplace_front", "push",            "append",
                   "operator+="};
  M.ShrinkMethods = {"erase",    "clear",    "pop_back", "pop_front",
                     "pop",      "extract",  "resize",   "swap",
                     "shrink_to_fit", "remove", "remove_if", "splice"};
  return M;
}

const ApiModel &defaultApiModel() {
  static const ApiModel Model = buildDefaults();
  return Model;
}

} // namespace clang::tidy::leak::utils
