import Foundation
import Testing
@testable import ActivationLab

/// Reference values written by `scripts/stats_fixtures.py` (NumPy/SciPy, and an independent Python
/// reimplementation of the seeded bootstrap).
private struct Fixtures: Decodable {
    struct SummaryCase: Decodable { let values: [Double]; let mean, sd, low, high: Double }
    struct QuantileCase: Decodable { let p, df, quantile: Double }
    struct CDFCase: Decodable { let t, df, cdf: Double; let two_sided_p: Double }
    struct WelchCase: Decodable { let a, b: [Double]; let t, df, p: Double }
    struct GeneratorCase: Decodable {
        struct Bounded: Decodable { let bound: UInt64; let value: UInt64 }
        let seed: UInt64; let raw: [String]; let bounded_seed: UInt64; let bounded: [Bounded]
    }
    struct BootstrapCase: Decodable {
        let baseline, variant: [Double]; let resamples: Int; let seed: UInt64; let estimate, low, high: Double
    }
    struct TargetCase: Decodable {
        struct Curve: Decodable { let accuracy, elapsed: [Double] }
        let curves: [Curve]; let target: Double; let runs, reached: Int
        let median_epochs, median_seconds, mean_epochs_of_reached, mean_seconds_of_reached: Double?
    }
    struct SmoothnessCase: Decodable {
        let loss: [Double]; let mean_absolute_change, mean_relative_change, excess_variation: Double
    }
    let summary: [SummaryCase]
    let t_quantile: [QuantileCase]
    let t_cdf: [CDFCase]
    let welch: [WelchCase]
    let generator: GeneratorCase
    let bootstrap: [BootstrapCase]
    let time_to_target: [TargetCase]
    let smoothness: [SmoothnessCase]

    static func load() throws -> Fixtures {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/statistics.json")
        return try JSONDecoder().decode(Fixtures.self, from: Data(contentsOf: url))
    }
}

/// |a − b| ≤ tolerance · max(|b|, 1e-300) … with an absolute floor for values near zero.
private func close(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-14) -> Bool {
    abs(a - b) <= max(relative * abs(b), absolute)
}

private func curve(_ c: Fixtures.TargetCase.Curve) -> RunCurve {
    RunCurve(trainLoss: c.accuracy.map { 1 - $0 }, validationAccuracy: c.accuracy, elapsedSeconds: c.elapsed)
}

@Suite struct StatisticsTests {
    @Test func studentTQuantilesMatchSciPy() throws {
        for c in try Fixtures.load().t_quantile {
            let q = StudentT.quantile(c.p, degreesOfFreedom: c.df)
            #expect(close(q, c.quantile, relative: 1e-10), "t quantile p=\(c.p) df=\(c.df): \(q) vs \(c.quantile)")
        }
    }

    @Test func studentTCDFAndTwoSidedPMatchSciPy() throws {
        for c in try Fixtures.load().t_cdf {
            let cdf = StudentT.cdf(c.t, degreesOfFreedom: c.df)
            let p = StudentT.twoSidedPValue(c.t, degreesOfFreedom: c.df)
            #expect(close(cdf, c.cdf, relative: 1e-10), "cdf t=\(c.t) df=\(c.df): \(cdf) vs \(c.cdf)")
            #expect(close(p, c.two_sided_p, relative: 1e-10), "p t=\(c.t) df=\(c.df): \(p) vs \(c.two_sided_p)")
        }
    }

    @Test func summaryMatchesSciPy() throws {
        for c in try Fixtures.load().summary {
            let s = try #require(Summary(c.values))
            #expect(s.count == c.values.count)
            #expect(close(s.mean, c.mean))
            #expect(close(try #require(s.standardDeviation), c.sd))
            let ci = try #require(s.confidenceInterval)
            #expect(close(ci.lowerBound, c.low), "\(ci.lowerBound) vs \(c.low)")
            #expect(close(ci.upperBound, c.high), "\(ci.upperBound) vs \(c.high)")
        }
    }

    @Test func summaryEdgeCasesHaveNoNaN() throws {
        #expect(Summary([]) == nil)
        #expect(Summary([1, .nan]) == nil)
        let one = try #require(Summary([0.9]))
        #expect(one.mean == 0.9 && one.standardDeviation == nil && one.confidenceInterval == nil)
        let constant = try #require(Summary([0.5, 0.5, 0.5]))
        #expect(constant.standardDeviation == 0 && constant.confidenceInterval == 0.5...0.5)
    }

    @Test func welchMatchesSciPy() throws {
        for c in try Fixtures.load().welch {
            let w = try #require(WelchTest(c.a, c.b))
            #expect(close(w.t, c.t, absolute: 1e-12), "t \(w.t) vs \(c.t)")
            #expect(close(w.degreesOfFreedom, c.df), "df \(w.degreesOfFreedom) vs \(c.df)")
            #expect(close(w.pValue, c.p), "p \(w.pValue) vs \(c.p)")
        }
    }

    @Test func welchIsUndefinedForTinyOrConstantSamples() {
        #expect(WelchTest([0.9], [0.8, 0.85]) == nil)
        #expect(WelchTest([0.9, 0.9], [0.8, 0.8]) == nil)
    }

    @Test func generatorMatchesPythonReimplementation() throws {
        let g = try Fixtures.load().generator
        var rng = SeededGenerator(seed: g.seed)
        #expect(g.raw.map { UInt64($0)! } == (0..<g.raw.count).map { _ in rng.next() })
        var bounded = SeededGenerator(seed: g.bounded_seed)
        for c in g.bounded {
            // Int cannot hold bounds ≥ 2⁶³; those are only there to exercise the Python rejection loop,
            // and the Swift generator must then be advanced the same way.
            if c.bound > UInt64(Int.max) {
                let b = c.bound
                var product = bounded.next().multipliedFullWidth(by: b)
                if product.low < b {
                    let threshold = (0 &- b) % b
                    while product.low < threshold { product = bounded.next().multipliedFullWidth(by: b) }
                }
                #expect(product.high == c.value)
            } else {
                #expect(UInt64(bounded.integer(below: Int(c.bound))) == c.value, "bound \(c.bound)")
            }
        }
    }

    @Test func bootstrapWithFixedSeedMatchesPython() throws {
        for c in try Fixtures.load().bootstrap {
            let result = try #require(Bootstrap.speedup(baselineTimes: c.baseline, variantTimes: c.variant,
                                                        resamples: c.resamples, seed: c.seed))
            #expect(close(result.estimate, c.estimate, relative: 1e-12))
            #expect(close(result.interval.lowerBound, c.low, relative: 1e-12), "\(result.interval) vs \(c.low)")
            #expect(close(result.interval.upperBound, c.high, relative: 1e-12), "\(result.interval) vs \(c.high)")
            #expect(result.resamples == c.resamples && result.dropped == 0)
        }
    }

    @Test func bootstrapDependsOnSeedAndIsReproducible() throws {
        let a = [30.1, 33.4, 29.8, 31.5, 32.0], b = [24.0, 26.2, 23.1, 25.7, 24.9]
        let first = try #require(Bootstrap.speedup(baselineTimes: a, variantTimes: b, seed: 3))
        let again = try #require(Bootstrap.speedup(baselineTimes: a, variantTimes: b, seed: 3))
        let other = try #require(Bootstrap.speedup(baselineTimes: a, variantTimes: b, seed: 4))
        #expect(first == again)
        #expect(first.interval != other.interval)
    }

    @Test func censoredTimeToTargetMatchesReference() throws {
        for c in try Fixtures.load().time_to_target {
            let times = c.curves.map { TimeToTarget(curve($0), target: c.target) }
            let s = TargetSummary(times)
            #expect(s.runs == c.runs && s.reached == c.reached)
            #expect(s.medianEpochs == (c.median_epochs.map { .value($0) } ?? .notReached))
            #expect(s.medianSeconds == (c.median_seconds.map { .value($0) } ?? .notReached))
            #expect(s.meanEpochsOfReached == c.mean_epochs_of_reached)
            if let expected = c.mean_seconds_of_reached {
                #expect(close(try #require(s.meanSecondsOfReached), expected))
            } else {
                #expect(s.meanSecondsOfReached == nil)
            }
        }
    }

    @Test func smoothnessMatchesNumPy() throws {
        for c in try Fixtures.load().smoothness {
            let s = try #require(Smoothness(trainLoss: c.loss))
            #expect(close(s.meanAbsoluteChange, c.mean_absolute_change))
            #expect(close(s.meanRelativeChange, c.mean_relative_change))
            #expect(close(s.excessVariation, c.excess_variation, absolute: 1e-15))
        }
        #expect(Smoothness(trainLoss: [1.0]) == nil)
        #expect(Smoothness(trainLoss: [1.0, .nan, 0.5]) == nil)
    }
}
