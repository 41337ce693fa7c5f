#include "registry.h"

int nextRequest();

void serveForever() {
  for (;;)
    SchemeTable::instance().recordRequest(nextRequest());
}
