// RUN: %check_leakguard %s leak-unreleased-resource %t

// Objects that own themselves: a task whose constructor registers it with
// the series that will run and delete it, a task whose start() hands `this`
// to such a series, a task deleted through a base-class dismiss(). The
// creator owns none of them. Beside each, the same object nobody takes.

#include <memory>

struct Task;

struct Series {
  explicit Series(Task *First);
  Task *First;
};

struct Task {
  virtual ~Task() = default;
  void setOwner(void *Owner) { this->Owner = Owner; }
  void start();
  void dismiss() { delete this; }
  virtual void run() {}
  void *Owner = nullptr;
};

// The series registers itself with its first task, which deletes both when
// it is done.
inline Series::Series(Task *First) : First(First) { First->setOwner(this); }
inline void startSeries(Task *First) {
  new Series(First);
  First->run();
}
inline void Task::start() { startSeries(this); }

struct TimerTask : Task {
  int Millis = 0;
};

// Registered at birth: the series is owned by its task.
void runAlone(Task *T) {
  Series *S = new Series(T);
  T->run();
  (void)S;
}

// Handed away by start().
void schedule(int Millis) {
  TimerTask *T = new TimerTask;
  T->Millis = Millis;
  T->start();
}

// Deleted by a method the derived class inherits.
Task *prepare(bool Cancel) {
  Task *T = new TimerTask;
  if (Cancel) {
    T->dismiss();
    return nullptr;
  }
  return T;
}

// A job queues itself when started; renaming it hands nothing away.
struct Job;
Job *Pending = nullptr;
struct Job {
  void start() { enqueue(); }
  void enqueue() { Pending = this; }
  void rename(const char *Name) { this->Name = Name; }
  const char *Name = nullptr;
};

void submit(const char *Name) {
  Job *J = new Job;
  J->rename(Name);
  J->start();
}

void forget(const char *Name) {
  Job *J = new Job;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: object 'J' allocated by 'new' is not deleted on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: object 'J' allocated by 'new' is not deleted on every path
  // CHECK-NOTES: :[[@LINE+3]]:1: note: leaks 'J' at the end of the function
  // CHECK-NOTES: :[[@LINE+2]]:1: note: call 'delete' on this path, or hold 'J' in an RAII owner
  J->rename(Name);
}

// A task from a factory, released by a method whose body deletes it.
template <class Request> struct NetTask {
  void dismiss() { delete this; }
  Request Req{};
  void *UserData = nullptr;
};
using HttpTask = NetTask<int>;
static HttpTask *createHttpTask() { return new HttpTask; }

HttpTask *prepareHttp(bool Ok, void *Data) {
  HttpTask *T = createHttpTask();
  if (Ok) {
    T->UserData = Data;
    return T;
  }
  T->dismiss();
  return nullptr;
}

HttpTask *prepareForgetting(bool Ok, void *Data) {
  HttpTask *T = createHttpTask();
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: object 'T' allocated by 'createHttpTask' is not deleted on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:17: warning: object 'T' allocated by 'createHttpTask' is not deleted on every path
  // CHECK-NOTES: :[[@LINE+3]]:5: note: leaks 'T' when returning here
  // CHECK-NOTES: :[[@LINE+2]]:5: note: call 'delete' on this path, or hold 'T' in an RAII owner
  if (!Ok)
    return nullptr;
  T->UserData = Data;
  return T;
}

// Pointing the object at itself hands nothing away.
struct Node {
  void selfLink() {
    Next = this;
    Links.Prev = this;
  }
  struct {
    Node *Prev = nullptr;
  } Links;
  Node *Next = nullptr;
};

void linkAlone() {
  Node *N = new Node;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: object 'N' allocated by 'new' is not deleted on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:13: warning: object 'N' allocated by 'new' is not deleted on every path
  // CHECK-NOTES: :[[@LINE+3]]:1: note: leaks 'N' at the end of the function
  // CHECK-NOTES: :[[@LINE+2]]:1: note: call 'delete' on this path, or hold 'N' in an RAII owner
  N->selfLink();
}

// Given by reference to code that may finish later (a virtual call): `*relay`
// is the object at relay's address, handed over as `relay` would be.
struct Completion {
  virtual ~Completion() = default;
  virtual void fire(int Result) = 0;
};
struct Relay final : Completion {
  int Value = 0;
  int *slot() { return &Value; }
  void fire(int) override { std::unique_ptr<Relay> Self(this); }
};
struct Source {
  virtual ~Source() = default;
  virtual void readAsync(int Key, int *Slot, Completion &Done) = 0;
  void no_warn_given_by_reference(int Key) {
    auto *R = new Relay;
    readAsync(Key, R->slot(), *R);
  }
  Completion *Shared = nullptr;
  int Scratch = 0;
  void warn_another_completion_given(int Key) {
    auto *R = new Relay;
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: object 'R' allocated by 'new' is not deleted on every path [leak-unreleased-resource]
    // CHECK-NOTES: :[[@LINE-2]]:15: warning: object 'R' allocated by 'new' is not deleted on every path
    R->Value = Key;
    readAsync(Key, &Scratch, *Shared);
  }
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'R' at the end of the function
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'delete' on this path, or hold 'R' in an RAII owner
};
