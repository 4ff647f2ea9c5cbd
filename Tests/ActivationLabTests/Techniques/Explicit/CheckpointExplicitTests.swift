import Foundation
import Testing
@testable import ActivationLab

@Suite struct CheckpointExplicitTests {
    /// A model built from the checkpoint's configuration, loaded from the file, computes the solution's logits.
    @Test func aModelLoadedFromTheCheckpointIsTheSolution() throws {
        let data = ExplicitTestData.multiHot()
        let solution = try ExplicitSolver.solve(data)
        let checkpoint = try Checkpoint(explicit: solution, dataset: "csv:x.csv", seed: 7, validationFraction: 0.25)
        let configuration = checkpoint.configuration
        #expect(configuration.model == "mlp:12-3" && configuration.initializer == .explicit)
        #expect(configuration.dataset == "csv:x.csv" && configuration.seed == 7 && configuration.validationFraction == 0.25)
        #expect(configuration.epochs == 0)
        #expect(checkpoint.parameters.map(\.name) == ["weight", "bias"])

        let url = FileManager.default.temporaryDirectory.appendingPathComponent("explicit-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try checkpoint.write(to: url)
        var run = configuration
        run.epochs = 1  // a run that loads the checkpoint trains on from it
        let session = try TrainingSession(configuration: run, sampleShape: [12], classCount: 3)
        try Checkpoint.read(from: url).load(into: session.model, source: url.path)
        let input = data.features.rows(0..<20)
        #expect(session.model.forward(input, mode: .evaluation) == solution.logits(for: input))
    }
}
