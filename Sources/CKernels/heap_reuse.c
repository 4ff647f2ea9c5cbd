// glibc's malloc settings, which Swift's Glibc module does not export (header: CKernels.h).

#include "CKernels.h"
#include <stdlib.h>  // defines __GLIBC__ with glibc

#if defined(__GLIBC__)
#include <malloc.h>

bool ck_keep_freed_memory(int mmapThreshold, int trimThreshold) {
    return mallopt(M_MMAP_THRESHOLD, mmapThreshold) == 1 && mallopt(M_TRIM_THRESHOLD, trimThreshold) == 1;
}
#else
bool ck_keep_freed_memory(int mmapThreshold, int trimThreshold) {
    (void)mmapThreshold;
    (void)trimThreshold;
    return false;
}
#endif
