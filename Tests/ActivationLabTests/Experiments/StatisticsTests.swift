import Foundation
import Testing
@testable import ActivationLab

/// Reference values written by `scripts/stats_fixtures.py` (NumPy/SciPy, and an independent Python
/// reimplementation of the seeded generator).
private struct Fixtures: Decodable {
    struct SummaryCase: Decodable { let values: [Double]; let mean, sd, low, high: Double }
    struct QuantileCase: Decodable { let p, df, quantile: Double }
    struct CDFCase: Decodable { let t, df, cdf: Double; let two_sided_p: Double }
    struct WelchCase: Decodable { let a, b: [Double]; let t, df, p: Double }
    struct GeneratorCase: Decodable {
        struct Bounded: Decodable { let bound: UInt64; let value: UInt64 }
        let seed: UInt64; let raw: [String]; let bounded_seed: UInt64; let bounded: [Bounded]
    }
    let summary: [SummaryCase]
    let t_quantile: [QuantileCase]
    let t_cdf: [CDFCase]
    let welch: [WelchCase]
    let generator: GeneratorCase

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
}
