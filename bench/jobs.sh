#!/usr/bin/env bash
# Sweep wall time of a small-MLP comparison with `compare --jobs 1` and with the default (one worker per core
# for such models), alternating R rounds so drift in the machine's load hits both. Prints the load average
# beside each run; report ratios, not absolute times, on a shared machine. Always exits 0.
#
#   bench/jobs.sh [--rounds R] [--epochs E] [--no-build]
set -u
cd "$(dirname "$0")/.."
rounds=2 epochs=4 build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=$2; shift 2 ;;
        --epochs) epochs=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n 2,6p "$0"; exit 0 ;;
        *) echo "jobs.sh: unknown option $1 (see --help)" >&2; exit 0 ;;
    esac
done
if [ "$build" = 1 ]; then
    swift build -c release --product actlab 2>&1 | grep -E "error|warning: unre" || true
fi
actlab=$PWD/.build/release/actlab
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
sweep=(compare --dataset fashion-mnist --model mlp:784-128-128-10 --baseline relu --variants tanh,sigmoid
       --seeds 2 --epochs "$epochs" --tune none --lr 0.05 --target-accuracy 0.7 --report "")
for round in $(seq 1 "$rounds"); do
    for jobs in 1 default; do
        flag=(); [ "$jobs" = 1 ] && flag=(--jobs 1)
        start=$(date +%s.%N)
        "$actlab" "${sweep[@]}" "${flag[@]}" --store "run-$round-$jobs.sqlite" > /dev/null 2>&1
        end=$(date +%s.%N)
        printf 'round %s  --jobs %-7s  %6.2f s  (load %s)\n' "$round" "$jobs" "$(echo "$end - $start" | bc)" \
            "$(cut -d' ' -f1-3 /proc/loadavg)"
    done
done
