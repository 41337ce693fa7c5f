// RUN: %check_leakguard_real %s leak-unreleased-resource %t -- -std=c++20

// C++ ownership idioms with the real standard library (libstdc++ defines
// shared_ptr::reset in a base class), self-deleting callbacks, and
// make_shared given a function pointer (it runs nothing).

#include <cstdio>
#include <memory>

struct Widget {
  int Value = 0;
};

void no_warn_shared_ptr_reset(std::shared_ptr<Widget> &Slot) {
  Widget *W = new Widget;
  W->Value = 1;
  Slot.reset(W);
}

void no_warn_unique_ptr_reset(std::unique_ptr<Widget> &Slot) {
  Widget *W = new Widget;
  Slot.reset(W);
}

// A completion callback that deletes itself when the operation ends.
class Completion {
public:
  explicit Completion(int Id) : Id(Id) {}
  void done(int Status) {
    Last = Status + Id;
    delete this;
  }
  static int Last;

private:
  int Id;
};
int Completion::Last = 0;

void startAsync(void (*OnDone)(void *, int), void *UserData) noexcept;

void no_warn_self_deleting_callback(int Id) {
  auto *C = new Completion(Id);
  startAsync([](void *P, int S) { static_cast<Completion *>(P)->done(S); }, C);
}

using Deleter = void (*)(std::FILE *);
void closeFile(std::FILE *F) { std::fclose(F); }

std::shared_ptr<std::FILE> no_warn_make_shared_with_function(const char *Path) {
  std::FILE *F = std::fopen(Path, "r");
  if (!F)
    return nullptr;
  auto Owner = std::shared_ptr<std::FILE>(F, closeFile);
  auto Note = std::make_shared<Deleter>(closeFile); // runs nothing
  return Owner;
}

void warn_reset_of_another_pointer(std::shared_ptr<Widget> &Slot) {
  Widget *W = new Widget;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: object 'W' allocated by 'new' is not deleted on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:15: warning: object 'W' allocated by 'new' is not deleted on every path
  Widget *Other = new Widget;
  Slot.reset(Other);
  W->Value = 2;
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks 'W' at the end of the function
// CHECK-NOTES: :[[@LINE-2]]:1: note: call 'delete' on this path, or hold 'W' in an RAII owner
