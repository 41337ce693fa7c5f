// RUN: %check_leakguard %s leak-unreleased-resource,leak-raii-gap-in-loop %t

// A descriptor passed by value is handed over when the callee's body, in this
// file, stores or closes it, and when a thread is started with it. A callee
// that only reads it, or one whose body is elsewhere, does not take it.

#include <deque>
#include <future>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

class ConnectionTable {
public:
  void adopt(int Fd) { Open.push_back(Fd); }
  ~ConnectionTable() {
    for (int Fd : Open)
      close(Fd);
  }

private:
  std::deque<int> Open;
};

void closeLater(int Fd) { close(Fd); }
void logDescriptor(int Fd) noexcept { (void)Fd; }
void inspect(int Fd) noexcept { logDescriptor(Fd); }
void serve(int Fd);
int handle(int Fd);

void no_warn_adopted(ConnectionTable &Table, int Listen) {
  while (true) {
    int Fd = accept(Listen, nullptr, nullptr);
    if (Fd < 0)
      continue;
    Table.adopt(Fd);
  }
}

void no_warn_closed_by_helper(int Listen) {
  int Fd = accept(Listen, nullptr, nullptr);
  if (Fd < 0)
    return;
  closeLater(Fd);
}

void no_warn_thread_per_connection(int Listen) {
  int Fd = accept(Listen, nullptr, nullptr);
  if (Fd < 0)
    return;
  std::thread(serve, Fd).detach();
}

int no_warn_async(int Listen) {
  int Fd = accept(Listen, nullptr, nullptr);
  if (Fd < 0)
    return -1;
  auto Done = std::async(handle, Fd);
  return Done.get();
}

void warn_only_inspected(int Listen) {
  int Fd = accept(Listen, nullptr, nullptr);
  if (Fd < 0)
    return;
  inspect(Fd);
}
// CHECK-MESSAGES: :[[@LINE-5]]:12: warning: file descriptor 'Fd' opened by 'accept' is not closed on every path [leak-unreleased-resource]
// CHECK-NOTES: :[[@LINE-6]]:12: warning: file descriptor 'Fd' opened by 'accept' is not closed on every path
// CHECK-NOTES: :[[@LINE-3]]:1: note: leaks 'Fd' at the end of the function
// CHECK-NOTES: :[[@LINE-4]]:1: note: call 'close' on this path, or hold 'Fd' in an RAII owner
