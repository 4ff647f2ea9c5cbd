import Testing
@testable import ActivationLab

@Suite struct AvgPool2DTests {
    @Test func averagesEachWindow() {
        let pool = AvgPool2D(kernelSize: 2)
        let x = Tensor(shape: [1, 1, 2, 4], scalars: [1, 2, 10, 20,
                                                      3, 6, 30, 40])
        let y = pool.forward(x, mode: .training)
        #expect(y.shape == [1, 1, 1, 2])
        #expect(y.scalars == [3, 25])
        #expect(pool.backward(Tensor(shape: [1, 1, 1, 2], scalars: [4, 8])).scalars == [1, 1, 2, 2, 1, 1, 2, 2])
    }

    @Test(arguments: [(2, 2), (3, 2), (2, 1)])
    func gradientsMatchFiniteDifferences(kernel: Int, stride: Int) {
        let failures = GradientCheck.mismatches(of: AvgPool2D(kernelSize: kernel, stride: stride),
                                                input: GradientCheck.randomTensor([2, 2, 5, 6]))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func shapes() throws {
        #expect(try AvgPool2D(kernelSize: 2).outputShape(forInput: [3, 9, 8]) == [3, 4, 4])
        #expect(throws: ModelError.self) { try AvgPool2D(kernelSize: 2).outputShape(forInput: [3, 9]) }
        #expect(throws: ModelError.self) { try AvgPool2D(kernelSize: 3).outputShape(forInput: [3, 2, 8]) }
    }
}
