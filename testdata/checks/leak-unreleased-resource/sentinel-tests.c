// RUN: %check_leakguard %s leak-unreleased-resource %t

// Releases guarded by a test of the handle's own value: a descriptor pair
// that pipe() filled is never -1, and a block fresh from malloc() is never
// at the address of an object that already exists (a stack buffer used when
// the data is small).

#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int prepare(void);
int talk(int rd, int wr);
void consume(unsigned char *p, size_t n);

// ---- Positives --------------------------------------------------------------

void warn_pipe_returned_before_cleanup(void) {
  int chan[2] = {-1, -1};
  if (pipe(chan) != 0)
    goto out;
  // CHECK-NOTES: :[[@LINE-2]]:7: warning: file descriptor 'chan' opened by 'pipe' is not closed on every path [leak-unreleased-resource]
  if (prepare() != 0)
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'chan' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'close' on this path, or release it at a single cleanup label
  talk(chan[0], chan[1]);
out:
  if (chan[0] != -1)
    close(chan[0]);
  if (chan[1] != -1)
    close(chan[1]);
}

void warn_heap_frame_dropped_on_error(size_t want, int flags) {
  unsigned char local[256];
  unsigned char *frame = local;
  if (want > sizeof(local)) {
    frame = malloc(want);
    // CHECK-NOTES: :[[@LINE-1]]:13: warning: heap memory 'frame' allocated by 'malloc' is not freed on every path [leak-unreleased-resource]
    if (frame == NULL)
      return;
  }
  if (flags < 0)
    return;
  // CHECK-NOTES: :[[@LINE-1]]:5: note: leaks 'frame' when returning here
  // CHECK-NOTES: :[[@LINE-2]]:5: note: call 'free' on this path, or release it at a single cleanup label
  consume(frame, want);
  if (frame != local)
    free(frame);
}

// ---- Negatives --------------------------------------------------------------

void no_warn_pipe_closed_under_sentinel_tests(void) {
  int chan[2] = {-1, -1};
  if (pipe(chan) != 0)
    goto out;
  if (prepare() != 0)
    goto out;
  talk(chan[0], chan[1]);
out:
  if (chan[0] != -1)
    close(chan[0]);
  if (chan[1] >= 0)
    close(chan[1]);
}

void no_warn_heap_frame_freed_unless_local(size_t want, int flags) {
  unsigned char local[256];
  unsigned char *frame = local;
  if (want > sizeof(local)) {
    frame = malloc(want);
    if (frame == NULL)
      return;
  }
  if (flags > 5)
    consume(frame, want);
  if (frame != local)
    free(frame);
}

static unsigned char shared_scratch[64];
void no_warn_heap_frame_freed_unless_static(size_t want) {
  unsigned char *frame = &shared_scratch[0];
  if (want > sizeof(shared_scratch))
    frame = malloc(want);
  if (!frame)
    return;
  consume(frame, want);
  if (frame == shared_scratch)
    return;
  free(frame);
}

// A fresh descriptor is not one of the three the process starts with: a
// fallback to standard input is not closed, the descriptor opened is.
#define TTY_FALLBACK_FD 0
int no_warn_fallback_to_stdin(void) {
  char c = 0;
  int h = open("/dev/tty", O_RDONLY);
  if (h == -1)
    h = TTY_FALLBACK_FD;
  if (read(h, &c, 1) != 1)
    c = 0;
  if (h != TTY_FALLBACK_FD)
    close(h);
  return c;
}
int warn_fallback_never_closed(void) {
  char c = 0;
  int h = open("/dev/tty", O_RDONLY);
  if (h == -1)
    h = TTY_FALLBACK_FD;
  if (read(h, &c, 1) != 1)
    c = 0;
  return c;
}
// CHECK-NOTES: :[[@LINE-7]]:11: warning: file descriptor 'h' opened by 'open' is not closed on every path [leak-unreleased-resource]
// CHECK-NOTES: :[[@LINE-3]]:3: note: leaks 'h' when returning here
// CHECK-NOTES: :[[@LINE-4]]:3: note: call 'close' on this path, or release it at a single cleanup label

// The failure value in a local that is never assigned again.
int no_warn_failure_value_in_a_local(int fd, size_t len, void **out) {
  void *failed = (void *)-1;
  void *addr = mmap(0, len, PROT_READ, MAP_SHARED, fd, 0);
  if (addr == failed)
    return -1;
  *out = addr;
  return 0;
}
int warn_mapping_lost_after_the_test(int fd, size_t len, void **out) {
  void *failed = (void *)-1;
  void *addr = mmap(0, len, PROT_READ, MAP_SHARED, fd, 0);
  if (addr == failed)
    return -1;
  if (len > 4096)
    return -1;
  *out = addr;
  return 0;
}
// CHECK-NOTES: :[[@LINE-8]]:16: warning: memory mapping 'addr' mapped by 'mmap' is not unmapped on every path [leak-unreleased-resource]
// CHECK-NOTES: :[[@LINE-5]]:5: note: leaks 'addr' when returning here
// CHECK-NOTES: :[[@LINE-6]]:5: note: call 'munmap' on this path, or release it at a single cleanup label
