import Foundation
import Testing
@testable import ActivationLab

/// The protocol end to end on the bundled sample: tuning, the pilot, step costs and evaluation, the order
/// in which they are stored, and the verdicts it gives on comparisons whose answer is known.
@Suite(.serialized) struct ProtocolRunnerTests {
    static func comparison(_ variants: [String], model: String = "mlp:784-16-10", seeds: Int = 3, epochs: Int = 3,
                           tune: String = "none", budget: Int = 3, target: String = "auto", evalEvery: Int? = 4,
                           trainLimit: Int = 600, search: TuneSearch = .halton) throws -> Comparison {
        var base = TrainingConfiguration()
        base.dataset = "sample"
        base.model = model
        base.epochs = epochs
        base.trainLimit = trainLimit
        base.batchSize = 32
        base.evaluateEvery = evalEvery
        base.schedule = .cosine
        var settings = try ProtocolSettings(tune: tune, budget: budget, tuneEpochs: 1, epochs: epochs, target: target,
                                            marginPoints: 0.5, speedMarginPercent: 10)
        settings.search = search
        return try Comparison(name: nil, base: base, baseline: variants[0], variants: Array(variants.dropFirst()),
                              seeds: (1...UInt64(seeds)).map { $0 }, targetAccuracy: settings.targetAccuracy ?? 1,
                              protocolSettings: settings)
    }

    static func run(_ comparison: Comparison, in directory: TemporaryDirectory) throws -> (RunStore, ProtocolRunner, ProtocolRunner.Outcome) {
        let store = try RunStore(path: directory.path("runs.sqlite"))
        let runner = try ProtocolRunner(comparison: comparison, store: store, compute: .singleThreaded) { seed in
            try DatasetSource(spec: "sample").load(validationFraction: 0.1, seed: seed, trainLimit: comparison.base.trainLimit)
        }
        return (store, runner, try runner.run())
    }

    @Test func thePilotFixesTheTargetBeforeAnyEvaluationRun() throws {
        let directory = TemporaryDirectory()
        let (store, runner, outcome) = try Self.run(try Self.comparison(["relu", "tanh"], seeds: 2), in: directory)
        #expect(outcome.complete)
        let record = try #require(try ProtocolRecord.decode(store.protocolJSON(experiment: runner.experiment)))
        let target = try #require(record.targetAccuracy)
        let runs = try store.runs(experiment: runner.experiment)
        let pilot = try #require(runs.first { $0.kind == .pilot })
        #expect(pilot.cell == Cell(variant: "relu [pilot]", seed: ProtocolSettings.pilotSeed))
        let budget = try #require(pilot.stepBudget)
        let window = try store.evaluations(run: pilot.id).filter { 2 * $0.step <= budget && 4 * $0.step > budget }
        #expect(!window.isEmpty)
        let mean = window.map(\.validationAccuracy).reduce(0, +) / Double(window.count)
        #expect(target == (mean * 1000).rounded(.down) / 1000)
        #expect(record.targetSource?.contains("pilot") == true)
        let evaluations = runs.filter { $0.kind == .evaluation }
        #expect(evaluations.count == 4)
        #expect(evaluations.allSatisfy { $0.startedAt >= pilot.finishedAt! })
        #expect(Set(record.stepSeconds.keys) == ["relu", "tanh"] && record.stepSeconds.values.allSatisfy { $0 > 0 })
        #expect(evaluations.allSatisfy { $0.testAccuracy != nil && $0.stepBudget == budget })
    }

    @Test func everyVariantGetsTheSameTrialsAndItsBestIsUsed() throws {
        let directory = TemporaryDirectory()
        let comparison = try Self.comparison(["relu", "tanh"], seeds: 1, tune: "lr", budget: 3, target: "0.3")
        let (store, runner, outcome) = try Self.run(comparison, in: directory)
        #expect(outcome.complete)
        let runs = try store.runs(experiment: runner.experiment)
        let trials = runs.filter { $0.kind == .tuning }
        #expect(trials.count == 6 && !runs.contains { $0.kind == .pilot })
        let rates = { (variant: String) in trials.filter { $0.cell.variant.hasPrefix(variant + " [") }.map { $0.configuration!.learningRate }.sorted() }
        #expect(rates("relu") == rates("tanh") && Set(rates("relu")).count == 3)
        let record = try #require(try ProtocolRecord.decode(store.protocolJSON(experiment: runner.experiment)))
        for variant in ["relu", "tanh"] {
            let scored = try trials.filter { $0.cell.variant.hasPrefix(variant + " [") }.map {
                ($0.configuration!.learningRate, try store.evaluations(run: $0.id).last!.validationAccuracy)
            }
            let best = scored.max { $0.1 < $1.1 }!
            #expect(record.tunedValues[variant]?["lr"] == best.0)
            let evaluation = try #require(runs.first { $0.kind == .evaluation && $0.cell.variant == variant })
            #expect(evaluation.configuration?.learningRate == best.0)
        }
        #expect(record.targetAccuracy == 0.3 && record.targetSource == "fixed")
    }

    /// Coarse to fine: the second half of each variant's trials sits around its own first-stage best, and the
    /// tuned value is the best of all its trials; a rerun trains nothing again.
    @Test func refiningPlacesTheSecondStageAroundEachVariantsBest() throws {
        let directory = TemporaryDirectory()
        let comparison = try Self.comparison(["relu", "sigmoid"], seeds: 1, tune: "lr=0.001:3", budget: 4, target: "0.3",
                                             search: .refine)
        let (store, runner, outcome) = try Self.run(comparison, in: directory)
        #expect(outcome.complete)
        let plan = try #require(comparison.protocolSettings).tuningPlan()
        #expect(plan.firstStage == 2)
        let trials = try store.runs(experiment: runner.experiment).filter { $0.kind == .tuning }
        let record = try #require(try ProtocolRecord.decode(store.protocolJSON(experiment: runner.experiment)))
        for variant in ["relu", "sigmoid"] {
            func trial(_ i: Int) throws -> (rate: Double, accuracy: Double) {
                let run = try #require(trials.first { $0.cell.variant == "\(variant) [tune \(i + 1)/4]" })
                return (run.configuration!.learningRate, try store.evaluations(run: run.id).last!.validationAccuracy)
            }
            let all = try (0..<4).map(trial)
            #expect(all[0].rate == plan.trial(0)["lr"] && all[1].rate == plan.trial(1)["lr"])
            let firstBest = all[1].accuracy > all[0].accuracy ? 1 : 0
            #expect(all[2].rate == plan.refinedTrial(2, around: firstBest)["lr"])
            #expect(all[3].rate == plan.refinedTrial(3, around: firstBest)["lr"])
            let best = all.indices.reduce(0) { all[$1].accuracy > all[$0].accuracy ? $1 : $0 }
            #expect(record.tunedValues[variant]?["lr"] == all[best].rate)
        }
        let again = try ProtocolRunner(comparison: comparison, store: store, compute: .singleThreaded) { seed in
            try DatasetSource(spec: "sample").load(validationFraction: 0.1, seed: seed, trainLimit: comparison.base.trainLimit)
        }
        var trained = 0
        #expect(try again.run(onEvent: { if case .sweep(.cellEnded) = $0 { trained += 1 } }).complete)
        #expect(trained == 0)
    }

    /// Tuning for speed: an untuned pilot fixes the target before any trial, and each variant gets the trial
    /// that reaches it in the fewest steps (trials that never do rank below, by accuracy).
    @Test func tuningForSpeedPicksTheTrialThatReachesTheTargetFirst() throws {
        let directory = TemporaryDirectory()
        var comparison = try Self.comparison(["relu", "tanh"], seeds: 1, epochs: 2, tune: "lr=0.003:0.3", budget: 4)
        comparison.protocolSettings?.tuneObjective = .speed
        comparison.protocolSettings?.tuneEpochs = 2
        let (store, runner, outcome) = try Self.run(comparison, in: directory)
        #expect(outcome.complete)
        let runs = try store.runs(experiment: runner.experiment)
        let pilot = try #require(runs.first { $0.kind == .pilot })
        let trials = runs.filter { $0.kind == .tuning }
        #expect(trials.allSatisfy { $0.startedAt >= pilot.finishedAt! })   // the target exists before tuning
        #expect(pilot.configuration?.learningRate == comparison.base.learningRate)  // the untuned baseline
        let record = try #require(try ProtocolRecord.decode(store.protocolJSON(experiment: runner.experiment)))
        let target = try #require(record.targetAccuracy)
        #expect(record.targetSource?.hasPrefix("untuned pilot") == true)
        for variant in ["relu", "tanh"] {
            let scored = try trials.filter { $0.cell.variant.hasPrefix(variant + " [") }.map { trial -> (lr: Double, steps: Double, accuracy: Double) in
                let evaluations = try store.evaluations(run: trial.id)
                let reached = evaluations.first { $0.validationAccuracy >= target }.map { Double($0.step) }
                return (trial.configuration!.learningRate, reached ?? .infinity, evaluations.last!.validationAccuracy)
            }
            let best = scored.min { $0.steps != $1.steps ? $0.steps < $1.steps : $0.accuracy > $1.accuracy }!
            #expect(record.tunedValues[variant]?["lr"] == best.lr)
        }
    }

    @Test func resumingWithOtherSettingsIsRefused() throws {
        let directory = TemporaryDirectory()
        let comparison = try Self.comparison(["relu", "tanh"], seeds: 1, epochs: 1, target: "0.3")
        _ = try Self.run(comparison, in: directory)
        var other = comparison
        other.protocolSettings?.accuracyMargin = 0.01
        let store = try RunStore(path: directory.path("runs.sqlite"))
        #expect { try ProtocolRunner(comparison: other, store: store) { _ in fatalError("no data needed") } }
            throws: { "\($0)".contains("other protocol settings") }
    }

    @Test func seedsMustNotBeTuningOrPilotSeeds() {
        var base = TrainingConfiguration()
        base.dataset = "sample"
        #expect { try Comparison(name: nil, base: base, baseline: "relu", variants: ["tanh"], seeds: [1, ProtocolSettings.pilotSeed],
                                 targetAccuracy: 1, protocolSettings: ProtocolSettings()) } throws: { "\($0)".contains("pilot") }
    }

    /// A/A: a variant that differs from the baseline in a negligible way (a leak of 1e-9 below zero).
    @Test func anAAComparisonIsEquivalent() throws {
        let directory = TemporaryDirectory()
        let comparison = try Self.comparison(["relu", "leaky-relu:1e-9"], seeds: 3, epochs: 4, tune: "lr", budget: 2, evalEvery: 1)
        let (store, runner, outcome) = try Self.run(comparison, in: directory)
        #expect(outcome.complete)
        let variant = try ComparisonSummary(store: store, experiment: runner.experiment).variants[1]
        #expect(variant.verdictAccuracy == "equivalent", "\(variant)")
        #expect(variant.verdictSpeed == "equivalent", "\(variant)")
    }

    /// A known large effect: sigmoid units in a deep plain MLP under SGD learn far slower than ReLU units,
    /// whether or not the learning rate is tuned.
    @Test(arguments: ["none", "lr"])
    func sigmoidInADeepMLPIsWorseAndSlowerThanReLU(tune: String) throws {
        let directory = TemporaryDirectory()
        let comparison = try Self.comparison(["relu", "sigmoid"], model: "mlp:784-32-32-32-32-10", seeds: 3, epochs: 4,
                                             tune: tune, budget: 3, trainLimit: 1200)
        let (store, runner, outcome) = try Self.run(comparison, in: directory)
        #expect(outcome.complete)
        let variant = try ComparisonSummary(store: store, experiment: runner.experiment).variants[1]
        #expect(variant.verdictAccuracy == "worse", "\(variant)")
        #expect(variant.verdictSpeed == "slower", "\(variant)")
    }
}
