/* Mock <poll.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_POLL_H
#define LG_MOCK_POLL_H

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned long nfds_t;
struct pollfd {
  int fd;
  short events;
  short revents;
};
#define POLLIN 0x001
#define POLLOUT 0x004
#define POLLERR 0x008
#define POLLHUP 0x010

int poll(struct pollfd *fds, nfds_t nfds, int timeout);

#ifdef __cplusplus
}
#endif

#endif
