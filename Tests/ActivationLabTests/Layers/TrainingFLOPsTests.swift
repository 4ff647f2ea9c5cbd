import Testing
@testable import ActivationLab

/// FLOPs per training sample counted from the layers equal `torch.utils.flop_counter`'s count for the same
/// networks (bench/pytorch_bench.py printed these numbers).
@Suite struct TrainingFLOPsTests {
    static func count(_ spec: String) throws -> Int {
        var configuration = TrainingConfiguration()
        configuration.model = spec
        configuration.activation = "relu"
        let session = try TrainingSession(configuration: configuration, sampleShape: [1, 28, 28], classCount: 10)
        return try session.model.trainingFLOPs(forInput: [1, 28, 28])
    }

    @Test func matchPyTorchsFlopCounter() throws {
        #expect(try Self.count("mlp:784-256-256-10") == 1_211_392)
        #expect(try Self.count("cnn:lenet") == 6_237_696)
        #expect(try Self.count("cnn:resnet") == 55_849_728)
    }

    @Test func firstLayerSkipsItsInputGradient() throws {
        var rng = SeededGenerator(seed: 1)
        let dense = Dense(inputSize: 3, outputSize: 2, rng: &rng)
        #expect(try dense.trainingFLOPs(forInput: [3]) == 2 * 6 * 2)
        #expect(try dense.trainingFLOPs(forInput: [3], needsInputGradient: true) == 2 * 6 * 3)
        #expect(try ActivationLayer(ReLU()).trainingFLOPs(forInput: [3]) == 0)
    }
}
