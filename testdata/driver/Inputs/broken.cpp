#include "util.h"

int broken() { return undeclared_thing; }
