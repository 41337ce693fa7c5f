// RUN: %check_leakguard %s leak-unbounded-cache %t

// Objects the program creates in `main` (no static holds them) live as long
// as the program, and their tables are grown by the program's own calls:
// setters `main` calls once while setting up, or a setter nobody calls, do
// not grow them with the input; a method called for every line read does.

#include <map>
#include <string>
#include <vector>

class Router {
public:
  Router &on(const std::string &Type, int Handler) {
    Handlers[Type] = Handler;
    return *this;
  }
  Router &mime(const std::string &Extension, const std::string &Type) {
    Types[Extension] = Type;
    return *this;
  }
  int dispatch(const std::string &Type) const {
    auto It = Handlers.find(Type);
    return It == Handlers.end() ? -1 : It->second;
  }

private:
  std::map<std::string, int> Handlers;
  std::map<std::string, std::string> Types;
};

class Sessions {
public:
  void add(const std::string &User) { Users.push_back(User); }

private:
  std::vector<std::string> Users;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Users' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-2]]:28: warning: 'Users' is a long-lived container that only grows; entries are never removed
  // CHECK-NOTES: :[[@LINE-3]]:28: note: bound it: evict when size() reaches a limit (e.g. an LRU), erase expired entries periodically, or clear it on a periodic path
  // CHECK-NOTES: :[[@LINE-7]]:45: note: grows here; no code path removes entries
};

bool readLine(std::string &Line);

// Published for a signal handler: a pointer creates no router of its own.
Router *TheRouter = nullptr;

int main() {
  Router R;
  TheRouter = &R;
  R.on("get", 1).on("put", 2);
  Sessions S;
  std::string Line;
  while (readLine(Line)) {
    S.add(Line);
    R.dispatch(Line);
  }
}
