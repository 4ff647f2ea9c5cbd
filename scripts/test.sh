#!/usr/bin/env bash
# Runs the test suite: installs what is missing (including Fashion-MNIST, so the end-to-end accuracy test
# runs instead of skipping, and Slurm + munge for the single-node cluster test), then `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --data --slurm
swift test "$@"
