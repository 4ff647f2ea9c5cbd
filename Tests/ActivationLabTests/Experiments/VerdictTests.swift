import Testing
@testable import ActivationLab

/// A run that first reaches `final ≥ target` at epoch 2 after `seconds`, or never if `final` is below.
private func curve(seconds: Double, final: Double, epochs: Int = 2, diverged: Bool = false) -> RunCurve {
    let accuracy = (1..<epochs).map { _ in 0.5 } + [final]
    let elapsed = (1...epochs).map { seconds * Double($0) / Double(epochs) }
    return RunCurve(trainLoss: (1...epochs).map { 1 / Double($0) }, validationAccuracy: accuracy,
                    elapsedSeconds: elapsed, diverged: diverged)
}

@Suite struct VerdictTests {
    @Test func fasterAndSignificant() {
        // Times are the first bootstrap fixture of scripts/stats_fixtures.py (seed 12345, B = 2000):
        // ratio of means 31.36 / 24.78 = 1.2655, SciPy-side percentile CI 1.2008–1.3355.
        let baseline = VariantStatistics(name: "relu", curves: zip([30.1, 33.4, 29.8, 31.5, 32.0],
            [0.86, 0.862, 0.858, 0.861, 0.859]).map { curve(seconds: $0, final: $1) }, target: 0.85)
        let variant = VariantStatistics(name: "penalized-tanh", curves: zip([24.0, 26.2, 23.1, 25.7, 24.9],
            [0.88, 0.882, 0.879, 0.881, 0.878]).map { curve(seconds: $0, final: $1) }, target: 0.85)
        let verdict = Verdict(variant, against: baseline, seed: 12345)
        #expect(verdict.text == "penalized-tanh reaches 85% 1.27× faster than relu (95% CI 1.20–1.34); "
            + "final accuracy +2.0 points, significant (p < 0.001)")
        #expect(verdict.accuracyTest!.pValue < 0.001)

        // The other way round it is slower, with the interval inverted into the same direction.
        let reverse = Verdict(baseline, against: variant, seed: 12345)
        #expect(reverse.text.hasPrefix("relu reaches 85% 1.27× slower than penalized-tanh (95% CI"))
        #expect(reverse.text.hasSuffix("final accuracy -2.0 points, significant (p < 0.001)"))
    }

    @Test func notReachedInSomeRunsIsSaidNotDropped() {
        let baseline = VariantStatistics(name: "relu", curves: [4, 5, 5, 6, 7].map {
            curve(seconds: Double($0) * 10, final: 0.9, epochs: $0)
        }, target: 0.85)
        let variant = VariantStatistics(name: "tanh", curves: [
            curve(seconds: 30, final: 0.86, epochs: 3), curve(seconds: 40, final: 0.87, epochs: 4),
            curve(seconds: 90, final: 0.84, epochs: 9), curve(seconds: 90, final: 0.83, epochs: 9),
            curve(seconds: 50, final: 0.855, epochs: 5),
        ], target: 0.85)
        let verdict = Verdict(variant, against: baseline, measure: .epochs)
        // Medians with censored runs as +∞: tanh sorted 3, 4, 5, ∞, ∞ → 5; relu 4, 5, 5, 6, 7 → 5;
        // mean final accuracy 0.851 vs 0.9 → −4.9 points.
        #expect(verdict.text.hasPrefix("tanh 85% not reached in 2 of 5 runs (median 5 epochs); "
            + "relu reaches 85% in all 5 runs (median 5 epochs); final accuracy -4.9 points, significant (p = "))
        #expect(verdict.speedup == nil)

        let mostlyCensored = VariantStatistics(name: "sigmoid", curves: [
            curve(seconds: 30, final: 0.86), curve(seconds: 30, final: 0.7), curve(seconds: 30, final: 0.7, diverged: true),
        ], target: 0.85)
        let text = Verdict(mostlyCensored, against: baseline).text
        #expect(text.hasPrefix("sigmoid 85% not reached in 2 of 3 runs (median not reached)"))
        #expect(text.hasSuffix("; 1 of 3 runs diverged"))
    }

    @Test func singleRunsAndDegenerateDataNeverPrintNaN() {
        let baseline = VariantStatistics(name: "relu", curves: [curve(seconds: 10, final: 0.87)], target: 0.85)
        let variant = VariantStatistics(name: "elu", curves: [curve(seconds: 8, final: 0.88)], target: 0.85)
        let single = Verdict(variant, against: baseline)
        #expect(single.text == "elu reaches 85% 1.25× faster than relu (1 run, no CI); final accuracy +1.0 points (1 run, no test)")

        let constantA = VariantStatistics(name: "a", curves: [curve(seconds: 10, final: 0.9), curve(seconds: 10, final: 0.9)], target: 0.95)
        let constantB = VariantStatistics(name: "b", curves: [curve(seconds: 10, final: 0.9), curve(seconds: 10, final: 0.9)], target: 0.95)
        let degenerate = Verdict(constantA, against: constantB)
        #expect(degenerate.text == "a 95% not reached in 2 of 2 runs (median not reached); "
            + "b 95% not reached in 2 of 2 runs (median not reached); final accuracy +0.0 points (zero variance, no test)")

        let empty = VariantStatistics(name: "x", curves: [], target: 0.85)
        #expect(Verdict(empty, against: baseline).text == "x: no completed runs")
        for text in [single.text, degenerate.text, Verdict.baselineLine(empty), Verdict.baselineLine(constantA)] {
            #expect(!text.lowercased().contains("nan") && !text.contains("inf"), "\(text)")
        }
    }

    @Test func baselineLineSummarisesItself() {
        let baseline = VariantStatistics(name: "relu", curves: [curve(seconds: 10, final: 0.87), curve(seconds: 14, final: 0.89)],
                                         target: 0.85)
        // mean 88.0%, sd = |0.89 − 0.87| / √2 = 1.41 points; median seconds (10 + 14) / 2 = 12.
        #expect(Verdict.baselineLine(baseline)
            == "relu (baseline) reaches 85% in all 2 runs (median 12 s); final accuracy 88.0% ± 1.4")
    }
}
