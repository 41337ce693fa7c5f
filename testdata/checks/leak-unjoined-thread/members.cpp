// RUN: %check_leakguard %s leak-unjoined-thread %t
// Thread data members and containers of threads: does anything reachable
// from the destructor or a stop method join them?

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

void work();

class WarnNoDestructor {
public:
  void start() { Worker = std::thread(work); }

private:
  std::thread Worker;
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: thread member 'Worker' is started but never joined by the destructor or a stop method; destroying it while joinable calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-5]]:18: note: started here
  // CHECK-NOTES: :[[@LINE-3]]:15: note: join it in the destructor (or a stop method it calls) or use std::jthread
};

class WarnDestructorForgetsIt {
public:
  WarnDestructorForgetsIt() : Worker(work) {}
  ~WarnDestructorForgetsIt() { Running = false; }

private:
  std::atomic<bool> Running{true};
  std::thread Worker;
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: thread member 'Worker' is started but never joined by the destructor or a stop method; destroying it while joinable calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-7]]:31: note: started here
  // CHECK-NOTES: :[[@LINE-3]]:15: note: join it in the destructor (or a stop method it calls) or use std::jthread
};

class WarnContainer {
public:
  void grow() { Workers.emplace_back(work); }
  void stop() { Running = false; }

private:
  bool Running = true;
  std::vector<std::thread> Workers;
  // CHECK-NOTES: :[[@LINE-1]]:28: warning: container of threads 'Workers' is filled but never joined by the destructor or a stop method; destroying it while joinable calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-7]]:17: note: started here
  // CHECK-NOTES: :[[@LINE-3]]:28: note: join it in the destructor (or a stop method it calls) or use std::jthread
};

// A singleton whose thread is destroyed, joinable, at exit.
class WarnSingleton {
public:
  static WarnSingleton &instance() {
    static WarnSingleton Instance;
    return Instance;
  }

private:
  WarnSingleton() : Flusher([this] { flush(); }) {}
  void flush() {}
  std::thread Flusher;
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: thread member 'Flusher' is started but never joined by the destructor or a stop method; destroying it while joinable calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-4]]:21: note: started here
  // CHECK-NOTES: :[[@LINE-3]]:15: note: join it in the destructor (or a stop method it calls) or use std::jthread
};

template <class T> class WarnTemplate {
public:
  void start() { Worker = std::thread([] { work(); }); }

private:
  T Payload;
  std::thread Worker;
  // CHECK-NOTES: :[[@LINE-1]]:15: warning: thread member 'Worker' is started but never joined by the destructor or a stop method; destroying it while joinable calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-6]]:18: note: started here
  // CHECK-NOTES: :[[@LINE-3]]:15: note: join it in the destructor (or a stop method it calls) or use std::jthread
};

// ---- Negatives ---------------------------------------------------------

class NoWarnDestructorJoins {
public:
  NoWarnDestructorJoins() : Worker(work) {}
  ~NoWarnDestructorJoins() {
    if (Worker.joinable())
      Worker.join();
  }

private:
  std::thread Worker;
};

class NoWarnStopJoinsAll {
public:
  void grow() { Workers.emplace_back(work); }
  ~NoWarnStopJoinsAll() { shutdown(); }
  void shutdown() {
    Running = false;
    joinAll();
  }

private:
  void joinAll() {
    for (std::thread &T : Workers)
      T.join();
  }
  std::atomic<bool> Running{true};
  std::vector<std::thread> Workers;
};

class NoWarnNeverStarted {
  std::thread Worker;
};

class NoWarnJThread {
public:
  NoWarnJThread() : Worker(work) {}

private:
  std::jthread Worker;
};

class NoWarnDestructorElsewhere {
public:
  NoWarnDestructorElsewhere() : Worker(work) {}
  ~NoWarnDestructorElsewhere(); // Defined in another file.

private:
  std::thread Worker;
};

class NoWarnUniquePtrReset {
public:
  void start() { Worker.reset(new std::thread(work)); }
  ~NoWarnUniquePtrReset() { Worker->join(); }

private:
  std::unique_ptr<std::thread> Worker;
};

class NoWarnDetachedInStop {
public:
  NoWarnDetachedInStop() : Worker(work) {}
  void close() { Worker.detach(); }

private:
  std::thread Worker;
};
