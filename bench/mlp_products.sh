#!/usr/bin/env bash
# The benchmark MLP's matrix products alone through the system OpenBLAS (bench/mlp_products.c), beside a 1024³
# sgemm: the ceiling of `actlab bench --models mlp` on this machine if nothing but the products took time.
#
#   bench/mlp_products.sh [threads] [rounds]
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
include=$(find /usr/include -maxdepth 3 -name cblas.h -path "*openblas*" -printf '%h\n' | head -1)
clang -O2 ${include:+-I"$include"} bench/mlp_products.c -lopenblas -o "$out/mlp_products"
OPENBLAS_NUM_THREADS=${1:-2} "$out/mlp_products" "${2:-5}"
