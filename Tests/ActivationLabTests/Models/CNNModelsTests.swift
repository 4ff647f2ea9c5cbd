import Testing
@testable import ActivationLab

/// The `cnn:` models size themselves from the image: channels, height and width.
@Suite struct CNNModelsTests {
    @Test(arguments: [("cnn:lenet", [1, 28, 28]), ("cnn:lenet", [3, 32, 32]), ("cnn:lenet", [2, 16, 20]),
                      ("cnn:resnet", [1, 28, 28]), ("cnn:resnet", [3, 32, 32]), ("cnn:resnet", [3, 9, 9])])
    func buildsAndRunsAForwardPass(spec: String, shape: [Int]) throws {
        var configuration = TrainingConfiguration()
        configuration.model = spec
        var rng = SeededGenerator(seed: 3)
        let model = try ModelBuilder(configuration: configuration).build(sampleShape: shape, classCount: 7, rng: &rng)
        let batch = Tensor(repeating: 0.5, shape: [2] + shape)
        let output = model.forward(batch, mode: .evaluation)
        #expect(output.shape == [2, 7])
        #expect(output.scalars.allSatisfy { $0.isFinite })
    }
}
