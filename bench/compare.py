#!/usr/bin/env python3
"""Summarises the JSON lines of bench/run.sh into a table: per model, PyTorch's and ActivationLab's median
samples/s (min–max), and the ratio of the medians (ours / theirs). Usage: compare.py RESULTS.jsonl"""
import json
import statistics
import sys


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rates = {}  # (model, framework) -> all repetitions of all rounds
    threads = set()
    with open(sys.argv[1]) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            record = json.loads(line)
            rates.setdefault((record["model"], record["framework"]), []).extend(record["samples_per_second"])
            threads.add(record.get("threads"))
    models = sorted({model for model, _ in rates}, key=lambda m: (m != "mlp", m))
    header = f"{'model':<9} {'PyTorch samples/s (min-max)':>30} {'ActivationLab samples/s (min-max)':>36} {'ratio':>7}"
    print(f"threads: {', '.join(str(t) for t in sorted(threads, key=str))}")
    print(header)
    print("-" * len(header))

    def cell(values):
        if not values:
            return "n/a"
        return f"{statistics.median(values):8.0f} ({min(values):.0f}-{max(values):.0f})"

    for model in models:
        theirs = rates.get((model, "pytorch"), [])
        ours = rates.get((model, "activationlab"), [])
        ratio = f"{statistics.median(ours) / statistics.median(theirs):6.2f}x" if theirs and ours else "n/a"
        print(f"{model:<9} {cell(theirs):>30} {cell(ours):>36} {ratio:>7}  (n={len(theirs)}/{len(ours)})")


if __name__ == "__main__":
    main()
