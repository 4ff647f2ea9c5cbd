import Foundation
import Testing
@testable import ActivationLab

/// Schema v2's records: validation evaluations, test results, steps, run kinds and the experiment's protocol.
@Suite struct RunStoreEvaluationTests {
    static let spec = ExperimentSpec(name: "protocol", dataset: "sample", model: "mlp:784-10", baseline: "relu",
                                     variants: ["relu", "tanh"], seeds: [1, 2], epochs: 2, targetAccuracy: 0.5)

    static func configuration(_ cell: Cell) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.activation = cell.variant
        configuration.seed = cell.seed
        configuration.evaluateEvery = 5
        return configuration
    }

    static func point(_ step: Int, accuracy: Double = 0.5) -> EvaluationPoint {
        EvaluationPoint(step: step, epoch: (step + 9) / 10, validationAccuracy: accuracy, validationLoss: 1 / Double(step),
                        elapsedSeconds: 0.25 * Double(step))
    }

    static let test = Evaluation(loss: 0.4, crossEntropy: 0.4, accuracy: 0.875, count: 200)

    @Test func roundTripsEvaluationsTestResultsStepsAndKinds() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = try RunStore(path: directory.path("runs.sqlite"))
        let experiment = try store.createOrFindExperiment(Self.spec)
        let cell = Cell(variant: "tanh [lr 0.3]", seed: 101)
        let claim = try #require(try store.claimRun(experiment: experiment, cell: cell,
                                                    configuration: Self.configuration(cell), kind: .tuning))
        var diverging = Self.point(10)
        diverging.validationLoss = .nan
        for point in [Self.point(5), diverging] { try store.appendEvaluation(point, to: claim) }
        #expect(throws: StoreError.self) { try store.appendEvaluation(Self.point(5), to: claim) }  // step exists
        try store.finish(claim, status: .finished, test: Self.test, steps: 20, stepBudget: 20)
        #expect(throws: StoreError.self) { try store.appendEvaluation(Self.point(15), to: claim) }  // no longer held

        let plain = Cell(variant: "relu", seed: 1)
        let other = try #require(try store.claimRun(experiment: experiment, cell: plain, configuration: Self.configuration(plain)))
        try store.finish(other, status: .diverged, divergedEpoch: 1, divergedStep: 3, steps: 3, stepBudget: 20)
        let nanTest = Cell(variant: "relu", seed: 2)
        let third = try #require(try store.claimRun(experiment: experiment, cell: nanTest, configuration: Self.configuration(nanTest)))
        try store.finish(third, status: .finished, test: Evaluation(loss: .nan, crossEntropy: .nan, accuracy: 0.1, count: 9))

        let reopened = try RunStore(path: directory.path("runs.sqlite"), readOnly: true)
        let runs = try reopened.runs(experiment: experiment)
        #expect(runs.map(\.cell) == [plain, nanTest, cell])  // spec cells first, then the others by id
        let tuning = runs[2]
        #expect(tuning.kind == .tuning && tuning.configuration?.evaluateEvery == 5)
        #expect(tuning.testAccuracy == 0.875 && tuning.testLoss == 0.4 && tuning.testCount == 200)
        #expect(tuning.steps == 20 && tuning.stepBudget == 20)
        let points = try reopened.evaluations(run: tuning.id)
        #expect(points.count == 2 && points[0] == Self.point(5) && points[1].step == 10 && points[1].validationLoss.isNaN)
        #expect(runs[0].kind == .evaluation && runs[0].testAccuracy == nil && runs[0].testCount == nil)
        #expect(runs[0].steps == 3 && runs[0].stepBudget == 20 && runs[0].divergedStep == 3)
        #expect(runs[1].testAccuracy == 0.1 && runs[1].testLoss?.isNaN == true && runs[1].testCount == 9)
        #expect(try reopened.evaluations(run: runs[0].id).isEmpty)
    }

    @Test func aReclaimedRunLosesItsEvaluationsAndResults() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let path = directory.path("runs.sqlite")
        let cell = Cell(variant: "relu", seed: 1)
        let dead = RunOwner(host: RunOwner.currentHost, pid: Int32.max - 7, processStart: nil, token: "dead")
        do {
            let killed = try RunStore(path: path, owner: dead)
            let experiment = try killed.createOrFindExperiment(Self.spec)
            let claim = try #require(try killed.claimRun(experiment: experiment, cell: cell, configuration: Self.configuration(cell)))
            try killed.appendEvaluation(Self.point(5), to: claim)
        }
        let store = try RunStore(path: path)
        let experiment = try #require(try store.experiment(named: Self.spec.name))
        let claim = try #require(try store.claimRun(experiment: experiment, cell: cell, configuration: Self.configuration(cell),
                                                    resume: true, kind: .pilot))
        #expect(claim.attempt == 2)
        #expect(try store.evaluations(run: claim.runID).isEmpty)
        try store.appendEvaluation(Self.point(5, accuracy: 0.75), to: claim)
        #expect(try store.evaluations(run: claim.runID).map(\.validationAccuracy) == [0.75])
        #expect(try store.runs(experiment: experiment).first?.kind == .pilot)
    }

    @Test func protocolJSONIsStoredPerExperiment() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = try RunStore(path: directory.path("runs.sqlite"))
        let experiment = try store.createOrFindExperiment(Self.spec)
        #expect(try store.protocolJSON(experiment: experiment) == "{}")
        let json = #"{"target_accuracy":0.84,"tuned":{"relu":{"lr":0.1}}}"#
        try store.setProtocol(json, experiment: experiment)
        #expect(try store.protocolJSON(experiment: experiment) == json)
        #expect(throws: StoreError.self) { try store.setProtocol("{not json", experiment: experiment) }
        let missing = Experiment(id: experiment.id + 1, spec: Self.spec, createdAt: experiment.createdAt)
        #expect(throws: StoreError.self) { try store.setProtocol(json, experiment: missing) }
        #expect(throws: StoreError.self) { try store.protocolJSON(experiment: missing) }
        // The protocol is not part of the definition: the experiment is still found.
        #expect(try store.createOrFindExperiment(Self.spec) == experiment)
    }

    @Test func statisticsCountOnlyEvaluationRuns() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = try RunStore(path: directory.path("runs.sqlite"))
        let experiment = try store.createOrFindExperiment(Self.spec)
        let metrics = EpochMetrics(epoch: 1, trainLoss: 1, validationLoss: 1, validationAccuracy: 0.6,
                                   validationCrossEntropy: 1, seconds: 1, elapsedSeconds: 1, learningRate: 0.1,
                                   gradientNorm: 1, clampEvents: 0, layers: [])
        // Two evaluation runs of relu, plus a pilot and a tuning trial under the same variant name.
        for (seed, kind) in [(1, RunKind.evaluation), (2, .evaluation), (99, .pilot), (100, .tuning)] {
            let cell = Cell(variant: "relu", seed: UInt64(seed))
            let claim = try #require(try store.claimRun(experiment: experiment, cell: cell,
                                                        configuration: Self.configuration(cell), kind: kind))
            try store.appendEpoch(metrics, to: claim)
            try store.finish(claim, status: .finished)
        }
        #expect(try store.evaluationRunCounts(experiment) == [2, 0])
        #expect(try store.unfinishedCells(experiment: experiment) == [Cell(variant: "tanh", seed: 1), Cell(variant: "tanh", seed: 2)])
    }

    @Test func mergeCarriesEvaluationsResultsKindsAndTheProtocol() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let source = directory.path("shard.sqlite"), target = directory.path("merged.sqlite")
        let cell = Cell(variant: "relu", seed: 100)
        do {
            let store = try RunStore(path: source)
            let experiment = try store.createOrFindExperiment(Self.spec)
            try store.setProtocol(#"{"target_accuracy":0.8}"#, experiment: experiment)
            let claim = try #require(try store.claimRun(experiment: experiment, cell: cell,
                                                        configuration: Self.configuration(cell), kind: .tuning))
            for step in [5, 10] { try store.appendEvaluation(Self.point(step), to: claim) }
            try store.finish(claim, status: .finished, test: Self.test, steps: 10, stepBudget: 20)
        }
        let report = try RunStore.merge(from: [source], into: target)
        #expect(report == MergeReport(experimentsAdded: 1, runsCopied: 1))
        let merged = try RunStore(path: target, readOnly: true)
        let experiment = try #require(try merged.experiment(named: Self.spec.name))
        #expect(try merged.protocolJSON(experiment: experiment) == #"{"target_accuracy":0.8}"#)
        let run = try #require(try merged.runs(experiment: experiment).first)
        #expect(run.cell == cell && run.kind == .tuning && run.steps == 10 && run.stepBudget == 20)
        #expect(run.testAccuracy == 0.875 && run.testLoss == 0.4 && run.testCount == 200)
        #expect(try merged.evaluations(run: run.id) == [Self.point(5), Self.point(10)])

        // A source with another protocol: the target keeps its own, and the report says so.
        let other = directory.path("other.sqlite")
        let store = try RunStore(path: other)
        try store.setProtocol(#"{"target_accuracy":0.7}"#, experiment: try store.createOrFindExperiment(Self.spec))
        let second = try RunStore.merge(from: [other], into: target)
        #expect(second.protocolConflicts == 1 && second.description.hasSuffix("1 differing protocols (kept the target's)"))
        #expect(try merged.protocolJSON(experiment: experiment) == #"{"target_accuracy":0.8}"#)
    }
}
