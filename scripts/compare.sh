#!/usr/bin/env bash
# The main job: installs what is missing, builds actlab (release) and runs the default comparison
# (relu vs tanh vs penalized-tanh vs scaled-sigmoid, and softmax-ce vs linear-exp: each variant's learning rate
# tuned, the target set by a pilot run, 5 seeds on Fashion-MNIST; about 5 minutes after the build),
# then writes actlab-report.html. Extra arguments go to `actlab compare`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --data
echo "building actlab (release; about 3 minutes on 2 cores the first time, seconds afterwards)..." >&2
swift build -c release --product actlab 2>&1 | grep -E "error|warning: unre|Compiling|Build.*complete" \
    | awk '/Compiling/ { n++; if (n % 25 == 0) { printf "  compiled %d files...\n", n > "/dev/stderr" }; next } { print }' || true
exec .build/release/actlab compare "$@"
