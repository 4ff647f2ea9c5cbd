import Testing
@testable import ActivationLab

@Suite struct DenseTests {
    @Test func forwardMatchesHandComputedProduct() {
        var rng = SeededGenerator(seed: 1)
        let dense = Dense(inputSize: 2, outputSize: 2, rng: &rng)
        dense.weight.value = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        dense.bias.value = Tensor(shape: [2], scalars: [0.5, -0.5])
        let y = dense.forward(Tensor(shape: [1, 2], scalars: [1, -1]), mode: .evaluation)
        let expected: [Float] = [-0.5, -1.5]
        #expect(y.scalars == expected)
    }

    @Test func gradientsMatchFiniteDifferences() {
        var rng = SeededGenerator(seed: 2)
        let dense = Dense(inputSize: 5, outputSize: 3, rng: &rng)
        let failures = GradientCheck.mismatches(of: dense, input: GradientCheck.randomTensor([4, 5]))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func rejectsWrongInputWidth() {
        var rng = SeededGenerator(seed: 3)
        let dense = Dense(inputSize: 784, outputSize: 10, rng: &rng)
        #expect(throws: ModelError.self) { try dense.outputShape(forInput: [3, 32, 32]) }
        #expect((try? dense.outputShape(forInput: [1, 28, 28])) == [10])
    }
}
