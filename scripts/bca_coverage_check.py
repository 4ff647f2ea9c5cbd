#!/usr/bin/env python3
"""Why the speed-up interval is t on log ratios and not a paired BCa bootstrap (issue 11, item 1).

Simulates paired log ratios l_i = e_b,i - e_v,i with e ~ N(0, 0.15^2) (true mean 0; the seed effect cancels
in the pairing), n = 3, 5, 10 seeds, 2,000 replicates, and reports how often the 95% interval covers 0:
the paired t interval vs. a BCa bootstrap (Efron 1987; 1,000 resamples, jackknife acceleration).
With n = 3 the bootstrap has only 10 distinct resamples, so its interval cannot be wider than the data.
Printed result (seed 5):  n=3  t 94.8%  BCa 72.7%;  n=5  t 94.7%  BCa 83.4%;  n=10  t 95.6%  BCa 89.5%.
Run:  python3 scripts/bca_coverage_check.py   (a few seconds)
"""
import numpy as np
from scipy import stats

rng = np.random.default_rng(5)


def bca(l, resamples=1000):
    n, mean = len(l), l.mean()
    boot = l[rng.integers(0, n, (resamples, n))].mean(1)
    if np.all(boot == mean):
        return mean, mean
    z0 = stats.norm.ppf(np.clip(np.mean(boot < mean) + 0.5 * np.mean(boot == mean), 1e-9, 1 - 1e-9))
    jack = np.array([np.delete(l, i).mean() for i in range(n)])
    d = jack.mean() - jack
    a = (d ** 3).sum() / (6 * ((d ** 2).sum()) ** 1.5) if (d ** 2).sum() > 0 else 0.0
    bounds = []
    for z in (stats.norm.ppf(0.025), stats.norm.ppf(0.975)):
        bounds.append(np.quantile(boot, stats.norm.cdf(z0 + (z0 + z) / (1 - a * (z0 + z)))))
    return bounds


for n in (3, 5, 10):
    replicates, t_cover, bca_cover = 2000, 0, 0
    q = stats.t.ppf(0.975, n - 1)
    for _ in range(replicates):
        l = rng.normal(0, 0.15, n) - rng.normal(0, 0.15, n)
        half = q * l.std(ddof=1) / np.sqrt(n)
        t_cover += abs(l.mean()) <= half
        low, high = bca(l)
        bca_cover += low <= 0 <= high
    print(f"n={n:2d}  t {100 * t_cover / replicates:.1f}%  BCa {100 * bca_cover / replicates:.1f}%")
