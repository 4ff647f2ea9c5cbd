#!/usr/bin/env bash
# The benchmark MLP's matrix products alone through the system OpenBLAS (bench/mlp_products.c), beside a 1024³
# sgemm: the ceiling of `actlab bench --models mlp` on this machine if nothing but the products took time.
#
#   bench/mlp_products.sh [threads] [rounds]
set -eu
cd "$(dirname "$0")/.."
. bench/openblas_program.sh
run_openblas_program mlp_products "${1:-2}" "${2:-5}"
