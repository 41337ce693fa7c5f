// RUN: %check_leakguard %s leak-unreleased-resource %t

#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <memory>
#include <unistd.h>
#include <vector>

bool ok() noexcept;

int g_fd = -1;

struct Conn {
  int fd = -1;
  void adopt(const char *path) noexcept { fd = open(path, O_RDONLY); }
};

struct Fd {
  explicit Fd(int fd) noexcept : fd(fd) {}
  ~Fd() { close(fd); }
  int fd;
};

struct FileCloser {
  void operator()(std::FILE *f) const noexcept { std::fclose(f); }
};

// Reads only: the caller still owns the stream.
long count_lines(std::FILE *f) noexcept {
  long n = 0;
  for (int c; (c = std::fgetc(f)) != EOF;)
    n += c == '\n';
  return n;
}

// Takes ownership.
void close_later(std::FILE *f) noexcept { std::fclose(f); }

int no_warn_returned(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return -1;
  return fd;
}

void no_warn_stored_in_global(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return;
  g_fd = fd;
}

bool no_warn_out_parameter(const char *path, int *out) {
  int fd = open(path, O_RDONLY);
  if (fd < 0)
    return false;
  *out = fd;
  return true;
}

void no_warn_member_out(const char *path, Conn *c) {
  int fd = open(path, O_RDONLY);
  c->fd = fd;
}

void no_warn_container(const char *path, std::vector<std::FILE *> &files) {
  std::FILE *f = std::fopen(path, "r");
  if (!f)
    return;
  files.push_back(f);
}

long no_warn_unique_ptr_with_deleter(const char *path) {
  std::FILE *raw = std::fopen(path, "r");
  if (!raw)
    return -1;
  std::unique_ptr<std::FILE, FileCloser> owner(raw);
  if (!ok())
    return -1;
  return count_lines(owner.get());
}

int no_warn_owner_class(const char *path) {
  Fd owner(open(path, O_RDONLY));
  if (!ok())
    return -1;
  return 0;
}

int no_warn_owner_class_from_variable(const char *path) {
  int fd = open(path, O_RDONLY);
  Fd owner(fd);
  if (!ok())
    return -1;
  return 0;
}

void no_warn_passed_to_owning_function(const char *path) {
  std::FILE *f = std::fopen(path, "r");
  if (!f)
    return;
  close_later(f);
}

long warn_passed_to_reading_function(const char *path) {
  std::FILE *f = std::fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: FILE stream 'f' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
  if (!f)
    return -1;
  long n = count_lines(f);
  if (n == 0)
    return 0;
  std::fclose(f);
  return n;
}

void warn_struct_field(const char *path) {
  struct {
    int fd;
    int flags;
  } s;
  s.fd = open(path, O_RDONLY);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: file descriptor 's.fd' opened by 'open' is not closed on every path [leak-unreleased-resource]
  if (s.fd < 0)
    return;
  if (!ok())
    return;
  close(s.fd);
}

void no_warn_struct_field_released(const char *path) {
  struct {
    int fd;
  } s;
  s.fd = open(path, O_RDONLY);
  if (s.fd < 0)
    return;
  close(s.fd);
}

void no_warn_captured_by_lambda(const char *path,
                                std::vector<void (*)()> &later) {
  std::FILE *f = std::fopen(path, "r");
  auto closer = [f] { std::fclose(f); };
  closer();
}

void no_warn_member_acquired_directly(Conn &c, const char *path) {
  c.adopt(path);
}

typedef std::FILE *stream_t;
void warn_through_typedef(const char *path) {
  stream_t s = std::fopen(path, "r");
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: FILE stream 's' opened by 'fopen' is not closed on every path [leak-unreleased-resource]
  if (s == NULL)
    return;
}

#include <pthread.h>
struct Job {
  int id;
};
void *run_job(void *arg) noexcept;

int no_warn_thread_takes_argument(pthread_t *t) {
  Job *job = new Job{1};
  if (pthread_create(t, nullptr, &run_job, job) != 0) {
    delete job;
    return -1;
  }
  return 0;
}
