// Times the direct-convolution kernels of Sources/CKernels on the stride-1 layers of LeNet and
// cnn:resnet (batch 64, one thread): forward in both register blockings, the transposed convolution of
// ∂X in both, and ∂W. Prints GFLOP/s of useful products (padding and rounded-up blocks not counted),
// the fastest of R timings, so a noisy machine disturbs it less. Built and run by bench/kernels.sh.
#include "CKernels.h"
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

typedef struct { const char *name; long channels, size, outputChannels, kernel, padding; } layer;

static ck_direct_geometry geometry(long c, long h, long oc, long k, long p) {
    const long oh = h + 2 * p - k + 1, eights = (oh + 7) / 8 * 8, sixes = (oh + 5) / 6 * 6;
    return (ck_direct_geometry){c, h + 2 * p, p, h, (eights > sixes ? eights : sixes) + k - 1, k, k, oc, oh, oh};
}

static float *filled(long count, float scale) {
    float *p = malloc(count * sizeof(float));
    for (long i = 0; i < count; i++) p[i] = scale * (float)((i * 7919) % 13 - 6);
    return p;
}

/// Fastest of `repetitions` runs of `kernel`, in seconds.
#define FASTEST(repetitions, kernel)                                       \
    ({                                                                     \
        double best = 1e30;                                                \
        for (int r = 0; r < (repetitions); r++) {                          \
            const double start = now();                                    \
            kernel;                                                        \
            const double t = now() - start;                                \
            if (t < best) best = t;                                        \
        }                                                                  \
        best;                                                              \
    })

int main(int argc, char **argv) {
    const int repetitions = argc > 1 ? atoi(argv[1]) : 20;
    const bool wide = !(argc > 2 && argv[2][0] == 'b');
    const long n = 64;
    const layer layers[] = {{"lenet conv1", 1, 28, 16, 5, 0},  {"lenet conv2", 16, 12, 32, 5, 0},
                            {"resnet 16@28", 16, 28, 16, 3, 1}, {"resnet 32@14", 32, 14, 32, 3, 1},
                            {"resnet 64@7", 64, 7, 64, 3, 1}};
    printf("%s build (avx2+fma available: %s), batch %ld, one thread, fastest of %d; GFLOP/s of useful products\n",
           wide ? "wide" : "baseline", ck_has_avx2_fma() ? "yes" : "no", n, repetitions);
    printf("%-14s %14s %14s %14s %14s %10s\n", "layer", "fwd blocked", "fwd lanes", "dx blocked", "dx lanes", "dW");
    for (unsigned l = 0; l < sizeof layers / sizeof *layers; l++) {
        const layer L = layers[l];
        const ck_direct_geometry g = geometry(L.channels, L.size, L.outputChannels, L.kernel, L.padding);
        const long oh = g.outputHeight, taps = L.channels * L.kernel * L.kernel;
        // The transposed convolution: ∂Y padded by kernel − 1 − padding, channel roles swapped.
        const ck_direct_geometry t = geometry(L.outputChannels, oh, L.channels, L.kernel, L.kernel - 1 - L.padding);
        const long weights = ((L.outputChannels > L.channels ? L.outputChannels : L.channels) + 15) / 16 * 16 * taps;
        float *x = filled(n * g.channels * g.paddedHeight * g.paddedWidth, 0.1f);
        float *dy = filled(n * t.channels * t.paddedHeight * t.paddedWidth, 0.1f);
        float *w = filled(weights, 0.01f), *y = malloc(n * L.outputChannels * oh * oh * sizeof(float));
        float *dx = malloc(n * L.channels * L.size * L.size * sizeof(float));
        float *transposed = malloc(8 * oh * oh * ((L.outputChannels + 15) / 16 * 16) * sizeof(float));
        float *dw = calloc(weights, sizeof(float));
        const double flops = 2.0 * n * L.outputChannels * oh * oh * taps;
        const double fb = FASTEST(repetitions, ck_direct_forward(&g, x, w, NULL, n, y, wide));
        const double fl = FASTEST(repetitions, ck_direct_forward_channel_lanes(&g, x, w, NULL, n, y, wide));
        const double db = FASTEST(repetitions, ck_direct_forward(&t, dy, w, NULL, n, dx, wide));
        const double dl = FASTEST(repetitions, ck_direct_forward_channel_lanes(&t, dy, w, NULL, n, dx, wide));
        const double dW = FASTEST(repetitions, ck_direct_weight_gradient(&g, x, y, n, transposed, dw, wide));
        printf("%-14s %14.1f %14.1f %14.1f %14.1f %10.1f\n", L.name, flops / fb * 1e-9, flops / fl * 1e-9,
               flops / db * 1e-9, flops / dl * 1e-9, flops / dW * 1e-9);
        free(x), free(dy), free(w), free(y), free(dx), free(transposed), free(dw);
    }
    return 0;
}
