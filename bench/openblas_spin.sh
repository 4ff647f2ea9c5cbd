#!/usr/bin/env bash
# How long OpenBLAS's worker threads spin after a two-threaded product (bench/openblas_spin.c): the CPU time the
# process uses in each 50 ms window while its own thread sleeps.
#
#   bench/openblas_spin.sh [threads]
set -eu
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
include=$(find /usr/include -maxdepth 3 -name cblas.h -path "*openblas*" -printf '%h\n' | head -1)
clang -O2 ${include:+-I"$include"} bench/openblas_spin.c -lopenblas -o "$out/openblas_spin"
OPENBLAS_NUM_THREADS=${1:-2} "$out/openblas_spin"
