#!/usr/bin/env bash
# Checks that the comparison summary fits where people read it, with real renderers:
#  - terminal: `actlab report` in tmux panes 100 and 80 columns wide (COLUMNS unset, so actlab reads the
#    pane's width through ioctl); fails when a line is wider than the pane.
#  - browser: the HTML report in headless Chromium at 1280 px and at a phone's 390 px; fails when the
#    summary table needs a horizontal scrollbar or the page scrolls sideways (measured by a script in a
#    page that frames the report at that width: scrollWidth against clientWidth, read through --dump-dom).
#
#   scripts/check-layout.sh [OUT_DIR]
#
# OUT_DIR (default: a fresh temporary folder) receives the captures: terminal-100.txt, terminal-80.txt,
# summary-1280.png, summary-390.png (the summary card alone) and page-1280.png (the top of the page).
# The run store is a small comparison on the bundled sample (2 seeds, 2 epochs, 300 images; seconds).
# Installs the Debian packages tmux and chromium if missing (needs root).
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8

out="${1:-$(mktemp -d)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
work="$(mktemp -d)"
socket="actlab-layout-$$"  # a tmux server of our own, stopped at the end
cleanup() {
    tmux -L "$socket" kill-server 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

for tool in tmux chromium; do
    command -v "$tool" >/dev/null || { echo "installing $tool (Debian package)..." >&2; apt-get install -y "$tool" >/dev/null; }
done

swift build --product actlab >/dev/null 2>&1 || { echo "check-layout.sh: swift build failed" >&2; exit 1; }
actlab="$(swift build --show-bin-path)/actlab"

# Five variants, one with a long name; a fixed target and rate so nothing is tuned.
"$actlab" compare --dataset sample --model mlp:784-16-10 --train-limit 300 --epochs 2 --seeds 2 --threads 1 \
    --tune none --lr 0.05 --target-accuracy 0.3 \
    --variants tanh,penalized-tanh,relu+head=linear-exp,tanh+transform=abg+momentum=0.9 \
    --store "$work/runs.sqlite" --report "$work/report.html" >/dev/null 2>&1 \
    || { echo "check-layout.sh: the small comparison failed" >&2; exit 1; }

failures=0

# Terminal: a pane of each width runs a comparison (progress, table, verdicts) and then `report` on it; -J joins
# lines the pane wrapped, so an overflowing line shows whole.
for width in 100 80; do
    session="width-$width"
    tmux -L "$socket" new-session -d -s "$session" -x "$width" -y 400 \
        "env -u COLUMNS '$actlab' compare --dataset sample --model mlp:784-16-10 --train-limit 300 --epochs 2 --seeds 2 \
           --threads 1 --tune-budget 2 --target-accuracy 0.3 --variants tanh,relu+head=linear-exp --store '$work/pane-$width.sqlite' \
           --report ''; env -u COLUMNS '$actlab' report --store '$work/runs.sqlite' --out '$work/terminal.html'; echo LAYOUT-DONE; sleep 60"
    for _ in $(seq 1 600); do
        tmux -L "$socket" capture-pane -p -t "$session" | grep -q LAYOUT-DONE && break
        sleep 0.1
    done
    tmux -L "$socket" capture-pane -p -J -t "$session" -S - | sed '/LAYOUT-DONE/,$d' > "$out/terminal-$width.txt"
    widest="$(wc -L < "$out/terminal-$width.txt")"  # display columns (GNU wc, UTF-8 locale)
    if ! grep -q "^variant\|^ *variant" "$out/terminal-$width.txt"; then
        echo "FAIL terminal $width: no summary table in the capture ($out/terminal-$width.txt)"; failures=$((failures + 1))
    elif (( widest > width )); then
        echo "FAIL terminal $width: a line is $widest columns wide ($out/terminal-$width.txt)"; failures=$((failures + 1))
    else
        echo "ok   terminal $width: widest line $widest columns"
    fi
done

# Browser: measure the page at each width inside an iframe of that width (headless Chromium's window has a
# minimum width of 500, an iframe does not), then screenshot the summary card alone and the top of the page.
browser=(chromium --headless --no-sandbox --disable-gpu --force-device-scale-factor=1 --allow-file-access-from-files
         --proxy-server="http://127.0.0.1:9" --proxy-bypass-list="<-loopback>")
hide='<style>.page > :not(#summary) { display: none !important; } #summary { margin-top: 0 !important; }</style>'
page="$(< "$work/report.html")"
shopt -u patsub_replacement 2>/dev/null || true  # bash 5.2 would read "&" in a replacement as the match
printf '%s\n' "${page/<\/head>/$hide</head>}" > "$work/summary.html"
for size in 1280x900 390x1800; do
    width="${size%x*}"
    cat > "$work/probe-$width.html" <<PROBE
<!doctype html><html><body style="margin:0">
<iframe id="frame" src="report.html" style="width:${width}px;height:900px;border:0" onload="measure()"></iframe>
<pre id="result"></pre>
<script>
function measure() {
  var d = document.getElementById("frame").contentDocument, doc = d.documentElement;
  var wraps = d.querySelectorAll("#summary > .table-wrap"), over = 0;
  for (var i = 0; i < wraps.length; i++) if (wraps[i].scrollWidth > wraps[i].clientWidth + 1) over++;
  document.getElementById("result").textContent = "LAYOUT summary-tables=" + wraps.length + " overflowing=" + over
    + " page-scrolls-sideways=" + (doc.scrollWidth > doc.clientWidth + 1) + " viewport=" + doc.clientWidth;
}
</script></body></html>
PROBE
    result="$("${browser[@]}" --window-size=1400,1000 --dump-dom "file://$work/probe-$width.html" 2>/dev/null \
        | grep -o 'LAYOUT summary-tables=[0-9][^<]*' || true)"
    "${browser[@]}" --window-size="${size/x/,}" --screenshot="$out/summary-$width.png" "file://$work/summary.html" >/dev/null 2>&1 || true
    if [[ -z "$result" ]]; then
        echo "FAIL html $width: the measuring script did not run"; failures=$((failures + 1))
    elif [[ "$result" != *"summary-tables=1 overflowing=0 page-scrolls-sideways=false"* ]]; then
        echo "FAIL html $width: ${result#LAYOUT } ($out/summary-$width.png)"; failures=$((failures + 1))
    else
        echo "ok   html $width: ${result#LAYOUT }"
    fi
done
"${browser[@]}" --window-size=1280,900 --screenshot="$out/page-1280.png" "file://$work/report.html" >/dev/null 2>&1 || true

echo "captures in $out"
(( failures == 0 )) || { echo "check-layout.sh: $failures layout check(s) failed" >&2; exit 1; }
