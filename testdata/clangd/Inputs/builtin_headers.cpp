// stddef.h and stdarg.h come from clang's resource directory.
#include <stdarg.h>
#include <stddef.h>
size_t Count = 0;
