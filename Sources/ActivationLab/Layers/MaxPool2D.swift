/// Max pooling over `kernelSize × kernelSize` windows of NCHW images (no padding), as `nn.MaxPool2d`:
///
///     y[n, c, i, j] = max_{u, v < k} x[n, c, i·s + u, j·s + v]
///
/// Backward routes each output gradient to the position of its window's maximum (the first one, in
/// row-major window order, when several tie); overlapping windows add up.
public final class MaxPool2D: Layer {
    /// The k × k window and its stride.
    let window: PoolWindow
    private var inputShape: [Int] = []
    /// For every output element, the flat index within its (n, c) input plane of the window's maximum.
    private var argmax: [Int32] = []

    /// - Parameter stride: the step between windows; defaults to `kernelSize` (non-overlapping windows).
    public init(kernelSize: Int, stride: Int? = nil) { window = PoolWindow(size: kernelSize, stride: stride) }

    public var kernelSize: Int { window.size }
    public var stride: Int { window.stride }
    public var description: String { "MaxPool2D(\(kernelSize), stride \(stride))" }

    public func outputShape(forInput shape: [Int]) throws -> [Int] { try window.outputShape(description, input: shape) }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        precondition(input.rank == 4, "\(description): input \(input.shape)")
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (oh, ow) = (window.outputLength(h), window.outputLength(w))
        let (window, k, planes) = (window, kernelSize, n * c)
        inputShape = input.shape
        if argmax.count != planes * oh * ow { argmax = [Int32](repeating: 0, count: planes * oh * ow) }
        return argmax.withUnsafeMutableBufferPointer { indices in
            let indices = indices.baseAddress!
            return input.withUnsafeBufferPointer { x in
                let x = x.baseAddress!
                return Tensor.uninitialized(shape: [n, c, oh, ow]) { out in
                    let out = out.baseAddress!
                    BatchHalves.run(planes) { range in
                        for plane in range {
                            let src = x + plane * h * w
                            let (dst, positions) = (out + plane * oh * ow, indices + plane * oh * ow)
                            if k == 2 && window.stride == 2 {
                                Self.pool2x2(src, width: w, outputHeight: oh, outputWidth: ow, into: dst, indices: positions)
                                continue
                            }
                            window.forEachWindow(height: h, width: w) { o, corner in
                                var best = corner
                                var bestValue = src[corner]
                                for u in 0..<k {
                                    let row = corner + u * w
                                    for v in 0..<k where src[row + v] > bestValue {
                                        best = row + v
                                        bestValue = src[row + v]
                                    }
                                }
                                dst[o] = bestValue
                                positions[o] = Int32(best)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The common 2×2, stride-2 window without branches: after ReLU many window entries tie at 0, which
    /// makes the generic loop's comparisons unpredictable. Selects keep the first maximum in row-major
    /// window order, as the generic loop does.
    @inline(__always)
    private static func pool2x2(_ src: UnsafePointer<Float>, width w: Int, outputHeight oh: Int, outputWidth ow: Int,
                                into out: UnsafeMutablePointer<Float>, indices: UnsafeMutablePointer<Int32>) {
        for i in 0..<oh {
            let top = 2 * i * w
            for j in 0..<ow {
                let p = top + 2 * j
                let (a, b, c, d) = (src[p], src[p + 1], src[p + w], src[p + w + 1])
                var best = a, index = p
                if b > best { best = b; index = p + 1 }
                if c > best { best = c; index = p + w }
                if d > best { best = d; index = p + w + 1 }
                out[i * ow + j] = best
                indices[i * ow + j] = Int32(truncatingIfNeeded: index)
            }
        }
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        let (h, w) = (inputShape[2], inputShape[3])
        let planes = inputShape[0] * inputShape[1]
        let area = outputGradient.count / max(planes, 1)
        precondition(outputGradient.count == argmax.count, "\(description): gradient \(outputGradient.shape)")
        var inputGradient = Tensor(zeros: inputShape)
        argmax.withUnsafeBufferPointer { indices in
            outputGradient.withUnsafeBufferPointer { dy in
                inputGradient.withUnsafeMutableBufferPointer { dx in
                    let (dx, dy, indices) = (dx.baseAddress!, dy.baseAddress!, indices.baseAddress!)
                    BatchHalves.run(planes) { range in
                        for plane in range {
                            let target = dx + plane * h * w
                            for o in plane * area..<(plane + 1) * area { target[Int(indices[o])] += dy[o] }
                        }
                    }
                }
            }
        }
        return inputGradient
    }
}
