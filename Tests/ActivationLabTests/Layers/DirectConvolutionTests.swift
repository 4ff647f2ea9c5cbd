import Testing
@testable import ActivationLab

/// The direct path of `Conv2D` (stride 1, ≤ 4 input channels; `DirectConvolution`) against the definition,
/// the GEMM path it replaces, finite differences, and itself on another thread count.
@Suite struct DirectConvolutionTests {
    typealias Naive = Conv2DTests.NaiveConvolution

    /// (channels, output channels, kernel, padding, height, width): LeNet's first layer, ResNet's, a partial
    /// last group of output channels (6), and output rows that are not whole 8-wide blocks (5 or 7 wide).
    static let shapes = [(1, 16, 5, 0, 28, 28), (1, 16, 3, 1, 28, 28), (3, 6, 3, 1, 7, 9), (2, 5, 2, 0, 6, 8),
                         (4, 3, 1, 0, 5, 5)]

    static func layer(_ c: Int, _ oc: Int, _ k: Int, _ p: Int, seed: UInt64) -> Conv2D {
        var rng = SeededGenerator(seed: seed)
        let conv = Conv2D(inputChannels: c, outputChannels: oc, kernelSize: k, padding: p, rng: &rng)
        conv.bias!.value = GradientCheck.randomTensor([oc], seed: seed + 1)
        return conv
    }

    @Test(arguments: shapes)
    func matchesNaiveConvolution(c: Int, oc: Int, k: Int, p: Int, h: Int, w: Int) {
        let conv = Self.layer(c, oc, k, p, seed: 31)
        #expect(DirectConvolution.handles(ConvolutionGeometry(channels: c, height: h, width: w, kernelHeight: k,
                                                              kernelWidth: k, stride: 1, padding: p)))
        let x = GradientCheck.randomTensor([3, c, h, w], seed: 33)
        let naive = Naive(weight: conv.weight.value, bias: conv.bias!.value, stride: 1, padding: p)
        let y = conv.forward(x, mode: .training)
        #expect(Conv2DTests.maxDifference(y.scalars, naive.forward(x)) < 1e-4)
        let dy = GradientCheck.randomTensor(y.shape, seed: 34)
        for parameter in conv.parameters { parameter.zeroGradient() }
        let dx = conv.backward(dy)
        let (ndx, ndw, ndb) = naive.backward(x, dy)
        #expect(Conv2DTests.maxDifference(dx.scalars, ndx) < 1e-4)
        #expect(Conv2DTests.maxDifference(conv.weight.gradient.scalars, ndw) < 1e-3)
        #expect(Conv2DTests.maxDifference(conv.bias!.gradient.scalars, ndb) < 1e-3)
    }

    /// The reference (im2col + GEMM) path gives the same numbers up to rounding.
    @Test func agreesWithTheGEMMPath() {
        let x = GradientCheck.randomTensor([5, 1, 28, 28], seed: 41)
        func run(_ choice: KernelChoice) -> (Tensor, Tensor, Tensor, Tensor) {
            choice.run {
                let conv = Self.layer(1, 16, 5, 0, seed: 42)
                let y = conv.forward(x, mode: .training)
                let dx = conv.backward(GradientCheck.randomTensor(y.shape, seed: 43))
                return (y, dx, conv.weight.gradient, conv.bias!.gradient)
            }
        }
        let (fast, reference) = (run(.fast), run(.reference))
        for (a, b) in [(fast.0, reference.0), (fast.1, reference.1), (fast.2, reference.2), (fast.3, reference.3)] {
            #expect(a.shape == b.shape)
            #expect(zip(a.scalars, b.scalars).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) })
        }
    }

    @Test func gradientsMatchFiniteDifferences() {
        let conv = Self.layer(2, 5, 3, 1, seed: 51)
        let failures = GradientCheck.mismatches(of: conv, input: GradientCheck.randomTensor([2, 2, 6, 7]),
                                                coordinatesPerTensor: 40)
        #expect(failures.isEmpty, "\(failures)")
    }

    /// Same seed → bit-identical output and gradients on one thread and on two (the halves' split and the
    /// order their partial gradients are added depend only on the batch).
    @Test func bitIdenticalAcrossThreadCounts() {
        let x = GradientCheck.randomTensor([9, 1, 28, 28], seed: 61)
        func run(_ threads: Int) -> [[Float]] {
            ComputeContext(threads: threads).run {
                let conv = Self.layer(1, 16, 5, 0, seed: 62)
                let y = conv.forward(x, mode: .training)
                let dx = conv.backward(GradientCheck.randomTensor(y.shape, seed: 63))
                _ = conv.backward(conv.forward(x, mode: .training), needsInputGradient: false)  // accumulates
                return [y.scalars, dx.scalars, conv.weight.gradient.scalars, conv.bias!.gradient.scalars]
            }
        }
        #expect(run(1) == run(2))
    }
}
