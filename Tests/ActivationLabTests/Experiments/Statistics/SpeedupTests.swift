import RealModule
import Testing
@testable import ActivationLab

@Suite struct SpeedupTests {
    @Test func pairedMatchesTTestOnLogRestrictedTimes() throws {
        for c in try PairedFixtures.load().speedup {
            let s = try #require(Speedup.paired(baseline: c.baseline.map(\.censoredTime),
                                                variant: c.variant.map(\.censoredTime), restriction: c.tau))
            #expect(s.method == .paired && s.restriction == c.tau)
            #expect(isClose(s.estimate, c.estimate, relative: 1e-12))
            #expect(isClose(try #require(s.pValue), c.p, relative: 1e-9))
            let interval = try #require(s.confidenceInterval)
            #expect(isClose(interval.lowerBound, c.low, relative: 1e-10))
            #expect(isClose(interval.upperBound, c.high, relative: 1e-10))
        }
    }

    @Test func censoredRunsCountAsTheRestrictionNeverMore() throws {
        // Baseline never reaches the target within τ = 1000 on seed 2; the variant needs 500 there.
        let s = try #require(Speedup.paired(baseline: [.reached(800), .censored(1000)],
                                            variant: [.reached(400), .reached(500)], restriction: 1000))
        // Ratios 800/400 = 2 and 1000/500 = 2 (not 1001/500): geometric mean 2.
        #expect(isClose(s.estimate, 2, relative: 1e-12))
        #expect(s.baselineReached == 1 && s.variantReached == 2)
        // A divergence censored early also counts as τ.
        let d = try #require(Speedup.paired(baseline: [.reached(800), .censored(120)],
                                            variant: [.reached(400), .reached(500)], restriction: 1000))
        #expect(d.estimate == s.estimate)
        // A time beyond τ is restricted to τ.
        #expect(CensoredTime.reached(1500).restricted(to: 1000) == 1000)
    }

    @Test func nothingReachedGivesNoInterval() throws {
        let s = try #require(Speedup.paired(baseline: [.censored(1000), .censored(1000), .censored(1000)],
                                            variant: [.censored(1000), .censored(800), .censored(1000)],
                                            restriction: 1000, evaluationInterval: 50))
        #expect(s.estimate == 1)
        #expect(s.confidenceInterval == nil && s.pValue == nil)
        #expect(SpeedVerdict(s, adjustedPValue: s.pValue) == .inconclusive)
    }

    @Test func tiesOnACoarseGridAreNotCertainty() throws {
        // Every seed: both variants reached at the same evaluation (grid of 400 steps): all log ratios 0.
        let baseline: [CensoredTime] = [.reached(1200), .reached(800), .reached(1200)]
        let withoutGrid = try #require(Speedup.paired(baseline: baseline, variant: baseline, restriction: 4000))
        #expect(withoutGrid.confidenceInterval == 1...1)
        let onGrid = try #require(Speedup.paired(baseline: baseline, variant: baseline, restriction: 4000,
                                                 evaluationInterval: 400))
        // Floor: mean of (w_b² + w_v²)/12 with w = 400/t: (2·(1/9) + 2·(1/4) + 2·(1/9))/(3·12).
        let floor = ((2.0 / 9 + 2.0 / 4 + 2.0 / 9) / 36).squareRoot()
        #expect(isClose(try #require(onGrid.logRatio.spread), floor, relative: 1e-12))
        let interval = try #require(onGrid.confidenceInterval)
        // A grid this coarse cannot tell 10% apart with 3 seeds: not "equivalent".
        #expect(interval.lowerBound < 1 / 1.1 && interval.upperBound > 1.1)
        #expect(SpeedVerdict(onGrid, adjustedPValue: onGrid.pValue) == .inconclusive)
        // The same ties on a fine grid (every 25 steps) do support "equivalent".
        let fine = try #require(Speedup.paired(baseline: baseline, variant: baseline, restriction: 4000,
                                               evaluationInterval: 25))
        #expect(SpeedVerdict(fine, adjustedPValue: fine.pValue) == .equivalent)
        // Equal ratios from different times are detected exactly (ratio before the log).
        let equalRatios = try #require(Speedup.paired(baseline: [.reached(2000), .reached(4000), .reached(3000)],
                                                      variant: [.reached(1000), .reached(2000), .reached(1500)],
                                                      restriction: 5000))
        #expect(equalRatios.logRatio.spread == 0 && equalRatios.confidenceInterval == nil)
    }

    @Test func unpairedIsTheRatioOfGeometricMeans() throws {
        let s = try #require(Speedup.unpaired(baseline: [.reached(1000), .reached(1600), .censored(700)],
                                              variant: [.reached(500), .reached(800)], restriction: 2000))
        #expect(s.method == .unpaired)
        let gmBaseline = Double.exp((Double.log(1000) + Double.log(1600) + Double.log(2000)) / 3)
        let gmVariant = Double.exp((Double.log(500) + Double.log(800)) / 2)
        #expect(isClose(s.estimate, gmBaseline / gmVariant, relative: 1e-12))
        #expect(s.confidenceInterval != nil)
    }

    @Test func invalidInputIsRefused() {
        #expect(Speedup.paired(baseline: [.reached(10)], variant: [], restriction: 100) == nil)
        #expect(Speedup.paired(baseline: [.reached(0)], variant: [.reached(5)], restriction: 100) == nil)
        #expect(Speedup.paired(baseline: [.reached(10)], variant: [.reached(5)], restriction: 0) == nil)
        #expect(Speedup.paired(baseline: [.reached(10)], variant: [.censored(0)], restriction: 100) != nil)
    }
}
