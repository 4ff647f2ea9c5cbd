import Testing
@testable import ActivationLab

@Suite struct SequentialTests {
    @Test func gradientsFlowThroughStackedLayers() {
        var rng = SeededGenerator(seed: 4)
        let model = Sequential([
            Dense(inputSize: 6, outputSize: 5, rng: &rng), ActivationLayer(Tanh()),
            Dense(inputSize: 5, outputSize: 3, rng: &rng),
        ])
        let failures = GradientCheck.mismatches(of: model, input: GradientCheck.randomTensor([3, 6]))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func firstLayerSkipsInputGradientWhenNotNeeded() {
        var rng = SeededGenerator(seed: 5)
        let model = Sequential([Dense(inputSize: 4, outputSize: 2, rng: &rng)])
        _ = model.forward(GradientCheck.randomTensor([2, 4]), mode: .training)
        #expect(model.backward(Tensor(repeating: 1, shape: [2, 2]), needsInputGradient: false) == nil)
        #expect(model.parameters[0].gradient.norm() > 0)
    }
}
