/* Mock <stdio.h> for LeakGuard lit tests (valid C and C++). */
#ifndef LG_MOCK_STDIO_H
#define LG_MOCK_STDIO_H

#include <stddef.h>
#include <stdarg.h>
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

typedef struct _IO_FILE FILE;
typedef long fpos_t;
extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;
#define stdin stdin
#define stdout stdout
#define stderr stderr
#define EOF (-1)
#define BUFSIZ 8192
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

FILE *fopen(const char *path, const char *mode);
FILE *fdopen(int fd, const char *mode) __LG_NOTHROW;
FILE *freopen(const char *path, const char *mode, FILE *stream);
FILE *tmpfile(void);
FILE *fmemopen(void *buf, size_t size, const char *mode) __LG_NOTHROW;
int fclose(FILE *stream);
FILE *popen(const char *command, const char *type);
int pclose(FILE *stream);
size_t fread(void *ptr, size_t size, size_t n, FILE *stream);
size_t fwrite(const void *ptr, size_t size, size_t n, FILE *stream);
char *fgets(char *s, int n, FILE *stream);
int fgetc(FILE *stream);
int fputc(int c, FILE *stream);
int fputs(const char *s, FILE *stream);
int puts(const char *s);
int getc(FILE *stream);
int fprintf(FILE *stream, const char *format, ...);
int printf(const char *format, ...);
int sprintf(char *s, const char *format, ...) __LG_NOTHROW;
int snprintf(char *s, size_t n, const char *format, ...) __LG_NOTHROW;
int vfprintf(FILE *stream, const char *format, va_list ap);
int vsnprintf(char *s, size_t n, const char *format, va_list ap) __LG_NOTHROW;
int fscanf(FILE *stream, const char *format, ...);
int sscanf(const char *s, const char *format, ...) __LG_NOTHROW;
int fflush(FILE *stream);
int fseek(FILE *stream, long offset, int whence);
long ftell(FILE *stream);
void rewind(FILE *stream);
int feof(FILE *stream) __LG_NOTHROW;
int ferror(FILE *stream) __LG_NOTHROW;
int fileno(FILE *stream) __LG_NOTHROW;
void setbuf(FILE *stream, char *buf) __LG_NOTHROW;
int setvbuf(FILE *stream, char *buf, int mode, size_t size) __LG_NOTHROW;
void perror(const char *s);
int remove(const char *path) __LG_NOTHROW;
int rename(const char *oldpath, const char *newpath) __LG_NOTHROW;
ssize_t getline(char **lineptr, size_t *n, FILE *stream);

#ifdef __cplusplus
}
#endif

#endif
