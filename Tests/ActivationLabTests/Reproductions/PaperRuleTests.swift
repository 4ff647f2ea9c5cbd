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

/// How one variant's five runs behave: test accuracy around `final` (± `noise`, drawn per variant and seed,
/// so paired differences have a spread) and the validation curve reaching `final` at step `reach` × 100
/// (± up to 20 steps) of a 600-step budget, evaluated every 10 steps.
struct Behaviour {
    var final: Double
    var reach = 3
    var noise = 0.002
}

private func runs(_ final: Double, reach: Int = 3, noise: Double = 0.002) -> Behaviour {
    Behaviour(final: final, reach: reach, noise: noise)
}

/// The evaluation runs of `variant` (its stored name) behaving as `behaviour`, seeds 1–5.
private func records(_ variant: String, _ behaviour: Behaviour) -> [RunRecord] {
    var generator = SeededGenerator(seed: UInt64(truncatingIfNeeded: variant.utf8.reduce(5381) { ($0 &* 33) &+ Int($1) }))
    return (1...5).map { seed in
        let accuracy = behaviour.final + behaviour.noise * Double.random(in: -1...1, using: &generator)
        let reach = behaviour.reach * 100 + Int.random(in: -2...2, using: &generator) * 10
        let evaluations = stride(from: 10, through: 600, by: 10).map { step in
            EvaluationPoint(step: step, epoch: 1 + step / 100, validationAccuracy: step < reach ? 0.3 : accuracy,
                            validationLoss: 1, elapsedSeconds: Double(step) / 100)
        }
        let epochs = (1...6).map { e in
            EpochMetrics(epoch: e, trainLoss: 1 / Double(e), validationLoss: 1, validationAccuracy: evaluations[e * 10 - 1].validationAccuracy,
                         validationCrossEntropy: 1, seconds: 1, elapsedSeconds: Double(e), learningRate: 0.1)
        }
        return RunRecord(variant: variant, seed: UInt64(seed), status: .finished, evaluations: evaluations, epochs: epochs,
                         testAccuracy: accuracy, stepBudget: 600)
    }
}

/// The outcome of `planned` with runs behaving as `behaviours` by the reproduction's variant keys (`ga`, `linear-exp`, …),
/// against a fixed target of 50%.
private func outcome(_ planned: PlannedComparison, _ behaviours: [String: Behaviour]) -> ComparisonOutcome {
    let runs = planned.specNames.flatMap { key, name in behaviours[key].map { records(name, $0) } ?? [] }
    var record = ProtocolRecord(settings: ProtocolSettings())
    record.targetAccuracy = 0.5
    return ComparisonOutcome(planned: planned, runs: runs, record: record)
}

private func verdict(_ reproduction: any Reproduction, _ curves: [String: Behaviour]) throws -> ReproductionOutcome {
    let planned = try reproduction.comparisons(context)
    let analysis = try reproduction.analyze(context, outcomes: planned.map { outcome($0, curves) }) { _ in }
    if ProcessInfo.processInfo.environment["DEBUG_RULE"] != nil { for m in analysis.measurements { print(m.key, m.estimate ?? -1, m.low ?? -1, m.high ?? -1) } }
    return analysis.rule.outcome(analysis.measurements)
}

@Suite struct PaperRuleTests {
    @Test func xu() throws {
        let good: [String: Behaviour] = [
            "relu": runs(0.85), "leaky-relu": runs(0.85), "very-leaky-relu": runs(0.85), "sigmoid": runs(0.40, reach: 7),
            "scaled-sigmoid": runs(0.84), "tanh": runs(0.84), "penalized-tanh": runs(0.86),
            "centered-sigmoid": runs(0.6), "steep-sigmoid": runs(0.5),
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
        let boost = "linear-exp-error"
        let planned = try OlandReproduction().comparisons(context)[0]
        #expect(planned.specNames[boost] == "relu+head=linear-exp-error")
        #expect(planned.comparison.protocolSettings?.tuneObjective == .speed)
        var curves = Dictionary(uniqueKeysWithValues: OlandReproduction.variants.map { ($0.key, runs(0.85, reach: 5)) })
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
        curves["tanh-ga"] = runs(0.87)
        #expect(try verdict(SuReproduction(), curves) == .supported)
        curves["tanh-ga"] = runs(0.85, noise: 0.02)
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
