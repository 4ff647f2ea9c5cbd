import Foundation
import Testing
@testable import ActivationLab

/// Verdicts of each paper on constructed statistics: supported, not supported and inconclusive.
private let scale = ReproductionScale(
    mode: "test", dataset: "sample", seeds: 5, trainLimit: 500, epochs: 6, hidden: 8, deepHidden: 8,
    includeCNN: false, cnnTrainLimit: nil, cnnEpochs: 1, residualTrainLimit: nil, residualEpochs: 1, textCorpus: nil,
    lmVocabulary: 10, lmEntryLimit: nil, lmEpochs: 1, curvatureSeeds: 2, curvatureHidden: [4], curvatureSamples: 20,
    curvatureSteps: 1, curvatureData: "synthetic")
private let context = ReproductionContext(scale: scale, sampleShape: [1, 28, 28], classCount: 10)

/// Five runs that reach `final` (± `noise`, alternating) at epoch `reach` of 6.
private func runs(_ final: Double, reach: Int = 3, noise: Double = 0.002) -> [RunCurve] {
    (0..<5).map { i in
        let value = final + (i % 2 == 0 ? noise : -noise) * Double(i % 3)
        let accuracy = (1...6).map { $0 < reach ? value - 0.2 : value }
        return RunCurve(trainLoss: (1...6).map { 1 / Double($0) }, validationAccuracy: accuracy,
                        elapsedSeconds: (1...6).map(Double.init))
    }
}

/// `curves` by the reproduction's variant keys (`ga`, `linear-exp`, …).
private func outcome(_ planned: PlannedComparison, _ curves: [String: [RunCurve]]) -> ComparisonOutcome {
    let keys = Dictionary(uniqueKeysWithValues: planned.specNames.map { ($0.value, $0.key) })
    let stored = planned.comparison.variants.map {
        VariantStatistics(name: $0.name, curves: keys[$0.name].flatMap { curves[$0] } ?? [], target: 0.5)
    }
    let target = ReproductionRunner.target(baseline: stored.first, fallback: 0.8)
    return ComparisonOutcome(planned: planned, statistics: stored.map { VariantStatistics(name: $0.name, curves: $0.curves, target: target) },
                             target: target, epochs: 6)
}

private func verdict(_ reproduction: any Reproduction, _ curves: [String: [RunCurve]]) throws -> ReproductionOutcome {
    let planned = try reproduction.comparisons(context)
    let analysis = try reproduction.analyze(context, outcomes: planned.map { outcome($0, curves) }) { _ in }
    return analysis.rule.outcome(analysis.measurements)
}

@Suite struct PaperRuleTests {
    @Test func xu() throws {
        let good: [String: [RunCurve]] = [
            "relu": runs(0.85), "leaky-relu": runs(0.85), "very-leaky-relu": runs(0.85), "sigmoid": runs(0.40, reach: 7),
            "scaled-sigmoid": runs(0.84), "tanh": runs(0.84), "penalized-tanh": runs(0.86),
        ]
        #expect(try verdict(XuReproduction(), good) == .supported)
        var bad = good
        bad["penalized-tanh"] = runs(0.75)
        #expect(try verdict(XuReproduction(), bad) == .notSupported)
        var noisy = good
        noisy["scaled-sigmoid"] = runs(0.84, noise: 0.05)
        #expect(try verdict(XuReproduction(), noisy) == .inconclusive)
    }

    @Test func oland() throws {
        let specs = OlandReproduction.heads.map(\.head)
        let boost = "linear-exp-error"
        let planned = try OlandReproduction().comparisons(context)[0]
        #expect(planned.specNames[boost] == "relu+head=linear-exp-error+lr=\(OlandReproduction.learningRates["mlp"]!["linear-exp-error"]!)")
        var curves = Dictionary(uniqueKeysWithValues: specs.map { ($0, runs(0.85, reach: 5)) })
        curves["softmax-ce"] = runs(0.85, reach: 4)
        #expect(try verdict(OlandReproduction(), curves) == .notSupported)  // every head slower
        curves[boost] = runs(0.85, reach: 2)
        #expect(try verdict(OlandReproduction(), curves) == .supported)
        curves[boost] = runs(0.80, reach: 2)  // faster but 5 points worse
        #expect(try verdict(OlandReproduction(), curves) == .notSupported)
        curves[boost] = runs(0.85, reach: 2, noise: 0.03)  // accuracy too noisy to tell
        #expect(try verdict(OlandReproduction(), curves) == .inconclusive)
    }

    /// The warm-up is 100 steps, or the first third of a run shorter than 300 steps (quick mode's CNN).
    @Test func olandWarmupFitsTheRunLength() {
        var base = TrainingConfiguration()
        base.epochs = 4
        #expect(OlandReproduction.schedule(base) == .warmup(steps: 100, then: .constant))  // the whole training set
        base.trainLimit = 10_000
        #expect(OlandReproduction.schedule(base) == .warmup(steps: 100, then: .constant))  // 79 steps × 4 epochs
        base.trainLimit = 2_000
        base.epochs = 2
        #expect(OlandReproduction.schedule(base) == .warmup(steps: 10, then: .constant))   // 16 steps × 2 epochs
        base.trainLimit = 10
        #expect(OlandReproduction.schedule(base) == .warmup(steps: 1, then: .constant))
    }

    /// On the user's own CSV data: Williams maps features to [0, 1] (the explicit solution needs them
    /// non-negative, and CSV data is standardised by default); Vatanen centres images but keeps CSV's
    /// standardisation, which is zero-mean already.
    @Test func eachPaperNormalisesOwnDataAsItNeeds() throws {
        func normalization(_ reproduction: any Reproduction, _ dataset: String, shape: [Int]) throws -> Normalization? {
            let context = ReproductionContext(scale: .quick(dataset: dataset), sampleShape: shape, classCount: 3)
            return try reproduction.comparisons(context)[0].comparison.base.normalization
        }
        #expect(try normalization(WilliamsReproduction(), "csv:data.csv", shape: [20]) == .unitRange)
        #expect(try normalization(WilliamsReproduction(), "fashion-mnist", shape: [1, 28, 28]) == .unitRange)
        #expect(try normalization(VatanenReproduction(), "csv:data.csv", shape: [20]) == nil)
        #expect(try normalization(VatanenReproduction(), "fashion-mnist", shape: [1, 28, 28]) == .center)
    }

    @Test func su() throws {
        let specs = SuReproduction.mlpVariants.map(\.key)
        var curves = Dictionary(uniqueKeysWithValues: specs.map { ($0, runs(0.85)) })
        #expect(try verdict(SuReproduction(), curves) == .notSupported)  // equal accuracy: no gain of half a point
        curves["hdfgd-sa"] = runs(0.87)
        #expect(try verdict(SuReproduction(), curves) == .supported)
        curves["hdfgd-sa"] = runs(0.85, noise: 0.02)
        #expect(try verdict(SuReproduction(), curves) == .inconclusive)
    }

    @Test func vatanen() {
        func ms(_ speed: (Double, Double), _ acc: (Double, Double), _ angle: (Double, Double)) -> [ReproductionMeasurement] {
            [ReproductionMeasurement(key: "mlp.speedup.ab", label: "", estimate: 1, low: speed.0, high: speed.1, method: "", count: 5),
             ReproductionMeasurement(key: "mlp.acc.ab", label: "", estimate: 0, low: acc.0, high: acc.1, method: "", count: 5),
             ReproductionMeasurement(key: "curvature.angle.ab-minus-none", label: "", estimate: 0, low: angle.0, high: angle.1, method: "", count: 5)]
        }
        #expect(VatanenReproduction.rule.outcome(ms((1.2, 1.5), (-0.005, 0.004), (-10, -2))) == .supported)
        #expect(VatanenReproduction.rule.outcome(ms((1.2, 1.5), (-0.005, 0.004), (2, 10))) == .notSupported)
        #expect(VatanenReproduction.rule.outcome(ms((0.9, 1.5), (-0.005, 0.004), (-10, -2))) == .inconclusive)
    }

    @Test func williams() {
        func ms(_ gap: (Double, Double), _ warm: (Double, Double), _ ratio: (Double, Double), _ ppl: (Double, Double)) -> [ReproductionMeasurement] {
            [ReproductionMeasurement(key: "fm.cold-final-minus-explicit", label: "", estimate: 0, low: gap.0, high: gap.1, method: "", count: 5),
             ReproductionMeasurement(key: "fm.warm-minus-cold", label: "", estimate: 0, low: warm.0, high: warm.1, method: "", count: 5),
             ReproductionMeasurement(key: "lm.explicit-over-cold", label: "", estimate: 1, low: ratio.0, high: ratio.1, method: "", count: 5),
             ReproductionMeasurement(key: "lm.warm-minus-cold", label: "", estimate: 0, low: ppl.0, high: ppl.1, method: "", count: 5)]
        }
        let rule = WilliamsReproduction.rule(languageModel: true)
        #expect(rule.outcome(ms((0.005, 0.015), (0.001, 0.01), (1.0, 1.05), (-5, -1))) == .supported)
        #expect(rule.outcome(ms((0.15, 0.2), (0.001, 0.01), (1.0, 1.05), (-5, -1))) == .notSupported)
        #expect(rule.outcome(ms((0.005, 0.015), (-0.01, 0.01), (1.0, 1.05), (-5, -1))) == .inconclusive)
        // Without the language model its leaves are absent from the rule.
        #expect(!WilliamsReproduction.rule(languageModel: false).keys.contains { $0.hasPrefix("lm.") })
    }
}
