// tanh for the activation layers (header: CKernels.h): the same rational function, operation for operation,
// as `FastMath.tanh` in Swift, so the same floats, 8 lanes at a time in the AVX2 build (Swift's own loop is
// compiled for SSE2, 4 lanes, and the division dominates). Contraction is off: a fused multiply-add would
// round differently from Swift's separate multiply and add.

#include "CKernels.h"
#include "vector8.h"

#pragma clang fp contract(off)

static const float tanh_limit = 7.90531110763549805f;

// Swift's max(v, −limit) then min(·, limit): NaN passes through both, as in Swift.
static inline __attribute__((always_inline)) v8 clamp8(v8 v) {
    const v8 low = splat(-tanh_limit), high = splat(tanh_limit);
    const v8i below = low >= v;  // Swift.max(x, y) is y >= x ? y : x
    v8 x = (v8)(((v8i)low & below) | ((v8i)v & ~below));
    const v8i above = high < x;  // Swift.min(x, y) is y < x ? y : x
    return (v8)(((v8i)high & above) | ((v8i)x & ~above));
}

static inline __attribute__((always_inline)) v8 tanh8(v8 value) {
    const v8 x = clamp8(value), x2 = x * x;
    v8 p = splat(-2.76076847742355e-16f);
    p = x2 * p + splat(2.00018790482477e-13f);
    p = x2 * p - splat(8.60467152213735e-11f);
    p = x2 * p + splat(5.12229709037114e-08f);
    p = x2 * p + splat(1.48572235717979e-05f);
    p = x2 * p + splat(6.37261928875436e-04f);
    p = x2 * p + splat(4.89352455891786e-03f);
    p = x * p;
    v8 q = splat(1.19825839466702e-06f);
    q = x2 * q + splat(1.18534705686654e-04f);
    q = x2 * q + splat(2.26843463243900e-03f);
    q = x2 * q + splat(4.89352518554385e-03f);
    return p / q;
}

static inline __attribute__((always_inline)) void tanh_body(const float *in, float *out, long count) {
    long i = 0;
    for (; i + 8 <= count; i += 8) store8(out + i, tanh8(load8(in + i)));
    if (i < count) {  // the last 1–7 elements through the same lanes, zero-padded: one copy of the rule
        float tail[8] = {0};
        memcpy(tail, in + i, (size_t)(count - i) * sizeof *tail);
        const v8 result = tanh8(load8(tail));
        memcpy(out + i, &result, (size_t)(count - i) * sizeof *out);
    }
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static void tanh_avx2(const float *in, float *out, long count) {
    tanh_body(in, out, count);
}
#else
#define tanh_avx2 tanh_baseline
#endif

static void tanh_baseline(const float *in, float *out, long count) { tanh_body(in, out, count); }

void ck_tanh(const float *x, float *y, long count, bool wide) {
    if (wide && ck_has_avx2_fma()) tanh_avx2(x, y, count);
    else tanh_baseline(x, y, count);
}
