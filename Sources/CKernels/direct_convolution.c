// Register-blocked stride-1 convolution kernels over zero-padded planes (header: CKernels.h).
//
// Each kernel body is written once with 8-wide vectors (clang's vector extension) and compiled twice:
// for AVX2 + FMA, chosen at run time when the CPU has them, and for the baseline instruction set
// (SSE2 on x86-64, NEON on arm64). `a += x * w` is contracted to one FMA where the target has it.
// Accumulators are named variables, not arrays: at SwiftPM's -O2, arrays of them went through the stack
// (the ∂W kernel ran at 40% of its speed).

#include "CKernels.h"
#include "vector8.h"

/// The step both channel-lane kernels share: the outer product of six broadcast scalars and two vectors,
/// added to the twelve named accumulators `a00 … a51` in scope (`a<t><k> += s<t> · v<k>`). A macro, not a
/// function, so the accumulators stay plain locals that -O2 keeps in registers.
#define ACCUMULATE_6x2(s0, s1, s2, s3, s4, s5, v0, v1) \
    do {                                                \
        const v8 b0_ = splat(s0), b1_ = splat(s1), b2_ = splat(s2); \
        a00 += b0_ * (v0);                              \
        a01 += b0_ * (v1);                              \
        a10 += b1_ * (v0);                              \
        a11 += b1_ * (v1);                              \
        a20 += b2_ * (v0);                              \
        a21 += b2_ * (v1);                              \
        const v8 b3_ = splat(s3), b4_ = splat(s4), b5_ = splat(s5); \
        a30 += b3_ * (v0);                              \
        a31 += b3_ * (v1);                              \
        a40 += b4_ * (v0);                              \
        a41 += b4_ * (v1);                              \
        a50 += b5_ * (v0);                              \
        a51 += b5_ * (v1);                              \
    } while (0)

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

// Weight gradient with output channels in the vector lanes: for 16 output channels (two vectors) × 6 taps,
// twelve accumulators run over a chunk of images' output positions; per position, the gradient's 16
// channels (two vector reads of ∂Y transposed to [position, channel]) and six broadcast inputs feed twelve
// FMAs. The sums are the weights' gradients themselves, lane by lane: no horizontal additions.
enum { weight_chunk = 8, weight_taps = 6 };

/// Where tap `t` reads in a padded image, relative to its output position.
static inline __attribute__((always_inline)) long tap_offset(const ck_direct_geometry *g, long t) {
    const long area = g->kernelHeight * g->kernelWidth, plane = t / area, rest = t % area;
    return (plane * g->paddedHeight + rest / g->kernelWidth) * g->paddedWidth + rest % g->kernelWidth;
}

/// Transposes the 8 × 8 block of `src` (row stride `from`) into `dst` (row stride `to`).
static inline __attribute__((always_inline)) void transpose8x8(const float *src, long from, float *dst, long to) {
    const v8 r0 = load8(src), r1 = load8(src + from), r2 = load8(src + 2 * from), r3 = load8(src + 3 * from);
    const v8 r4 = load8(src + 4 * from), r5 = load8(src + 5 * from), r6 = load8(src + 6 * from),
             r7 = load8(src + 7 * from);
    const v8 t0 = __builtin_shufflevector(r0, r1, 0, 8, 1, 9, 4, 12, 5, 13);
    const v8 t1 = __builtin_shufflevector(r0, r1, 2, 10, 3, 11, 6, 14, 7, 15);
    const v8 t2 = __builtin_shufflevector(r2, r3, 0, 8, 1, 9, 4, 12, 5, 13);
    const v8 t3 = __builtin_shufflevector(r2, r3, 2, 10, 3, 11, 6, 14, 7, 15);
    const v8 t4 = __builtin_shufflevector(r4, r5, 0, 8, 1, 9, 4, 12, 5, 13);
    const v8 t5 = __builtin_shufflevector(r4, r5, 2, 10, 3, 11, 6, 14, 7, 15);
    const v8 t6 = __builtin_shufflevector(r6, r7, 0, 8, 1, 9, 4, 12, 5, 13);
    const v8 t7 = __builtin_shufflevector(r6, r7, 2, 10, 3, 11, 6, 14, 7, 15);
    const v8 u0 = __builtin_shufflevector(t0, t2, 0, 1, 8, 9, 4, 5, 12, 13);
    const v8 u1 = __builtin_shufflevector(t0, t2, 2, 3, 10, 11, 6, 7, 14, 15);
    const v8 u2 = __builtin_shufflevector(t1, t3, 0, 1, 8, 9, 4, 5, 12, 13);
    const v8 u3 = __builtin_shufflevector(t1, t3, 2, 3, 10, 11, 6, 7, 14, 15);
    const v8 u4 = __builtin_shufflevector(t4, t6, 0, 1, 8, 9, 4, 5, 12, 13);
    const v8 u5 = __builtin_shufflevector(t4, t6, 2, 3, 10, 11, 6, 7, 14, 15);
    const v8 u6 = __builtin_shufflevector(t5, t7, 0, 1, 8, 9, 4, 5, 12, 13);
    const v8 u7 = __builtin_shufflevector(t5, t7, 2, 3, 10, 11, 6, 7, 14, 15);
    store8(dst, __builtin_shufflevector(u0, u4, 0, 1, 2, 3, 8, 9, 10, 11));
    store8(dst + to, __builtin_shufflevector(u1, u5, 0, 1, 2, 3, 8, 9, 10, 11));
    store8(dst + 2 * to, __builtin_shufflevector(u2, u6, 0, 1, 2, 3, 8, 9, 10, 11));
    store8(dst + 3 * to, __builtin_shufflevector(u3, u7, 0, 1, 2, 3, 8, 9, 10, 11));
    store8(dst + 4 * to, __builtin_shufflevector(u0, u4, 4, 5, 6, 7, 12, 13, 14, 15));
    store8(dst + 5 * to, __builtin_shufflevector(u1, u5, 4, 5, 6, 7, 12, 13, 14, 15));
    store8(dst + 6 * to, __builtin_shufflevector(u2, u6, 4, 5, 6, 7, 12, 13, 14, 15));
    store8(dst + 7 * to, __builtin_shufflevector(u3, u7, 4, 5, 6, 7, 12, 13, 14, 15));
}

/// `dst[p, o] = src[o, p]` for `oc` planes of `area` values, rows of `stride` ≥ oc with zeros past oc:
/// whole 8 × 8 blocks in registers (for LeNet's first layer that made ∂W ~20% faster than a scalar loop),
/// the edges one value at a time.
static inline __attribute__((always_inline)) void
transpose_planes(const float *src, long oc, long area, long stride, float *dst) {
    const long fullChannels = oc & ~7L, fullPositions = area & ~7L;
    for (long o = 0; o < fullChannels; o += 8) {
        for (long p = 0; p < fullPositions; p += 8) transpose8x8(src + o * area + p, area, dst + p * stride + o, stride);
        for (long p = fullPositions; p < area; p++) {
            for (long k = o; k < o + 8; k++) dst[p * stride + k] = src[k * area + p];
        }
    }
    for (long p = 0; p < area; p++) {
        for (long o = fullChannels; o < oc; o++) dst[p * stride + o] = src[o * area + p];
        for (long o = oc; o < stride; o++) dst[p * stride + o] = 0;
    }
}

static inline __attribute__((always_inline)) void
weight_gradient_body(const ck_direct_geometry *g, const float *padded, const float *gradient, long images,
                     float *transposed, float *dw) {
    const long pw = g->paddedWidth, oc = g->outputChannels, oh = g->outputHeight, ow = g->outputWidth;
    const long stride = (oc + 15) / 16 * 16, blocks = stride / 16, area = oh * ow;
    const long taps = g->channels * g->kernelHeight * g->kernelWidth;
    const long imageSize = g->channels * g->paddedHeight * pw;
    for (long start = 0; start < images; start += weight_chunk) {
        const long end = images - start < weight_chunk ? images : start + weight_chunk;
        // ∂Y of the chunk, [image, position, channel] with zeros for the channels that round up to 16.
        for (long n = start; n < end; n++) {
            transpose_planes(gradient + n * oc * area, oc, area, stride, transposed + (n - start) * area * stride);
        }
        for (long block = 0; block < blocks; block++) {
            for (long t0 = 0; t0 < taps; t0 += weight_taps) {
                const long count = taps - t0 < weight_taps ? taps - t0 : weight_taps;
                // Missing taps of the last block re-read the block's last one (sums dropped).
                long offset[weight_taps];
                for (long t = 0; t < weight_taps; t++) offset[t] = tap_offset(g, t0 + (t < count ? t : count - 1));
                v8 a00 = splat(0), a01 = a00, a10 = a00, a11 = a00, a20 = a00, a21 = a00;
                v8 a30 = a00, a31 = a00, a40 = a00, a41 = a00, a50 = a00, a51 = a00;
                const long o0 = offset[0], o1 = offset[1], o2 = offset[2], o3 = offset[3], o4 = offset[4],
                           o5 = offset[5];
                for (long n = start; n < end; n++) {
                    const float *x = padded + n * imageSize;
                    const float *d = transposed + (n - start) * area * stride + block * 16;
                    for (long i = 0; i < oh; i++) {
                        const float *row = x + i * pw;
                        for (long j = 0; j < ow; j++, d += stride) {
                            const v8 d0 = load8(d), d1 = load8(d + 8);
                            ACCUMULATE_6x2(row[j + o0], row[j + o1], row[j + o2], row[j + o3], row[j + o4],
                                           row[j + o5], d0, d1);
                        }
                    }
                }
                const v8 a[weight_taps][2] = {{a00, a01}, {a10, a11}, {a20, a21}, {a30, a31}, {a40, a41}, {a50, a51}};
                for (long t = 0; t < count; t++) {
                    float *target = dw + (block * taps + t0 + t) * 16;
                    store8(target, load8(target) + a[t][0]);
                    store8(target + 8, load8(target + 8) + a[t][1]);
                }
            }
        }
    }
}

// Forward with output channels in the vector lanes: a block of 16 output channels (two vectors) × 6
// output columns of one row stays in twelve accumulators while the kernel walks (kernel row, kernel
// column, input channel); per step, two weight vectors and six broadcast inputs feed twelve FMAs.
// One output row per block lets every kernel row that reads only padding be skipped exactly, which
// matters for the transposed convolution of ∂X, whose input is mostly padding on small images; 6-wide
// blocks fit widths such as 12 or 28 better than 8-wide ones.
enum { lane_columns = 6 };

static inline __attribute__((always_inline)) void
forward_channel_lanes_body(const ck_direct_geometry *g, const float *padded, const float *weights, const float *bias,
                           long images, float *y) {
    const long c = g->channels, ph = g->paddedHeight, pw = g->paddedWidth;
    const long kh = g->kernelHeight, kw = g->kernelWidth;
    const long oc = g->outputChannels, oh = g->outputHeight, ow = g->outputWidth;
    const long blocks = (oc + 15) / 16, imageSize = c * ph * pw, outputSize = oc * oh * ow;
    for (long n = 0; n < images; n++) {
        const float *image = padded + n * imageSize;
        for (long block = 0; block < blocks; block++) {
            const long lanes = oc - block * 16 < 16 ? oc - block * 16 : 16;
            const float *blockWeights = weights + block * kh * kw * c * 16;
            float b[16] = {0};
            for (long k = 0; k < lanes; k++) b[k] = bias ? bias[block * 16 + k] : 0;
            const v8 b0 = load8(b), b1 = load8(b + 8);
            for (long i = 0; i < oh; i++) {
                const long top = g->firstDataRow - i, bottom = g->firstDataRow + g->dataRows - i;
                const long u0 = top > 0 ? top : 0, u1 = bottom < kh ? bottom : kh;
                for (long j = 0; j < ow; j += lane_columns) {
                    v8 a00 = b0, a01 = b1, a10 = b0, a11 = b1, a20 = b0, a21 = b1;
                    v8 a30 = b0, a31 = b1, a40 = b0, a41 = b1, a50 = b0, a51 = b1;
                    for (long u = u0; u < u1; u++) {
                        for (long v = 0; v < kw; v++) {
                            const float *w = blockWeights + (u * kw + v) * c * 16;
                            const float *x = image + (i + u) * pw + j + v;
                            for (long plane = 0; plane < c; plane++, w += 16, x += ph * pw) {
                                const v8 w0 = load8(w), w1 = load8(w + 8);
                                ACCUMULATE_6x2(x[0], x[1], x[2], x[3], x[4], x[5], w0, w1);
                            }
                        }
                    }
                    const v8 a[lane_columns][2] = {{a00, a01}, {a10, a11}, {a20, a21}, {a30, a31}, {a40, a41}, {a50, a51}};
                    float tile[lane_columns][16];
                    for (long p = 0; p < lane_columns; p++) {
                        store8(tile[p], a[p][0]);
                        store8(tile[p] + 8, a[p][1]);
                    }
                    const long count = ow - j < lane_columns ? ow - j : lane_columns;
                    for (long k = 0; k < lanes; k++) {
                        float *dst = y + n * outputSize + ((block * 16 + k) * oh + i) * ow + j;
                        for (long p = 0; p < count; p++) dst[p] = tile[p][k];
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
forward_channel_lanes_avx2(const ck_direct_geometry *g, const float *padded, const float *weights, const float *bias,
                           long images, float *y) {
    forward_channel_lanes_body(g, padded, weights, bias, images, y);
}

__attribute__((target("avx2,fma"))) static void
weight_gradient_avx2(const ck_direct_geometry *g, const float *padded, const float *gradient, long images,
                     float *transposed, float *dw) {
    weight_gradient_body(g, padded, gradient, images, transposed, dw);
}
#else
bool ck_has_avx2_fma(void) { return false; }
#define forward_avx2 forward_baseline
#define weight_gradient_avx2 weight_gradient_baseline
#define forward_channel_lanes_avx2 forward_channel_lanes_baseline
#endif

static void forward_baseline(const ck_direct_geometry *g, const float *padded, const float *grouped, const float *bias,
                             long images, float *y) {
    forward_body(g, padded, grouped, bias, images, y);
}

static void forward_channel_lanes_baseline(const ck_direct_geometry *g, const float *padded, const float *weights,
                                           const float *bias, long images, float *y) {
    forward_channel_lanes_body(g, padded, weights, bias, images, y);
}

static void weight_gradient_baseline(const ck_direct_geometry *g, const float *padded, const float *gradient,
                                     long images, float *transposed, float *dw) {
    weight_gradient_body(g, padded, gradient, images, transposed, dw);
}

void ck_direct_forward(const ck_direct_geometry *g, const float *padded, const float *grouped, const float *bias,
                       long images, float *y, bool wide) {
    (wide && ck_has_avx2_fma() ? forward_avx2 : forward_baseline)(g, padded, grouped, bias, images, y);
}

void ck_direct_weight_gradient(const ck_direct_geometry *g, const float *padded, const float *gradient, long images,
                               float *transposed, float *dw, bool wide) {
    (wide && ck_has_avx2_fma() ? weight_gradient_avx2 : weight_gradient_baseline)(g, padded, gradient, images,
                                                                                  transposed, dw);
}

void ck_direct_forward_channel_lanes(const ck_direct_geometry *g, const float *padded, const float *weights,
                                     const float *bias, long images, float *y, bool wide) {
    (wide && ck_has_avx2_fma() ? forward_channel_lanes_avx2 : forward_channel_lanes_baseline)(g, padded, weights,
                                                                                            bias, images, y);
}
