/* Mock <string.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_STRING_H
#define LG_MOCK_STRING_H

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

void *memcpy(void *dst, const void *src, size_t n) __LG_NOTHROW;
void *memmove(void *dst, const void *src, size_t n) __LG_NOTHROW;
void *memset(void *s, int c, size_t n) __LG_NOTHROW;
int memcmp(const void *a, const void *b, size_t n) __LG_NOTHROW;
void *memchr(const void *s, int c, size_t n) __LG_NOTHROW;
size_t strlen(const char *s) __LG_NOTHROW;
size_t strnlen(const char *s, size_t n) __LG_NOTHROW;
int strcmp(const char *a, const char *b) __LG_NOTHROW;
int strncmp(const char *a, const char *b, size_t n) __LG_NOTHROW;
char *strcpy(char *dst, const char *src) __LG_NOTHROW;
char *strncpy(char *dst, const char *src, size_t n) __LG_NOTHROW;
char *strcat(char *dst, const char *src) __LG_NOTHROW;
char *strchr(const char *s, int c) __LG_NOTHROW;
char *strrchr(const char *s, int c) __LG_NOTHROW;
char *strstr(const char *h, const char *n) __LG_NOTHROW;
char *strdup(const char *s) __LG_NOTHROW;
char *strndup(const char *s, size_t n) __LG_NOTHROW;
char *strerror(int errnum) __LG_NOTHROW;
char *strtok(char *s, const char *delim) __LG_NOTHROW;

#ifdef __cplusplus
}
#endif

#endif
