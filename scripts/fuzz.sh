#!/usr/bin/env bash
# The fuzz and fault suite (Tests/ActivationLabTests/Fuzz, issue 12) with its count table.
#   scripts/fuzz.sh                      the CI cases (systematic + seeded random), then the table
#   scripts/fuzz.sh --minutes 30         soak: random cases for 30 minutes in all, then the table
#   scripts/fuzz.sh --seed 7             another random stream
#   scripts/fuzz.sh --failures DIR       where failing inputs are kept, each with a replay.sh (default: ./fuzz-failures)
# Exits non-zero when any case failed. Replay one: ACTLAB=$PWD/.build/debug/actlab DIR/<case>/replay.sh
set -euo pipefail
cd "$(dirname "$0")/.."

minutes="" seed="" failures="$PWD/fuzz-failures"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --minutes) minutes="$2"; shift 2 ;;
        --seed) seed="$2"; shift 2 ;;
        --failures) failures="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"; shift 2 ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        *) echo "fuzz.sh: unknown argument '$1'. See scripts/fuzz.sh --help" >&2; exit 1 ;;
    esac
done
[[ -z "$minutes" || "$minutes" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "fuzz.sh: --minutes: '$minutes' is not a number of minutes" >&2; exit 1; }
[[ -z "$seed" || "$seed" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: --seed: '$seed' is not a non-negative integer" >&2; exit 1; }

echo "building the tests (debug)…" >&2
swift build --build-tests >&2
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
echo "fuzzing${minutes:+ for $minutes minutes}${seed:+ with seed $seed}; failing inputs go to $failures" >&2
set +e
ACTLAB_FUZZ_MINUTES="$minutes" ACTLAB_FUZZ_SEED="$seed" ACTLAB_FUZZ_FAILURES="$failures" \
    swift test --skip-build --filter FuzzSuiteTests >"$log" 2>&1
status=$?
set -e
grep '^FUZZ-FAIL ' "$log" || true
grep -q '^FUZZ-ROW ' "$log" || { tail -n 30 "$log"; echo "fuzz.sh: the suite printed no results (exit $status)" >&2; exit 1; }
grep '^FUZZ-ROW ' "$log" | awk '
    BEGIN { printf "%-12s %6s %6s %7s %5s %15s %15s %13s %12s\n", "group", "cases", "passed", "crashes", "hangs", "garbage-trained", "unclear message", "refused valid", "data changed" }
    { printf "%-12s %6d %6d %7d %5d %15d %15d %13d %12d\n", $2, $3, $4, $5, $6, $7, $8, $9, $10
      for (i = 3; i <= 10; i++) total[i] += $i }
    END { printf "%-12s %6d %6d %7d %5d %15d %15d %13d %12d\n", "total", total[3], total[4], total[5], total[6], total[7], total[8], total[9], total[10] }'
exit $status
