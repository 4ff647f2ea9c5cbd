import Foundation
import Testing
@testable import ActivationLab

/// The direct path of `Conv2D` (stride 1; `DirectConvolution`) against the definition, the GEMM path it
/// replaces, finite differences, and itself on another thread count — in both builds of its C kernels
/// (`fast`: AVX2 + FMA where the CPU has them; `baseline`: the baseline instruction set).
@Suite struct DirectConvolutionTests {
    typealias Naive = Conv2DTests.NaiveConvolution

    /// (channels, output channels, kernel, padding, height, width): LeNet's first and second layers, ResNet's
    /// first, a partial last group of output channels (6, 5, 3), output rows that are not whole 8-wide blocks
    /// (5, 7 or 9 wide), an odd number of output rows, and padding of kernel − 1 (the transposed convolution
    /// of ∂x then has none).
    static let shapes = [(1, 16, 5, 0, 28, 28), (16, 32, 5, 0, 12, 12), (1, 16, 3, 1, 28, 28), (3, 6, 3, 1, 7, 9),
                         (2, 5, 2, 0, 6, 8), (4, 3, 1, 0, 5, 5), (6, 9, 3, 2, 5, 4), (16, 16, 3, 1, 28, 28),
                         (12, 20, 3, 1, 11, 13)]

    static func direct(_ shape: (Int, Int, Int, Int, Int, Int)) -> DirectConvolution {
        let (c, oc, k, p, h, w) = shape
        return DirectConvolution(geometry: ConvolutionGeometry(channels: c, height: h, width: w, kernelHeight: k,
                                                               kernelWidth: k, stride: 1, padding: p),
                                 outputChannels: oc)
    }

    /// The shapes exercise both register blockings, forward and in the transposed convolution of ∂x.
    @Test func shapesCoverBothLayouts() {
        let forward = Self.shapes.map { Self.direct($0).layout }
        let transposed = Self.shapes.map { Self.direct($0).transposed.layout }
        for layout in [DirectConvolution.Layout.blocked, .channelLanes] {
            #expect(forward.contains(layout) && transposed.contains(layout), "\(layout)")
        }
        // LeNet's second layer: blocked forward; its ∂x, mostly padding, in channel lanes.
        #expect(Self.direct((16, 32, 5, 0, 12, 12)).layout == .blocked)
        #expect(Self.direct((16, 32, 5, 0, 12, 12)).transposed.layout == .channelLanes)
        // ResNet's first block (16 channels, 3×3): channel lanes both ways.
        #expect(Self.direct((16, 16, 3, 1, 28, 28)).layout == .channelLanes)
        #expect(Self.direct((16, 16, 3, 1, 28, 28)).transposed.layout == .channelLanes)
    }
    static let builds: [KernelChoice] = [.fast, .baseline]

    static func layer(_ c: Int, _ oc: Int, _ k: Int, _ p: Int, seed: UInt64) -> Conv2D {
        var rng = SeededGenerator(seed: seed)
        let conv = Conv2D(inputChannels: c, outputChannels: oc, kernelSize: k, padding: p, rng: &rng)
        conv.bias!.value = GradientCheck.randomTensor([oc], seed: seed + 1)
        return conv
    }

    @Test(arguments: shapes, builds)
    func matchesNaiveConvolution(shape: (Int, Int, Int, Int, Int, Int), build: KernelChoice) {
        let (c, oc, k, p, h, w) = shape
        let conv = Self.layer(c, oc, k, p, seed: 31)
        #expect(DirectConvolution.handles(ConvolutionGeometry(channels: c, height: h, width: w, kernelHeight: k,
                                                              kernelWidth: k, stride: 1, padding: p)))
        Self.expectMatchesNaive(conv, input: GradientCheck.randomTensor([3, c, h, w], seed: 33), build: build)
    }

    /// A kernel wider than it is tall, and one taller than wide (the transposed convolution pads rows and
    /// columns differently).
    @Test(arguments: [(2, 4), (5, 3)], builds)
    func matchesNaiveConvolutionWithRectangularKernels(kernel: (Int, Int), build: KernelChoice) {
        var rng = SeededGenerator(seed: 35)
        let conv = Conv2D(inputChannels: 3, outputChannels: 5, kernelSize: kernel, padding: 1, rng: &rng)
        conv.bias!.value = GradientCheck.randomTensor([5], seed: 36)
        Self.expectMatchesNaive(conv, input: GradientCheck.randomTensor([2, 3, 9, 11], seed: 37), build: build)
    }

    static func expectMatchesNaive(_ conv: Conv2D, input x: Tensor, build: KernelChoice) {
        let naive = Naive(weight: conv.weight.value, bias: conv.bias!.value, stride: 1, padding: conv.padding)
        let (y, dx) = build.run {
            let y = conv.forward(x, mode: .training)
            for parameter in conv.parameters { parameter.zeroGradient() }
            return (y, conv.backward(GradientCheck.randomTensor(y.shape, seed: 34)))
        }
        #expect(Conv2DTests.maxDifference(y.scalars, naive.forward(x)) < 1e-4)
        let (ndx, ndw, ndb) = naive.backward(x, GradientCheck.randomTensor(y.shape, seed: 34))
        #expect(Conv2DTests.maxDifference(dx.scalars, ndx) < 1e-4)
        #expect(Conv2DTests.maxDifference(conv.weight.gradient.scalars, ndw) < 1e-3)
        #expect(Conv2DTests.maxDifference(conv.bias!.gradient.scalars, ndb) < 1e-3)
    }

    /// The reference (im2col + GEMM) path gives the same numbers up to rounding, in both builds, for LeNet's
    /// two convolutions.
    @Test(arguments: [(1, 16, 28), (16, 32, 12)], builds)
    func agreesWithTheGEMMPath(layer: (Int, Int, Int), build: KernelChoice) {
        let (c, oc, size) = layer
        let x = GradientCheck.randomTensor([5, c, size, size], seed: 41)
        func run(_ choice: KernelChoice) -> (Tensor, Tensor, Tensor, Tensor) {
            choice.run {
                let conv = Self.layer(c, oc, 5, 0, seed: 42)
                let y = conv.forward(x, mode: .training)
                let dx = conv.backward(GradientCheck.randomTensor(y.shape, seed: 43))
                return (y, dx, conv.weight.gradient, conv.bias!.gradient)
            }
        }
        let (direct, reference) = (run(build), run(.reference))
        for (a, b) in [(direct.0, reference.0), (direct.1, reference.1), (direct.2, reference.2), (direct.3, reference.3)] {
            #expect(a.shape == b.shape)
            #expect(zip(a.scalars, b.scalars).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($1)) })
        }
    }

    @Test(arguments: builds)
    func gradientsMatchFiniteDifferences(build: KernelChoice) {
        build.run {
            for (c, oc, k, p) in [(2, 5, 3, 1), (5, 6, 5, 2)] {
                let conv = Self.layer(c, oc, k, p, seed: 51)
                let failures = GradientCheck.mismatches(of: conv, input: GradientCheck.randomTensor([2, c, 6, 7]),
                                                        coordinatesPerTensor: 40)
                #expect(failures.isEmpty, "\(build) \(c)→\(oc) kernel \(k) padding \(p): \(failures)")
            }
        }
    }

    /// The wide build is the one that runs where the CPU allows it (this project's CI machines do).
    @Test func wideBuildRunsOnAVX2Machines() {
        #if arch(x86_64)
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        if cpuinfo.contains(" avx2") && cpuinfo.contains(" fma") { #expect(DirectConvolution.usesAVX2) }
        #endif
    }

    /// Same seed → bit-identical output and gradients on one thread and on two (the halves' split and the
    /// order their partial gradients are added depend only on the batch).
    @Test(arguments: [(1, 16, 5, 0, 28), (16, 32, 5, 0, 12), (16, 16, 3, 1, 14)])
    func bitIdenticalAcrossThreadCounts(layer: (Int, Int, Int, Int, Int)) {
        let (c, oc, k, p, size) = layer
        let x = GradientCheck.randomTensor([9, c, size, size], seed: 61)
        func run(_ threads: Int) -> [[Float]] {
            ComputeContext(threads: threads).run {
                let conv = Self.layer(c, oc, k, p, seed: 62)
                let y = conv.forward(x, mode: .training)
                let dx = conv.backward(GradientCheck.randomTensor(y.shape, seed: 63))
                _ = conv.backward(conv.forward(x, mode: .training), needsInputGradient: false)  // accumulates
                return [y.scalars, dx.scalars, conv.weight.gradient.scalars, conv.bias!.gradient.scalars]
            }
        }
        #expect(run(1) == run(2))
    }
}
