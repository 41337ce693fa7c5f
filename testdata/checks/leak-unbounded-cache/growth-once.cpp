// RUN: %check_leakguard %s leak-unbounded-cache %t

// Growth that does not follow the input: once per program (a static's
// initializer, a first-call guard), once per long-lived object (what only
// its constructor calls), once per thread. Growth repeated at run time is
// reported beside each.

#include <map>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

struct Metric {
  std::string Name;
};

class Registry {
public:
  Metric *add(const char *Name);
  void reset();

private:
  std::vector<Metric *> Metrics;
};

Metric *Registry::add(const char *Name) {
  Metric *M = new Metric{Name};
  Metrics.push_back(M);
  return M;
}

void Registry::reset() {}

Registry *TheRegistry = new Registry;

// One entry per call site: the registration runs in a static's initializer.
#define RECORD(name) static Metric *Metric_##name = TheRegistry->add(#name)

void parse() { RECORD(parse); }
void build() { RECORD(build); }

// A one-time fill under a first-call guard.
std::string &alphabet() {
  static std::string Letters;
  static int Calls = 0;
  if (Calls == 0) {
    for (char C = 'a'; C <= 'z'; ++C)
      Letters.push_back(C);
  }
  ++Calls;
  return Letters;
}

// One entry per worker, from a helper only the constructor calls.
class Executor {
public:
  explicit Executor(unsigned N) { spawn(N); }
  ~Executor() {
    for (std::thread &T : Threads)
      T.join();
  }

private:
  void spawn(unsigned N) {
    for (unsigned I = 0; I < N; ++I) {
      Threads.emplace_back([] {});
      Ids.emplace(Threads.back().get_id(), I);
    }
  }
  std::vector<std::thread> Threads;
  std::map<std::thread::id, unsigned> Ids;
};
Executor *TheExecutor = new Executor(4);

// One entry per thread that ever calls it.
std::unordered_map<std::thread::id, int> PerThread;
void touch() { PerThread[std::this_thread::get_id()] += 1; }

// Repeated at run time: every request adds a key.
std::map<std::string, int> Hits;
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Hits' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
// CHECK-NOTES: :[[@LINE-2]]:28: warning: 'Hits' is a long-lived container that only grows; entries are never removed
// CHECK-NOTES: :[[@LINE-3]]:28: note: bound it: evict when size() reaches a limit (e.g. an LRU), erase expired entries periodically, or clear it on a periodic path
// CHECK-NOTES: :[[@LINE+1]]:43: note: grows here; no code path removes entries
void onRequest(const std::string &Path) { Hits[Path] += 1; }

class Sessions {
public:
  void serve(const std::vector<std::string> &Users) {
    for (const std::string &U : Users)
      remember(U);
  }

private:
  void remember(const std::string &User) { Known.push_back(User); }
  std::vector<std::string> Known;
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'Known' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-2]]:28: warning: 'Known' is a long-lived container that only grows; entries are never removed
  // CHECK-NOTES: :[[@LINE-3]]:28: note: bound it: evict when size() reaches a limit (e.g. an LRU), erase expired entries periodically, or clear it on a periodic path
  // CHECK-NOTES: :[[@LINE-5]]:50: note: grows here; no code path removes entries
};
Sessions *TheSessions = new Sessions;

// One entry per engine, and engines are created only in helpers `main` calls
// once each: bounded by those call sites.
struct Observer {
  int Samples = 0;
};
class Profiler {
public:
  static Profiler &get() {
    static Profiler P;
    return P;
  }

private:
  friend class Engine;
  void manage(Observer *O) { Observed.push_back(O); }
  std::vector<Observer *> Observed;
};
class Engine {
public:
  Engine() { Profiler::get().manage(new Observer); }
};
static void demoSort() { Engine E; }
static void demoScan() { Engine E; }

// The same, but a job is created for every line read: one entry per line.
class Tracer {
public:
  static Tracer &get() {
    static Tracer T;
    return T;
  }

private:
  friend class Job;
  void manage(Observer *O) { Traced.push_back(O); }
  std::vector<Observer *> Traced;
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'Traced' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-2]]:27: warning: 'Traced' is a long-lived container that only grows; entries are never removed
  // CHECK-NOTES: :[[@LINE-3]]:27: note: bound it: evict when size() reaches a limit (e.g. an LRU), erase expired entries periodically, or clear it on a periodic path
  // CHECK-NOTES: :[[@LINE-5]]:37: note: grows here; no code path removes entries
};
class Job {
public:
  Job() { Tracer::get().manage(new Observer); }
};
static void runJob() { Job J; }
int readLine();

// One entry per declared field: a macro's helper adds it, and the helper
// runs only from a function-local static's initializer.
struct FieldInfo {
  const char *Name;
};
class FieldTable {
public:
  void add(FieldInfo *F) { Fields.push_back(F); }

private:
  std::vector<FieldInfo *> Fields;
};
struct Shape {
  static FieldTable *fields() {
    static FieldTable T;
    return &T;
  }
#define DECLARE_FIELD(NAME)                                                    \
  static bool init_##NAME() {                                                  \
    static FieldInfo F{#NAME};                                                 \
    fields()->add(&F);                                                         \
    return true;                                                               \
  }                                                                            \
  static int proxy_##NAME() {                                                  \
    static bool Once = init_##NAME();                                          \
    return Once ? 1 : 0;                                                       \
  }
  DECLARE_FIELD(width)
  DECLARE_FIELD(height)
};

int main() {
  demoSort();
  demoScan();
  Shape::proxy_width();
  Shape::proxy_height();
  while (readLine() > 0)
    runJob();
}

// Registration objects of a class template at namespace scope: each one's
// constructor runs once, and the call that grows the catalog names its
// callee only in the instantiation (its argument depends on the type).
class Catalog {
public:
  static Catalog &get() {
    static Catalog Only;
    return Only;
  }
  void add(const std::string &Id, int Flags) { Entries.emplace(Id, Flags); }
  void addFromRequest(const std::string &Id) { Entries.emplace(Id, 0); }

private:
  std::map<std::string, int> Entries;
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'Entries' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-2]]:30: warning: 'Entries' is a long-lived container that only grows; entries are never removed
  // CHECK-NOTES: :[[@LINE-3]]:30: note: bound it: evict when size() reaches a limit (e.g. an LRU), erase expired entries periodically, or clear it on a periodic path
  // CHECK-NOTES: :[[@LINE-7]]:56: note: grows here; no code path removes entries
};
template <class C> struct AutoRegister {
  AutoRegister() { Catalog::get().add(C::Id, C::Flags); }
};
struct Gzip {
  static constexpr const char *Id = "gzip";
  static constexpr int Flags = 1;
};
AutoRegister<Gzip> RegisterGzip;

// The same catalog, also filled per request: reported.
void on_request(const std::string &Codec) {
  Catalog::get().addFromRequest(Codec);
}
