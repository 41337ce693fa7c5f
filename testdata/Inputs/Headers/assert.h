/* Mock <assert.h> for LeakGuard lit tests (valid C and C++), shaped like
   glibc's: a failed assertion calls a noreturn function. */
#ifndef LG_MOCK_ASSERT_H
#define LG_MOCK_ASSERT_H

#ifdef __cplusplus
extern "C" {
#endif
__attribute__((__noreturn__)) void __assert_fail(const char *expr,
                                                  const char *file,
                                                  unsigned line,
                                                  const char *function);
#ifdef __cplusplus
}
#endif

#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr)                                                           \
  ((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#endif
