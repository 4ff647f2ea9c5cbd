import Testing
@testable import ActivationLab

/// `Conv2D`'s GEMM path with the channel-major patch matrix (the fast kernels' choice for kernels up to 3 wide) against the position-major
/// one it replaced (`KernelChoice.reference`), with strides, padding and several chunks per half; and
/// bit-identical on one and two threads. (Conv2DTests compares the fast path with the definition.)
@Suite struct ChannelMajorConvolutionTests {
    /// (channels, output channels, kernel, stride, padding, height, width)
    static let shapes = [(16, 8, 3, 2, 1, 9, 10), (5, 7, 2, 1, 2, 8, 8), (8, 4, 1, 2, 0, 7, 7), (6, 3, 3, 3, 0, 11, 9)]

    static func run(_ shape: (Int, Int, Int, Int, Int, Int, Int), _ choice: KernelChoice, threads: Int) -> [[Float]] {
        let (c, oc, k, s, p, h, w) = shape
        let x = GradientCheck.randomTensor([7, c, h, w], seed: 81)
        return choice.run {
            ComputeContext(threads: threads).run {
                var rng = SeededGenerator(seed: 82)
                let conv = Conv2D(inputChannels: c, outputChannels: oc, kernelSize: k, stride: s, padding: p, rng: &rng)
                conv.bias!.value = GradientCheck.randomTensor([oc], seed: 83)
                conv.imagesPerChunk = 2
                let y = conv.forward(x, mode: .training)
                let dx = conv.backward(GradientCheck.randomTensor(y.shape, seed: 84))
                return [y.scalars, dx.scalars, conv.weight.gradient.scalars, conv.bias!.gradient.scalars]
            }
        }
    }

    @Test(arguments: shapes)
    func agreesWithPositionMajorLayout(shape: (Int, Int, Int, Int, Int, Int, Int)) {
        let (c, _, k, s, p, h, w) = shape
        let geometry = ConvolutionGeometry(channels: c, height: h, width: w, kernelHeight: k, kernelWidth: k, stride: s,
                                           padding: p)
        #expect(geometry.prefersChannelMajor && !DirectConvolution.handles(geometry))
        for (fast, reference) in zip(Self.run(shape, .fast, threads: 2), Self.run(shape, .reference, threads: 2)) {
            #expect(fast.count == reference.count)
            #expect(zip(fast, reference).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) })
        }
    }

    @Test(arguments: shapes)
    func bitIdenticalAcrossThreadCounts(shape: (Int, Int, Int, Int, Int, Int, Int)) {
        #expect(Self.run(shape, .fast, threads: 1) == Self.run(shape, .fast, threads: 2))
    }
}
