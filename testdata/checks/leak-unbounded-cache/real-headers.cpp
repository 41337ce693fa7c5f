// RUN: %check_leakguard_real %s leak-unbounded-cache %t -- -std=c++17
// RUN: %check_leakguard_real %s leak-unbounded-cache %t -- -std=c++20

// The same shapes against the system's libstdc++ (inline namespaces,
// inherited members, real overload sets).
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

std::unordered_map<std::string, std::string> warn_real_map;
// CHECK-MESSAGES: :[[@LINE-1]]:46: warning: 'warn_real_map' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
void handle(const std::string &K) { warn_real_map[K] = K; }

std::string warn_real_string;
// CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'warn_real_string' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
void log(const std::string &S) { warn_real_string.append(S); }

template <typename K, typename V> class Memo {
public:
  V &get(const K &Key) { return Map.try_emplace(Key).first->second; }

private:
  std::map<K, V> Map;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'Map' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
};
Memo<int, std::string> GlobalMemo;
std::string &get(int K) { return GlobalMemo.get(K); }

// Negatives.
std::map<int, int> no_warn_real_erased;
void put(int K) { no_warn_real_erased.emplace(K, K); }
void del(int K) { no_warn_real_erased.erase(K); }

std::deque<int> no_warn_real_capped;
void add(int X) {
  no_warn_real_capped.push_back(X);
  if (no_warn_real_capped.size() > 100)
    no_warn_real_capped.pop_front();
}

std::vector<int> no_warn_call_once;
std::once_flag Once;
void init() {
  std::call_once(Once, [] { no_warn_call_once.push_back(1); });
}

std::vector<int> no_warn_index_only(8);
void bump(int I) { no_warn_index_only[I]++; }
