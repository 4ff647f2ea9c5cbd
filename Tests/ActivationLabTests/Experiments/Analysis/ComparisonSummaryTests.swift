import Foundation
import Testing
@testable import ActivationLab

/// The summary on constructed run records: A/A is equivalent, a large effect is worse and slower,
/// censoring and old stores are handled, and the JSON has the documented keys.
@Suite struct ComparisonSummaryTests {
    /// A run that reaches `final` validation accuracy, climbing linearly until step `reach` (of 800), with
    /// evaluations every 50 steps.
    static func run(_ variant: String, seed: UInt64, reach: Int, final: Double, test: Double,
                    status: RunStatus = .finished) -> RunRecord {
        let points = stride(from: 50, through: 800, by: 50).map { step in
            EvaluationPoint(step: step, epoch: step / 100 + 1,
                            validationAccuracy: step >= reach ? final : final * Double(step) / Double(reach) * 0.95,
                            validationLoss: 1, elapsedSeconds: Double(step) / 100)
        }
        let epochs = (1...8).map { e in
            EpochMetrics(epoch: e, trainLoss: 1 / Double(e), validationLoss: 1, validationAccuracy: final,
                         validationCrossEntropy: 1, seconds: 1, elapsedSeconds: Double(e), learningRate: 0.1)
        }
        return RunRecord(variant: variant, seed: seed, status: status, configuration: TrainingConfiguration(),
                         evaluations: points, epochs: epochs, testAccuracy: status == .finished ? test : nil, stepBudget: 800)
    }

    static func summary(_ runs: [RunRecord], variants: [String] = ["relu", "b"], record: ProtocolRecord? = nil) -> ComparisonSummary {
        ComparisonSummary(experiment: "x", variants: variants, runs: runs, record: record, fallbackTarget: 0.8)
    }

    @Test func identicalVariantsAreEquivalent() {
        let seeds: [UInt64] = [1, 2, 3, 4, 5]
        let runs = seeds.flatMap { seed in
            let reach = 300 + 50 * Int(seed), test = 0.85 + 0.01 * Double(seed)
            return [Self.run("relu", seed: seed, reach: reach, final: 0.9, test: test),
                    Self.run("b", seed: seed, reach: reach, final: 0.9, test: test + (seed % 2 == 0 ? 0.0005 : -0.0005))]
        }
        let b = Self.summary(runs).variants[1]
        #expect(b.verdictAccuracy == "equivalent")
        #expect(b.verdictSpeed == "equivalent")
        #expect(b.method == "paired")
        #expect(b.speedupSteps?.estimate == 1)
    }

    @Test func aLargeEffectIsWorseAndSlower() {
        let runs = (1...5).flatMap { (seed: UInt64) in
            [Self.run("relu", seed: seed, reach: 200 + 10 * Int(seed), final: 0.9, test: 0.88 + 0.002 * Double(seed)),
             Self.run("b", seed: seed, reach: 500 + 20 * Int(seed), final: 0.86, test: 0.83 + 0.003 * Double(seed))]
        }
        let summary = Self.summary(runs)
        let b = summary.variants[1]
        #expect(b.verdictAccuracy == "worse")
        #expect(b.verdictSpeed == "slower")
        #expect(abs(b.accuracyDelta!.estimate - -0.047) < 1e-9 && b.accuracyDelta!.ciHigh! < 0)
        #expect(b.speedupSteps!.estimate < 0.5)
        #expect(summary.speedUnit == "steps" && summary.accuracyMeasure == "test" && summary.restriction == 800)
        #expect(VerdictLine.lines(summary)[0].hasPrefix("b vs relu — accuracy worse, −4.70 pts"))
    }

    @Test func runsThatNeverReachTheTargetAreCensoredAtTheBudget() {
        let runs = (1...4).flatMap { (seed: UInt64) in
            [Self.run("relu", seed: seed, reach: 200, final: 0.9, test: 0.88),
             Self.run("b", seed: seed, reach: 400, final: seed <= 2 ? 0.7 : 0.9, test: 0.86)]
        }
        let b = Self.summary(runs).variants[1]
        #expect(b.reachedTarget == 2 && VerdictLine.notes(Self.summary(runs)).isEmpty)
        // Two seeds at 200/400 = 0.5, two at 200/800 (censored at τ = 800) = 0.25: geometric mean √(0.5·0.25)·… 
        #expect(abs(b.speedupSteps!.estimate - (0.5 * 0.5 * 0.25 * 0.25).squareRoot().squareRoot()) < 1e-12)
        #expect(b.medianTimeToTarget == 400)
    }

    @Test func divergedRunsScoreTheWorstAccuracyAndNeverReachTheTarget() {
        let runs = (1...3).flatMap { (seed: UInt64) in
            [Self.run("relu", seed: seed, reach: 200, final: 0.9, test: 0.88),
             Self.run("b", seed: seed, reach: 200, final: 0.9, test: 0.88, status: seed == 1 ? .diverged : .finished)]
        }
        let b = Self.summary(runs).variants[1]
        #expect(b.diverged == 1 && b.reachedTarget == 2)
        #expect(abs(b.accuracyDelta!.estimate - (-0.88 / 3)) < 1e-12)
    }

    @Test func runsThatDivergeBeforeTheirFirstEvaluationKeepTheComparisonInSteps() {
        let runs = (1...3).flatMap { (seed: UInt64) -> [RunRecord] in
            var diverged = Self.run("b", seed: seed, reach: 200, final: 0.9, test: 0, status: .diverged)
            diverged.evaluations = []
            return [Self.run("relu", seed: seed, reach: 200 + 50 * Int(seed), final: 0.9, test: 0.88), diverged]
        }
        let summary = Self.summary(runs)
        #expect(summary.speedUnit == "steps" && summary.restriction == 800)
        #expect(summary.variants[1].verdictSpeed == "slower" && summary.variants[1].diverged == 3)
        #expect(VerdictLine.notes(summary) == [VerdictLine.notes(summary)[0]] && VerdictLine.notes(summary)[0].hasPrefix("no run of b reached"))
    }

    /// `report --target-accuracy`: speed recomputed against another target, labelled as not pre-registered.
    @Test func anotherTargetIsRecomputedFromTheStoredEvaluations() {
        let runs = (1...3).flatMap { (seed: UInt64) in
            [Self.run("relu", seed: seed, reach: 200, final: 0.9, test: 0.88), Self.run("b", seed: seed, reach: 400, final: 0.9, test: 0.88)]
        }
        var record = ProtocolRecord(settings: ProtocolSettings())
        (record.targetAccuracy, record.targetSource) = (0.9, "fixed")
        let pinned = Self.summary(runs, record: record)
        let lower = Self.summary(runs, record: ProtocolRecord.overriding(record, target: 0.3))
        #expect(pinned.targetAccuracy == 0.9 && lower.targetAccuracy == 0.3)
        #expect(lower.targetSource.contains("not pre-registered") && lower.targetSource.contains("90.0%"))
        #expect(lower.variants[1].medianTimeToTarget! < pinned.variants[1].medianTimeToTarget!)
    }

    @Test func differentSeedsFallBackToTheUnpairedAnalysis() {
        let runs = [Self.run("relu", seed: 1, reach: 200, final: 0.9, test: 0.88), Self.run("relu", seed: 2, reach: 250, final: 0.9, test: 0.87),
                    Self.run("b", seed: 3, reach: 200, final: 0.9, test: 0.88), Self.run("b", seed: 4, reach: 300, final: 0.9, test: 0.86)]
        #expect(Self.summary(runs).variants[1].method == "unpaired")
    }

    @Test func oldStoresAreJudgedInEpochsOnValidationAccuracy() {
        let runs = (1...3).flatMap { (seed: UInt64) -> [RunRecord] in
            ["relu", "b"].map { name in
                var run = Self.run(name, seed: seed, reach: 200, final: 0.9, test: 0.88)
                run.evaluations = []
                run.testAccuracy = nil
                run.stepBudget = nil
                return run
            }
        }
        let summary = Self.summary(runs)
        #expect(summary.speedUnit == "epochs" && summary.accuracyMeasure == "validation")
        // Every run reaches the target in its first epoch: whole epochs cannot tell the two apart.
        #expect(summary.variants[1].speedupSteps?.estimate == 1 && summary.variants[1].verdictSpeed == "inconclusive")
    }

    @Test func tuningTrialsBecomeTheVariantsTuningCurve() {
        var settings = ProtocolSettings()
        settings.tune = "lr"
        var record = ProtocolRecord(settings: settings)
        record.tunedValues = ["relu": ["lr": 0.1]]
        let trials = [(0.3, RunStatus.diverged), (0.01, .finished), (0.1, .finished)].map { lr, status in
            var run = Self.run("relu [tune 1/3]", seed: ProtocolSettings.firstTuningSeed, reach: 200, final: lr, test: 0, status: status)
            run.kind = .tuning
            run.configuration?.learningRate = lr
            return run
        }
        let summary = Self.summary(trials + [Self.run("relu", seed: 1, reach: 200, final: 0.9, test: 0.9)], variants: ["relu"], record: record)
        let curve = summary.variants[0].tuningCurve
        #expect(curve.map { $0.values["lr"]! } == [0.01, 0.1, 0.3])
        #expect(curve.map(\.diverged) == [false, false, true] && curve[2].validationAccuracy == nil)
        #expect(summary.variants[0].tunedValues == ["lr": 0.1] && summary.variants[0].runs == 1)
    }

    @Test func summaryJSONHasTheDocumentedKeysWithNullsForTheBaseline() throws {
        let runs = (1...3).flatMap { (seed: UInt64) in
            [Self.run("relu", seed: seed, reach: 200, final: 0.9, test: 0.88), Self.run("b", seed: seed, reach: 250, final: 0.9, test: 0.87)]
        }
        let summary = Self.summary(runs)
        let data = try summary.jsonData()
        #expect(try ComparisonSummary.decode(data) == summary)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["experiment"] as? String == "x" && object["target_accuracy"] as? Double == 0.8)
        let variants = try #require(object["variants"] as? [[String: Any]])
        for key in ["name", "baseline", "runs", "learning_rate", "test_accuracy", "accuracy_delta", "speedup_steps",
                    "speedup_seconds", "verdict_accuracy", "verdict_speed", "seeds_to_decide"] {
            #expect(variants.allSatisfy { $0.keys.contains(key) }, "\(key)")
        }
        #expect(variants[0]["accuracy_delta"] is NSNull && variants[0]["verdict_speed"] is NSNull)
        let delta = try #require(variants[1]["accuracy_delta"] as? [String: Any])
        #expect(Set(delta.keys) == ["estimate", "ci_low", "ci_high", "p", "p_holm"])
        #expect(Set((variants[1]["test_accuracy"] as? [String: Any])?.keys ?? [:].keys) == ["mean", "ci_low", "ci_high"])
        #expect(["better", "worse", "equivalent", "inconclusive"].contains(variants[1]["verdict_accuracy"] as? String ?? ""))
    }

    @Test func lossRoughnessIgnoresHowFastALossFalls() {
        let fast = (0..<10).map { exp(-0.5 * Double($0)) }, slow = (0..<10).map { exp(-0.05 * Double($0)) }
        #expect(LossRoughness.of(trainLoss: fast)! < 1e-12 && LossRoughness.of(trainLoss: slow)! < 1e-12)
        let noisy = (0..<10).map { exp(-0.05 * Double($0)) * ($0 % 2 == 0 ? 1.1 : 0.9) }
        #expect(LossRoughness.of(trainLoss: noisy)! > 0.3)
        #expect(LossRoughness.of(trainLoss: [1, 0.5]) == nil && LossRoughness.of(trainLoss: [1, .nan, 0.5]) == nil)
    }
}
