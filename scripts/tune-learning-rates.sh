#!/usr/bin/env bash
# Picks a learning rate per variant by validation accuracy on a tuning seed that the reproductions never use.
# Prints one line per (variant, lr): final and best validation accuracy. Used to set the learning rates in
# Sources/ActivationLab/Reproductions (see the comments there).
#
#   scripts/tune-learning-rates.sh "<common actlab train options>" "<lr grid>" "<variant options>"...
#   scripts/tune-learning-rates.sh "--model cnn:lenet --epochs 4 --train-limit 10000 --validation-fraction 0.05" \
#       "0.01 0.03 0.1" "--head softmax-ce" "--head linear-exp"
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 3 ] || { echo "usage: $0 \"<common options>\" \"<lr grid>\" \"<variant options>\"..." >&2; exit 2; }
common=$1; grid=$2; shift 2
swift build -c release --product actlab >/dev/null
seed=${TUNING_SEED:-100}
for variant in "$@"; do
  for lr in $grid; do
    # shellcheck disable=SC2086
    result=$(.build/release/actlab train $common $variant --lr "$lr" --seed "$seed" --json 2>/dev/null | python3 -c '
import json, sys
accs = [json.loads(l)["val_accuracy"] for l in sys.stdin if l.startswith("{")]
print(f"final {accs[-1]:.4f}  best {max(accs):.4f}  epochs {len(accs)}" if accs else "diverged in the first epoch")' || true)
    [ -n "$result" ] || result="diverged"
    printf '%-60s lr %-6s %s\n' "$variant" "$lr" "$result"
  done
done
