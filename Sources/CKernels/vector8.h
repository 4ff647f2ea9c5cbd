// 8-wide float vectors (clang's vector extension) for the kernels of this target: each kernel body is
// written once with them and compiled for AVX2 (+ FMA) and for the baseline instruction set.
#ifndef CKERNELS_VECTOR8_H
#define CKERNELS_VECTOR8_H

#include <string.h>

// The baseline build passes 8-wide vectors only between always-inlined functions, so no ABI is involved.
#pragma clang diagnostic ignored "-Wpsabi"

typedef float v8 __attribute__((vector_size(32)));
typedef int v8i __attribute__((vector_size(32)));

static inline __attribute__((always_inline)) v8 load8(const float *p) {
    v8 v;
    memcpy(&v, p, sizeof v);
    return v;
}

static inline __attribute__((always_inline)) void store8(float *p, v8 v) { memcpy(p, &v, sizeof v); }

static inline __attribute__((always_inline)) v8 splat(float x) { return (v8){x, x, x, x, x, x, x, x}; }

#endif
