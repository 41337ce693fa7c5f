/* Mock <netinet/in.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_NETINET_IN_H
#define LG_MOCK_NETINET_IN_H

#include <stdint.h>
#include <sys/socket.h>

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

typedef uint16_t in_port_t;
typedef uint32_t in_addr_t;
struct in_addr {
  in_addr_t s_addr;
};
struct sockaddr_in {
  sa_family_t sin_family;
  in_port_t sin_port;
  struct in_addr sin_addr;
  unsigned char sin_zero[8];
};
struct in6_addr {
  uint8_t s6_addr[16];
};
struct sockaddr_in6 {
  sa_family_t sin6_family;
  in_port_t sin6_port;
  uint32_t sin6_flowinfo;
  struct in6_addr sin6_addr;
  uint32_t sin6_scope_id;
};
#define INADDR_ANY ((in_addr_t)0x00000000)
#define INADDR_LOOPBACK ((in_addr_t)0x7f000001)
#define IPPROTO_IP 0
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17

uint32_t htonl(uint32_t v) __LG_NOTHROW __attribute__((__const__));
uint16_t htons(uint16_t v) __LG_NOTHROW __attribute__((__const__));
uint32_t ntohl(uint32_t v) __LG_NOTHROW __attribute__((__const__));
uint16_t ntohs(uint16_t v) __LG_NOTHROW __attribute__((__const__));

#ifdef __cplusplus
}
#endif

#endif
