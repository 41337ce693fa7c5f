#include "registry.h"

void Registry::adopt(Widget *W) {
  if (Count < 8)
    Owned[Count++] = W;
}

void Registry::describe(Widget *W) { W->Id += 1; }
