#!/usr/bin/env bash
# Side-by-side training throughput: ActivationLab (`actlab bench`) vs PyTorch (bench/pytorch_bench.py),
# same networks, data, batch, optimiser and thread count. See bench/README.md.
#
#   bench/run.sh [--threads N] [--repetitions R] [--rounds K] [--models mlp,lenet,resnet]
#                [--kernels fast,baseline,reference] [--no-build]
#
# The frameworks alternate round by round (PyTorch, ours, PyTorch, ours, ...), each round running
# R timed repetitions per model, so slow drift of the machine's load hits both sides alike. Each side
# also times a 1024^3 sgemm between its repetitions; the table gives every model's GFLOP/s as a fraction
# of it. --kernels fast,reference adds our previous kernels (baseline: the C kernels' build for CPUs without
# AVX2), interleaved, as an A/B table each.
# Always exits 0: this is a measurement, not a test.
set -u
cd "$(dirname "$0")/.."
threads=2 repetitions=5 rounds=2 models=mlp,lenet,resnet kernels=fast build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --threads) threads=$2; shift 2 ;;
        --repetitions) repetitions=$2; shift 2 ;;
        --rounds) rounds=$2; shift 2 ;;
        --models) models=$2; shift 2 ;;
        --kernels) kernels=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) sed -n 2,12p "$0"; exit 0 ;;
        *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 0 ;;
    esac
done
if [ "$build" = 1 ]; then
    swift build -c release --product actlab 2>&1 | grep -E "error|warning: unre" || true
fi
if [ ! -x .build/release/actlab ]; then
    echo "run.sh: .build/release/actlab is missing (the release build failed)" >&2; exit 0
fi
# Both sides get the same thread budget: BLAS/OpenMP pools and torch.set_num_threads.
export OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads MKL_NUM_THREADS=$threads
busy_seconds() {  # total non-idle CPU seconds of the machine, and the wall clock
    awk -v hz="$(getconf CLK_TCK)" '/^cpu /{print ($2+$3+$4+$7+$8)/hz}' /proc/stat | tr '\n' ' '
    date +%s.%N
}
read -r busy_start wall_start < <(busy_seconds)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
results=$(mktemp)
trap 'rm -f "$results" "$results.times"' EXIT
echo "threads $threads, $rounds rounds x $repetitions repetitions per framework, models $models" >&2
for round in $(seq 1 "$rounds"); do
    echo "round $round/$rounds: pytorch" >&2
    python3 bench/pytorch_bench.py --threads "$threads" --repetitions "$repetitions" --models "$models" >>"$results" \
        || echo "run.sh: pytorch_bench.py failed" >&2
    echo "round $round/$rounds: activationlab" >&2
    .build/release/actlab bench --threads "$threads" --repetitions "$repetitions" --models "$models" \
        --kernels "$kernels" >>"$results" \
        || echo "run.sh: actlab bench failed" >&2
done
python3 bench/compare.py "$results" || true
# Other processes skew the result (PyTorch's spinning OpenMP threads far more than ours): report how much
# CPU time the rest of the machine used meanwhile (all busy time in /proc/stat minus our children's).
read -r busy_end wall_end < <(busy_seconds)
times >"$results.times"  # in this shell: a $(...) subshell would report its own (zero) times
ours=$(tail -1 "$results.times" | awk '{ total = 0; for (i = 1; i <= 2; i++) { split($i, t, /[ms]/); total += t[1] * 60 + t[2] } print total }')
awk -v b0="$busy_start" -v b1="$busy_end" -v w0="$wall_start" -v w1="$wall_end" -v ours="$ours" 'BEGIN {
    printf "other processes used %.0f CPU-s during the %.0f s run (0 on a quiet machine; more makes the ratio unreliable)\n",
           (b1 - b0) - ours, w1 - w0 }'
echo "load average at the start: $load_start; at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit 0
