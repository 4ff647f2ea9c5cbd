// How long OpenBLAS's worker threads keep a core busy after one two-threaded product: the process's CPU time
// in each 50 ms window while the calling thread sleeps. Run by bench/openblas_spin.sh; `actlab bench` waits
// this long after each sgemm yardstick before timing the model again.
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

static double cpuSeconds(void) {
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec * 1e-6 + usage.ru_stime.tv_sec + usage.ru_stime.tv_usec * 1e-6;
}

int main(void) {
    const int n = 1024;
    float *a = calloc((size_t)n * n, sizeof *a), *b = calloc((size_t)n * n, sizeof *b), *c = calloc((size_t)n * n, sizeof *c);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, c, n);
    for (int window = 0; window < 8; window++) {
        const double start = cpuSeconds();
        nanosleep(&(struct timespec){0, 50000000}, NULL);
        printf("%3d–%3d ms after the product: %3.0f ms of CPU\n", window * 50, (window + 1) * 50, (cpuSeconds() - start) * 1e3);
    }
    return 0;
}
