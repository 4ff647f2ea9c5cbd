#!/usr/bin/env bash
# How long OpenBLAS's worker threads spin after a two-threaded product (bench/openblas_spin.c): the CPU time the
# process uses in each 50 ms window while its own thread sleeps.
#
#   bench/openblas_spin.sh [threads]
set -eu
cd "$(dirname "$0")/.."
. bench/openblas_program.sh
run_openblas_program openblas_spin "${1:-2}"
