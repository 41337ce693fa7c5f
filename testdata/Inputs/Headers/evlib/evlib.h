/* A mock third-party event library, installed among the system headers
   (as /usr/include/event2/ is): LeakGuard does not know what it keeps. */
#ifndef LG_MOCK_EVLIB_H
#define LG_MOCK_EVLIB_H
#ifdef __cplusplus
extern "C" {
#endif
struct ev_loop;
struct ev_buffer;
struct ev_buffer *ev_buffer_wrap_socket(struct ev_loop *loop, int fd, int flags);
int ev_buffer_peek(const struct ev_buffer *buf, const char *data, int n);
#ifdef __cplusplus
}
#endif
#endif
