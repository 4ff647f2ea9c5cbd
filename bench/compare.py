#!/usr/bin/env python3
"""Summarises the JSON lines of bench/run.sh into a table: per model, PyTorch's and ActivationLab's median
samples/s (min–max), the ratio of the medians (ours / theirs), and for each framework the GFLOP/s this is
and its fraction of the same process's sgemm GFLOP/s (median of the sgemm timings taken between the
repetitions). FLOPs per sample are each framework's own count from the model (they agree: matrix products
only, 2 per multiply-add). Lines from `actlab bench --kernels fast,baseline,reference` add an A/B table per other kernel set.
Usage: compare.py RESULTS.jsonl"""
import json
import statistics
import sys


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    rates = {}  # (model, framework) -> all repetitions of all rounds
    flops = {}  # (model, framework) -> FLOPs per sample
    cpu = {}  # (model, framework) -> CPU microseconds per sample, every repetition
    sgemm = {}  # framework -> GFLOP/s of every sgemm timing
    threads = set()
    with open(sys.argv[1]) as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            record = json.loads(line)
            threads.add(record.get("threads"))
            framework = record["framework"]
            if record["model"] == "sgemm":
                sgemm.setdefault(framework, []).extend(record["gflops"])
                continue
            rates.setdefault((record["model"], framework), []).extend(record["samples_per_second"])
            cpu.setdefault((record["model"], framework), []).extend(record.get("cpu_microseconds_per_sample", []))
            if "flops_per_sample" in record:
                flops[(record["model"], framework)] = record["flops_per_sample"]
    models = sorted({model for model, _ in rates}, key=lambda m: (m != "mlp", m))
    print(f"threads: {', '.join(str(t) for t in sorted(threads, key=str))}")
    for framework, values in sorted(sgemm.items()):
        print(f"sgemm {framework}: {statistics.median(values):.1f} GFLOP/s median "
              f"({min(values):.1f}-{max(values):.1f}, n={len(values)})")
    header = (f"{'model':<9} {'PyTorch samples/s (min-max)':>30} {'ActivationLab samples/s (min-max)':>36} "
              f"{'ratio':>7} {'MFLOP/sample':>12} {'PyTorch GFLOP/s, of sgemm':>26} {'ours GFLOP/s, of sgemm':>23}")
    print(header)
    print("-" * len(header))

    def cell(values):
        if not values:
            return "n/a"
        return f"{statistics.median(values):8.0f} ({min(values):.0f}-{max(values):.0f})"

    def efficiency(model, framework):
        values, count = rates.get((model, framework)), flops.get((model, framework))
        if not values or not count:
            return "n/a"
        gflops = statistics.median(values) * count / 1e9
        yardstick = sgemm.get(framework.split("-")[0])
        share = f", {100 * gflops / statistics.median(yardstick):3.0f}%" if yardstick else ""
        return f"{gflops:6.1f}{share}"

    for model in models:
        theirs = rates.get((model, "pytorch"), [])
        ours = rates.get((model, "activationlab"), [])
        ratio = f"{statistics.median(ours) / statistics.median(theirs):6.2f}x" if theirs and ours else "n/a"
        count = flops.get((model, "activationlab")) or flops.get((model, "pytorch"))
        mflops = f"{count / 1e6:.2f}" if count else "n/a"
        print(f"{model:<9} {cell(theirs):>30} {cell(ours):>36} {ratio:>7} {mflops:>12} "
              f"{efficiency(model, 'pytorch'):>26} {efficiency(model, 'activationlab'):>23}  (n={len(theirs)}/{len(ours)})")
    for (model, framework), counts in sorted(flops.items()):
        other = flops.get((model, "pytorch" if framework != "pytorch" else "activationlab"))
        if other and other != counts:
            print(f"note: {model}: FLOPs per sample differ ({framework} {counts}, other {other})")

    # Every other kernel set of ours (`actlab bench --kernels fast,baseline,reference`) against the fast one.
    for other in sorted({framework for _, framework in rates if framework.startswith("activationlab-")}):
        name = other.split("-", 1)[1]
        print(f"\nActivationLab kernels, same process, interleaved: fast vs {name} (median samples/s; median CPU"
              " microseconds per sample, all threads, which a loaded machine disturbs less)")
        for model in models:
            fast, old = rates.get((model, "activationlab"), []), rates.get((model, other), [])
            fast_cpu, old_cpu = cpu.get((model, "activationlab"), []), cpu.get((model, other), [])
            if fast and old:
                line = (f"{model:<9} fast {cell(fast)}  {name} {cell(old)}  "
                        f"speed-up {statistics.median(fast) / statistics.median(old):.2f}x")
                if fast_cpu and old_cpu:
                    line += (f"; CPU us/sample {statistics.median(fast_cpu):.0f} vs {statistics.median(old_cpu):.0f}"
                             f" ({statistics.median(old_cpu) / statistics.median(fast_cpu):.2f}x less)")
                print(line)

if __name__ == "__main__":
    main()
