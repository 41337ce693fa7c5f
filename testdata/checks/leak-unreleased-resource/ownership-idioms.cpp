// C++ ownership idioms that hand a handle over without a visible release:
// atomics and other standard holders that outlive the function, holders
// built from the handle and given to code LeakGuard cannot read, pointers
// derived from the handle and returned.
// RUN: %check_leakguard %s leak-unreleased-resource %t

#include <any>
#include <atomic>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <sys/mman.h>
#include <unistd.h>

class Pipe {
public:
  Pipe();
  ~Pipe();

private:
  std::atomic<int> ReadFd{-1};
  std::atomic<int> WriteFd{-1};
};

Pipe::Pipe() {
  int Fds[2];
  if (pipe(Fds) != 0)
    return;
  ReadFd.store(Fds[0]);
  WriteFd.store(Fds[1]);
}

Pipe::~Pipe() {
  close(ReadFd.load());
  close(WriteFd.load());
}

struct OnceFlag {
  bool Done = false;
};

class Backend {
public:
  void reset() {
    auto *Fresh = new OnceFlag();
    OnceFlag *Old = Flag.exchange(Fresh);
    delete Old;
  }
  ~Backend() { delete Flag.load(); }

private:
  std::atomic<OnceFlag *> Flag{nullptr};
};

int warn_local_atomic_dies(const char *Path) {
  std::atomic<int> Local{-1};
  int Fds[2];
  if (pipe(Fds) != 0)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: file descriptor 'Fds' opened by 'pipe' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: file descriptor 'Fds' opened by 'pipe' is not closed on every path
    return -1;
  Local.store(Fds[0]); // Local dies with the function
  return 0;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'Fds' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'close' on this path, or hold 'Fds' in an RAII owner
}

class Connection {
public:
  void setContext(const std::any &Context); // defined elsewhere
  void log(const char *Line) const;         // defined elsewhere
};

void no_warn_context_holds_stream(Connection &Conn, const char *Path) {
  FILE *File = fopen(Path, "a");
  if (!File)
    return;
  Conn.setContext(File); // a std::any built from the stream is kept
}

void warn_only_logged(Connection &Conn, const char *Path) {
  FILE *File = fopen(Path, "a");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: FILE stream 'File' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:16: warning: FILE stream 'File' opened by 'fopen' is not closed on every path
  if (!File)
    return;
  Conn.log(Path); // reads a string; the stream is never handed over
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks 'File' at the end of the function
// CHECK-NOTES: :[[@LINE-2]]:1: note: call 'fclose' on this path, or hold 'File' in an RAII owner

template <typename T> static T *alignUp(void *P, std::uintptr_t Alignment) {
  return reinterpret_cast<T *>(
      (reinterpret_cast<std::uintptr_t>(P) + Alignment - 1) & ~(Alignment - 1));
}

char *no_warn_aligned_pointer_returned(std::size_t Size) {
  void *Mem = mmap(nullptr, Size + 64, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (Mem == MAP_FAILED)
    return nullptr;
  char *Aligned = alignUp<char>(static_cast<char *>(Mem) + 16, 64);
  return Aligned; // the block is found again from the aligned pointer
}

// In a template, an owner of a dependent type built from the pointer
// adopts it (which constructor runs is known per instantiation).
template <class T> struct Iter {
  T *At = nullptr;
};
template <class T> std::unique_ptr<Iter<T>> beginOf(T *Data) {
  auto It = new Iter<T>();
  It->At = Data;
  return std::unique_ptr<Iter<T>>(It);
}
template <class T> std::unique_ptr<Iter<T>> beginIfAny(T *Data, bool Any) {
  auto It = new Iter<T>();
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object 'It' allocated by 'new' is not deleted on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:13: warning: object 'It' allocated by 'new' is not deleted on every path
  // CHECK-NOTES: :[[@LINE+3]]:5: note: leaks 'It' when returning here
  // CHECK-NOTES: :[[@LINE+2]]:5: note: call 'delete' on this path, or hold 'It' in an RAII owner
  if (!Any)
    return nullptr;
  It->At = Data;
  return std::unique_ptr<Iter<T>>(It);
}
