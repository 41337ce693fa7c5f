// RUN: %check_leakguard %s leak-unbounded-cache %t

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

// ---- Positives: members of long-lived objects -------------------------------

// A Meyers singleton: the static-local instance lives as long as the program.
class Registry {
public:
  static Registry &instance() {
    static Registry R;
    return R;
  }
  void add(const std::string &Name);

private:
  Registry() = default;
  std::vector<std::string> warn_singleton_member;
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: 'warn_singleton_member' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-2]]:28: note: bound it: {{.*}}
};
// Defined out of line.
void Registry::add(const std::string &Name) {
  warn_singleton_member.push_back(Name);
  // CHECK-NOTES: :[[@LINE-1]]:25: note: grows here; no code path removes entries
}
void registerName(const std::string &Name) { Registry::instance().add(Name); }

// A class template instantiated at global scope.
template <typename K, typename V> class Memoizer {
public:
  template <typename Fn> const V &get(const K &Key, Fn Compute) {
    auto It = warn_template_member.find(Key);
    if (It != warn_template_member.end())
      return It->second;
    return warn_template_member.emplace(Key, Compute(Key)).first->second;
  }

private:
  std::unordered_map<K, V> warn_template_member;
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: 'warn_template_member' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-2]]:28: note: bound it: {{.*}}
  // CHECK-NOTES: :[[@LINE-7]]:33: note: grows here; no code path removes entries
};
Memoizer<std::string, std::string> RenderCache;
std::string render(const std::string &K) { return K; }
std::string page(const std::string &Key) { return RenderCache.get(Key, render); }

// A container nested in a struct member of a global object.
struct Caches {
  struct {
    std::map<int, std::string> warn_nested;
    // CHECK-NOTES: :[[@LINE-1]]:32: warning: 'warn_nested' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
    // CHECK-NOTES: :[[@LINE-2]]:32: note: bound it: {{.*}}
  } Users;
  int Hits = 0;
};
Caches GlobalCaches;
void lookupUser(int Id) {
  GlobalCaches.Users.warn_nested.insert({Id, "user"});
  // CHECK-NOTES: :[[@LINE-1]]:34: note: grows here; no code path removes entries
}

// An object held by a global smart pointer; reached through an accessor.
class Server {
public:
  std::map<int, int> &connections() { return warn_via_accessor; }
  void accept(int Fd) { connections()[Fd] = 0; }

private:
  std::map<int, int> warn_via_accessor;
  // CHECK-NOTES: :[[@LINE-1]]:22: warning: 'warn_via_accessor' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-2]]:22: note: bound it: {{.*}}
  // CHECK-NOTES: :[[@LINE-6]]:25: note: grows here; no code path removes entries
};
std::unique_ptr<Server> TheServer;
void start() { TheServer = std::make_unique<Server>(); }
void onAccept(int Fd) { TheServer->accept(Fd); }

// A static data member (inline static).
struct Metrics {
  static inline std::vector<double> warn_static_member;
  // CHECK-NOTES: :[[@LINE-1]]:37: warning: 'warn_static_member' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-2]]:37: note: bound it: {{.*}}
  static void record(double Ms) { warn_static_member.push_back(Ms); }
  // CHECK-NOTES: :[[@LINE-1]]:54: note: grows here; no code path removes entries
};

// Created only in main(): lives as long as the program (creation heuristic).
class Dispatcher {
public:
  void route(int Id) { warn_created_in_main.push_back(Id); }
  void run();

private:
  std::vector<int> warn_created_in_main;
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: 'warn_created_in_main' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-2]]:20: note: bound it: {{.*}}
  // CHECK-NOTES: :[[@LINE-7]]:45: note: grows here; no code path removes entries
};
void Dispatcher::run() {
  for (int I = 0;; ++I)
    route(I);
}
int main() {
  Dispatcher D;
  D.run();
}

// ---- Negatives --------------------------------------------------------------

// Members of objects created per request die with the request.
class Request {
public:
  void header(const std::string &H) { no_warn_per_request.push_back(H); }

private:
  std::vector<std::string> no_warn_per_request;
};
void handle() {
  Request R;
  R.header("Host");
}

// An LRU: capped, evicts the oldest entry.
class Lru {
public:
  void put(int K, int V) {
    no_warn_lru_index[K] = V;
    no_warn_lru_order.push_back(K);
    if (no_warn_lru_index.size() > 64) {
      no_warn_lru_index.erase(no_warn_lru_order.front());
      no_warn_lru_order.erase(no_warn_lru_order.begin());
    }
  }

private:
  std::map<int, int> no_warn_lru_index;
  std::vector<int> no_warn_lru_order;
};
Lru GlobalLru;
void cachePut(int K) { GlobalLru.put(K, K); }

// A class template whose eviction is in a member function that is never
// instantiated: still seen.
template <typename T> class Pool {
public:
  void give(T X) { no_warn_uninstantiated.push_back(X); }
  void trim() { no_warn_uninstantiated.pop_back(); }

private:
  std::vector<T> no_warn_uninstantiated;
};
Pool<int> GlobalPool;
void recycle(int X) { GlobalPool.give(X); }

// A global object whose class also has per-request instances: members grown
// through `this` are not attributed to the global.
struct Batch {
  std::vector<int> no_warn_mixed;
  void add(int X) { no_warn_mixed.push_back(X); }
};
Batch DefaultBatch;
void buildBatch() {
  Batch B;
  B.add(1);
}

// Grown only in the constructor of a long-lived object: runs once.
class Router {
public:
  Router() {
    no_warn_ctor_routes["/"] = 1;
    no_warn_ctor_routes["/health"] = 2;
  }
  int find(const std::string &P) { return no_warn_ctor_routes.count(P); }

private:
  std::map<std::string, int> no_warn_ctor_routes;
};
Router GlobalRouter;

// A member grown through a local object.
struct Scratch {
  std::vector<int> no_warn_local_object;
};
Scratch GlobalScratch;
void fillScratch() {
  Scratch S;
  S.no_warn_local_object.push_back(1);
}

// A class with member functions defined in another translation unit: code
// there may remove entries.
class Partial {
public:
  void add(int X) { no_warn_open_class.push_back(X); }
  void compact(); // defined elsewhere

private:
  std::vector<int> no_warn_open_class;
};
Partial GlobalPartial;
void usePartial() { GlobalPartial.add(1); }
