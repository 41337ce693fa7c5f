// RUN: %check_leakguard %s leak-unreleased-resource %t

// A handle kept in a member of a local object whose destructor releases
// that member (itself or through a method) is released when the object goes
// out of scope; one whose destructor does not release it leaks.

#include <cstdlib>
#include <cstring>

struct Uri {
  char *Query = nullptr;
  ~Uri() { reset(); }
  void reset() {
    free(Query);
    Query = nullptr;
  }
};

struct Loose {
  char *Query = nullptr;
  ~Loose() { Query = nullptr; }
};

int parseQuery(const char *Text, bool Keep) {
  Uri U;
  U.Query = strdup(Text);
  if (!U.Query)
    return -1;
  return Keep ? 1 : 0;
}

int parseLoose(const char *Text) {
  Loose L;
  L.Query = strdup(Text);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: heap memory 'L.Query' allocated by 'strdup' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:13: warning: heap memory 'L.Query' allocated by 'strdup' is not freed on every path
  // CHECK-NOTES: :[[@LINE+4]]:3: note: leaks 'L.Query' when returning here
  // CHECK-NOTES: :[[@LINE+3]]:3: note: call 'free' on this path, or hold 'L.Query' in an RAII owner
  if (!L.Query)
    return -1;
  return 0;
}
