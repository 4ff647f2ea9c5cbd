import Testing
@testable import ActivationLab

@Suite struct MaxPool2DTests {
    /// Distinct values 0.05 apart in shuffled order, so finite differences never cross a tie.
    static func distinctInput(_ shape: [Int], seed: UInt64) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        let count = shape.reduce(1, *)
        var values = (0..<count).map { Float($0) * 0.05 - Float(count) * 0.025 }
        rng.shuffle(&values)
        return Tensor(shape: shape, scalars: values)
    }

    @Test func picksTheMaximumOfEachWindow() {
        let pool = MaxPool2D(kernelSize: 2)
        let x = Tensor(shape: [1, 1, 4, 4], scalars: [1, 5, 2, 0,
                                                      3, 4, 8, 1,
                                                      -1, -2, 0, 0,
                                                      -3, -4, 0, 7])
        let y = pool.forward(x, mode: .training)
        #expect(y.shape == [1, 1, 2, 2])
        #expect(y.scalars == [5, 8, -1, 7])
        let dx = pool.backward(Tensor(shape: [1, 1, 2, 2], scalars: [10, 20, 30, 40]))
        #expect(dx.scalars == [0, 10, 0, 0,
                               0, 0, 20, 0,
                               30, 0, 0, 0,
                               0, 0, 0, 40])
    }

    @Test func tiesSendTheGradientToTheFirstMaximum() {
        let pool = MaxPool2D(kernelSize: 2)
        _ = pool.forward(Tensor(repeating: 3, shape: [1, 1, 2, 2]), mode: .training)
        #expect(pool.backward(Tensor(shape: [1, 1, 1, 1], scalars: [1])).scalars == [1, 0, 0, 0])
    }

    @Test(arguments: [(2, 2), (3, 2), (2, 1)])
    func gradientsMatchFiniteDifferences(kernel: Int, stride: Int) {
        let pool = MaxPool2D(kernelSize: kernel, stride: stride)
        let failures = GradientCheck.mismatches(of: pool, input: Self.distinctInput([2, 3, 5, 6], seed: 4),
                                                coordinatesPerTensor: 60)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func shapes() throws {
        #expect(try MaxPool2D(kernelSize: 2).outputShape(forInput: [16, 24, 24]) == [16, 12, 12])
        #expect(try MaxPool2D(kernelSize: 3, stride: 2).outputShape(forInput: [4, 7, 8]) == [4, 3, 3])
        #expect(throws: ModelError.self) { try MaxPool2D(kernelSize: 2).outputShape(forInput: [100]) }
        #expect(throws: ModelError.self) { try MaxPool2D(kernelSize: 5).outputShape(forInput: [1, 4, 8]) }
        #expect(throws: ModelError.self) { try MaxPool2D(kernelSize: 0).outputShape(forInput: [1, 4, 8]) }
    }
}
