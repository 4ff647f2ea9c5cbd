import Testing
@testable import ActivationLab

/// The default model, `mlp:auto-256-256-auto`, fits whatever data it is given.
@Suite struct DefaultModelTests {
    @Test func theDefaultModelFitsAnyData() throws {
        let configuration = TrainingConfiguration()
        #expect(configuration.model == "mlp:auto-256-256-auto")
        #expect(try configuration.resolvedModel(sampleShape: [4], classCount: 3) == .mlp(widths: [4, 256, 256, 3]))
        var rng = SeededGenerator(seed: 1)
        let model = try ModelBuilder(configuration: configuration).build(sampleShape: [5], classCount: 2, rng: &rng)
        #expect(model.parameterCount == (5 * 256 + 256) + (256 * 256 + 256) + (256 * 2 + 2))
    }
}
