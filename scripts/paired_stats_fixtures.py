#!/usr/bin/env python3
"""Reference values for ActivationLab's paired statistics, computed independently with NumPy/SciPy.

Writes Tests/ActivationLabTests/Experiments/Fixtures/paired_statistics.json. The Swift tests
(Tests/ActivationLabTests/Experiments/Statistics/) read that file; they never run Python.
Run from the repository root:  python3 scripts/paired_stats_fixtures.py

- Paired difference: scipy.stats.ttest_rel (t, p) and its confidence_interval (95%).
- Unpaired difference: scipy.stats.ttest_ind(equal_var=False) and its confidence_interval (95%).
- Speed-up: restricted times min(T, tau) (censored runs count as tau), ttest_rel on their logs;
  estimate and interval exponentiated.
- Kaplan-Meier: scipy.stats.ecdf on CensoredData (right-censored); survival at each event time, and the
  median as the smallest event time with S <= 1/2 (None when S never gets there).
"""
import json
import math
import os

import numpy as np
from scipy import stats

rng = np.random.default_rng(11)


def paired_case(variant, baseline):
    res = stats.ttest_rel(variant, baseline)
    ci = res.confidence_interval(0.95)
    d = np.array(variant) - np.array(baseline)
    return dict(variant=list(variant), baseline=list(baseline), mean=float(d.mean()),
                sd=float(d.std(ddof=1)), t=float(res.statistic), p=float(res.pvalue),
                low=float(ci.low), high=float(ci.high))


def unpaired_case(variant, baseline):
    res = stats.ttest_ind(variant, baseline, equal_var=False)
    ci = res.confidence_interval(0.95)
    return dict(variant=list(variant), baseline=list(baseline), estimate=float(np.mean(variant) - np.mean(baseline)),
                df=float(res.df), p=float(res.pvalue), low=float(ci.low), high=float(ci.high))


def speedup_case(baseline, variant, tau):
    def restricted(runs):
        return np.array([min(t, tau) if reached else tau for t, reached in runs])
    l = np.log(restricted(baseline)) - np.log(restricted(variant))
    res = stats.ttest_1samp(l, 0.0)
    ci = res.confidence_interval(0.95)
    return dict(baseline=[[t, r] for t, r in baseline], variant=[[t, r] for t, r in variant], tau=tau,
                estimate=float(math.exp(l.mean())), low=float(math.exp(ci.low)), high=float(math.exp(ci.high)),
                p=float(res.pvalue))


def kaplan_meier_case(runs):
    uncensored = [t for t, r in runs if r]
    right = [t for t, r in runs if not r]
    res = stats.ecdf(stats.CensoredData(uncensored=uncensored, right=right))
    times = [float(q) for q in res.sf.quantiles]
    survival = [float(s) for s in res.sf.probabilities]
    median = next((t for t, s in zip(times, survival) if s <= 0.5 + 1e-12), None)
    return dict(runs=[[t, r] for t, r in runs], times=times, survival=survival, median=median)


paired = [
    paired_case([0.912, 0.905, 0.921], [0.901, 0.899, 0.910]),
    paired_case([0.8812, 0.8790, 0.8855, 0.8801, 0.8830], [0.8820, 0.8775, 0.8860, 0.8790, 0.8815]),
]
a = rng.normal(0.9, 0.01, 10)
paired.append(paired_case(list(a + rng.normal(0.002, 0.003, 10)), list(a + rng.normal(0, 0.003, 10))))

unpaired = [
    unpaired_case([0.912, 0.905, 0.921], [0.901, 0.899, 0.910, 0.915]),
    unpaired_case(list(rng.normal(0.9, 0.01, 6)), list(rng.normal(0.89, 0.02, 5))),
]

speedups = [
    # No censoring, integer steps.
    speedup_case([(1200, True), (1350, True), (1100, True)], [(900, True), (1000, True), (950, True)], 4000.0),
    # Censoring: a baseline run and a variant run that never reach the target within tau = 2000.
    speedup_case([(1200, True), (2000, False), (1500, True), (1750, True), (1900, False)],
                 [(1000, True), (1400, True), (2000, False), (1250, True), (1300, True)], 2000.0),
    # A run reached after tau: restricted to tau.
    speedup_case([(2500, True), (1800, True), (1600, True)], [(1700, True), (1750, True), (1300, True)], 2000.0),
]

kaplan_meier = [
    kaplan_meier_case([(3, True), (5, True), (5, True), (6, False), (8, True), (9, False), (11, True)]),
    # Ties between events and censorings at the same time (censored runs still at risk there).
    kaplan_meier_case([(2, True), (4, True), (4, False), (4, True), (6, False), (7, True), (7, True), (9, False)]),
    # Uncensored even count: S is exactly 1/2 between the 2nd and 3rd time.
    kaplan_meier_case([(1, True), (2, True), (3, True), (4, True)]),
    # More than half never reach the target: median not reached.
    kaplan_meier_case([(4, True), (6, True), (10, False), (10, False), (10, False)]),
    # Steps on an evaluation grid with many ties.
    kaplan_meier_case([(250, True), (250, True), (500, True), (500, False), (500, True), (750, True), (1000, False)]),
]

out = dict(paired=paired, unpaired=unpaired, speedup=speedups, kaplan_meier=kaplan_meier)
path = os.path.join("Tests", "ActivationLabTests", "Experiments", "Fixtures", "paired_statistics.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
print("wrote", path)
