#!/usr/bin/env bash
# Per-kernel throughput of the direct convolution (Sources/CKernels) on LeNet's and cnn:resnet's stride-1
# layers: both forward register blockings, both for the transposed convolution of ∂X, and ∂W, in GFLOP/s
# of useful products on one thread (fastest of R timings). DirectConvolution.layout's rule was set from
# this table. Compiles with the same -O2 SwiftPM uses for the library.
#
#   bench/kernels.sh [repetitions] [baseline]     # "baseline": the build for CPUs without AVX2/FMA
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
clang -O2 -ISources/CKernels/include bench/kernels.c Sources/CKernels/direct_convolution.c -o "$out/kernels"
"$out/kernels" "${1:-20}" "${2:-wide}"
