// LeakGuard's precision policy (docs/precision.md) on C++ shapes: a handle
// passed where LeakGuard cannot see what happens to it is taken; the
// standard library and read-only parameters borrow it.
// RUN: %check_leakguard %s leak-unreleased-resource %t

#include <evlib/evlib.h>
#include <functional>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

struct Sink {
  virtual ~Sink();
  virtual void adopt(int Fd);
  void look(const char *Name) const;
};

struct Logger final {
  virtual void note(int Fd) { Seen += Fd > 0; }
  int Seen = 0;
};

class Acceptor {
public:
  void handOff(int Fd); // defined in acceptor.cpp
  void run(int Listen);
  std::function<void(int)> OnConnection;
};

void Acceptor::run(int Listen) {
  int Fd = accept(Listen, nullptr, nullptr);
  if (Fd < 0)
    return;
  handOff(Fd); // a member whose body is elsewhere: taken
}

void no_warn_virtual_call(Sink &S, int Listen) {
  int Fd = accept(Listen, nullptr, nullptr);
  if (Fd < 0)
    return;
  S.adopt(Fd); // an override may keep it
}

void no_warn_std_function(Acceptor &A, int Listen) {
  int Fd = accept(Listen, nullptr, nullptr);
  if (Fd < 0)
    return;
  A.OnConnection(Fd);
}

void no_warn_third_party_library(ev_loop *Loop, int Listen) {
  int Fd = accept(Listen, nullptr, nullptr);
  if (Fd < 0)
    return;
  ev_buffer_wrap_socket(Loop, Fd, 1);
}

void warn_final_class_only_counts(Logger &L, int Listen) {
  int Fd = accept(Listen, nullptr, nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'Fd' opened by 'accept' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: file descriptor 'Fd' opened by 'accept' is not closed on every path
  if (Fd < 0)
    return;
  L.note(Fd); // final: the body is read, and it only counts
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks 'Fd' at the end of the function
// CHECK-NOTES: :[[@LINE-2]]:1: note: call 'close' on this path, or hold 'Fd' in an RAII owner

void warn_standard_library_borrows(Sink &S) {
  char *Name = new char[16];
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: array 'Name' allocated by 'new[]' is not deleted on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: array 'Name' allocated by 'new[]' is not deleted on every path
  std::string Copy(Name);
  S.look(Name); // a const parameter only reads
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks 'Name' at the end of the function
// CHECK-NOTES: :[[@LINE-2]]:1: note: call 'delete[]' on this path, or hold 'Name' in an RAII owner

int main(int Argc, char **Argv) {
  int *Counts = new int[Argc];
  if (Argc > 4)
    throw 1; // leaving main ends the program
  if (Argc > 3)
    return 1;
  delete[] Counts;
  return 0;
}
