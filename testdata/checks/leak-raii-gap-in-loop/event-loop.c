// RUN: %check_leakguard %s leak-raii-gap-in-loop,leak-unreleased-resource %t

// An accept loop that registers each connection with epoll: the descriptor
// joins the interest list (the rule pack's `::epoll_ctl(2)`), and the event
// loop that waits on it closes it later. A connection never registered is
// lost; the epoll descriptor itself is not handed over by registering
// descriptors with it.

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

struct conn {
  int fd;
};
static struct conn conns[1024];

void no_warn_registered_with_epoll(int listen_fd, int epfd) {
  struct epoll_event ev;
  for (;;) {
    int fd = accept(listen_fd, 0, 0);
    if (fd < 0)
      continue;
    ev.events = EPOLLIN;
    ev.data.ptr = &conns[fd];
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
      close(fd);
      continue;
    }
  }
}

void warn_never_registered(int listen_fd) {
  char greeting[16];
  for (;;) {
    int fd = accept(listen_fd, 0, 0);
    // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: 'fd' is acquired in each iteration but not released in the same iteration [leak-raii-gap-in-loop]
    if (fd < 0)
      continue;
    if (read(fd, greeting, sizeof(greeting)) <= 0)
      break;
  }
}

int warn_epoll_descriptor_lost(int listen_fd) {
  struct epoll_event ev;
  int epfd = epoll_create1(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: file descriptor 'epfd' opened by 'epoll_create1' is not closed on every path [leak-unreleased-resource]
  if (epfd < 0)
    return -1;
  ev.events = EPOLLIN;
  ev.data.fd = listen_fd;
  if (epoll_ctl(epfd, EPOLL_CTL_ADD, listen_fd, &ev) < 0)
    return -1;
  return epfd;
}
