// RUN: %check_leakguard %s leak-uncancelled-wait %t

// A blocking call on a descriptor that some function closes or shuts down
// (the stop path) is interrupted that way; one nothing closes is not.

#include <atomic>
#include <cerrno>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
void serve(int);
class Server {
public:
  Server(int Fd) : ListenFd(Fd), T([this] { run(); }) {}
  ~Server() {
    Running = false;
    ::shutdown(ListenFd, SHUT_RDWR);
    T.join();
    ::close(ListenFd);
  }
private:
  void run() {
    while (Running) {
      int C = ::accept(ListenFd, nullptr, nullptr);
      if (C >= 0) serve(C);
    }
  }
  int ListenFd;
  std::atomic<bool> Running{true};
  std::thread T;
};
class LeakyServer {
public:
  LeakyServer(int Fd) : ListenFd(Fd), T([this] { run(); }) {}
  ~LeakyServer() {
    Running = false;
    T.join();
  }
private:
  void run() {
    while (Running) {
      int C = ::accept(ListenFd, nullptr, nullptr);
      // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: '::accept' blocks without a timeout inside a long-lived loop; a stop request cannot interrupt it [leak-uncancelled-wait]
      // CHECK-NOTES: :[[@LINE-2]]:15: warning: '::accept' blocks without a timeout inside a long-lived loop; a stop request cannot interrupt it
      // CHECK-NOTES: :[[@LINE-4]]:5: note: the loop checks a stop signal here, but only between waits
      if (C >= 0) serve(C);
    }
  }
  int ListenFd;
  std::atomic<bool> Running{true};
  std::thread T;
};

// A non-blocking descriptor (the loop leaves when the call would block):
// each call returns at once, so the stop flag is seen.
class PollingServer {
public:
  PollingServer(int Fd) : ListenFd(Fd), T([this] { run(); }) {}
  ~PollingServer() {
    Running = false;
    T.join();
  }

private:
  void run() {
    while (Running) {
      int C = ::accept(ListenFd, nullptr, nullptr);
      if (C < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK)
          std::this_thread::yield();
        continue;
      }
      serve(C);
    }
  }
  int ListenFd;
  std::atomic<bool> Running{true};
  std::thread T;
};
