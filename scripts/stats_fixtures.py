#!/usr/bin/env python3
"""Reference values for ActivationLab's statistics, computed independently with NumPy/SciPy.

Writes Tests/ActivationLabTests/Experiments/Fixtures/statistics.json. The Swift tests read that file;
they never run Python. Run from the repository root:  python3 scripts/stats_fixtures.py

- Summary: mean, sample sd (ddof=1), 95% CI from scipy.stats.t.interval.
- Student t: cdf, two-sided p and quantiles from scipy.stats.t (real degrees of freedom too).
- Welch: scipy.stats.ttest_ind(equal_var=False) statistic, df and p-value.
- Bootstrap: the same algorithm as Sources/ActivationLab/Experiments/Statistics/Bootstrap.swift, with the
  same generator (xoshiro256** seeded by SplitMix64, Lemire's bounded integers) re-implemented here, so a
  fixed seed must give the identical interval; percentiles by numpy.percentile (linear).
- Time to target: first epoch with accuracy >= target; median with censored runs as +inf.
- Smoothness: mean |dL|, mean |dL|/|L_prev|, excess variation.
"""
import json
import math
import os

import numpy as np
from scipy import stats

MASK = (1 << 64) - 1


class SeededGenerator:
    """xoshiro256** seeded through SplitMix64, as Sources/ActivationLab/Tensor/SeededGenerator.swift."""

    def __init__(self, seed):
        s = seed & MASK
        state = []
        for _ in range(4):
            s = (s + 0x9E3779B97F4A7C15) & MASK
            z = s
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            state.append(z ^ (z >> 31))
        self.s = state

    @staticmethod
    def _rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next(self):
        s = self.s
        result = (self._rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self._rotl(s[3], 45)
        return result

    def integer_below(self, bound):
        """Lemire's nearly-divisionless unbiased bounded integer."""
        product = self.next() * bound
        low = product & MASK
        if low < bound:
            threshold = ((1 << 64) - bound) % bound
            while low < threshold:
                product = self.next() * bound
                low = product & MASK
        return product >> 64


def bootstrap_ratio_of_means(baseline, variant, resamples, seed, confidence=0.95):
    rng = SeededGenerator(seed)
    replicates = []
    for _ in range(resamples):
        a = [baseline[rng.integer_below(len(baseline))] for _ in baseline]
        b = [variant[rng.integer_below(len(variant))] for _ in variant]
        replicates.append((sum(a) / len(a)) / (sum(b) / len(b)))
    alpha = 1 - confidence
    low, high = np.percentile(np.array(replicates), [100 * alpha / 2, 100 * (1 - alpha / 2)])
    return {
        "baseline": baseline, "variant": variant, "resamples": resamples, "seed": seed,
        "estimate": float(np.mean(baseline) / np.mean(variant)),
        "low": float(low), "high": float(high),
    }


def summary(values):
    x = np.array(values, dtype=float)
    n = len(x)
    mean = float(x.mean())
    sd = float(x.std(ddof=1))
    low, high = stats.t.interval(0.95, n - 1, loc=mean, scale=sd / math.sqrt(n))
    return {"values": values, "mean": mean, "sd": sd, "low": float(low), "high": float(high)}


def welch(a, b):
    r = stats.ttest_ind(a, b, equal_var=False)
    return {"a": a, "b": b, "t": float(r.statistic), "df": float(r.df), "p": float(r.pvalue)}


def censored_median(reached, runs):
    values = sorted(reached) + [math.inf] * (runs - len(reached))
    m = values[runs // 2] if runs % 2 == 1 else (values[runs // 2 - 1] + values[runs // 2]) / 2
    return m if math.isfinite(m) else None


def time_to_target(curves, target):
    epochs, seconds = [], []
    for curve in curves:
        hit = next((i for i, acc in enumerate(curve["accuracy"]) if acc >= target), None)
        if hit is not None:
            epochs.append(hit + 1)
            seconds.append(curve["elapsed"][hit])
    return {
        "curves": curves, "target": target, "runs": len(curves), "reached": len(epochs),
        "median_epochs": censored_median(epochs, len(curves)),
        "median_seconds": censored_median(seconds, len(curves)),
        "mean_epochs_of_reached": float(np.mean(epochs)) if epochs else None,
        "mean_seconds_of_reached": float(np.mean(seconds)) if seconds else None,
    }


def smoothness(losses):
    x = np.array(losses, dtype=float)
    d = np.abs(np.diff(x))
    return {
        "loss": losses,
        "mean_absolute_change": float(d.mean()),
        "mean_relative_change": float((d / np.abs(x[:-1])).mean()),
        "excess_variation": float((d.sum() - abs(x[-1] - x[0])) / len(d)),
    }


def main():
    rng = np.random.default_rng(20240501)
    samples = [
        [0.861, 0.874, 0.868, 0.859, 0.871],
        [0.1, 0.2],
        [1e6 + 0.25, 1e6 + 0.5, 1e6 + 0.75],
        [round(float(v), 6) for v in rng.normal(0.85, 0.01, 10)],
    ]
    t_points = [
        {"p": p, "df": df, "quantile": float(stats.t.ppf(p, df))}
        for p in (0.975, 0.995, 0.6, 0.025, 0.9999)
        for df in (1, 2, 3.5, 4, 9, 29.7, 1000)
    ]
    t_cdf = [
        {"t": t, "df": df, "cdf": float(stats.t.cdf(t, df)), "two_sided_p": float(2 * stats.t.sf(abs(t), df))}
        for t in (-3.2, -0.4, 0.0, 0.7, 2.1, 8.5, 40.0)
        for df in (1, 2.5, 7, 60)
    ]
    welch_cases = [
        welch([0.861, 0.874, 0.868, 0.859, 0.871], [0.852, 0.861, 0.849, 0.858, 0.855]),
        welch([0.91, 0.92, 0.90], [0.80, 0.95, 0.70, 0.99, 0.85, 0.60]),
        welch([1.0, 2.0, 3.0, 4.0], [1.1, 2.2, 2.9, 4.3, 5.0]),
        welch([0.5, 0.5, 0.5], [0.4, 0.6, 0.5]),
    ]
    generator = SeededGenerator(42)
    raw = [str(generator.next()) for _ in range(5)]
    generator = SeededGenerator(7)
    bounded = [{"bound": bound, "value": generator.integer_below(bound)}
               for bound in (1, 2, 3, 5, 10, 1000, 2**63 + 5, 6, 7)]
    bootstrap_cases = [
        bootstrap_ratio_of_means([30.1, 33.4, 29.8, 31.5, 32.0], [24.0, 26.2, 23.1, 25.7, 24.9], 2000, 12345),
        bootstrap_ratio_of_means([8.0, 9.0, 7.0], [6.0, 6.0, 7.0, 5.0], 500, 0),
    ]
    curves = [
        {"accuracy": [0.70, 0.80, 0.86, 0.88], "elapsed": [10.0, 20.5, 31.0, 41.2]},
        {"accuracy": [0.72, 0.84, 0.85, 0.87], "elapsed": [9.0, 18.5, 28.0, 37.9]},
        {"accuracy": [0.60, 0.70, 0.80, 0.84], "elapsed": [11.0, 22.0, 33.0, 44.0]},
        {"accuracy": [0.85, 0.86, 0.87, 0.88], "elapsed": [12.0, 24.0, 36.0, 48.0]},
        {"accuracy": [0.50, 0.55], "elapsed": [10.0, 20.0]},
    ]
    ttt = [
        time_to_target(curves, 0.85),
        time_to_target(curves[:4], 0.85),
        time_to_target(curves[2:], 0.87),  # 1 of 3 reached: median not reached
        time_to_target(curves[4:], 0.85),  # all censored
    ]
    fixtures = {
        "summary": [summary(s) for s in samples],
        "t_quantile": t_points,
        "t_cdf": t_cdf,
        "welch": welch_cases,
        "generator": {"seed": 42, "raw": raw, "bounded_seed": 7, "bounded": bounded},
        "bootstrap": bootstrap_cases,
        "time_to_target": ttt,
        "smoothness": [smoothness([2.3, 1.1, 0.8, 0.9, 0.6, 0.65]), smoothness([1.0, 0.5, 0.25, 0.125])],
    }
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.join(root, "Tests", "ActivationLabTests", "Experiments", "Fixtures", "statistics.json")
    with open(path, "w") as f:
        json.dump(fixtures, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
