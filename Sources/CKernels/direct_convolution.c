// Register-blocked stride-1 convolution kernels over zero-padded planes (header: CKernels.h).
//
// Each kernel body is written once with 8-wide vectors (clang's vector extension) and compiled twice:
// for AVX2 + FMA, chosen at run time when the CPU has them, and for the baseline instruction set
// (SSE2 on x86-64, NEON on arm64). `a += x * w` is contracted to one FMA where the target has it.

#include "CKernels.h"
#include <string.h>

// The baseline build passes 8-wide vectors only between always-inlined functions, so no ABI is involved.
#pragma clang diagnostic ignored "-Wpsabi"

typedef float v8 __attribute__((vector_size(32)));

static inline __attribute__((always_inline)) v8 load8(const float *p) {
    v8 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline __attribute__((always_inline)) void store8(float *p, v8 v) { memcpy(p, &v, sizeof v); }

static inline __attribute__((always_inline)) v8 splat(float x) { return (v8){x, x, x, x, x, x, x, x}; }

/// Writes the first `count` lanes of `v` to `p` (all eight when count is 8).
static inline __attribute__((always_inline)) void store_first(float *p, v8 v, long count) {
    if (count == 8) {
        store8(p, v);
    } else {
        float spill[8];
        store8(spill, v);
        memcpy(p, spill, (size_t)count * sizeof(float));
    }
}

// Forward: a block of 4 output channels × 2 output rows × 8 output columns stays in eight accumulators
// while the kernel walks the taps; per tap, two row reads and four broadcast weights feed eight FMAs.
// (In the transposed convolution of ∂X, most kernel rows of the top and bottom output rows read padding.)
static inline __attribute__((always_inline)) void
forward_body(const ck_direct_geometry *g, const float *padded, const float *grouped, const float *bias,
             long images, float *y) {
    const long c = g->channels, ph = g->paddedHeight, pw = g->paddedWidth;
    const long kh = g->kernelHeight, kw = g->kernelWidth;
    const long oc = g->outputChannels, oh = g->outputHeight, ow = g->outputWidth;
    const long taps = c * kh * kw, groups = (oc + 3) / 4;
    const long imageSize = c * ph * pw, outputSize = oc * oh * ow;
    for (long n = 0; n < images; n++) {
        const float *image = padded + n * imageSize;
        for (long group = 0; group < groups; group++) {
            const long lanes = oc - group * 4 < 4 ? oc - group * 4 : 4;
            float b[4] = {0, 0, 0, 0};
            for (long k = 0; k < lanes; k++) b[k] = bias ? bias[group * 4 + k] : 0;
            const float *weights = grouped + group * taps * 4;
            for (long i = 0; i < oh; i += 2) {
                const long rows = oh - i < 2 ? 1 : 2;
                for (long j = 0; j < ow; j += 8) {
                    v8 a00 = splat(b[0]), a01 = splat(b[1]), a02 = splat(b[2]), a03 = splat(b[3]);
                    v8 a10 = a00, a11 = a01, a12 = a02, a13 = a03;
                    const float *first = image + i * pw + j;
                    // A lone last row reads its own row twice; the second block is not stored.
                    const float *second = rows == 2 ? first + pw : first;
                    // Kernel rows that read only padding rows (zeros) for both output rows are skipped.
                    const long top = g->firstDataRow - (i + rows - 1), bottom = g->firstDataRow + g->dataRows - i;
                    const long u0 = top > 0 ? top : 0, u1 = bottom < kh ? bottom : kh;
                    for (long plane = 0; plane < c; plane++) {
                        const float *w = weights + (plane * kh + u0) * kw * 4;
                        for (long u = u0; u < u1; u++) {
                            const float *r0 = first + (plane * ph + u) * pw;
                            const float *r1 = second + (plane * ph + u) * pw;
                            for (long v = 0; v < kw; v++, w += 4) {
                                const v8 x0 = load8(r0 + v), x1 = load8(r1 + v);
                                const v8 w0 = splat(w[0]), w1 = splat(w[1]), w2 = splat(w[2]), w3 = splat(w[3]);
                                a00 += x0 * w0;
                                a01 += x0 * w1;
                                a02 += x0 * w2;
                                a03 += x0 * w3;
                                a10 += x1 * w0;
                                a11 += x1 * w1;
                                a12 += x1 * w2;
                                a13 += x1 * w3;
                            }
                        }
                    }
                    const long count = ow - j < 8 ? ow - j : 8;
                    const v8 blocks[2][4] = {{a00, a01, a02, a03}, {a10, a11, a12, a13}};
                    for (long r = 0; r < rows; r++) {
                        for (long k = 0; k < lanes; k++) {
                            float *dst = y + n * outputSize + ((group * 4 + k) * oh + i + r) * ow + j;
                            store_first(dst, blocks[r][k], count);
                        }
                    }
                }
            }
        }
    }
}

// Weight gradient: for 4 output channels × 2 taps, eight accumulators run over a chunk of images' output
// positions; per 8 positions, four gradient reads and two input reads feed eight FMAs. The taps are
// paired in their flat (channel, kernel row, kernel column) order, so an odd kernel width wastes nothing
// but the last tap of an odd count. Chunks of a few images keep their planes in cache across the pairs.
enum { weight_chunk = 8 };

/// Where tap `t` reads in a padded image, relative to its output position.
static inline __attribute__((always_inline)) long tap_offset(const ck_direct_geometry *g, long t) {
    const long area = g->kernelHeight * g->kernelWidth, plane = t / area, rest = t % area;
    return (plane * g->paddedHeight + rest / g->kernelWidth) * g->paddedWidth + rest % g->kernelWidth;
}

static inline __attribute__((always_inline)) void
weight_lanes_body(const ck_direct_geometry *g, const float *padded, const float *gradient, long images,
                  float *lanes) {
    const long pw = g->paddedWidth, oc = g->outputChannels, oh = g->outputHeight;
    const long bw = (g->outputWidth + 7) & ~7L, blocks = bw / 8;
    const long taps = g->channels * g->kernelHeight * g->kernelWidth, groups = (oc + 3) / 4;
    const long imageSize = g->channels * g->paddedHeight * pw, planeSize = oh * bw;
    for (long start = 0; start < images; start += weight_chunk) {
        const long end = images - start < weight_chunk ? images : start + weight_chunk;
        for (long group = 0; group < groups; group++) {
            const long count = oc - group * 4 < 4 ? oc - group * 4 : 4;
            for (long t = 0; t < taps; t += 2) {
                const long pair = taps - t < 2 ? 1 : 2;
                // The lone last tap of an odd count reads its own input twice (sums dropped).
                const long first = tap_offset(g, t), second = pair == 2 ? tap_offset(g, t + 1) : first;
                v8 a00 = splat(0), a01 = a00, a02 = a00, a03 = a00, a10 = a00, a11 = a00, a12 = a00, a13 = a00;
                for (long n = start; n < end; n++) {
                    const float *x0 = padded + n * imageSize + first, *x1 = padded + n * imageSize + second;
                    // A missing channel of the last group re-reads the group's last one (sums dropped).
                    const float *base = gradient + (n * oc + group * 4) * planeSize;
                    const float *g0 = base, *g1 = base + (count > 1 ? 1 : 0) * planeSize;
                    const float *g2 = base + (count > 2 ? 2 : count - 1) * planeSize;
                    const float *g3 = base + (count > 3 ? 3 : count - 1) * planeSize;
                    for (long i = 0; i < oh; i++) {
                        for (long block = 0; block < blocks; block++) {
                            const long at = i * bw + block * 8, from = i * pw + block * 8;
                            const v8 d0 = load8(g0 + at), d1 = load8(g1 + at), d2 = load8(g2 + at), d3 = load8(g3 + at);
                            const v8 x0v = load8(x0 + from), x1v = load8(x1 + from);
                            a00 += x0v * d0;
                            a01 += x0v * d1;
                            a02 += x0v * d2;
                            a03 += x0v * d3;
                            a10 += x1v * d0;
                            a11 += x1v * d1;
                            a12 += x1v * d2;
                            a13 += x1v * d3;
                        }
                    }
                }
                const v8 sums[2][4] = {{a00, a01, a02, a03}, {a10, a11, a12, a13}};
                for (long s = 0; s < pair; s++) {
                    for (long k = 0; k < count; k++) {
                        float *target = lanes + ((group * 4 + k) * taps + t + s) * 8;
                        store8(target, load8(target) + sums[s][k]);
                    }
                }
            }
        }
    }
}

#if defined(__x86_64__)
#include <cpuid.h>

bool ck_has_avx2_fma(void) {
    static int known = -1;  // computed once; a race only computes it twice
    const int cached = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (cached >= 0) return cached;
    unsigned a, b, c, d;
    bool usable = false;
    if (__get_cpuid(1, &a, &b, &c, &d)) {
        const bool fma = c & (1u << 12), osxsave = c & (1u << 27), avx = c & (1u << 28);
        if (fma && osxsave && avx) {
            unsigned lo, hi;
            __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
            const bool ymmSaved = (lo & 6) == 6;
            if (ymmSaved && __get_cpuid_count(7, 0, &a, &b, &c, &d)) usable = b & (1u << 5);  // AVX2
        }
    }
    __atomic_store_n(&known, usable, __ATOMIC_RELAXED);
    return usable;
}

__attribute__((target("avx2,fma"))) static void
forward_avx2(const ck_direct_geometry *g, const float *padded, const float *grouped, const float *bias, long images,
             float *y) {
    forward_body(g, padded, grouped, bias, images, y);
}

__attribute__((target("avx2,fma"))) static void
weight_lanes_avx2(const ck_direct_geometry *g, const float *padded, const float *gradient, long images, float *lanes) {
    weight_lanes_body(g, padded, gradient, images, lanes);
}
#else
bool ck_has_avx2_fma(void) { return false; }
#define forward_avx2 forward_baseline
#define weight_lanes_avx2 weight_lanes_baseline
#endif

static void forward_baseline(const ck_direct_geometry *g, const float *padded, const float *grouped, const float *bias,
                             long images, float *y) {
    forward_body(g, padded, grouped, bias, images, y);
}

static void weight_lanes_baseline(const ck_direct_geometry *g, const float *padded, const float *gradient, long images,
                                  float *lanes) {
    weight_lanes_body(g, padded, gradient, images, lanes);
}

void ck_direct_forward(const ck_direct_geometry *g, const float *padded, const float *grouped, const float *bias,
                       long images, float *y, bool wide) {
    (wide && ck_has_avx2_fma() ? forward_avx2 : forward_baseline)(g, padded, grouped, bias, images, y);
}

void ck_direct_weight_lanes(const ck_direct_geometry *g, const float *padded, const float *gradient, long images,
                            float *lanes, bool wide) {
    (wide && ck_has_avx2_fma() ? weight_lanes_avx2 : weight_lanes_baseline)(g, padded, gradient, images, lanes);
}
