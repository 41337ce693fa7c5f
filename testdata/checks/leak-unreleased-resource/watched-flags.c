// RUN: %check_leakguard %s leak-unreleased-resource %t

// A flag outside the function — a file-static option, a field of the object
// a parameter points to — tested before the acquisition and again before
// the release is the same value when nothing on the path between may write
// it: the function's own assignments, a function of this file (it may write
// the static, or the field through any pointer), a call given the object.

#include <fcntl.h>
#include <unistd.h>

static int read_from_stdin; /* set while parsing options */
int parse_options(int argc, char **argv);
int consume(const char *buf, long n);
void set_input_mode(void) { read_from_stdin = 1; }

int no_warn_static_option_flag(const char *path) {
  char buf[64];
  long n;
  int fd, ret = 0;
  if (read_from_stdin)
    fd = 0;
  else if ((fd = open(path, O_RDONLY)) < 0)
    return -1;
  while ((n = read(fd, buf, sizeof(buf))) > 0)
    if (consume(buf, n) < 0) {
      ret = -1;
      break;
    }
  if (!read_from_stdin)
    close(fd);
  return ret;
}

// A function of this file runs between the tests: it may change the flag.
int warn_static_flag_changed_by_a_local_function(const char *path) {
  int fd;
  if (read_from_stdin)
    fd = 0;
  else if ((fd = open(path, O_RDONLY)) < 0)
    return -1;
  set_input_mode();
  if (!read_from_stdin)
    close(fd);
  return 0;
}
// CHECK-MESSAGES: :[[@LINE-7]]:18: warning: file descriptor 'fd' opened by 'open' is not closed on every path [leak-unreleased-resource]

struct feeder {
  int want_feed;
  int feed_fd;
};
void reset_feeder(struct feeder *f);

int no_warn_field_of_parameter(struct feeder *f) {
  int feed[2] = {-1, -1};
  if (f->want_feed && pipe(feed) < 0)
    return -1;
  if (f->want_feed) {
    close(feed[0]);
    f->feed_fd = feed[1];
  }
  return 0;
}

// The object is handed to a call in between: its flag may have changed.
int warn_field_after_object_given_away(struct feeder *f) {
  int feed[2] = {-1, -1};
  if (f->want_feed && pipe(feed) < 0)
    return -1;
  reset_feeder(f);
  if (f->want_feed) {
    close(feed[0]);
    f->feed_fd = feed[1];
  }
  return 0;
}
// CHECK-MESSAGES: :[[@LINE-9]]:23: warning: file descriptor 'feed' opened by 'pipe' is not closed on every path [leak-unreleased-resource]

// Written by the function itself in between.
int warn_field_written_in_between(struct feeder *f, int quiet) {
  int feed[2] = {-1, -1};
  if (f->want_feed && pipe(feed) < 0)
    return -1;
  if (quiet)
    f->want_feed = 0;
  if (f->want_feed) {
    close(feed[0]);
    f->feed_fd = feed[1];
  }
  return 0;
}
// CHECK-MESSAGES: :[[@LINE-10]]:23: warning: file descriptor 'feed' opened by 'pipe' is not closed on every path [leak-unreleased-resource]
