#ifndef CKERNELS_H
#define CKERNELS_H

#include <stdbool.h>

/// The shape of a stride-1 direct convolution over zero-padded planes (see `DirectConvolution` in
/// ActivationLab): the input of one image is `[channels, paddedHeight, paddedWidth]`, its output
/// `[outputChannels, outputHeight, outputWidth]`, and `paddedWidth` ≥ ⌈outputWidth / 8⌉·8 + kernelWidth − 1,
/// (and ≥ ⌈outputWidth / 6⌉·6 + kernelWidth − 1 for `ck_direct_forward_channel_lanes`), so every read stays
/// inside its row's padding. Rows outside `firstDataRow ..< firstDataRow + dataRows`
/// of every plane are zero padding, which the forward kernel skips.
typedef struct {
    long channels;
    long paddedHeight;
    long firstDataRow;
    long dataRows;
    long paddedWidth;
    long kernelHeight;
    long kernelWidth;
    long outputChannels;
    long outputHeight;
    long outputWidth;
} ck_direct_geometry;

/// Whether this CPU can run the kernels' AVX2 + FMA versions (x86-64 with both, and an OS that saves the
/// YMM registers). The kernels run them when it can and their `wide` argument is true; otherwise they run
/// the same code compiled for the baseline instruction set.
bool ck_has_avx2_fma(void);

/// `y[n, o, i, j] = bias[o] + Σ_{c,u,v} W[o, c, u, v] · padded[n, c, i + u, j + v]` for `images` images,
/// written as `[images, OC, OH, OW]`. `grouped` holds the weights as `[⌈OC/4⌉, C·KH·KW, 4]` (zeros for
/// missing channels); `bias` may be NULL.
void ck_direct_forward(const ck_direct_geometry *geometry, const float *padded, const float *grouped,
                       const float *bias, long images, float *y, bool wide);

/// The same convolution as `ck_direct_forward`, computed with 16 output channels in the vector lanes and
/// 6 output columns per block: better when the input is mostly padding (the transposed convolution of ∂X
/// on small images: padding rows are skipped exactly) or the width suits 6-wide blocks. `weights` is
/// `[⌈OC/16⌉, KH, KW, C, 16]` (zeros for missing channels); `bias` may be NULL.
void ck_direct_forward_channel_lanes(const ck_direct_geometry *geometry, const float *padded, const float *weights,
                                     const float *bias, long images, float *y, bool wide);

/// Adds `Σ_{n,i,j} gradient[n, o, i, j] · padded[n, c, i + u, j + v]` to `dw[⌊o/16⌋, (c, u, v), o mod 16]`:
/// ∂W with the output channels grouped by 16 (the caller reorders them). `gradient` is ∂Y as
/// `[images, OC, OH, OW]`; `transposed` is scratch for 8 images' ∂Y, `8 · OH·OW · ⌈OC/16⌉·16` floats.
void ck_direct_weight_gradient(const ck_direct_geometry *geometry, const float *padded, const float *gradient,
                               long images, float *transposed, float *dw, bool wide);

/// 2 × 2, stride-2 max pooling of `planes` planes of `height × width` (odd last rows and columns unused):
/// `y` gets `planes × ⌊height/2⌋ × ⌊width/2⌋` maxima and `indices` the flat index of each within its
/// plane, the first in row-major window order when several tie.
void ck_max_pool_2x2(const float *x, long planes, long height, long width, float *y, int *indices, bool wide);

/// glibc only: serves blocks below `mmapThreshold` bytes from the heap and trims the heap only when
/// `trimThreshold` bytes at its top are free (`mallopt`). Returns whether both were set (false elsewhere).
bool ck_keep_freed_memory(int mmapThreshold, int trimThreshold);

/// Rows `rows[0..<count]` of `source` (rows of `width` bytes) as floats `byte / 255`, written one after another
/// to `values`: IEEE single-precision division, so the same floats as the scalar rule.
void ck_gather_unit_bytes(const unsigned char *source, long width, const long *rows, long count, float *values,
                          bool wide);

/// y[i] = tanh(x[i]) for i < count by `FastMath.tanh`'s rational function: the same floats (NaN stays NaN).
void ck_tanh(const float *x, float *y, long count, bool wide);

/// One half of a two-part step: `part` is 0 or 1.
typedef void (*ck_pair_body)(void *context, long part);

/// Runs `body(context, 0)` on the calling thread and `body(context, 1)` on a persistent worker thread, and
/// returns when both are done. The worker spins for a short while between pairs instead of sleeping, so
/// starting a pair needs no system call while it spins. When another caller has the worker, both parts run here,
/// one after the other (so a body must not depend on running concurrently).
void ck_run_pair(ck_pair_body body, void *context);

/// Runs `body(context, chunk)` for every chunk in `0..<count`, each exactly once, claimed one at a time by the
/// calling thread (from the front) and the worker (from the back): the caller starts at once, and returns
/// without waiting for a worker that has not joined by the time every chunk is done. Which thread runs a
/// chunk varies, so chunks must write disjoint memory (or per-chunk partial results). With another caller
/// holding the worker, every chunk runs here in order.
void ck_run_chunks(long count, ck_pair_body body, void *context);

#endif
