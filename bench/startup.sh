#!/usr/bin/env bash
# Cell start-up on Fashion-MNIST: the time from a sweep cell's start to its first training step, with the
# data decoded from its files (every cell, before the decoded-data cache), read from the disk cache (a new
# process) and shared in memory (later cells of one process). See bench/README.md, "Cell start-up".
#
#   bench/startup.sh [--repetitions R] [--threads N] [--dataset SPEC] [--model SPEC] [--no-build]
#
# Uses a fresh cache folder (removed afterwards) so the first process decodes and writes the cache and the
# second one reads it. Prints the machine's load average beside the numbers. Always exits 0.
set -u
cd "$(dirname "$0")/.."
repetitions=5 threads=1 dataset=fashion-mnist model=mlp:784-128-128-10 build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --repetitions) repetitions=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --dataset) dataset=$2; shift 2 ;;
        --model) model=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n 2,9p "$0"; exit 0 ;;
        *) echo "startup.sh: unknown option $1 (see --help)" >&2; exit 0 ;;
    esac
done
if [ "$build" = 1 ]; then
    swift build -c release --product actlab 2>&1 | grep -E "error|warning: unre" || true
fi
if [ ! -x .build/release/actlab ]; then
    echo "startup.sh: .build/release/actlab is missing (the release build failed)" >&2; exit 0
fi
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export ACTLAB_CACHE_DIR=$cache ACTLAB_DATA_CACHE=on
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
for process in 1 2; do
    echo "process $process:" >&2
    .build/release/actlab bench --startup --dataset "$dataset" --startup-model "$model" \
        --repetitions "$repetitions" --threads "$threads"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
