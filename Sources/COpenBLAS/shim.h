// OpenBLAS's CBLAS interface (Debian: libopenblas-dev). Apple platforms use Accelerate instead.
#include <cblas.h>
