import Testing
@testable import ActivationLab

@Suite struct MeanDifferenceTests {
    @Test func pairedMatchesSciPyTtestRel() throws {
        for c in try PairedFixtures.load().paired {
            let d = try #require(MeanDifference.paired(variant: c.variant, baseline: c.baseline))
            #expect(d.method == .paired)
            #expect(d.seeds == c.variant.count)
            #expect(isClose(d.estimate, c.mean, relative: 1e-12))
            #expect(isClose(try #require(d.spread), c.sd, relative: 1e-10))
            #expect(isClose(try #require(d.pValue), c.p, relative: 1e-9), "p \(String(describing: d.pValue)) vs \(c.p)")
            let interval = try #require(d.confidenceInterval)
            #expect(isClose(interval.lowerBound, c.low, relative: 1e-10))
            #expect(isClose(interval.upperBound, c.high, relative: 1e-10))
        }
    }

    @Test func unpairedMatchesSciPyWelch() throws {
        for c in try PairedFixtures.load().unpaired {
            let d = try #require(MeanDifference.unpaired(variant: c.variant, baseline: c.baseline))
            #expect(d.method == .unpaired)
            #expect(isClose(d.estimate, c.estimate, relative: 1e-12))
            #expect(isClose(try #require(d.degreesOfFreedom), c.df, relative: 1e-10))
            #expect(isClose(try #require(d.pValue), c.p, relative: 1e-9))
            let interval = try #require(d.confidenceInterval)
            #expect(isClose(interval.lowerBound, c.low, relative: 1e-10))
            #expect(isClose(interval.upperBound, c.high, relative: 1e-10))
            // The same numbers as the existing WelchTest.
            let welch = try #require(WelchTest(c.variant, c.baseline))
            #expect(isClose(welch.pValue, c.p, relative: 1e-9))
        }
    }

    @Test func pairingRemovesTheSharedSeedSpread() throws {
        // Seed effects of ±1 point shared by both variants, a constant +0.3 point effect with small noise.
        let baseline = [0.880, 0.895, 0.902, 0.871, 0.889]
        let variant = [0.8832, 0.8978, 0.9053, 0.8738, 0.8921]
        let paired = try #require(MeanDifference.paired(variant: variant, baseline: baseline))
        let unpaired = try #require(MeanDifference.unpaired(variant: variant, baseline: baseline))
        #expect(isClose(paired.estimate, unpaired.estimate, relative: 1e-12))
        #expect(try #require(paired.pValue) < 0.001)
        #expect(try #require(unpaired.pValue) > 0.5)
    }

    @Test func oneSeedHasAnEstimateButNoInterval() throws {
        let d = try #require(MeanDifference.paired(variant: [0.91], baseline: [0.90]))
        #expect(isClose(d.estimate, 0.01))
        #expect(d.spread == nil && d.confidenceInterval == nil && d.pValue == nil && d.standardError == nil)
        let u = try #require(MeanDifference.unpaired(variant: [0.91], baseline: [0.90, 0.92]))
        #expect(u.confidenceInterval == nil && u.pValue == nil)
    }

    @Test func identicalRunsGiveAZeroWidthIntervalAndPOne() throws {
        let runs = [0.9012, 0.8876, 0.8954]
        let d = try #require(MeanDifference.paired(variant: runs, baseline: runs))
        #expect(d.estimate == 0 && d.spread == 0)
        #expect(d.confidenceInterval == 0...0)
        #expect(d.pValue == 1)
        let u = try #require(MeanDifference.unpaired(variant: [0.9, 0.9], baseline: [0.9, 0.9, 0.9]))
        #expect(u.confidenceInterval == 0...0 && u.pValue == 1)
    }

    @Test func aConstantNonZeroDifferenceIsNotCertainty() throws {
        // Each run 0.1 points above its baseline; the decimal differences are not bit-identical in binary,
        // which must not be read as a tiny real spread (that would give p ≈ 0).
        let baseline = [0.9002, 0.8524, 0.8713]
        let variant = [0.9012, 0.8534, 0.8723]
        let d = try #require(MeanDifference.paired(variant: variant, baseline: baseline))
        #expect(isClose(d.estimate, 0.001, relative: 1e-9))
        #expect(d.spread == 0)
        #expect(d.confidenceInterval == nil && d.pValue == nil)
        // With the accuracy's resolution (1/10000 examples) the rounding's own spread stands in.
        let r = try #require(MeanDifference.paired(variant: variant, baseline: baseline, resolution: 1e-4))
        #expect(isClose(try #require(r.spread), 1e-4 / 6.0.squareRoot()))
        let interval = try #require(r.confidenceInterval)
        #expect(interval.lowerBound > 0 && interval.upperBound < 0.002)
    }

    @Test func invalidInputIsRefused() {
        #expect(MeanDifference.paired(variant: [0.9, 0.8], baseline: [0.9]) == nil)
        #expect(MeanDifference.paired(variant: [], baseline: []) == nil)
        #expect(MeanDifference.paired(variant: [0.9, .nan], baseline: [0.9, 0.8]) == nil)
        #expect(MeanDifference.unpaired(variant: [], baseline: [0.9]) == nil)
        #expect(MeanDifference.unpaired(variant: [.infinity, 1], baseline: [0.9, 1]) == nil)
    }
}
