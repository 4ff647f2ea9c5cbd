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

    /// The 2×2 kernel (`ck_max_pool_2x2`, eight outputs per step and a scalar tail) against the definition,
    /// bit for bit, in both builds: rows wider than one vector block, odd sizes (the last row and column are
    /// unused), and many ties (values on a coarse grid, as after ReLU) that must go to the first maximum in
    /// window order.
    @Test(arguments: [[2, 3, 7, 37], [1, 2, 24, 24], [3, 1, 5, 17]], [KernelChoice.fast, .baseline])
    func twoByTwoMatchesTheDefinition(shape: [Int], kernels: KernelChoice) {
        var rng = SeededGenerator(seed: 9)
        let values = (0..<shape.reduce(1, *)).map { _ in Float(Int.random(in: -3...3, using: &rng)) * 0.5 }
        let x = Tensor(shape: shape, scalars: values)
        let pool = MaxPool2D(kernelSize: 2)
        let (y, dx) = kernels.run {
            let y = pool.forward(x, mode: .training)
            return (y, pool.backward(Tensor(shape: y.shape, scalars: (0..<y.count).map { Float($0 + 1) })))
        }
        let (planes, h, w) = (shape[0] * shape[1], shape[2], shape[3])
        var expected: [Float] = [], expectedDx = [Float](repeating: 0, count: x.count)
        for plane in 0..<planes {
            for i in 0..<(h / 2) {
                for j in 0..<(w / 2) {
                    var best = plane * h * w + 2 * i * w + 2 * j
                    for p in [best + 1, best + w, best + w + 1] where values[p] > values[best] { best = p }
                    expected.append(values[best])
                    expectedDx[best] += Float(expected.count)
                }
            }
        }
        #expect(y.scalars == expected)
        #expect(dx.scalars == expectedDx)
    }

    @Test func shapes() throws {
        #expect(try MaxPool2D(kernelSize: 2).outputShape(forInput: [16, 24, 24]) == [16, 12, 12])
        #expect(try MaxPool2D(kernelSize: 3, stride: 2).outputShape(forInput: [4, 7, 8]) == [4, 3, 3])
        #expect(throws: ModelError.self) { try MaxPool2D(kernelSize: 2).outputShape(forInput: [100]) }
        #expect(throws: ModelError.self) { try MaxPool2D(kernelSize: 5).outputShape(forInput: [1, 4, 8]) }
        #expect(throws: ModelError.self) { try MaxPool2D(kernelSize: 0).outputShape(forInput: [1, 4, 8]) }
    }
}
