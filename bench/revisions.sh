#!/usr/bin/env bash
# Training throughput of an earlier revision against the working tree, same machine, same run: builds REV's
# `actlab` in a scratch git worktree, then alternates `actlab bench` between the two builds for R rounds (so
# drift in the machine's load hits both) and prints each model's median samples/s and the ratio. Report the
# ratios, not absolute figures, on a shared machine. Always exits 0.
#
#   bench/revisions.sh REV [--rounds R] [--repetitions N] [--threads T] [--models mlp,lenet,resnet]
set -u
cd "$(dirname "$0")/.."
[ $# -ge 1 ] && [ "${1#-}" = "$1" ] || { sed -n 2,7p "$0"; exit 0; }
revision=$1; shift
rounds=4 repetitions=3 threads=2 models=mlp,lenet,resnet
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds=$2; shift 2 ;;
        --repetitions) repetitions=$2; shift 2 ;;
        --threads) threads=$2; shift 2 ;;
        --models) models=$2; shift 2 ;;
        -h|--help) sed -n 2,7p "$0"; exit 0 ;;
        *) echo "revisions.sh: unknown option $1 (see --help)" >&2; exit 0 ;;
    esac
done
commit=$(git rev-parse --verify --quiet "$revision^{commit}") || { echo "revisions.sh: no such revision: $revision" >&2; exit 0; }
scratch=$(mktemp -d)
trap 'git worktree remove --force "$scratch/tree" >/dev/null 2>&1; rm -rf "$scratch"' EXIT
git worktree add --detach "$scratch/tree" "$commit" >/dev/null 2>&1 || { echo "revisions.sh: cannot check out $revision" >&2; exit 0; }
echo "building $revision (${commit:0:7}) and the working tree" >&2
(cd "$scratch/tree" && swift build -c release --product actlab 2>&1 | grep -E "error" ) || true
swift build -c release --product actlab 2>&1 | grep -E "error" || true
for build in "$scratch/tree/.build/release/actlab" .build/release/actlab; do
    [ -x "$build" ] || { echo "revisions.sh: $build is missing (the build failed)" >&2; exit 0; }
done
export OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads
for round in $(seq 1 "$rounds"); do
    echo "round $round/$rounds" >&2
    "$scratch/tree/.build/release/actlab" bench --threads "$threads" --repetitions "$repetitions" --models "$models" \
        2>/dev/null | sed 's/^/old /' >>"$scratch/results"
    .build/release/actlab bench --threads "$threads" --repetitions "$repetitions" --models "$models" \
        2>/dev/null | sed 's/^/new /' >>"$scratch/results"
done
python3 - "$scratch/results" "$revision" <<'PY'
import json, statistics, sys
samples = {}
for line in open(sys.argv[1]):
    side, record = line.split(" ", 1)
    record = json.loads(record)
    key = (record["model"], side)
    samples.setdefault(key, []).extend(record.get("samples_per_second") or record.get("gflops"))
print(f"{'model':8} {sys.argv[2] + ' (old)':>22} {'working tree (new)':>22} {'new / old':>10}")
for model in dict.fromkeys(m for m, _ in samples):
    old, new = statistics.median(samples[(model, "old")]), statistics.median(samples[(model, "new")])
    unit = "GFLOP/s" if model == "sgemm" else "samples/s"
    print(f"{model:8} {old:>14.0f} {unit:>7} {new:>14.0f} {unit:>7} {new / old:>9.2f}x")
PY
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit 0
