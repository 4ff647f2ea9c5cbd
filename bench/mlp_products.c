// The benchmark MLP's eight matrix products alone (784-256-256-10, batch 128: three forward, three ∂W, two ∂X),
// through the system OpenBLAS with OPENBLAS_NUM_THREADS threads, in GFLOP/s (same FLOP count as `actlab bench`):
// the ceiling a training step could reach if everything else took no time. Run by bench/mlp_products.sh.
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static float *filled(long count) {
    float *p = malloc(count * sizeof *p);
    for (long i = 0; i < count; i++) p[i] = (float)(i % 7) * 0.1f;
    return p;
}

int main(int argc, char **argv) {
    const int rounds = argc > 1 ? atoi(argv[1]) : 5, steps = 500, batch = 128, width[4] = {784, 256, 256, 10};
    float *x = filled(batch * 784), *w[3], *y[3], *dw[3], *dy[3], *dx[3];
    double flops = 0;
    for (int l = 0; l < 3; l++) {
        w[l] = filled(width[l + 1] * width[l]), dw[l] = filled(width[l + 1] * width[l]);
        y[l] = filled(batch * width[l + 1]), dy[l] = filled(batch * width[l + 1]), dx[l] = filled(batch * width[l]);
        flops += 2.0 * batch * width[l] * width[l + 1] * (l == 0 ? 2 : 3);  // the first layer has no ∂X
    }
    for (int round = 0; round < rounds; round++) {
        const double start = now();
        for (int s = 0; s < steps; s++) {
            const float *in = x;
            for (int l = 0; l < 3; l++) {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, batch, width[l + 1], width[l], 1, in, width[l],
                            w[l], width[l], 1, y[l], width[l + 1]);
                in = y[l];
            }
            for (int l = 2; l >= 0; l--) {
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, width[l + 1], width[l], batch, 1, dy[l],
                            width[l + 1], l ? y[l - 1] : x, width[l], 1, dw[l], width[l]);
                if (l) cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, batch, width[l], width[l + 1], 1, dy[l],
                                   width[l + 1], w[l], width[l], 0, dx[l], width[l]);
            }
        }
        printf("MLP products: %.1f GFLOP/s\n", flops * steps / (now() - start) / 1e9);
    }
    const int n = 1024;
    float *a = filled((long)n * n), *b = filled((long)n * n), *c = filled((long)n * n);
    double best = 1e30;
    for (int i = 0; i < 5; i++) {
        const double start = now();
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1, a, n, b, n, 0, c, n);
        if (now() - start < best) best = now() - start;
    }
    printf("sgemm 1024: %.1f GFLOP/s\n", 2.0 * n * n * n / best / 1e9);
    return 0;
}
