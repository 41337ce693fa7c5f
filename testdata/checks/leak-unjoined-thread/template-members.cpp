// RUN: %check_leakguard %s leak-unjoined-thread %t

// Thread members of class templates, started in the constructor's
// initializer list with arguments that depend on the template.

#include <atomic>
#include <thread>

template <class Sink> class AsyncWriter {
public:
  AsyncWriter() : Writer([this] { drain(); }) {}
  ~AsyncWriter() { Stop = true; }

private:
  void drain() {
    while (!Stop)
      S.write();
  }
  Sink S;
  std::atomic<bool> Stop{false};
  std::thread Writer;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: thread member 'Writer' is started but never joined by the destructor or a stop method; destroying it while joinable calls std::terminate [leak-unjoined-thread]
  // CHECK-NOTES: :[[@LINE-2]]:15: warning: thread member 'Writer' is started but never joined by the destructor or a stop method; destroying it while joinable calls std::terminate
  // CHECK-NOTES: :[[@LINE-13]]:25: note: started here
  // CHECK-NOTES: :[[@LINE-4]]:15: note: join it in the destructor (or a stop method it calls) or use std::jthread
};

template <class Sink> class JoinedWriter {
public:
  JoinedWriter() : Writer([this] { drain(); }) {}
  ~JoinedWriter() {
    Stop = true;
    Writer.join();
  }

private:
  void drain() {
    while (!Stop)
      S.write();
  }
  Sink S;
  std::atomic<bool> Stop{false};
  std::thread Writer;
};

struct NullSink {
  void write() {}
};
AsyncWriter<NullSink> *makeWriter() { return new AsyncWriter<NullSink>(); }
JoinedWriter<NullSink> *makeJoined() { return new JoinedWriter<NullSink>(); }
