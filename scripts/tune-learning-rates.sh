#!/usr/bin/env bash
# Picks a learning rate per variant by validation accuracy on tuning seeds that the reproductions never use
# (100 and 101 by default; TUNING_SEEDS="…" to change). Prints one line per (variant, lr): the final validation
# accuracy of each seed and the worst of them, a diverged run counting as 0 — so a rate that works on one seed
# and diverges on another loses. Used to set the learning rates in Sources/ActivationLab/Reproductions.
#
#   scripts/tune-learning-rates.sh "<common actlab train options>" "<lr grid>" "<variant options>"...
#   scripts/tune-learning-rates.sh "--model cnn:lenet --epochs 4 --train-limit 10000 --validation-fraction 0.05" \
#       "0.01 0.03 0.1" "--head softmax-ce" "--head linear-exp"
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { echo "usage: $0 \"<common options>\" \"<lr grid>\" \"<variant options>\"..." >&2; exit 2; }
common=$1; grid=$2; shift 2
swift build -c release --product actlab >/dev/null
seeds=${TUNING_SEEDS:-100 101}
for variant in "$@"; do
  for lr in $grid; do
    finals=()
    for seed in $seeds; do
      log=$(mktemp)
      status=0
      # shellcheck disable=SC2086
      .build/release/actlab train $common $variant --lr "$lr" --seed "$seed" --json >"$log" 2>/dev/null || status=$?
      # A diverged run stops with exit status 3 and counts as 0.
      final=0
      if [ "$status" = 0 ]; then
        final=$(python3 -c '
import json, sys
accs = [json.loads(l)["val_accuracy"] for l in open(sys.argv[1]) if l.startswith("{")]
print(f"{accs[-1]:.4f}" if accs else "0")' "$log")
      fi
      rm -f "$log"
      finals+=("${final:-0}")
    done
    worst=$(printf '%s\n' "${finals[@]}" | sort -g | head -1)
    printf '%-40s lr %-6s worst %s  (seeds %s: %s)\n' "$variant" "$lr" "$worst" "$seeds" "${finals[*]}"
  done
done
