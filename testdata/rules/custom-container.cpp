// A rule file found through the .clang-tidy that names it (relative path,
// resolved against that file's directory even from a nested directory whose
// own .clang-tidy inherits it) teaches leak-unbounded-cache a container type.
// RUN: rm -rf %t && mkdir -p %t/proj/rules %t/proj/src/deep
// RUN: cp %S/Inputs/mylib.yaml %t/proj/rules/mylib.yaml
// RUN: printf "Checks: '-*,leak-unbounded-cache'\nCheckOptions:\n  RuleFiles: 'rules/mylib.yaml'\n" > %t/proj/.clang-tidy
// RUN: printf "InheritParentConfig: true\nCheckOptions:\n  leak-unbounded-cache.RetainedCapacity: false\n" > %t/proj/src/.clang-tidy
// RUN: cp %s %t/proj/src/deep/main.cpp
// RUN: cd %t && %clang_tidy_leak %t/proj/src/deep/main.cpp -- -std=c++20 -nostdinc++ -isystem %mock_headers 2>&1 \
// RUN:   | FileCheck %s --implicit-check-not="{{warning|error}}:"
// Without the rule file the same code is clean.
// RUN: %clang_tidy_leak --config="{Checks: '-*,leak-unbounded-cache'}" %t/proj/src/deep/main.cpp -- -std=c++20 -nostdinc++ -isystem %mock_headers 2>&1 \
// RUN:   | FileCheck %s --check-prefix=NONE --allow-empty --implicit-check-not="{{warning|error}}:"
// NONE-NOT: warning

namespace myco {
template <typename K, typename V> class FlatMap {
public:
  void put(const K &, const V &);
  void evict(const K &);
};
} // namespace myco

myco::FlatMap<int, int> Grows;
// CHECK: main.cpp:[[@LINE-1]]:25: warning: 'Grows' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
void add(int K) { Grows.put(K, K); }

myco::FlatMap<int, int> Bounded;
void addBounded(int K) {
  Bounded.put(K, K);
  Bounded.evict(K - 100);
}
