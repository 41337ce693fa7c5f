#include "registry.h"

void describedOnly(Registry &R) {
  Widget *W = new Widget;
  R.describe(W);
}

void adoptedByTheRegistry(Registry &R) {
  Widget *W = new Widget;
  R.adopt(W);
}
