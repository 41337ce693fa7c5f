/* Mock <arpa/inet.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_ARPA_INET_H
#define LG_MOCK_ARPA_INET_H

#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

int inet_pton(int af, const char *src, void *dst) __LG_NOTHROW;
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size) __LG_NOTHROW;
in_addr_t inet_addr(const char *cp) __LG_NOTHROW;

#ifdef __cplusplus
}
#endif

#endif
