// RUN: %check_leakguard %s leak-unreleased-resource %t

// C++ helpers of the same file: one that writes a fresh resource through a
// reference to a pointer is an acquirer, like one that returns it.

#include <cstdlib>
#include <cstring>

static void makeBuffer(char *&Out, std::size_t N) {
  Out = static_cast<char *>(std::malloc(N));
  if (!Out)
    std::exit(1);
  std::memset(Out, 0, N);
}

static void growBuffer(char *&Buf, std::size_t N) {
  Buf = static_cast<char *>(std::realloc(Buf, N));
  if (!Buf)
    std::exit(1);
}

// Keeps the buffer it makes: nothing for the caller to release.
static char *Kept = nullptr;
static void keepBuffer(char *&Out) {
  Out = static_cast<char *>(std::malloc(8));
  Kept = Out;
}

void warn_out_parameter_not_released(std::size_t N) {
  char *Buf = nullptr;
  makeBuffer(Buf, N);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: heap memory 'Buf' allocated by 'makeBuffer' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:3: warning: heap memory 'Buf' allocated by 'makeBuffer' is not freed on every path
  // CHECK-NOTES: :[[@LINE+3]]:1: note: leaks 'Buf' at the end of the function
  // CHECK-NOTES: :[[@LINE+2]]:1: note: call 'free' on this path, or hold 'Buf' in an RAII owner
  Buf[0] = 'x';
}

void no_warn_out_parameter_released(std::size_t N) {
  char *Buf = nullptr;
  makeBuffer(Buf, N);
  growBuffer(Buf, 2 * N);
  std::free(Buf);
}

void no_warn_out_parameter_kept(void) {
  char *Buf = nullptr;
  keepBuffer(Buf);
}

// A local reference bound to the handle's variable names it.
void no_warn_released_through_reference(std::size_t N) {
  char *Buf = static_cast<char *>(std::malloc(N));
  char *&Ref = Buf;
  if (!Buf)
    return;
  char *Copy = Ref;
  std::free(Copy);
}

void warn_copy_through_reference_not_released(std::size_t N) {
  char *Buf = static_cast<char *>(std::malloc(N));
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: heap memory 'Buf' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:35: warning: heap memory 'Buf' allocated by 'malloc' is not freed on every path
  // CHECK-NOTES: :[[@LINE+7]]:1: note: leaks 'Buf' at the end of the function
  // CHECK-NOTES: :[[@LINE+6]]:1: note: call 'free' on this path, or hold 'Buf' in an RAII owner
  char *&Ref = Buf;
  if (!Buf)
    return;
  char *Copy = Ref;
  Copy[0] = 0;
}
