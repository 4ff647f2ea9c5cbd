import Foundation
import RealModule
import Testing
@testable import ActivationLab

/// Coverage is tested, not assumed (issue 11, item 2): simulated null and non-null comparisons, 2,000
/// replicates per case from a fixed seed, n = 3, 5 and 10 seeds, for the paired accuracy difference and the
/// speed-up (t on log ratios of restricted times) with integer-valued (grid) and censored times. Each
/// asserted 95% interval must cover the truth 93–97% of the time (±4 binomial standard errors around 95%
/// at 2,000 replicates), and the false "faster" ("better") rate under the null must stay ≤ 3%.
/// The models and their truths are described in `CoverageSimulation`.
///
/// Scenarios (steps; an epoch is 400 steps, validation every 50 steps = 8 evaluations per epoch, the
/// resolution issue 11 asks for):
/// - accuracy: μ = 0.88, seed spread 1.2 points shared, run noise 0.2 points each (paired differences
///   spread ≈ 0.3 points, as measured on a deep MLP in the issue); δ = 0 and δ = 0.4 points.
/// - speed, grid: target reached after ~1 epoch (T₀ = 400, so ~8 evaluations: many ties), budget 10
///   epochs (no censoring); θ = 1 and 1.3.
/// - speed, censored: T₀ = 3 epochs, budget τ = 4 epochs: ~16% of baseline runs never reach the target.
/// - stress (reported, coverage not asserted, false faster still ≤ 3%): whole-epoch evaluation
///   (k = 400, ~3 evaluations to target, the old resolution) and heavy censoring (τ = T₀: half the runs
///   censored). There the interval is conservative under the null (it covers more than 97%, so it claims
///   less, never more) and can under-cover under the alternative at n ≤ 5; see docs/statistics.md.
///
/// Estimator history: plain t on log ratios gives a zero-width interval whenever every pair ties on the
/// grid (all log ratios equal). On the whole-epoch grid with θ = 1.3 and n = 3 that happened in ~7% of
/// the replicates: 5% came out a false "equivalent" (all ties at ratio 1, interval [1, 1]) and coverage
/// was 91.5% counting only real intervals (the "no tie floor" row). `Speedup` now replaces a zero spread
/// by the spread the grid rounding alone creates, only then (applied always, as max(s, floor), a prototype
/// over-covered under the null: 99.5% at whole epochs, 97.8% at ~8 evaluations to target with 22%
/// censoring). With it: no false "equivalent", 98.5% coverage. A paired BCa bootstrap was not
/// needed: with n = 3 it has only 10 distinct resamples, and it covered 72.7% / 83.4% / 89.5% at
/// n = 3 / 5 / 10 on normal data (scripts/bca_coverage_check.py).
@Suite struct CoverageSimulationTests {
    static let replicates = 2000
    static let seedCounts = [3, 5, 10]

    static let scenarios: [CoverageSimulation.Scenario] = {
        typealias S = CoverageSimulation.Scenario
        func grid(_ ratio: Double) -> CoverageSimulation.SpeedModel {
            .init(baselineMedian: 400, ratio: ratio, evaluationInterval: 50, restriction: 4000)
        }
        func censored(_ ratio: Double) -> CoverageSimulation.SpeedModel {
            .init(baselineMedian: 1200, ratio: ratio, evaluationInterval: 50, restriction: 1600)
        }
        func wholeEpochs(_ ratio: Double, tieFloor: Bool = true) -> CoverageSimulation.SpeedModel {
            .init(baselineMedian: 1200, ratio: ratio, evaluationInterval: 400, restriction: 4000, tieFloor: tieFloor)
        }
        func heavyCensoring(_ ratio: Double) -> CoverageSimulation.SpeedModel {
            .init(baselineMedian: 1200, ratio: ratio, evaluationInterval: 50, restriction: 1200)
        }
        return [
            S(name: "accuracy, null", model: .accuracy(.init(effect: 0)), asserted: true),
            S(name: "accuracy, +0.4 points", model: .accuracy(.init(effect: 0.004)), asserted: true),
            S(name: "speed grid, null", model: .speed(grid(1)), asserted: true),
            S(name: "speed grid, θ = 1.3", model: .speed(grid(1.3)), asserted: true),
            S(name: "speed censored, null", model: .speed(censored(1)), asserted: true),
            S(name: "speed censored, θ = 1.3", model: .speed(censored(1.3)), asserted: true),
            S(name: "stress: whole epochs, null", model: .speed(wholeEpochs(1)), asserted: false),
            S(name: "stress: whole epochs, θ = 1.3", model: .speed(wholeEpochs(1.3)), asserted: false),
            S(name: "stress: whole epochs, θ = 1.3, plain t (no tie floor)",
              model: .speed(wholeEpochs(1.3, tieFloor: false)), asserted: false),
            S(name: "stress: half censored, null", model: .speed(heavyCensoring(1)), asserted: false),
            S(name: "stress: half censored, θ = 1.3", model: .speed(heavyCensoring(1.3)), asserted: false),
        ]
    }()

    @Test func intervalsKeepTheirCoverage() {
        var rows: [CoverageSimulation.Row] = []
        for (index, scenario) in Self.scenarios.enumerated() {
            for n in Self.seedCounts {
                rows.append(CoverageSimulation.run(scenario, seeds: n, replicates: Self.replicates,
                                                   seed: 20_261_100 + UInt64(index * 100 + n)))
            }
        }
        print(Self.table(rows))
        for row in rows {
            let label = "\(row.scenario.name), n = \(row.seeds)"
            if row.scenario.asserted {
                #expect(row.coverage >= 0.93 && row.coverage <= 0.97, "coverage \(row.coverage) in \(label)")
            }
            if row.scenario.isNull {
                #expect(row.betterOrFaster <= 0.03, "false better/faster rate \(row.betterOrFaster) in \(label)")
            }
        }
    }

    /// The exact truth of the speed models against a Monte Carlo of 200,000 runs per arm (separate seed).
    @Test func speedTruthMatchesMonteCarlo() {
        var rng = SeededGenerator(seed: 7_777)
        for scenario in Self.scenarios {
            guard case .speed(let model) = scenario.model else { continue }
            let draws = 200_000
            var sum = 0.0, sumSquares = 0.0
            for _ in 0..<draws {
                let sigma = (model.seedSD * model.seedSD + model.runSD * model.runSD).squareRoot()
                let baseline = model.observed(model.baselineMedian * Double.exp(sigma * rng.gaussian()))
                let variant = model.observed(model.baselineMedian / model.ratio * Double.exp(sigma * rng.gaussian()))
                let l = Double.log(baseline.restricted(to: model.restriction) / variant.restricted(to: model.restriction))
                sum += l
                sumSquares += l * l
            }
            let mean = sum / Double(draws)
            let standardError = ((sumSquares / Double(draws) - mean * mean) / Double(draws)).squareRoot()
            #expect(abs(mean - model.truthLogRatio) <= 4 * standardError,
                    "\(scenario.name): Monte Carlo \(mean) ± \(standardError) vs exact \(model.truthLogRatio)")
        }
    }

    /// The coverage table as Markdown (printed by the test; docs/statistics.md quotes it).
    static func table(_ rows: [CoverageSimulation.Row]) -> String {
        func percent(_ x: Double) -> String { String(format: "%.1f", x * 100) }
        var lines = [
            "Coverage simulation: \(replicates) replicates per row, 95% intervals, verdicts at α = 0.05.",
            "| scenario | n | truth | coverage % | no interval % | better/faster % | equivalent % | asserted |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for row in rows {
            let truth: String
            switch row.scenario.model {
            case .accuracy: truth = String(format: "%+.1f pt", row.truth * 100)
            case .speed: truth = String(format: "%.4f×", row.truth)
            }
            lines.append("| \(row.scenario.name) | \(row.seeds) | \(truth) | \(percent(row.coverage)) | "
                + "\(percent(row.noInterval)) | \(percent(row.betterOrFaster)) | \(percent(row.equivalent)) | "
                + (row.scenario.asserted ? "93–97%" : "reported") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
