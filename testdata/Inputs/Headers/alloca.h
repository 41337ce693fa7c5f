/* Mock <alloca.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_ALLOCA_H
#define LG_MOCK_ALLOCA_H

#include <stddef.h>

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
void *alloca(size_t size) __LG_NOTHROW;
#ifdef __cplusplus
}
#endif

#define alloca(size) __builtin_alloca(size)

#endif
