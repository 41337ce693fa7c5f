// RUN: %check_leakguard %s leak-unbounded-cache %t

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>
#include <deque>
#include <list>

// ---- Positives: variables with program lifetime ----------------------------

std::map<int, std::string> warn_global_map;
// CHECK-NOTES: :[[@LINE-1]]:28: warning: 'warn_global_map' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
// CHECK-NOTES: :[[@LINE-2]]:28: note: bound it: evict when size() reaches a limit (e.g. an LRU), erase expired entries periodically, or clear it on a periodic path
void onRequest(int Id, const std::string &Name) {
  warn_global_map[Id] = Name;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: grows here; no code path removes entries
}

namespace {
std::unordered_map<std::string, int> warn_anon_namespace;
// CHECK-NOTES: :[[@LINE-1]]:38: warning: 'warn_anon_namespace' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
// CHECK-NOTES: :[[@LINE-2]]:38: note: bound it: {{.*}}
} // namespace
void count(const std::string &Word) {
  warn_anon_namespace.try_emplace(Word, 0);
  // CHECK-NOTES: :[[@LINE-1]]:23: note: grows here; no code path removes entries
}

std::vector<std::string> &auditLog() {
  static std::vector<std::string> warn_static_local;
  // CHECK-NOTES: :[[@LINE-1]]:35: warning: 'warn_static_local' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
  // CHECK-NOTES: :[[@LINE-2]]:35: note: bound it: {{.*}}
  return warn_static_local;
}
void audit(const std::string &Line) {
  auditLog().push_back(Line);
  // CHECK-NOTES: :[[@LINE-1]]:14: note: grows here; no code path removes entries
}

thread_local std::set<int> warn_thread_local;
// CHECK-NOTES: :[[@LINE-1]]:28: warning: 'warn_thread_local' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
// CHECK-NOTES: :[[@LINE-2]]:28: note: bound it: {{.*}}
void seen(int Id) {
  warn_thread_local.insert(Id);
  // CHECK-NOTES: :[[@LINE-1]]:21: note: grows here; no code path removes entries
}

// A type alias does not hide the container.
using SessionTable = std::map<long, std::string>;
SessionTable warn_alias;
// CHECK-NOTES: :[[@LINE-1]]:14: warning: 'warn_alias' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
// CHECK-NOTES: :[[@LINE-2]]:14: note: bound it: {{.*}}
void login(long Id) {
  warn_alias.emplace(Id, "user");
  // CHECK-NOTES: :[[@LINE-1]]:14: note: grows here; no code path removes entries
}

// A string used as an ever-growing buffer.
std::string warn_string_buffer;
// CHECK-NOTES: :[[@LINE-1]]:13: warning: 'warn_string_buffer' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
// CHECK-NOTES: :[[@LINE-2]]:13: note: bound it: {{.*}}
void log(const std::string &Line) {
  warn_string_buffer += Line;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: grows here; no code path removes entries
  warn_string_buffer.append("\n");
}

// Reached through a local reference and a pointer.
std::deque<int> warn_through_reference;
// CHECK-NOTES: :[[@LINE-1]]:17: warning: 'warn_through_reference' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
// CHECK-NOTES: :[[@LINE-2]]:17: note: bound it: {{.*}}
void enqueue(int X) {
  std::deque<int> &Q = warn_through_reference;
  Q.push_back(X);
  // CHECK-NOTES: :[[@LINE-1]]:5: note: grows here; no code path removes entries
}

// ---- Negatives --------------------------------------------------------------

// A function-local container dies with the call.
int no_warn_local(int N) {
  std::vector<int> V;
  for (int I = 0; I < N; ++I)
    V.push_back(I);
  return V.size();
}

// Erased on another path (a TTL sweep).
std::map<int, long> no_warn_ttl;
void touch(int Id, long Now) { no_warn_ttl[Id] = Now; }
void sweep(long Now) {
  for (auto It = no_warn_ttl.begin(); It != no_warn_ttl.end();)
    if (It->second < Now - 60)
      It = no_warn_ttl.erase(It);
    else
      ++It;
}

// Cleared on a periodic path.
std::vector<int> no_warn_periodic_clear;
void sample(int X) { no_warn_periodic_clear.push_back(X); }
void flush() { no_warn_periodic_clear.clear(); }

// Capped: the insertion is guarded by a size() comparison.
std::set<int> no_warn_capped;
void remember(int X) {
  if (no_warn_capped.size() >= 1000)
    return;
  no_warn_capped.insert(X);
}

// `size() > 0` is an emptiness test, not a bound.
std::list<int> warn_not_a_bound;
// CHECK-NOTES: :[[@LINE-1]]:16: warning: 'warn_not_a_bound' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
// CHECK-NOTES: :[[@LINE-2]]:16: note: bound it: {{.*}}
void pushIfAny(int X) {
  if (warn_not_a_bound.size() > 0)
    warn_not_a_bound.push_back(X);
  // CHECK-NOTES: :[[@LINE-1]]:22: note: grows here; no code path removes entries
}

// Swapped with a fresh container.
std::vector<int> no_warn_swapped;
void keep(int X) { no_warn_swapped.push_back(X); }
void reset() { std::vector<int>().swap(no_warn_swapped); }

// Move-assigned from a fresh container / assigned an empty one.
std::map<int, int> no_warn_assigned;
void put(int K) { no_warn_assigned[K] = 1; }
void rotate() { no_warn_assigned = {}; }

// std::erase_if (C++20) removes entries.
std::vector<int> no_warn_erase_if;
void addValue(int X) { no_warn_erase_if.push_back(X); }
void prune() { std::erase_if(no_warn_erase_if, [](int X) { return X < 0; }); }

// A constant table can never grow.
const std::map<int, const char *> no_warn_const_table = {{1, "one"}, {2, "two"}};
const char *name(int K) { return no_warn_const_table.at(K); }

// Built once at start-up: in an init function, or in a static's initializer.
std::map<std::string, int> no_warn_init_table;
void initTables() {
  no_warn_init_table["red"] = 1;
  no_warn_init_table["green"] = 2;
}
std::vector<int> no_warn_static_init;
static bool Registered = [] {
  no_warn_static_init.push_back(42);
  return true;
}();

// Passed to a function we do not see by non-const reference: it may be
// cleared there.
void drain(std::vector<int> &V);
std::vector<int> no_warn_escapes;
void produce(int X) { no_warn_escapes.push_back(X); }
void consume() { drain(no_warn_escapes); }

// operator[] on a vector reads; it does not add elements.
std::vector<int> no_warn_vector_index(16);
void bump(int I) { no_warn_vector_index[I] += 1; }

// Silenced on the declaration.
std::vector<int> no_warn_nolint; // NOLINT(leak-unbounded-cache)
void keepForever(int X) { no_warn_nolint.push_back(X); }

// A thread-local pointer aimed at a caller's local vector for one call.
thread_local std::vector<int> *no_warn_repointed = nullptr;
void collect(int X) { no_warn_repointed->push_back(X); }
std::vector<int> scan() {
  std::vector<int> Result;
  no_warn_repointed = &Result;
  collect(1);
  no_warn_repointed = nullptr;
  return Result;
}

// A global pointer to a container allocated once: long-lived.
std::vector<int> *warn_heap_global = new std::vector<int>;
// CHECK-NOTES: :[[@LINE-1]]:19: warning: 'warn_heap_global' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
// CHECK-NOTES: :[[@LINE-2]]:19: note: bound it: {{.*}}
void remember(long X) {
  warn_heap_global->push_back(X);
  // CHECK-NOTES: :[[@LINE-1]]:21: note: grows here; no code path removes entries
}
