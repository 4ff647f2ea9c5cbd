// 2 × 2, stride-2 max pooling with the position of each maximum (header: CKernels.h). Written once with
// 8-wide vectors and compiled for AVX2 and the baseline instruction set, like direct_convolution.c.

#include "CKernels.h"
#include "vector8.h"

/// Keeps `candidate` where it is strictly greater (so the first maximum in window order wins, and NaN never
/// replaces a number), with its index.
static inline __attribute__((always_inline)) void keep_larger(v8 *best, v8i *index, v8 candidate, v8i at) {
    const v8i larger = candidate > *best;
    *best = (v8)(((v8i)candidate & larger) | ((v8i)*best & ~larger));
    *index = (at & larger) | (*index & ~larger);
}

// Eight outputs at a time: the even and odd columns of a row pair are separated by shuffles, then the four
// window entries are compared in row-major order, as the scalar loop below does for the last columns.
static inline __attribute__((always_inline)) void
max_pool_body(const float *x, long planes, long h, long w, float *y, int *indices) {
    const long oh = h / 2, ow = w / 2;
    const v8i lanes = {0, 2, 4, 6, 8, 10, 12, 14};
    for (long plane = 0; plane < planes; plane++) {
        const float *src = x + plane * h * w;
        float *out = y + plane * oh * ow;
        int *positions = indices + plane * oh * ow;
        for (long i = 0; i < oh; i++) {
            const long top = 2 * i * w;
            long j = 0;
            for (; j + 8 <= ow; j += 8) {
                const float *t = src + top + 2 * j, *b = t + w;
                const v8 t0 = load8(t), t1 = load8(t + 8), b0 = load8(b), b1 = load8(b + 8);
                const v8i above = lanes + (int)(top + 2 * j), below = above + (int)w;
                v8 best = __builtin_shufflevector(t0, t1, 0, 2, 4, 6, 8, 10, 12, 14);
                v8i index = above;
                keep_larger(&best, &index, __builtin_shufflevector(t0, t1, 1, 3, 5, 7, 9, 11, 13, 15), above + 1);
                keep_larger(&best, &index, __builtin_shufflevector(b0, b1, 0, 2, 4, 6, 8, 10, 12, 14), below);
                keep_larger(&best, &index, __builtin_shufflevector(b0, b1, 1, 3, 5, 7, 9, 11, 13, 15), below + 1);
                memcpy(out + i * ow + j, &best, sizeof best);
                memcpy(positions + i * ow + j, &index, sizeof index);
            }
            for (; j < ow; j++) {
                const long p = top + 2 * j;
                float best = src[p];
                long index = p;
                if (src[p + 1] > best) best = src[p + 1], index = p + 1;
                if (src[p + w] > best) best = src[p + w], index = p + w;
                if (src[p + w + 1] > best) best = src[p + w + 1], index = p + w + 1;
                out[i * ow + j] = best;
                positions[i * ow + j] = (int)index;
            }
        }
    }
}

#if defined(__x86_64__)
__attribute__((target("avx2"))) static void max_pool_avx2(const float *x, long planes, long h, long w, float *y,
                                                          int *indices) {
    max_pool_body(x, planes, h, w, y, indices);
}
#else
#define max_pool_avx2 max_pool_baseline
#endif

static void max_pool_baseline(const float *x, long planes, long h, long w, float *y, int *indices) {
    max_pool_body(x, planes, h, w, y, indices);
}

void ck_max_pool_2x2(const float *x, long planes, long height, long width, float *y, int *indices, bool wide) {
    (wide && ck_has_avx2_fma() ? max_pool_avx2 : max_pool_baseline)(x, planes, height, width, y, indices);
}
