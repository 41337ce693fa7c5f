// A rule file with an unknown key: one warning at the start of the main file
// naming the rule file's line and column, and the analysis still runs with
// the default packs.
// RUN: rm -rf %t && mkdir -p %t/proj/src
// RUN: cp %S/Inputs/bad-key.yaml %t/proj/bad-key.yaml
// RUN: printf "Checks: '-*,leak-*'\nCheckOptions:\n  RuleFiles: 'bad-key.yaml'\n" > %t/proj/.clang-tidy
// RUN: cp %s %t/proj/src/main.cpp
// RUN: %clang_tidy_leak %t/proj/src/main.cpp -- -std=c++20 -nostdinc++ -isystem %mock_headers 2>&1 \
// RUN:   | FileCheck %s -DDIR=%t --implicit-check-not="{{warning|error}}:"

// Reported once (all six checks are enabled), by the first enabled leak-* check.
// CHECK: main.cpp:1:1: warning: LeakGuard rule file '[[DIR]]/proj/bad-key.yaml':6:5: unknown key 'Relase' in resource; did you mean 'Release'? [leak-raii-gap-in-loop]

#include <map>
#include <string>

std::map<int, std::string> Names;
// CHECK: main.cpp:[[@LINE-1]]:28: warning: 'Names' is a long-lived container that only grows; entries are never removed [leak-unbounded-cache]
void remember(int Id, const std::string &Name) { Names[Id] = Name; }
