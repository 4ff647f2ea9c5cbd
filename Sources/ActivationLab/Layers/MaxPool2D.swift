import CKernels

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
                    let wide = KernelChoice.current.usesWideInstructions  // read once for both halves
                    BatchHalves.run(planes) { range in
                        if k == 2 && window.stride == 2 {
                            // The common window in C: eight outputs per step, selects instead of branches (after
                            // ReLU many entries tie at 0, which makes branches unpredictable).
                            let first = range.lowerBound
                            ck_max_pool_2x2(x + first * h * w, range.count, h, w, out + first * oh * ow,
                                            indices + first * oh * ow, wide)
                            return
                        }
                        for plane in range {
                            let src = x + plane * h * w
                            let (dst, positions) = (out + plane * oh * ow, indices + plane * oh * ow)
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

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        let (h, w) = (inputShape[2], inputShape[3])
        let planes = inputShape[0] * inputShape[1]
        let area = outputGradient.count / max(planes, 1)
        precondition(outputGradient.count == argmax.count, "\(description): gradient \(outputGradient.shape)")
        return argmax.withUnsafeBufferPointer { indices in
            outputGradient.withUnsafeBufferPointer { dy in
                Tensor.uninitialized(shape: inputShape) { dx in
                    let (dx, dy, indices) = (dx.baseAddress!, dy.baseAddress!, indices.baseAddress!)
                    BatchHalves.run(planes) { range in
                        for plane in range {
                            // Zeroed plane by plane on the halves' cores, just before the scatter reads it.
                            let target = dx + plane * h * w
                            target.initialize(repeating: 0, count: h * w)
                            for o in plane * area..<(plane + 1) * area { target[Int(indices[o])] += dy[o] }
                        }
                    }
                }
            }
        }
    }
}
