#!/usr/bin/env bash
# Per-epoch training time of the benchmark MLP (784-256-256-10, SGD momentum 0.9, batch 128, Fashion-MNIST)
# with each technique switched on, and the explicit solve beside one backprop epoch.
#   bench/techniques.sh [EPOCHS=3] [THREADS=2]
# Prints the median epoch time of each variant (epochs after the first, which warms caches) and its ratio
# to relu (nan: the run diverged before its second epoch). The epoch time includes the validation pass and per-layer diagnostics, as in every run.
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-3}
threads=${2:-2}
swift build -c release --product actlab 2>&1 | grep -E "error" || true
bin=.build/release/actlab
median_epoch() {
  "$bin" train --dataset fashion-mnist --model mlp:784-256-256-10 --epochs "$epochs" --threads "$threads" --json "$@" 2>/dev/null |
    python3 -c 'import json,sys,statistics; s=[json.loads(l)["seconds"] for l in sys.stdin][1:]; print(f"{statistics.median(s):.3f}" if s else "nan")'
}
printf "%-34s %10s %8s\n" "variant" "s/epoch" "vs relu"
relu=$(median_epoch --activation relu)
printf "%-34s %10s %8s\n" "relu" "$relu" "1.00"
while IFS='|' read -r name options; do
  seconds=$(median_epoch $options)
  printf "%-34s %10s %8s\n" "$name" "$seconds" "$(python3 -c "print(f'{float(\"$seconds\")/$relu:.2f}')")"
done <<'VARIANTS'
tanh|--activation tanh
penalized-tanh|--activation penalized-tanh
scaled-sigmoid|--activation scaled-sigmoid
transformed tanh abg (every 100)|--activation tanh --transform abg --transform-every 100 --lr 0.01
GA relu (--adversarial)|--activation relu --adversarial
GA tanh (--adversarial)|--activation tanh --adversarial
HD-FGD gelu|--activation gelu --hdfgd
HD-FGD+SA gelu|--activation gelu --hdfgd --adversarial
head linear-exp|--activation relu --head linear-exp --lr 0.01
VARIANTS
explicit=$("$bin" explicit --dataset fashion-mnist --validation-fraction 0 --json | python3 -c 'import json,sys; o=json.load(sys.stdin); print("%.3f" % o["seconds"])')
printf "%-34s %10s %8s\n" "explicit solve (60k, no training)" "$explicit" "$(python3 -c "print(f'{$explicit/$relu:.2f}')")"
