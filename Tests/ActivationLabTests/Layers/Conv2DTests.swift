import Testing
@testable import ActivationLab

@Suite struct Conv2DTests {
    /// Direct convolution in Double: the definition, with no im2col and no BLAS.
    struct NaiveConvolution {
        let weight: Tensor, bias: Tensor?, stride: Int, padding: Int

        var oc: Int { weight.shape[0] }
        var kh: Int { weight.shape[2] }
        var kw: Int { weight.shape[3] }

        func outputSize(_ x: Tensor) -> (Int, Int) {
            ((x.shape[2] + 2 * padding - kh) / stride + 1, (x.shape[3] + 2 * padding - kw) / stride + 1)
        }

        /// Calls `body(n, o, i, j, c, u, v, inputIndex)` for every product term that reads a real input.
        func forEachTerm(_ x: Tensor, _ body: (Int, Int, Int, Int, Int, Int, Int, Int) -> Void) {
            let (n, c, h, w) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
            let (oh, ow) = outputSize(x)
            for b in 0..<n { for o in 0..<oc { for i in 0..<oh { for j in 0..<ow {
                for ch in 0..<c { for u in 0..<kh { for v in 0..<kw {
                    let (row, col) = (i * stride - padding + u, j * stride - padding + v)
                    guard row >= 0, row < h, col >= 0, col < w else { continue }
                    body(b, o, i, j, ch, u, v, ((b * c + ch) * h + row) * w + col)
                } } }
            } } } }
        }

        func weightIndex(_ o: Int, _ c: Int, _ u: Int, _ v: Int) -> Int { ((o * weight.shape[1] + c) * kh + u) * kw + v }

        func forward(_ x: Tensor) -> [Double] {
            let (oh, ow) = outputSize(x)
            var y = [Double](repeating: 0, count: x.shape[0] * oc * oh * ow)
            for index in y.indices { y[index] = Double(bias?[flat: (index / (oh * ow)) % oc] ?? 0) }
            forEachTerm(x) { b, o, i, j, c, u, v, xi in
                y[((b * oc + o) * oh + i) * ow + j] += Double(weight[flat: weightIndex(o, c, u, v)]) * Double(x[flat: xi])
            }
            return y
        }

        /// (∂x, ∂W, ∂b) for upstream gradient `dy`.
        func backward(_ x: Tensor, _ dy: Tensor) -> ([Double], [Double], [Double]) {
            let (oh, ow) = outputSize(x)
            var dx = [Double](repeating: 0, count: x.count)
            var dw = [Double](repeating: 0, count: weight.count)
            var db = [Double](repeating: 0, count: oc)
            for index in 0..<dy.count { db[(index / (oh * ow)) % oc] += Double(dy[flat: index]) }
            forEachTerm(x) { b, o, i, j, c, u, v, xi in
                let g = Double(dy[flat: ((b * oc + o) * oh + i) * ow + j])
                dx[xi] += g * Double(weight[flat: weightIndex(o, c, u, v)])
                dw[weightIndex(o, c, u, v)] += g * Double(x[flat: xi])
            }
            return (dx, dw, db)
        }
    }

    static func maxDifference(_ a: [Float], _ b: [Double]) -> Double {
        zip(a, b).map { abs(Double($0) - $1) }.max() ?? 0
    }

    @Test(arguments: [(1, 0, 3, 3), (2, 1, 3, 3), (1, 2, 5, 5), (3, 1, 2, 4), (2, 0, 1, 1)])
    func matchesNaiveConvolution(stride: Int, padding: Int, kh: Int, kw: Int) {
        var rng = SeededGenerator(seed: 11)
        let conv = Conv2D(inputChannels: 3, outputChannels: 4, kernelSize: (kh, kw), stride: stride,
                          padding: padding, rng: &rng)
        conv.bias!.value = GradientCheck.randomTensor([4], seed: 12)
        let x = GradientCheck.randomTensor([2, 3, 9, 8], seed: 13)
        let naive = NaiveConvolution(weight: conv.weight.value, bias: conv.bias!.value, stride: stride, padding: padding)

        let y = conv.forward(x, mode: .training)
        let (oh, ow) = naive.outputSize(x)
        #expect(y.shape == [2, 4, oh, ow])
        #expect(Self.maxDifference(y.scalars, naive.forward(x)) < 1e-4)

        let dy = GradientCheck.randomTensor(y.shape, seed: 14)
        for p in conv.parameters { p.zeroGradient() }
        let dx = conv.backward(dy)
        let (ndx, ndw, ndb) = naive.backward(x, dy)
        #expect(Self.maxDifference(dx.scalars, ndx) < 1e-4)
        #expect(Self.maxDifference(conv.weight.gradient.scalars, ndw) < 1e-4)
        #expect(Self.maxDifference(conv.bias!.gradient.scalars, ndb) < 1e-4)
    }

    /// A LeNet-like second convolution on an odd batch: the halves (3 and 4 images) differ in size and
    /// each runs several chunks (of 2 images, then the rest), whose partial weight gradients must add up to the naive ones.
    @Test func matchesNaiveConvolutionAcrossChunksAndUnevenHalves() {
        var rng = SeededGenerator(seed: 21)
        let conv = Conv2D(inputChannels: 16, outputChannels: 8, kernelSize: 5, rng: &rng)
        conv.imagesPerChunk = 2
        conv.bias!.value = GradientCheck.randomTensor([8], seed: 22)
        let x = GradientCheck.randomTensor([7, 16, 10, 10], seed: 23)
        let naive = NaiveConvolution(weight: conv.weight.value, bias: conv.bias!.value, stride: 1, padding: 0)
        let y = conv.forward(x, mode: .training)
        #expect(Self.maxDifference(y.scalars, naive.forward(x)) < 1e-3)
        let dy = GradientCheck.randomTensor(y.shape, seed: 24)
        for p in conv.parameters { p.zeroGradient() }
        let dx = conv.backward(dy)
        let (ndx, ndw, ndb) = naive.backward(x, dy)
        #expect(Self.maxDifference(dx.scalars, ndx) < 1e-3)
        #expect(Self.maxDifference(conv.weight.gradient.scalars, ndw) < 1e-3)
        #expect(Self.maxDifference(conv.bias!.gradient.scalars, ndb) < 1e-3)
    }

    @Test func handComputedThreeByThree() {
        var rng = SeededGenerator(seed: 1)
        let conv = Conv2D(inputChannels: 1, outputChannels: 1, kernelSize: 3, rng: &rng)
        conv.weight.value = Tensor(shape: [1, 1, 3, 3], scalars: [1, 0, -1, 2, 0, -2, 1, 0, -1])  // Sobel x
        conv.bias!.value = Tensor(shape: [1], scalars: [0.5])
        // 4x4 image with columns 0, 1, 2, 3 (a horizontal ramp); rows differ by 10.
        let x = Tensor(shape: [1, 1, 4, 4], scalars: (0..<16).map { Float(($0 / 4) * 10 + $0 % 4) })
        let y = conv.forward(x, mode: .evaluation)
        // Each window: Σ rows weights (1,2,1) · (left − right) = 4 · (−2) = −8, plus bias 0.5.
        #expect(y.shape == [1, 1, 2, 2])
        #expect(y.scalars == [-7.5, -7.5, -7.5, -7.5])
    }

    @Test func gradientsMatchFiniteDifferencesWithStrideAndPadding() {
        var rng = SeededGenerator(seed: 5)
        let conv = Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 3, stride: 2, padding: 1, rng: &rng)
        let failures = GradientCheck.mismatches(of: conv, input: GradientCheck.randomTensor([2, 2, 5, 6]),
                                                coordinatesPerTensor: 40)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func noBiasAndSkippedInputGradient() {
        var rng = SeededGenerator(seed: 6)
        let conv = Conv2D(inputChannels: 2, outputChannels: 2, kernelSize: 3, padding: 1, bias: false, rng: &rng)
        #expect(conv.parameters.map(\.name) == ["weight"])
        let y = conv.forward(GradientCheck.randomTensor([1, 2, 4, 4]), mode: .training)
        #expect(conv.backward(y, needsInputGradient: false) == nil)
        #expect(conv.weight.gradient.norm() > 0)
    }

    /// A batch of one image after a larger batch: each half of the batch keeps its own partial ∂W between
    /// calls, and the empty half must not contribute the previous batch's (it once did: a NaN now and then).
    @Test func singleImageBatchGradientIgnoresEarlierBatches() {
        func make() -> Conv2D {
            var rng = SeededGenerator(seed: 8)
            return Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 3, padding: 1, rng: &rng)
        }
        let one = GradientCheck.randomTensor([1, 2, 5, 5])
        let fresh = make()
        _ = fresh.backward(fresh.forward(one, mode: .training), needsInputGradient: true)

        let used = make()
        _ = used.backward(used.forward(GradientCheck.randomTensor([4, 2, 5, 5]), mode: .training), needsInputGradient: true)
        for parameter in used.parameters { parameter.gradient = Tensor(zeros: parameter.gradient.shape) }
        _ = used.backward(used.forward(one, mode: .training), needsInputGradient: true)
        #expect(used.weight.gradient.scalars == fresh.weight.gradient.scalars)
        #expect(used.parameters.last!.gradient.scalars == fresh.parameters.last!.gradient.scalars)
    }

    @Test func shapeErrors() throws {
        var rng = SeededGenerator(seed: 7)
        let conv = Conv2D(inputChannels: 3, outputChannels: 8, kernelSize: 5, rng: &rng)
        #expect(try conv.outputShape(forInput: [3, 28, 28]) == [8, 24, 24])
        #expect(throws: ModelError.self) { try conv.outputShape(forInput: [784]) }
        #expect(throws: ModelError.self) { try conv.outputShape(forInput: [1, 28, 28]) }
        #expect(throws: ModelError.self) { try conv.outputShape(forInput: [3, 4, 28]) }
        let padded = Conv2D(inputChannels: 1, outputChannels: 1, kernelSize: 5, stride: 2, padding: 1, rng: &rng)
        #expect(try padded.outputShape(forInput: [1, 3, 3]) == [1, 1, 1])
        #expect(throws: ModelError.self) { try padded.outputShape(forInput: [1, 2, 3]) }
        let badStride = Conv2D(inputChannels: 1, outputChannels: 1, kernelSize: 3, stride: 0, rng: &rng)
        #expect(throws: ModelError.self) { try badStride.outputShape(forInput: [1, 8, 8]) }
    }
}
