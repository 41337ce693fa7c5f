#include "client.h"

int serveForever(const char *Url) {
  for (;;) {
    try {
      runMore(Url, 4);
    } catch (const std::exception &) {
    }
  }
}
