// An unknown pack name in RulePacks is reported with a suggestion; the
// default packs still apply.
// RUN: %check_leakguard %s leak-unbounded-cache %t --config="{CheckOptions: {RulePacks: 'curll'}}"

// CHECK-MESSAGES: :1:1: warning: LeakGuard option 'RulePacks': unknown rule pack 'curll'; did you mean 'curl'? [leak-unbounded-cache]

#include <map>

std::map<int, int> Counts;
// CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'Counts' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
void bump(int K) { Counts[K] = 1; }
