// zlib, for reading .gz dataset files (Debian: zlib1g-dev).
#include <zlib.h>
