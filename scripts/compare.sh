#!/usr/bin/env bash
# The main job: installs what is missing, builds actlab (release) and runs the default comparison
# (relu vs tanh vs penalized-tanh vs scaled-sigmoid, and softmax-ce vs linear-exp, 3 seeds on Fashion-MNIST),
# then writes actlab-report.html. Extra arguments go to `actlab compare`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --data
swift build -c release --product actlab 2>&1 | grep -E "error|warning: unre|Compiling actlab|Build complete" || true
exec .build/release/actlab compare "$@"
