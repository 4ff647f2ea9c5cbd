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
/// step allocates only the tensors it returns. Both passes split the batch in two halves that run on
/// their own core with single-threaded BLAS (`BatchHalves.runWithSerialBLAS`), each working through
/// small chunks of images so that a chunk's patch matrix is still in cache when its product reads it.
///
/// With the fast kernels, narrow kernels (3×3, 1×1) use a channel-major patch matrix (`im2colChannelMajor`): the products
/// become `Y[OC, positions] = W · X̂` and `∂X̂ = Wᵀ · ∂Y`, so no transposition is needed and im2col/col2im
/// move whole rows; the position-major layout above remains as `KernelChoice.reference`.
///
/// Stride-1 convolutions take the direct path instead (`DirectConvolution`: register-blocked AVX2 + FMA
/// kernels in C, no patch matrix); strided ones keep the GEMM path. `KernelChoice.reference` forces the
/// GEMM path for every convolution.
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
    var batch = 0
    /// im2col of the last forward input; backward overwrites it with ∂X̂ (see `columnsHoldInput`).
    let columns = ScratchBuffer()
    /// `[N·OH·OW, OC]`: the forward product before transposition, and ∂Y transposed in backward.
    let product = ScratchBuffer()
    private var columnsHoldInput = false
    /// Each half of the batch's partial ∂W and ∂b during backward.
    private let partialGradients = ScratchBuffer()
    /// The direct path's packed weights, and its backward scratch (per-half ∂W sums, flipped weights, padded ∂Y).
    let directWeights = ScratchBuffer()
    let directScratch = ScratchBuffer()
    /// Whether the last forward took the direct path (`DirectConvolution`); `columns` then holds the padded input.
    private var usedDirect = false
    /// Whether the last forward's patch matrix is channel-major (`im2colChannelMajor`) or position-major
    /// (`im2col`, the reference kernels).
    private var usedChannelMajor = false

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

    /// Images per chunk: im2col writes a chunk's patch rows and the product reads them straight back,
    /// so a chunk's patches (≈ 512 KB) should stay in the L2 cache instead of making a round trip to memory.
    private func chunkSize(_ g: ConvolutionGeometry) -> Int {
        imagesPerChunk ?? max(1, (128 * 1024) / max(1, g.outputArea * g.patchSize))
    }

    /// Overrides the cache-sized chunk (tests use it to exercise several chunks on small inputs).
    var imagesPerChunk: Int?

    /// Calls `body` on consecutive chunks of `images`. Chunk boundaries depend only on the range,
    /// so every run with the same batch splits (and rounds) the same way.
    private static func forEachChunk(of images: Range<Int>, size: Int, _ body: (Range<Int>) -> Void) {
        var start = images.lowerBound
        while start < images.upperBound {
            let end = min(start + size, images.upperBound)
            body(start..<end)
            start = end
        }
    }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        precondition(input.rank == 4 && input.shape[1] == inputChannels, "\(description): input \(input.shape)")
        let g = makeGeometry(height: input.shape[2], width: input.shape[3])
        let n = input.shape[0]
        let (area, patch, oc) = (g.outputArea, g.patchSize, outputChannels)
        let positions = n * area
        geometry = g
        batch = n
        columnsHoldInput = true
        usedDirect = DirectConvolution.handles(g) && KernelChoice.current.usesCurrentPaths
        if usedDirect { return directForward(input, geometry: g) }
        let cols = columns.reserve(positions * patch)
        let y = product.reserve(positions * oc)
        let biasValues = bias?.value.scalars ?? [Float](repeating: 0, count: oc)
        let chunk = chunkSize(g)
        let channelMajor = KernelChoice.current.usesCurrentPaths && g.prefersChannelMajor
        usedChannelMajor = channelMajor
        return Tensor.uninitialized(shape: [n, oc, g.outputHeight, g.outputWidth]) { out in
            let out = out.baseAddress!
            input.withUnsafeBufferPointer { x in
                weight.value.withUnsafeBufferPointer { w in
                    biasValues.withUnsafeBufferPointer { b in
                        // Each half of the batch runs im2col → product → transpose chunk by chunk on its own core.
                        BatchHalves.runWithSerialBLAS(n) { images, _ in
                            Self.forEachChunk(of: images, size: chunk) { part in
                                if channelMajor {
                                    Self.forwardChannelMajor(g, x: x.baseAddress!, w: w.baseAddress!, bias: b.baseAddress!,
                                                             images: part, cols: cols, y: y, out: out, outputChannels: oc)
                                    return
                                }
                                g.im2col(x.baseAddress!, images: part, into: cols)
                                // Y[positions, OC] = X̂ · Wᵀ for this chunk's rows.
                                let first = part.lowerBound * area
                                BLAS.gemm(transposeB: true, m: part.count * area, n: oc, k: patch,
                                          a: cols + first * patch, b: w.baseAddress!, c: y + first * oc)
                                // [OH·OW, OC] → [OC, OH·OW] per image, adding the bias on the way.
                                for image in part {
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
        // Per half of the batch: a partial ∂W [OC, C·KH·KW] and partial ∂b [OC], added in a fixed order
        // afterwards, so the result is deterministic.
        let partSize = oc * patch + oc
        let partials = partialGradients.reserve(2 * partSize)
        if usedDirect {  // before the GEMM path's reservations, which would drop the padded input
            let inputGradient = directBackward(outputGradient, geometry: g, partials: partials,
                                               needsInputGradient: needsInputGradient)
            addPartials(partials, partSize: partSize, patch: patch)
            return inputGradient
        }
        let dyRows = product.reserve(positions * oc)
        let cols = columns.reserve(positions * patch)
        var inputGradient = needsInputGradient ? Tensor(zeros: [n, inputChannels, g.height, g.width]) : nil
        let chunk = chunkSize(g)
        let channelMajor = usedChannelMajor
        columnsHoldInput = !needsInputGradient

        func pass(_ dx: UnsafeMutablePointer<Float>?) {
            outputGradient.withUnsafeBufferPointer { dy in
                weight.value.withUnsafeBufferPointer { w in
                    BatchHalves.runWithSerialBLAS(n) { images, half in
                        let dw = partials + half * partSize
                        let db = dw + oc * patch
                        dw.initialize(repeating: 0, count: partSize)
                        Self.forEachChunk(of: images, size: chunk) { part in
                            if channelMajor {
                                Self.backwardChannelMajor(g, dy: dy.baseAddress!, w: w.baseAddress!, images: part,
                                                          cols: cols, dyRows: dyRows, dw: dw, db: db, dx: dx,
                                                          outputChannels: oc)
                                return
                            }
                            let first = part.lowerBound * area
                            // ∂Y [OC, OH·OW] → [OH·OW, OC] per image; ∂b gets its row sums.
                            for image in part {
                                let src = dy.baseAddress! + image * oc * area
                                MatrixTranspose.transpose(src, rows: oc, columns: area, into: dyRows + image * area * oc)
                                for o in 0..<oc { db[o] += Self.sum(src + o * area, count: area) }
                            }
                            // ∂W_half += ∂Yᵀ · X̂ over this chunk's positions.
                            BLAS.gemm(transposeA: true, m: oc, n: patch, k: part.count * area,
                                      a: dyRows + first * oc, b: cols + first * patch, beta: 1, c: dw)
                            // ∂X̂ = ∂Y · W overwrites this chunk's patches (no longer needed), then folds
                            // back onto the images.
                            guard let dx else { return }
                            BLAS.gemm(m: part.count * area, n: patch, k: oc, a: dyRows + first * oc,
                                      b: w.baseAddress!, c: cols + first * patch)
                            g.col2im(cols, images: part, into: dx)
                        }
                    }
                }
            }
        }
        if inputGradient != nil {
            inputGradient!.withUnsafeMutableBufferPointer { pass($0.baseAddress!) }
        } else {
            pass(nil)
        }
        addPartials(partials, partSize: partSize, patch: patch)
        return inputGradient
    }

    /// Adds the two halves' partial ∂W and ∂b to the parameters' gradients, first half first.
    private func addPartials(_ partials: UnsafeMutablePointer<Float>, partSize: Int, patch: Int) {
        let oc = outputChannels
        weight.gradient.withUnsafeMutableBufferPointer { dw in
            for i in 0..<(oc * patch) { dw[i] += partials[i] + partials[partSize + i] }
        }
        if let bias {
            bias.gradient.withUnsafeMutableBufferPointer { db in
                for o in 0..<oc { db[o] += partials[oc * patch + o] + partials[partSize + oc * patch + o] }
            }
        }
    }

    /// The sum of `count` floats, with four running sums so the loop vectorises.
    @inline(__always)
    static func sum(_ row: UnsafePointer<Float>, count: Int) -> Float {
        var sum = SIMD4<Float>()
        var j = 0
        while j + 4 <= count {
            sum += UnsafeRawPointer(row + j).loadUnaligned(as: SIMD4<Float>.self)
            j += 4
        }
        var total = sum.sum()
        while j < count {
            total += row[j]
            j += 1
        }
        return total
    }
}
