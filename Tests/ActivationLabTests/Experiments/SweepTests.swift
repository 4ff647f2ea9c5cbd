import Foundation
import Testing
@testable import ActivationLab

/// Sweeps of explicit plans (pilot, tuning and evaluation cells) and of comparisons, and what they store.
@Suite struct SweepTests {
    /// 600 training samples in batches of 64: 10 steps per epoch, 20 in the budget.
    static func configuration(_ activation: String, seed: UInt64, lr: Double = 0.1) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.model = "mlp:8-16-3"
        configuration.activation = activation
        configuration.learningRate = lr
        configuration.batchSize = 64
        configuration.epochs = 2
        configuration.seed = seed
        configuration.evaluateEvery = 4
        return configuration
    }

    static let spec = ExperimentSpec(name: "planned", dataset: "blobs", model: "mlp:8-16-3", baseline: "relu",
                                     variants: ["relu", "tanh"], seeds: [1, 2], epochs: 2, targetAccuracy: 0.9)

    /// Pilot on seed 50, two tuning trials on seed 60, evaluation cells on seeds 1 and 2.
    static let plan: [PlannedCell] = [
        PlannedCell(cell: Cell(variant: "relu", seed: 50), kind: .pilot, configuration: configuration("relu", seed: 50)),
        PlannedCell(cell: Cell(variant: "tanh lr=0.03", seed: 60), kind: .tuning, configuration: configuration("tanh", seed: 60, lr: 0.03)),
        PlannedCell(cell: Cell(variant: "tanh lr=0.3", seed: 60), kind: .tuning, configuration: configuration("tanh", seed: 60, lr: 0.3)),
        PlannedCell(cell: Cell(variant: "relu", seed: 1), kind: .evaluation, configuration: configuration("relu", seed: 1)),
        PlannedCell(cell: Cell(variant: "tanh", seed: 1), kind: .evaluation, configuration: configuration("tanh", seed: 1)),
        PlannedCell(cell: Cell(variant: "relu", seed: 2), kind: .evaluation, configuration: configuration("relu", seed: 2)),
    ]

    @Test func runsPlannedCellsOfMixedKindsAndStoresWhatTheyMeasured() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = try RunStore(path: directory.path("runs.sqlite"))
        let experiment = try store.createOrFindExperiment(Self.spec)
        var loads: [UInt64] = []
        let sweep = Sweep(plannedCells: Self.plan, experiment: experiment, store: store) { seed in
            loads.append(seed)
            return SyntheticData.splits()
        }
        #expect(sweep.cells == Self.plan.map(\.cell))
        let summary = try sweep.run()
        #expect(summary.ran == 6 && summary.finished == 6)
        #expect(loads == [50, 60, 1, 2])  // consecutive cells of one seed share a load

        let runs = try store.runs(experiment: experiment)
        #expect(Dictionary(uniqueKeysWithValues: runs.map { ($0.cell, $0.kind) })
            == Dictionary(uniqueKeysWithValues: Self.plan.map { ($0.cell, $0.kind) }))
        #expect(runs.allSatisfy { $0.steps == 20 && $0.stepBudget == 20 && $0.testCount == 150 })
        #expect(try store.evaluationRunCounts(experiment) == [2, 1])

        // What is stored is what the trainer measured for that cell.
        let tuning = try #require(runs.first { $0.cell.variant == "tanh lr=0.3" })
        #expect(tuning.configuration == Self.plan[2].configuration)
        let splits = SyntheticData.splits()
        let session = try TrainingSession(configuration: Self.plan[2].configuration, sampleShape: [8], classCount: 3)
        let result = session.run(on: splits)
        let stored = try store.evaluations(run: tuning.id)
        #expect(stored.map(\.step) == [4, 8, 10, 14, 18, 20])  // every 4 steps of each 10-step epoch, and its end
        #expect(stored.map(\.step) == result.evaluations.map(\.step))
        #expect(stored.map(\.validationAccuracy) == result.evaluations.map(\.validationAccuracy))
        #expect(tuning.testAccuracy == result.test?.accuracy && tuning.testLoss == result.test?.loss)

        // Run again: everything is complete, so every cell is skipped.
        #expect(try sweep.run().skipped == 6)
    }

    @Test func shardsSplitThePlan() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = try RunStore(path: directory.path("runs.sqlite"))
        let experiment = try store.createOrFindExperiment(Self.spec)
        let shards = (0..<4).map {
            Sweep(plannedCells: Self.plan, experiment: experiment, store: store, shard: ($0, 4)) { _ in SyntheticData.splits() }.cells
        }
        #expect(shards.map(\.count) == [2, 2, 1, 1])
        #expect(Set(shards.flatMap { $0 }) == Set(Self.plan.map(\.cell)))
    }

    @Test func aComparisonPlansItsCellsAsEvaluationRuns() throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let store = try RunStore(path: directory.path("runs.sqlite"))
        let comparison = try Comparison(name: "relu vs tanh", base: Self.configuration("relu", seed: 1), baseline: "relu",
                                        variants: ["tanh"], seeds: [3, 4], targetAccuracy: 0.9)
        let sweep = try Sweep(comparison: comparison, store: store, shard: (1, 2)) { _ in SyntheticData.splits() }
        #expect(sweep.plannedCells.map(\.cell) == sweep.experiment.spec.cells)
        #expect(sweep.plannedCells.allSatisfy { $0.kind == .evaluation })
        #expect(sweep.plannedCells.map(\.configuration) == sweep.experiment.spec.cells.map { comparison.configuration(for: $0)! })
        #expect(sweep.cells == sweep.experiment.spec.cells(shard: 1, of: 2))
        let summary = try sweep.run()
        #expect(summary.finished == 2)
        let runs = try store.runs(experiment: sweep.experiment).filter(\.isComplete)
        #expect(runs.map(\.cell) == sweep.cells && runs.allSatisfy { $0.kind == .evaluation && $0.testCount == 150 })
        #expect(try runs.allSatisfy { try store.evaluations(run: $0.id).map(\.step) == [4, 8, 10, 14, 18, 20] })
    }
}
