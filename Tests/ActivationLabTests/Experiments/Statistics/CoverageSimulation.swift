import Foundation
import RealModule
@testable import ActivationLab

/// The data-generating models of `CoverageSimulationTests`, their true values, and the replicate loop.
///
/// **Accuracy** (paired normal model with a shared seed effect): for seed i,
/// `bᵢ = μ + sᵢ + e_b,ᵢ`, `vᵢ = μ + δ + sᵢ + e_v,ᵢ`, with `sᵢ ~ N(0, σ_seed²)` shared by both variants (split,
/// data order, initialisation) and `e ~ N(0, σ_run²)` independent. The truth is δ.
///
/// **Speed** (log-normal times with a shared seed effect, measured on an evaluation grid, censored at τ):
/// the continuous time at which a run first reaches the target is
/// `log T*_b,ᵢ = log T₀ + sᵢ + e_b,ᵢ`, `log T*_v,ᵢ = log T₀ − log θ + sᵢ + e_v,ᵢ`. Validation runs every k
/// steps, so the observed time is the first evaluation at or after T*, `T = k·⌈T*/k⌉` (integer-valued,
/// ties likely); a run with T > τ (τ a multiple of k) never reaches the target within the budget and is
/// censored at τ. The estimand is the geometric-mean ratio of the restricted, grid-rounded times,
/// `exp(E[log min(T_b, τ)] − E[log min(T_v, τ)])` — note: not θ, because rounding and restriction change
/// it. Each E[·] is computed exactly: T* is log-normal with σ² = σ_seed² + σ_run² (the seed effect does not
/// change the marginal), and `min(T, τ)` takes the value jk with probability
/// `Φ((log jk − m)/σ) − Φ((log (j−1)k − m)/σ)` for j = 1…τ/k and τ with the rest. Under the null (θ = 1)
/// the truth is exactly 1. `CoverageSimulationTests` checks the formula against a Monte Carlo.
enum CoverageSimulation {
    /// One simulated comparison.
    struct Scenario: Sendable {
        enum Model: Sendable {
            case accuracy(AccuracyModel)
            case speed(SpeedModel)
        }
        let name: String
        let model: Model
        /// Coverage asserted to lie in 93–97% (stress scenarios are reported only).
        let asserted: Bool

        var isNull: Bool {
            switch model {
            case .accuracy(let m): m.effect == 0
            case .speed(let m): m.ratio == 1
            }
        }
    }

    struct AccuracyModel: Sendable {
        var mean = 0.88
        var seedSD = 0.012
        var runSD = 0.002
        /// δ, as a fraction.
        var effect: Double
    }

    struct SpeedModel: Sendable {
        /// T₀: the baseline's median continuous time to target, in steps.
        var baselineMedian: Double
        var seedSD = 0.25
        var runSD = 0.15
        /// θ: the variant's true continuous speed-up.
        var ratio: Double
        /// k: steps between evaluations.
        var evaluationInterval: Double
        /// τ: the step budget, a multiple of k.
        var restriction: Double
        /// Whether `Speedup` is told the grid (and so replaces a zero spread of tied runs by the grid's);
        /// false shows what plain t on log ratios does.
        var tieFloor = true

        /// The true log of the geometric-mean ratio of restricted grid times (see the type's notes).
        var truthLogRatio: Double {
            expectedLogRestrictedTime(median: baselineMedian) - expectedLogRestrictedTime(median: baselineMedian / ratio)
        }

        /// E[log min(k⌈T*/k⌉, τ)] for log T* ~ N(log median, seedSD² + runSD²).
        func expectedLogRestrictedTime(median: Double) -> Double {
            let sigma = (seedSD * seedSD + runSD * runSD).squareRoot()
            let m = Double.log(median)
            func phi(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
            let cells = Int((restriction / evaluationInterval).rounded())
            var expectation = 0.0
            var below = 0.0  // P(T* ≤ (j − 1)k)
            for j in 1...cells {
                let time = Double(j) * evaluationInterval
                let upTo = phi((Double.log(time) - m) / sigma)
                expectation += (upTo - below) * Double.log(time)
                below = upTo
            }
            return expectation + (1 - below) * Double.log(restriction)
        }

        /// The observed time of a run with continuous time `continuous`.
        func observed(_ continuous: Double) -> CensoredTime {
            let grid = (continuous / evaluationInterval).rounded(.up) * evaluationInterval
            return grid <= restriction ? .reached(grid) : .censored(restriction)
        }
    }

    /// One line of the coverage table.
    struct Row: Sendable {
        let scenario: Scenario
        let seeds: Int
        /// The true difference (accuracy, fraction) or ratio (speed).
        let truth: Double
        /// Fraction of replicates whose 95% interval contains the truth (no interval counts as covering:
        /// "no interval" claims nothing, like (−∞, ∞)).
        let coverage: Double
        /// Fraction of replicates without an interval.
        let noInterval: Double
        /// Fraction of replicates with verdict better (accuracy) or faster (speed): the false rate under the null.
        let betterOrFaster: Double
        /// Fraction of replicates with verdict equivalent.
        let equivalent: Double
    }

    /// Runs `replicates` comparisons of `seeds` seeds each, from a fixed seed.
    static func run(_ scenario: Scenario, seeds n: Int, replicates: Int, seed: UInt64) -> Row {
        var rng = SeededGenerator(seed: seed)
        var covered = 0, missing = 0, decided = 0, equivalent = 0
        var variantValues = [Double](), baselineValues = [Double]()
        var variantTimes = [CensoredTime](), baselineTimes = [CensoredTime]()
        variantValues.reserveCapacity(n); baselineValues.reserveCapacity(n)
        variantTimes.reserveCapacity(n); baselineTimes.reserveCapacity(n)
        let truth: Double
        switch scenario.model {
        case .accuracy(let model):
            truth = model.effect
            for _ in 0..<replicates {
                variantValues.removeAll(keepingCapacity: true)
                baselineValues.removeAll(keepingCapacity: true)
                for _ in 0..<n {
                    let shared = model.mean + model.seedSD * rng.gaussian()
                    baselineValues.append(shared + model.runSD * rng.gaussian())
                    variantValues.append(shared + model.effect + model.runSD * rng.gaussian())
                }
                let d = MeanDifference.paired(variant: variantValues, baseline: baselineValues)!
                let verdict = AccuracyVerdict(d, adjustedPValue: d.pValue)
                if let interval = d.confidenceInterval { if interval.contains(truth) { covered += 1 } } else { missing += 1 }
                if verdict == .better { decided += 1 }
                if verdict == .equivalent { equivalent += 1 }
            }
        case .speed(let model):
            let logTruth = model.truthLogRatio
            truth = Double.exp(logTruth)
            let logBaseline = Double.log(model.baselineMedian), logVariant = logBaseline - Double.log(model.ratio)
            for _ in 0..<replicates {
                baselineTimes.removeAll(keepingCapacity: true)
                variantTimes.removeAll(keepingCapacity: true)
                for _ in 0..<n {
                    let shared = model.seedSD * rng.gaussian()
                    baselineTimes.append(model.observed(Double.exp(logBaseline + shared + model.runSD * rng.gaussian())))
                    variantTimes.append(model.observed(Double.exp(logVariant + shared + model.runSD * rng.gaussian())))
                }
                let s = Speedup.paired(baseline: baselineTimes, variant: variantTimes, restriction: model.restriction,
                                       evaluationInterval: model.tieFloor ? model.evaluationInterval : nil)!
                let verdict = SpeedVerdict(s, adjustedPValue: s.pValue)
                // Compared on the log scale, where the interval is computed.
                if let interval = s.logRatio.confidenceInterval, s.confidenceInterval != nil {
                    if interval.contains(logTruth) { covered += 1 }
                } else {
                    missing += 1
                }
                if verdict == .faster { decided += 1 }
                if verdict == .equivalent { equivalent += 1 }
            }
        }
        let r = Double(replicates)
        return Row(scenario: scenario, seeds: n, truth: truth, coverage: Double(covered + missing) / r,
                   noInterval: Double(missing) / r, betterOrFaster: Double(decided) / r, equivalent: Double(equivalent) / r)
    }
}

extension SeededGenerator {
    /// A standard normal Double by Box–Muller from two 53-bit uniforms (the generator's own `normal()` is Float).
    mutating func gaussian() -> Double {
        var u1: Double
        repeat { u1 = Double(next() >> 11) * 0x1p-53 } while u1 == 0
        let u2 = Double(next() >> 11) * 0x1p-53
        return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * .pi * u2)
    }
}
