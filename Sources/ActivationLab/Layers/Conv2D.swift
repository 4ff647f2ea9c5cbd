/// A 2-D convolution (cross-correlation, as in PyTorch's `nn.Conv2d`) over NCHW minibatches:
///
///     y[n, o, i, j] = b[o] + Σ_{c, u, v} W[o, c, u, v] · x[n, c, i·s − p + u, j·s − p + v]
///
/// with zero padding `p` and stride `s`. Weights are `[OC, C, KH, KW]` (PyTorch layout).
///
/// The whole minibatch goes through one BLAS `sgemm` per product: im2col writes a
/// `[N·OH·OW, C·KH·KW]` patch matrix `X̂` (see `ConvolutionGeometry`), then
/// - forward:  `Y = X̂ · Wᵀ` (+ bias, transposed per image from `[OH·OW, OC]` to `[OC, OH, OW]`),
/// - backward: `∂W += ∂Yᵀ · X̂`, `∂b += Σ ∂Y`, and `∂X = col2im(∂Y · W)` only when the caller
///   needs the input gradient (the first layer of a network does not).
/// The column matrix and the permuted gradient live in scratch buffers the layer keeps, so a training
/// step allocates only the tensors it returns. im2col and col2im split across two threads (`TwoWaySplit`).
public final class Conv2D: Layer {
    public let inputChannels: Int
    public let outputChannels: Int
    public let kernelHeight: Int
    public let kernelWidth: Int
    public let stride: Int
    public let padding: Int
    /// `[OC, C, KH, KW]`.
    public let weight: Parameter
    /// `[OC]`, or `nil` for a convolution without bias (one followed by batch normalisation).
    public let bias: Parameter?

    private var geometry: ConvolutionGeometry?
    private var batch = 0
    /// im2col of the last forward input; backward overwrites it with ∂X̂ (see `columnsHoldInput`).
    private let columns = ScratchBuffer()
    /// `[N·OH·OW, OC]`: the forward product before transposition, and ∂Y transposed in backward.
    private let product = ScratchBuffer()
    private var columnsHoldInput = false

    /// - Parameters:
    ///   - kernelSize: `(height, width)` of the kernel.
    ///   - stride: the step between windows, in both directions.
    ///   - padding: zeros added on every side, in both directions.
    ///   - bias: whether the layer has a learnable bias (PyTorch's `bias=True`).
    ///   - initializer: the weight scheme, with fan-in `C·KH·KW` and fan-out `OC·KH·KW`; biases start at zero.
    public init(inputChannels: Int, outputChannels: Int, kernelSize: (Int, Int), stride: Int = 1,
                padding: Int = 0, bias: Bool = true, initializer: Initializer = .glorotUniform,
                rng: inout SeededGenerator) {
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        (kernelHeight, kernelWidth) = kernelSize
        self.stride = stride
        self.padding = padding
        let area = kernelSize.0 * kernelSize.1
        weight = Parameter(name: "weight",
                           value: initializer.tensor(shape: [outputChannels, inputChannels, kernelSize.0, kernelSize.1],
                                                     fanIn: inputChannels * area, fanOut: outputChannels * area,
                                                     using: &rng))
        self.bias = bias ? Parameter(name: "bias", value: Tensor(zeros: [outputChannels]), decays: false) : nil
    }

    /// A convolution with a square `kernelSize × kernelSize` kernel.
    public convenience init(inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1,
                            padding: Int = 0, bias: Bool = true, initializer: Initializer = .glorotUniform,
                            rng: inout SeededGenerator) {
        self.init(inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: (kernelSize, kernelSize),
                  stride: stride, padding: padding, bias: bias, initializer: initializer, rng: &rng)
    }

    public var parameters: [Parameter] { bias.map { [weight, $0] } ?? [weight] }

    public var description: String {
        let kernel = kernelHeight == kernelWidth ? "\(kernelHeight)" : "\(kernelHeight)x\(kernelWidth)"
        return "Conv2D(\(inputChannels)→\(outputChannels), kernel \(kernel), stride \(stride), padding \(padding))"
    }

    public func outputShape(forInput shape: [Int]) throws -> [Int] {
        guard inputChannels > 0, outputChannels > 0, kernelHeight > 0, kernelWidth > 0, stride > 0, padding >= 0 else {
            throw ModelError("\(description): channels, kernel size and stride must be positive and padding non-negative")
        }
        guard shape.count == 3 else {
            throw ModelError("\(description) expects images [channels, height, width], got shape \(shape)")
        }
        guard shape[0] == inputChannels else {
            throw ModelError("\(description) expects \(inputChannels) input channels, got \(shape[0]) (shape \(shape))")
        }
        let (paddedHeight, paddedWidth) = (shape[1] + 2 * padding, shape[2] + 2 * padding)
        guard kernelHeight <= paddedHeight, kernelWidth <= paddedWidth else {
            throw ModelError("\(description): kernel \(kernelHeight)x\(kernelWidth) is larger than the padded input \(paddedHeight)x\(paddedWidth) (shape \(shape))")
        }
        let g = makeGeometry(height: shape[1], width: shape[2])
        return [outputChannels, g.outputHeight, g.outputWidth]
    }

    private func makeGeometry(height: Int, width: Int) -> ConvolutionGeometry {
        ConvolutionGeometry(channels: inputChannels, height: height, width: width, kernelHeight: kernelHeight,
                            kernelWidth: kernelWidth, stride: stride, padding: padding)
    }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        precondition(input.rank == 4 && input.shape[1] == inputChannels, "\(description): input \(input.shape)")
        let g = makeGeometry(height: input.shape[2], width: input.shape[3])
        let n = input.shape[0]
        let (area, patch, oc) = (g.outputArea, g.patchSize, outputChannels)
        let positions = n * area
        geometry = g
        batch = n
        let cols = columns.reserve(positions * patch)
        let y = product.reserve(positions * oc)
        input.withUnsafeBufferPointer { x in
            TwoWaySplit.run(n) { images in g.im2col(x.baseAddress!, images: images, into: cols) }
        }
        columnsHoldInput = true
        // Y[N·OH·OW, OC] = X̂ · Wᵀ
        weight.value.withUnsafeBufferPointer { w in
            BLAS.gemm(transposeB: true, m: positions, n: oc, k: patch, a: cols, b: w.baseAddress!, c: y)
        }
        // [N, OH·OW, OC] → [N, OC, OH·OW], adding the bias on the way.
        let biasValues = bias?.value.scalars ?? [Float](repeating: 0, count: oc)
        return Tensor.uninitialized(shape: [n, oc, g.outputHeight, g.outputWidth]) { out in
            let out = out.baseAddress!
            biasValues.withUnsafeBufferPointer { b in
                TwoWaySplit.run(n) { images in
                    for image in images {
                        let dst = out + image * oc * area
                        MatrixTranspose.transpose(y + image * area * oc, rows: area, columns: oc, into: dst)
                        for o in 0..<oc where b[o] != 0 {
                            let shift = b[o]
                            let row = dst + o * area
                            for j in 0..<area { row[j] += shift }
                        }
                    }
                }
            }
        }
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard let g = geometry else { preconditionFailure("\(description): backward before forward") }
        precondition(columnsHoldInput, "\(description): backward called twice after one forward")
        let n = batch
        let (area, patch, oc) = (g.outputArea, g.patchSize, outputChannels)
        let positions = n * area
        precondition(outputGradient.count == n * oc * area, "\(description): gradient \(outputGradient.shape)")
        let dyRows = product.reserve(positions * oc)
        let cols = columns.reserve(positions * patch)

        // ∂Y [N, OC, OH·OW] → [N·OH·OW, OC]; the bias gradient is its column sums
        // (per half of the batch, then added in a fixed order, so the result is deterministic).
        var halfSums = [Float](repeating: 0, count: 2 * oc)
        outputGradient.withUnsafeBufferPointer { dy in
            halfSums.withUnsafeMutableBufferPointer { sums in
                let sums = sums.baseAddress!
                TwoWaySplit.run(n) { images in
                    let partial = sums + (images.lowerBound == 0 ? 0 : oc)
                    for image in images {
                        let src = dy.baseAddress! + image * oc * area
                        MatrixTranspose.transpose(src, rows: oc, columns: area, into: dyRows + image * area * oc)
                        for o in 0..<oc {
                            // Four running sums, so the loop vectorises.
                            var sum = SIMD4<Float>()
                            let row = src + o * area
                            var j = 0
                            while j + 4 <= area {
                                sum += UnsafeRawPointer(row + j).loadUnaligned(as: SIMD4<Float>.self)
                                j += 4
                            }
                            var total = sum.sum()
                            while j < area {
                                total += row[j]
                                j += 1
                            }
                            partial[o] += total
                        }
                    }
                }
            }
        }
        if let bias {
            bias.gradient.withUnsafeMutableBufferPointer { db in
                for o in 0..<oc { db[o] += halfSums[o] + halfSums[oc + o] }
            }
        }
        // ∂W[OC, C·KH·KW] += ∂Yᵀ · X̂
        weight.gradient.withUnsafeMutableBufferPointer { dw in
            BLAS.gemm(transposeA: true, m: oc, n: patch, k: positions,
                      a: dyRows, b: cols, beta: 1, c: dw.baseAddress!)
        }
        guard needsInputGradient else { return nil }

        // ∂X̂ = ∂Y · W overwrites the patches (no longer needed), then folds back onto the images.
        weight.value.withUnsafeBufferPointer { w in
            BLAS.gemm(m: positions, n: patch, k: oc, a: dyRows, b: w.baseAddress!, c: cols)
        }
        columnsHoldInput = false
        var inputGradient = Tensor(zeros: [n, inputChannels, g.height, g.width])
        inputGradient.withUnsafeMutableBufferPointer { dx in
            let dx = dx.baseAddress!
            TwoWaySplit.run(n) { images in g.col2im(cols, images: images, into: dx) }
        }
        return inputGradient
    }
}
