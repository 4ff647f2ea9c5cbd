import RealModule
import Testing
@testable import ActivationLab

@Suite struct PairedVerdictTests {
    /// A paired difference with the given per-seed differences.
    private func difference(_ d: [Double]) -> MeanDifference { MeanDifference(differences: d)! }

    @Test func verdictStringsAreExactlyTheDocumentedOnes() {
        #expect(AccuracyVerdict.allCases.map(\.rawValue) == ["better", "worse", "equivalent", "inconclusive"])
        #expect(SpeedVerdict.allCases.map(\.rawValue) == ["faster", "slower", "equivalent", "inconclusive"])
        #expect(AnalysisMethod.allCases.map(\.rawValue) == ["paired", "unpaired"])
    }

    @Test func accuracyRules() {
        // Clearly above 0 and beyond the margin.
        let better = difference([0.011, 0.009, 0.012, 0.010, 0.008])
        #expect(AccuracyVerdict(better, adjustedPValue: better.pValue) == .better)
        let worse = difference([-0.011, -0.009, -0.012, -0.010, -0.008])
        #expect(AccuracyVerdict(worse, adjustedPValue: worse.pValue) == .worse)
        // Significant but smaller than the margin: equivalent takes precedence.
        let small = difference([0.0021, 0.0019, 0.0022, 0.0020, 0.0018])
        #expect(small.pValue! < 0.001)
        #expect(AccuracyVerdict(small, adjustedPValue: small.pValue) == .equivalent)
        // Raw p < 0.05 but not after Holm: inconclusive.
        let borderline = difference([0.004, 0.012, 0.001, 0.009, 0.006])
        #expect(borderline.pValue! < 0.05)
        #expect(AccuracyVerdict(borderline, adjustedPValue: borderline.pValue) == .better)
        #expect(AccuracyVerdict(borderline, adjustedPValue: min(1, 3 * borderline.pValue!)) == .inconclusive)
        // No interval (one seed), or no test.
        #expect(AccuracyVerdict(difference([0.05]), adjustedPValue: nil) == .inconclusive)
        #expect(AccuracyVerdict(better, adjustedPValue: nil) == .inconclusive)
        // A wider margin makes the same data equivalent; units are fractions.
        #expect(AccuracyVerdict(borderline, adjustedPValue: 0.2, margin: 0.03) == .equivalent)
    }

    @Test func anAALikeComparisonIsEquivalentAndALargeEffectIsWorseAndSlower() throws {
        let baseline = [0.8812, 0.8790, 0.8855, 0.8801, 0.8830]
        let aa = try #require(MeanDifference.paired(variant: baseline.map { $0 + 0.0003 * (($0 * 1e4).truncatingRemainder(dividingBy: 3) - 1) },
                                                    baseline: baseline))
        #expect(AccuracyVerdict(aa, adjustedPValue: aa.pValue) == .equivalent)
        let sigmoid = try #require(MeanDifference.paired(variant: [0.62, 0.58, 0.66, 0.60, 0.64], baseline: baseline))
        #expect(AccuracyVerdict(sigmoid, adjustedPValue: sigmoid.pValue) == .worse)
        let slow = try #require(Speedup.paired(
            baseline: [.reached(400), .reached(450), .reached(350), .reached(500), .reached(400)],
            variant: [.reached(1800), .censored(2000), .reached(1500), .censored(2000), .reached(1900)],
            restriction: 2000, evaluationInterval: 50))
        #expect(SpeedVerdict(slow, adjustedPValue: slow.pValue) == .slower)
    }

    @Test func speedRules() throws {
        func speedup(_ ratios: [Double]) -> Speedup {
            Speedup.paired(baseline: ratios.map { .reached(1000 * $0) }, variant: ratios.map { _ in .reached(1000) },
                           restriction: 1e6)!
        }
        #expect(SpeedVerdict(speedup([1.5, 1.4, 1.6, 1.45]), adjustedPValue: speedup([1.5, 1.4, 1.6, 1.45]).pValue) == .faster)
        let slower = speedup([0.7, 0.75, 0.65, 0.72])
        #expect(SpeedVerdict(slower, adjustedPValue: slower.pValue) == .slower)
        let same = speedup([1.01, 0.99, 1.02, 0.995, 1.0])
        #expect(SpeedVerdict(same, adjustedPValue: same.pValue) == .equivalent)
        let unclear = speedup([1.3, 0.8, 1.1])
        #expect(SpeedVerdict(unclear, adjustedPValue: unclear.pValue) == .inconclusive)
        // The margin is a ratio, symmetric on the log scale: within [1/1.1, 1.1].
        let low = speedup([0.93, 0.935, 0.94, 0.932])
        #expect(SpeedVerdict(low, adjustedPValue: 1) == .equivalent)
        #expect(SpeedVerdict(low, adjustedPValue: 1, margin: 1.05) == .inconclusive)
    }

    @Test func seedsToDecideFollowsTheExpectedHalfWidth() throws {
        // m = 0.002, s = 0.004, margin 0.005: within the margin once t_{n−1}·s/√n ≤ 0.003, first at n = 10
        // (t₉ = 2.262: 0.00286; t₈ = 2.306 at n = 9: 0.00307); excluding 0 would need n = 18.
        #expect(SeedsToDecide(mean: 0.002, spread: 0.004, margin: 0.005, currentSeeds: 3) == .seeds(10))
        #expect(SeedsToDecide(mean: 0.002, spread: 0.004, margin: 0.0, currentSeeds: 3) == .seeds(18))
        // Against a linear search over a grid of cases.
        for mean in [0.0, 0.001, 0.004, 0.02, -0.01] {
            for spread in [0.001, 0.005, 0.03] {
                for current in [1, 3, 5, 10] {
                    let found = SeedsToDecide(mean: mean, spread: spread, margin: 0.005, currentSeeds: current)
                    let linear = (max(current + 1, 2)...1000).first { n in
                        let h = StudentT.quantile(0.975, degreesOfFreedom: Double(n - 1)) * spread / Double(n).squareRoot()
                        return abs(mean) > h || abs(mean) + h <= 0.005
                    }
                    #expect(found == (linear.map { .seeds($0) } ?? .moreThan(1000)), "m=\(mean) s=\(spread) n=\(current)")
                }
            }
        }
        // Undefined spread or none: nil. A mean of 0 with no margin: never decided.
        #expect(SeedsToDecide(mean: 0.01, spread: nil, margin: 0.005, currentSeeds: 1) == nil)
        #expect(SeedsToDecide(mean: 0.01, spread: 0, margin: 0.005, currentSeeds: 3) == nil)
        #expect(SeedsToDecide(mean: 0, spread: 0.01, margin: 0, currentSeeds: 3) == .moreThan(1000))
        #expect(SeedsToDecide(mean: 0.002, spread: 0.004, margin: 0.005, currentSeeds: 3, cap: 8) == .moreThan(8))
        // Speed works on the log scale with margin log 1.1.
        let s = try #require(Speedup.paired(baseline: [.reached(1300), .reached(800), .reached(1100)],
                                            variant: [.reached(1000), .reached(1000), .reached(1000)],
                                            restriction: 5000))
        let expected = SeedsToDecide(mean: s.logRatio.estimate, spread: s.logRatio.spread, margin: Double.log(1.1),
                                     currentSeeds: 3)
        #expect(SeedsToDecide(s) == expected && expected != nil)
    }

    @Test func comparisonAdjustsEachFamilyAcrossVariants() throws {
        let clear = difference([0.011, 0.009, 0.012, 0.010, 0.008])
        let borderline = difference([0.004, 0.012, 0.001, 0.009, 0.006])  // p = 0.029
        let noisy = difference([0.01, -0.012, 0.004, -0.003, 0.002])
        let fast = Speedup.paired(baseline: [.reached(1500), .reached(1400), .reached(1600)],
                                  variant: [.reached(1000), .reached(1000), .reached(1000)], restriction: 5000)
        let verdicts = VariantVerdict.forComparison(accuracy: [clear, borderline, noisy, nil],
                                                    speed: [fast, nil, nil, nil])
        // Holm over the three accuracy tests made: borderline's p is the second largest, ×2 = 0.057.
        #expect(verdicts.map(\.accuracyVerdict) == [.better, .inconclusive, .inconclusive, .inconclusive])
        #expect(verdicts.map(\.speedVerdict) == [.faster, .inconclusive, .inconclusive, .inconclusive])
        let holm = Holm.adjusted([clear.pValue!, borderline.pValue!, noisy.pValue!])
        #expect(verdicts.prefix(3).map(\.accuracyAdjustedPValue) == holm)
        #expect(verdicts[3].accuracyAdjustedPValue == nil)
        // The speed family has a single test: adjusted = raw.
        #expect(verdicts[0].speedAdjustedPValue == fast!.pValue)
        // Seeds to decide only for inconclusive verdicts with a spread, at α/3 for three tests.
        #expect(verdicts[0].seedsToDecide == nil)
        #expect(verdicts[1].accuracySeedsToDecide == SeedsToDecide(borderline, alpha: 0.05 / 3))
        #expect(verdicts[1].seedsToDecide == verdicts[1].accuracySeedsToDecide)
        #expect(verdicts[3].seedsToDecide == nil)
    }
}

/// A comparison in which no run reached the target before the budget ran out says nothing about speed.
@Suite struct SpeedupWithoutInformationTests {
    @Test func runsThatAllEndAtTheBudgetGiveNoSpeedup() {
        let atBudget: [CensoredTime] = [.reached(100), .reached(100)], never: [CensoredTime] = [.censored(100), .censored(100)]
        let atTheEnd = Speedup.paired(baseline: never, variant: atBudget, restriction: 100, evaluationInterval: 10)
        #expect(atTheEnd?.confidenceInterval == nil && atTheEnd.map { SpeedVerdict($0, adjustedPValue: $0.pValue) } == .inconclusive)
        #expect(Speedup.unpaired(baseline: never, variant: never, restriction: 100)?.confidenceInterval == nil)
        #expect(Speedup.paired(baseline: [.reached(50), .reached(60)], variant: never, restriction: 100)?.confidenceInterval != nil)
    }
}
