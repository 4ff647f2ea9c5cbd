/// Average pooling over `kernelSize × kernelSize` windows of NCHW images (no padding), as `nn.AvgPool2d`:
///
///     y[n, c, i, j] = (1/k²) Σ_{u, v < k} x[n, c, i·s + u, j·s + v],   ∂x += ∂y / k² over each window.
public final class AvgPool2D: Layer {
    /// The k × k window and its stride.
    let window: PoolWindow
    private var inputShape: [Int] = []

    /// - Parameter stride: the step between windows; defaults to `kernelSize` (non-overlapping windows).
    public init(kernelSize: Int, stride: Int? = nil) { window = PoolWindow(size: kernelSize, stride: stride) }

    public var kernelSize: Int { window.size }
    public var stride: Int { window.stride }
    public var description: String { "AvgPool2D(\(kernelSize), stride \(stride))" }

    public func outputShape(forInput shape: [Int]) throws -> [Int] { try window.outputShape(description, input: shape) }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        precondition(input.rank == 4, "\(description): input \(input.shape)")
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (window, k, outputArea) = (window, kernelSize, window.outputLength(h) * window.outputLength(w))
        let scale = 1 / Float(k * k)
        inputShape = input.shape
        return input.withUnsafeBufferPointer { x in
            let x = x.baseAddress!
            return Tensor.uninitialized(shape: [n, c, window.outputLength(h), window.outputLength(w)]) { out in
                let out = out.baseAddress!
                BatchHalves.run(n * c) { range in
                    for plane in range {
                        let (src, dst) = (x + plane * h * w, out + plane * outputArea)
                        window.forEachWindow(height: h, width: w) { o, corner in
                            var sum: Float = 0
                            for u in 0..<k {
                                for v in 0..<k { sum += src[corner + u * w + v] }
                            }
                            dst[o] = sum * scale
                        }
                    }
                }
            }
        }
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        let (h, w, planes) = (inputShape[2], inputShape[3], inputShape[0] * inputShape[1])
        let (window, k, outputArea) = (window, kernelSize, window.outputLength(h) * window.outputLength(w))
        let scale = 1 / Float(k * k)
        precondition(outputGradient.count == planes * outputArea, "\(description): gradient \(outputGradient.shape)")
        var inputGradient = Tensor(zeros: inputShape)
        outputGradient.withUnsafeBufferPointer { dy in
            inputGradient.withUnsafeMutableBufferPointer { dx in
                let (dx, dy) = (dx.baseAddress!, dy.baseAddress!)
                BatchHalves.run(planes) { range in
                    for plane in range {
                        let (target, src) = (dx + plane * h * w, dy + plane * outputArea)
                        window.forEachWindow(height: h, width: w) { o, corner in
                            let g = src[o] * scale
                            for u in 0..<k {
                                for v in 0..<k { target[corner + u * w + v] += g }
                            }
                        }
                    }
                }
            }
        }
        return inputGradient
    }
}
