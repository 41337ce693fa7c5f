/* Mock <sys/socket.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_SYS_SOCKET_H
#define LG_MOCK_SYS_SOCKET_H

#include <stddef.h>
#include <sys/types.h>

#ifndef __LG_NOTHROW
#ifdef __cplusplus
#define __LG_NOTHROW noexcept(true)
#else
#define __LG_NOTHROW
#endif
#endif

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned int socklen_t;
typedef unsigned short sa_family_t;
struct sockaddr {
  sa_family_t sa_family;
  char sa_data[14];
};
struct sockaddr_storage {
  sa_family_t ss_family;
  char __ss_padding[118];
  unsigned long __ss_align;
};
struct iovec {
  void *iov_base;
  size_t iov_len;
};
struct msghdr {
  void *msg_name;
  socklen_t msg_namelen;
  struct iovec *msg_iov;
  size_t msg_iovlen;
  void *msg_control;
  size_t msg_controllen;
  int msg_flags;
};

#define AF_UNSPEC 0
#define AF_UNIX 1
#define AF_LOCAL AF_UNIX
#define AF_INET 2
#define AF_INET6 10
#define PF_INET AF_INET
#define SOCK_STREAM 1
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOCK_NONBLOCK 04000
#define SOCK_CLOEXEC 02000000
#define SOL_SOCKET 1
#define SO_REUSEADDR 2
#define SO_KEEPALIVE 9
#define SO_REUSEPORT 15
#define SOMAXCONN 4096
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2
#define MSG_NOSIGNAL 0x4000
#define MSG_DONTWAIT 0x40

int socket(int domain, int type, int protocol) __LG_NOTHROW;
int socketpair(int domain, int type, int protocol, int fds[2]) __LG_NOTHROW;
int bind(int fd, const struct sockaddr *addr, socklen_t len) __LG_NOTHROW;
int listen(int fd, int backlog) __LG_NOTHROW;
int accept(int fd, struct sockaddr *addr, socklen_t *len);
int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
ssize_t send(int fd, const void *buf, size_t n, int flags);
ssize_t recv(int fd, void *buf, size_t n, int flags);
ssize_t sendto(int fd, const void *buf, size_t n, int flags, const struct sockaddr *addr, socklen_t len);
ssize_t recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *addr, socklen_t *len);
ssize_t sendmsg(int fd, const struct msghdr *msg, int flags);
ssize_t recvmsg(int fd, struct msghdr *msg, int flags);
int shutdown(int fd, int how) __LG_NOTHROW;
int setsockopt(int fd, int level, int optname, const void *optval, socklen_t optlen) __LG_NOTHROW;
int getsockopt(int fd, int level, int optname, void *optval, socklen_t *optlen) __LG_NOTHROW;
int getsockname(int fd, struct sockaddr *addr, socklen_t *len) __LG_NOTHROW;
int getpeername(int fd, struct sockaddr *addr, socklen_t *len) __LG_NOTHROW;

#ifdef __cplusplus
}
#endif

#endif
