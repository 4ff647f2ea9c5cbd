#!/usr/bin/env bash
# Renders an actlab HTML report to PNG with headless Chromium, to look at the page as a reader would.
#
#   scripts/screenshot_report.sh REPORT.html [OUT.png] [WIDTHxHEIGHT]
#   scripts/screenshot_report.sh --example [OUT.png] [WIDTHxHEIGHT]
#
# --example builds a run store of synthetic runs (4 variants × 3 seeds × 10 epochs, tuning trials and a
# pilot, one diverged run, one variant that never reaches the target; Tests/.../SyntheticExperiment.swift)
# through the test suite, renders it with `actlab report`, and screenshots that page. Default size
# 1400x2400 (the top of the page); pass a taller size for the whole page. Installs the Debian package
# `chromium` if missing. The page must be self-contained: Chromium runs with the network disabled, so
# anything external would show up as missing in the picture.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -lt 1 ]]; then
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi

html="$1"
out="${2:-actlab-report.png}"
size="${3:-1400x2400}"

if [[ "$html" == "--example" ]]; then
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    echo "building the example store through the test suite..." >&2
    ACTLAB_REPORT_EXAMPLE_DIR="$work" swift test --filter ReportTests.htmlHasTheVerdictLinesAndTheTerminalsSummaryTable >/dev/null 2>&1 \
        || { echo "screenshot_report.sh: the example test failed (swift test --filter ReportTests)" >&2; exit 1; }
    swift build --product actlab >/dev/null 2>&1 || { echo "screenshot_report.sh: swift build failed" >&2; exit 1; }
    "$(swift build --show-bin-path)/actlab" report --store "$work/example-runs.sqlite" --out "$work/example.html" >&2
    html="$work/example.html"
fi

[[ -f "$html" ]] || { echo "screenshot_report.sh: $html: no such file" >&2; exit 1; }

browser="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$browser" ]]; then
    echo "installing chromium (Debian package)..." >&2
    apt-get install -y chromium >/dev/null
    browser="$(command -v chromium)"
fi

absolute="$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
[[ "$out" == /* ]] || out="$(pwd)/$out"
mkdir -p "$(dirname "$out")"
rm -f "$out"
# --proxy-server to a closed port: the page gets no network, so external references would fail visibly.
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --proxy-server="http://127.0.0.1:9" --proxy-bypass-list="<-loopback>" \
    --window-size="${size/x/,}" --screenshot="$out" "file://$absolute" >/dev/null 2>&1 || true
[[ -s "$out" ]] || { echo "screenshot_report.sh: chromium wrote no screenshot" >&2; exit 1; }
echo "wrote $out ($size) from $html" >&2
