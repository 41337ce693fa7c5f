// RUN: %check_leakguard %s leak-unreleased-resource %t

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int check(int fd) { return fd > 1000 ? -1 : 0; }

int no_warn_goto_cleanup(const char *path) {
  int rc = -1;
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  if (check(fd) < 0)
    goto out;
  rc = 0;
out:
  close(fd);
  return rc;
}

int warn_goto_skips_cleanup(const char *path) {
  int rc = -1;
  char *buf = malloc(64);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: heap memory 'buf' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:15: warning: heap memory 'buf'
  if (!buf)
    return -1;
  if (check(1) < 0)
    goto fail;
  rc = 0;
  free(buf);
fail:
  return rc;
  // CHECK-NOTES: :[[@LINE-1]]:3: note: leaks 'buf' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:3: note: call 'free' on this path, or release it at a single cleanup label
}

int warn_pipe(void) {
  int fds[2];
  if (pipe(fds) != 0)
    // CHECK-NOTES: :[[@LINE-1]]:7: warning: file descriptor 'fds'
    // CHECK-MESSAGES: :[[@LINE-2]]:7: warning: file descriptor 'fds' opened by 'pipe' is not closed on every path [leak-unreleased-resource]
    return -1;
  if (check(fds[0]) < 0)
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'fds' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'close' on this path, or release it at a single cleanup label
  close(fds[0]);
  close(fds[1]);
  return 0;
}

int no_warn_pipe_status_variable(void) {
  int fds[2];
  int rc = pipe(fds);
  if (rc < 0)
    return -1;
  close(fds[0]);
  close(fds[1]);
  return 0;
}

int warn_mmap(int fd, size_t len) {
  void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: memory mapping 'p' mapped by 'mmap' is not unmapped on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:13: warning: memory mapping 'p'
  if (p == MAP_FAILED)
    return -1;
  if (check(0))
    return -2;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'p' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'munmap' on this path, or release it at a single cleanup label
  munmap(p, len);
  return 0;
}

int no_warn_mmap_failed_branch(int fd, size_t len) {
  void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED)
    return -1;
  munmap(p, len);
  return 0;
}

int warn_opendir(const char *path) {
  DIR *d = opendir(path);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: directory stream 'd' opened by 'opendir' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: directory stream 'd'
  if (d == NULL)
    return -1;
  if (readdir(d) == NULL)
    return 0;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'd' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'closedir' on this path, or release it at a single cleanup label
  closedir(d);
  return 1;
}

typedef struct {
  FILE *in;
  int fd;
} files_t;

int warn_local_struct_field(const char *path) {
  files_t fs;
  fs.in = fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: FILE stream 'fs.in' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:11: warning: FILE stream 'fs.in'
  if (!fs.in)
    return -1;
  if (check(2))
    return -1;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'fs.in' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'fclose' on this path, or release it at a single cleanup label
  fclose(fs.in);
  return 0;
}

static files_t g_files;
int no_warn_global_struct_field(const char *path) {
  g_files.in = fopen(path, "r");
  if (!g_files.in)
    return -1;
  return 0;
}

void no_warn_realloc_checked(char **out, size_t n) {
  char *p = malloc(n);
  if (!p)
    return;
  char *q = realloc(p, 2 * n);
  if (!q) {
    free(p);
    return;
  }
  *out = q;
}

// A stream that is stdin or a file opened here: closed unless it is stdin.
// A handle fresh from fopen is never stdin.
long firstByte(const char *path, int useStdin) {
  FILE *f;
  if (useStdin) {
    f = stdin;
  } else if ((f = fopen(path, "rb")) == NULL) {
    return -1;
  }
  long c = fgetc(f);
  if (f != stdin)
    fclose(f);
  return c;
}

// Compared with the project's own stream instead, which may be it.
FILE *logStream;
long firstLogByte(const char *path) {
  FILE *f = fopen(path, "rb");
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: FILE stream 'f' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:13: warning: FILE stream 'f' opened by 'fopen' is not closed on every path
  // CHECK-NOTES: :[[@LINE+7]]:3: note: leaks 'f' when returning here
  // CHECK-NOTES: :[[@LINE+6]]:3: note: call 'fclose' on this path, or release it at a single cleanup label
  if (!f)
    return -1;
  long c = fgetc(f);
  if (f != logStream)
    fclose(f);
  return c;
}

// A validity test of the file, given the descriptor: what its body tests.
static int validHandle(int fd) { return fd >= 0; }

int readHeader(const char *path, char *out) {
  int fd = open(path, O_RDONLY);
  if (!validHandle(fd))
    return -1;
  int n = (int)read(fd, out, 16);
  close(fd);
  return n;
}

int readHeaderTwice(const char *path, char *out) {
  int fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:12: warning: file descriptor 'fd' opened by 'open' is not closed on every path
  // CHECK-NOTES: :[[@LINE+6]]:5: note: leaks 'fd' when returning here
  // CHECK-NOTES: :[[@LINE+5]]:5: note: call 'close' on this path, or release it at a single cleanup label
  if (!validHandle(fd))
    return -1;
  int n = (int)read(fd, out, 16);
  if (n < 16)
    return -1;
  close(fd);
  return n;
}

// A release at the cleanup label guarded by the same test the failure
// branch made (`id == -1` frees and leaves; the label frees when `id !=
// -1`), with several sibling releases after it.
int launch_job(void);
void no_warn_release_guarded_by_earlier_test(void) {
  char *a = NULL, *b = NULL, *c = NULL;
  int id = -1;
  int *job = malloc(sizeof *job);
  if (job == NULL)
    goto out;
  id = launch_job();
  if (id == -1) {
    free(job);
    job = NULL;
    goto out;
  }
  if ((a = malloc(8)) == NULL || (b = malloc(8)) == NULL ||
      (c = malloc(8)) == NULL)
    goto out;
out:
  if (id != -1)
    free(job);
  if (a != NULL)
    free(a);
  if (b != NULL)
    free(b);
  if (c != NULL)
    free(c);
}

void warn_release_guarded_by_another_value(void) {
  int id = -1;
  int *job = malloc(sizeof *job);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: heap memory 'job' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
  // CHECK-NOTES: :[[@LINE-2]]:14: warning: heap memory 'job' allocated by 'malloc' is not freed on every path
  if (job == NULL)
    return;
  id = launch_job();
  if (id == -1) {
    free(job);
    return;
  }
  if (id != 7)
    free(job);
}
// CHECK-NOTES: :[[@LINE-1]]:1: note: leaks 'job' at the end of the function
// CHECK-NOTES: :[[@LINE-2]]:1: note: call 'free' on this path, or release it at a single cleanup label

// Allocated under `!out`, freed under `out == NULL`: one condition on an
// unchanged parameter, however it is spelled.
int probe_text(const char *p);
char *no_warn_null_test_spelled_two_ways(const char *const *parts, int n,
                                         char *out) {
  char *buf;
  if (!out) {
    buf = malloc(256);
    if (!buf)
      return NULL;
  } else
    buf = out;
  buf[0] = '\0';
  for (int i = 0; i < n; i++) {
    strcat(buf, parts[i]);
    if (probe_text(buf) < 0)
      goto fail;
  }
  return buf;
fail:
  if (out == NULL)
    free(buf);
  return NULL;
}

// freopen reuses the stream it is given: redirecting stderr to a log file
// opens nothing the function must close. A stream fopen'ed beside it is
// still followed.
void no_warn_stderr_redirected(const char *log_path) {
  FILE *fp = freopen(log_path, "w", stderr);
  if (!fp)
    return;
  fputs("logging to file\n", fp);
}
void warn_probe_stream_kept(const char *log_path) {
  FILE *probe = fopen(log_path, "a");
  if (!probe)
    return;
  FILE *fp = freopen(log_path, "w", stderr);
  if (!fp)
    return;
  fclose(probe);
}
// CHECK-MESSAGES: :[[@LINE-8]]:17: warning: FILE stream 'probe' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
// CHECK-NOTES: :[[@LINE-9]]:17: warning: FILE stream 'probe' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
// CHECK-NOTES: :[[@LINE-5]]:5: note: leaks 'probe' when returning here
// CHECK-NOTES: :[[@LINE-6]]:5: note: call 'fclose' on this path, or release it at a single cleanup label

// A pointer stored by copying its bytes (`memcpy(slot, &node, sizeof
// node)`, an unaligned link in a tree) is stored like `*slot = node`.
struct tree_node {
  int size;
};
int no_warn_linked_by_memcpy(unsigned char *slot, int n) {
  struct tree_node *node = malloc(sizeof(*node) + n);
  if (!node)
    return 0;
  node->size = n;
  memcpy(slot, &node, sizeof(node));
  return 1;
}
int warn_other_pointer_linked(unsigned char *slot, int n) {
  struct tree_node *node = malloc(sizeof(*node) + n);
  if (!node)
    return 0;
  struct tree_node *none = 0;
  memcpy(slot, &none, sizeof(none));
  return 1;
}
// CHECK-MESSAGES: :[[@LINE-7]]:28: warning: heap memory 'node' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
// CHECK-NOTES: :[[@LINE-8]]:28: warning: heap memory 'node' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
// CHECK-NOTES: :[[@LINE-4]]:3: note: leaks 'node' when returning here
// CHECK-NOTES: :[[@LINE-5]]:3: note: call 'free' on this path, or release it at a single cleanup label
