/// Average pooling over `kernelSize × kernelSize` windows of NCHW images (no padding), as `nn.AvgPool2d`:
///
///     y[n, c, i, j] = (1/k²) Σ_{u, v < k} x[n, c, i·s + u, j·s + v],   ∂x += ∂y / k² over each window.
public final class AvgPool2D: Layer {
    public let kernelSize: Int
    public let stride: Int
    private var inputShape: [Int] = []

    /// - Parameter stride: the step between windows; defaults to `kernelSize` (non-overlapping windows).
    public init(kernelSize: Int, stride: Int? = nil) {
        self.kernelSize = kernelSize
        self.stride = stride ?? kernelSize
    }

    public var description: String { "AvgPool2D(\(kernelSize), stride \(stride))" }

    public func outputShape(forInput shape: [Int]) throws -> [Int] {
        try ConvolutionGeometry.poolingOutputShape(description, kernelSize: kernelSize, stride: stride, input: shape)
    }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        precondition(input.rank == 4, "\(description): input \(input.shape)")
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (oh, ow) = ((h - kernelSize) / stride + 1, (w - kernelSize) / stride + 1)
        let (k, s, planes) = (kernelSize, stride, n * c)
        let scale = 1 / Float(k * k)
        inputShape = input.shape
        return input.withUnsafeBufferPointer { x in
            let x = x.baseAddress!
            return Tensor.uninitialized(shape: [n, c, oh, ow]) { out in
                let out = out.baseAddress!
                BatchHalves.run(planes) { range in
                    for plane in range {
                        let src = x + plane * h * w
                        let dst = out + plane * oh * ow
                        for i in 0..<oh {
                            for j in 0..<ow {
                                var sum: Float = 0
                                for u in 0..<k {
                                    let row = src + (i * s + u) * w + j * s
                                    for v in 0..<k { sum += row[v] }
                                }
                                dst[i * ow + j] = sum * scale
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
        let (oh, ow) = ((h - kernelSize) / stride + 1, (w - kernelSize) / stride + 1)
        let (k, s, planes) = (kernelSize, stride, inputShape[0] * inputShape[1])
        let scale = 1 / Float(k * k)
        precondition(outputGradient.count == planes * oh * ow, "\(description): gradient \(outputGradient.shape)")
        var inputGradient = Tensor(zeros: inputShape)
        outputGradient.withUnsafeBufferPointer { dy in
            inputGradient.withUnsafeMutableBufferPointer { dx in
                let (dx, dy) = (dx.baseAddress!, dy.baseAddress!)
                BatchHalves.run(planes) { range in
                    for plane in range {
                        let target = dx + plane * h * w
                        let src = dy + plane * oh * ow
                        for i in 0..<oh {
                            for j in 0..<ow {
                                let g = src[i * ow + j] * scale
                                for u in 0..<k {
                                    let row = target + (i * s + u) * w + j * s
                                    for v in 0..<k { row[v] += g }
                                }
                            }
                        }
                    }
                }
            }
        }
        return inputGradient
    }
}
