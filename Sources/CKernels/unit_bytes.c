// Bytes to floats in [0, 1] for the batches of byte-stored datasets (header: CKernels.h), compiled for AVX2
// and the baseline instruction set like the other kernels.

#include "CKernels.h"
#include "vector8.h"

typedef unsigned char v8u8 __attribute__((vector_size(8)));

static inline __attribute__((always_inline)) void unit_bytes_body(const unsigned char *bytes, long count,
                                                                  float *values) {
    const v8 divisor = splat(255);
    long j = 0;
    for (; j + 8 <= count; j += 8) {
        v8u8 b;
        memcpy(&b, bytes + j, sizeof b);
        store8(values + j, __builtin_convertvector(b, v8) / divisor);  // IEEE division, as the scalar rule
    }
    for (; j < count; j++) values[j] = (float)bytes[j] / 255.0f;
}

#if defined(__x86_64__)
// With FMA, one multiplication by 1/255 and one Newton correction give the correctly rounded quotient, so the
// same floats as the division (checked for all 256 byte values by FeatureStorageTests) at a quarter of its cost.
static inline __attribute__((always_inline)) void unit_bytes_fma_body(const unsigned char *bytes, long count,
                                                                      float *values) {
    const v8 reciprocal = splat(1.0f / 255.0f), minus255 = splat(-255.0f);
    long j = 0;
    for (; j + 8 <= count; j += 8) {
        v8u8 b;
        memcpy(&b, bytes + j, sizeof b);
        const v8 x = __builtin_convertvector(b, v8), q = x * reciprocal;
        const v8 residual = __builtin_elementwise_fma(q, minus255, x);
        store8(values + j, __builtin_elementwise_fma(residual, reciprocal, q));
    }
    for (; j < count; j++) values[j] = (float)bytes[j] / 255.0f;
}

__attribute__((target("avx2,fma"))) static void unit_bytes_avx2(const unsigned char *bytes, long count, float *values) {
    unit_bytes_fma_body(bytes, count, values);
}
#else
#define unit_bytes_avx2 unit_bytes_baseline
#endif

static void unit_bytes_baseline(const unsigned char *bytes, long count, float *values) {
    unit_bytes_body(bytes, count, values);
}

// Every cache line of the row at `row`, including the last when the row does not start on a line.
static inline void prefetch_row(const unsigned char *row, long width) {
    for (long offset = 0; offset < width; offset += 64) __builtin_prefetch(row + offset);
    if (width > 0) __builtin_prefetch(row + width - 1);
}

void ck_gather_unit_bytes(const unsigned char *source, long width, const long *rows, long count, float *values,
                          bool wide) {
    // Rows of a shuffled batch are scattered over the dataset, each a fresh trip to memory: asking for the
    // row four ahead while converting this one overlaps those trips.
    enum { ahead = 4 };
    const bool useAVX2 = wide && ck_has_avx2_fma();
    // A batch arrives in chunks of a few rows: the first rows of each are asked for together up front, so
    // every chunk starts with its trips to memory overlapping, not one row's.
    for (long k = 0; k < count && k < ahead; k++) prefetch_row(source + rows[k] * width, width);
    for (long k = 0; k < count; k++) {
        if (k + ahead < count) prefetch_row(source + rows[k + ahead] * width, width);
        if (useAVX2) unit_bytes_avx2(source + rows[k] * width, width, values + k * width);
        else unit_bytes_baseline(source + rows[k] * width, width, values + k * width);
    }
}
