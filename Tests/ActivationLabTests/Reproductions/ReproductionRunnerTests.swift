import Foundation
import Testing
@testable import ActivationLab

/// What `ReproductionRunner` reads back from the store after a comparison's sweep.
@Suite(.serialized) struct ReproductionRunnerTests {
    static let scale = ReproductionScale(
        mode: "fixture", dataset: "sample", seeds: 1, trainLimit: 200, epochs: 1, hidden: 8, deepHidden: 8,
        includeCNN: false, cnnTrainLimit: nil, cnnEpochs: 1, residualTrainLimit: nil, residualEpochs: 1, textCorpus: nil,
        lmVocabulary: 10, lmEntryLimit: nil, lmEpochs: 1, curvatureSeeds: 1, curvatureHidden: [4], curvatureSamples: 20,
        curvatureSteps: 1, curvatureData: "synthetic")

    /// A tuning trial stored in a reproduction's experiment (another tool wrote it, or the experiment name
    /// was reused) is not one of the comparison's runs: neither its statistics nor its last epochs count.
    @Test func onlyEvaluationRunsCount() throws {
        let folder = TemporaryDirectory()
        let store = try RunStore(path: folder.path("runs.sqlite"))
        var base = TrainingConfiguration()
        base.dataset = "sample"
        base.model = "mlp:784-8-10"
        base.epochs = 1
        base.trainLimit = 200
        let planned = try ReproductionRunner.planned(paper: .xu, label: "mlp", description: "test", scale: Self.scale, base: base,
                                                     variants: [PlannedVariant("relu", "relu") { $0.activation = "relu" },
                                                                PlannedVariant("tanh", "tanh") { $0.activation = "tanh" }],
                                                     protocol: { var p = ProtocolSettings(); p.targetAccuracy = 0.5; return p }())
        let experiment = try store.createOrFindExperiment(planned.comparison.experimentSpec())
        let baseline = planned.comparison.variants[0].name
        let trial = try #require(try store.claimRun(experiment: experiment, cell: Cell(variant: baseline, seed: 1_000_001),
                                                    configuration: base, kind: .tuning))
        try store.appendEpoch(EpochMetrics(epoch: 1, trainLoss: 1, validationLoss: 1, validationAccuracy: 0.99,
                                           validationCrossEntropy: 1, seconds: 1, elapsedSeconds: 1, learningRate: 0.1), to: trial)
        try store.finish(trial, status: .finished)

        let runner = ReproductionRunner(store: store, scale: Self.scale, command: "test", commit: "abc", cores: 1)
        let outcome = try runner.run(planned, shouldStop: { false }, onEvent: { _ in })
        #expect(outcome.variant(key: "relu")?.runs == 1)
        #expect(outcome.lastEpochs(key: "relu").count == 1)
        #expect(outcome.lastEpochs(key: "relu").first?.validationAccuracy != 0.99)
    }
}
