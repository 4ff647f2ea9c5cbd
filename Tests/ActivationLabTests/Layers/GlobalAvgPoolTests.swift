import Testing
@testable import ActivationLab

@Suite struct GlobalAvgPoolTests {
    @Test func averagesEachChannel() {
        let pool = GlobalAvgPool()
        let x = Tensor(shape: [1, 2, 2, 2], scalars: [1, 2, 3, 6, -4, 0, 0, 0])
        let y = pool.forward(x, mode: .training)
        #expect(y.shape == [1, 2])
        #expect(y.scalars == [3, -1])
        #expect(pool.backward(Tensor(shape: [1, 2], scalars: [4, -8])).scalars == [1, 1, 1, 1, -2, -2, -2, -2])
    }

    @Test func gradientsMatchFiniteDifferences() {
        let failures = GradientCheck.mismatches(of: GlobalAvgPool(), input: GradientCheck.randomTensor([3, 2, 3, 4]))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func shapes() throws {
        #expect(try GlobalAvgPool().outputShape(forInput: [64, 8, 8]) == [64])
        #expect(throws: ModelError.self) { try GlobalAvgPool().outputShape(forInput: [64]) }
    }
}
