/* Mock <stdlib.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_STDLIB_H
#define LG_MOCK_STDLIB_H

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

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1

void *malloc(size_t size) __LG_NOTHROW;
void *calloc(size_t n, size_t size) __LG_NOTHROW;
void *realloc(void *ptr, size_t size) __LG_NOTHROW;
void *reallocarray(void *ptr, size_t n, size_t size) __LG_NOTHROW;
void free(void *ptr) __LG_NOTHROW;
void *aligned_alloc(size_t alignment, size_t size) __LG_NOTHROW;
int posix_memalign(void **memptr, size_t alignment, size_t size) __LG_NOTHROW;
__attribute__((__noreturn__)) void exit(int status) __LG_NOTHROW;
__attribute__((__noreturn__)) void _Exit(int status) __LG_NOTHROW;
__attribute__((__noreturn__)) void abort(void) __LG_NOTHROW;
int atexit(void (*func)(void)) __LG_NOTHROW;
__attribute__((__noreturn__)) void quick_exit(int status) __LG_NOTHROW;
int at_quick_exit(void (*func)(void)) __LG_NOTHROW;
char *getenv(const char *name) __LG_NOTHROW;
int setenv(const char *name, const char *value, int overwrite) __LG_NOTHROW;
int putenv(char *string) __LG_NOTHROW;
int atoi(const char *s) __LG_NOTHROW;
long atol(const char *s) __LG_NOTHROW;
long strtol(const char *s, char **end, int base) __LG_NOTHROW;
unsigned long strtoul(const char *s, char **end, int base) __LG_NOTHROW;
double strtod(const char *s, char **end) __LG_NOTHROW;
int rand(void) __LG_NOTHROW;
void srand(unsigned seed) __LG_NOTHROW;
int abs(int x) __LG_NOTHROW;
int system(const char *command);
int mkstemp(char *tmpl);
char *mkdtemp(char *tmpl) __LG_NOTHROW;
char *realpath(const char *path, char *resolved) __LG_NOTHROW;
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

#ifdef __cplusplus
}
#endif

#endif
