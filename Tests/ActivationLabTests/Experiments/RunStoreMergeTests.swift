import Foundation
import Testing
@testable import ActivationLab

/// Merging into a store that a live process is writing never takes a run that process holds.
@Suite struct RunStoreMergeTests {
    static let spec = ExperimentSpec(name: "live", dataset: "sample", model: "mlp:784-8-10", baseline: "relu",
                                     variants: ["relu", "tanh"], seeds: [1, 2], epochs: 2, targetAccuracy: 0.5,
                                     configuration: "{}")

    static func epoch(_ number: Int) -> EpochMetrics {
        EpochMetrics(epoch: number, trainLoss: 1, validationLoss: 1, validationAccuracy: 0.5, validationCrossEntropy: 1,
                     seconds: 1, elapsedSeconds: Double(number), learningRate: 0.1, gradientNorm: 1, clampEvents: 0, layers: [])
    }

    /// A source store in which every cell finished.
    static func finishedSource(at path: String) throws {
        let store = try RunStore(path: path)
        let experiment = try store.createOrFindExperiment(spec)
        for cell in spec.cells {
            let claim = try #require(try store.claimRun(experiment: experiment, cell: cell, configuration: TrainingConfiguration()))
            try store.appendEpoch(epoch(1), to: claim)
            try store.finish(claim, status: .finished)
        }
    }

    @Test(arguments: [true, false])
    func runsHeldByLiveOwnersAreLeftAloneAndKeepTheirClaims(sameHost: Bool) throws {
        let directory = try ScratchDirectory()
        defer { directory.remove() }
        let source = directory.path("source.sqlite"), target = directory.path("target.sqlite")
        try Self.finishedSource(at: source)
        // This process (alive), or a process on another host (cannot be proven dead), holds one cell of the target.
        let owner = sameHost ? RunOwner.current()
            : RunOwner(host: "elsewhere-\(UUID().uuidString)", pid: 1, processStart: nil, token: UUID().uuidString)
        let live = try RunStore(path: target, owner: owner)
        let experiment = try live.createOrFindExperiment(Self.spec)
        let held = Self.spec.cells[0]
        let claim = try #require(try live.claimRun(experiment: experiment, cell: held, configuration: TrainingConfiguration()))
        try live.appendEpoch(Self.epoch(1), to: claim)

        let report = try RunStore.merge(from: [source], into: target)
        #expect(report.liveRunsLeftAlone == 1)
        #expect(report.runsCopied == Self.spec.cells.count - 1)
        #expect(report.description.contains("1 left alone: running in the target by a live process"))

        // The sweep holding the run goes on as if nothing happened.
        try live.appendEpoch(Self.epoch(2), to: claim)
        try live.finish(claim, status: .finished)
        let runs = try live.runs(experiment: experiment)
        #expect(runs.count == Self.spec.cells.count && runs.allSatisfy { $0.status == .finished })
        #expect(try live.epochs(run: claim.runID).map(\.epoch) == [1, 2])
    }
}
