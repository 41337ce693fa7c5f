/* Mock <dlfcn.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_DLFCN_H
#define LG_MOCK_DLFCN_H

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

#define RTLD_LAZY 0x00001
#define RTLD_NOW 0x00002
#define RTLD_NOLOAD 0x00004
#define RTLD_GLOBAL 0x00100
#define RTLD_LOCAL 0
#define RTLD_NODELETE 0x01000
#define RTLD_DEFAULT ((void *)0)

void *dlopen(const char *file, int mode) __LG_NOTHROW;
int dlclose(void *handle) __LG_NOTHROW;
void *dlsym(void *handle, const char *name) __LG_NOTHROW;
char *dlerror(void) __LG_NOTHROW;

#ifdef __cplusplus
}
#endif

#endif
