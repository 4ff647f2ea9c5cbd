/// Global average pooling: the mean of each channel over all positions, `[N, C, H, W] → [N, C]`
/// (PyTorch's `AdaptiveAvgPool2d(1)` followed by flattening):
///
///     y[n, c] = (1/HW) Σ_{i, j} x[n, c, i, j],   ∂x[n, c, i, j] = ∂y[n, c] / HW.
public final class GlobalAvgPool: Layer {
    private var inputShape: [Int] = []

    public init() {}

    public var description: String { "GlobalAvgPool" }

    public func outputShape(forInput shape: [Int]) throws -> [Int] {
        guard shape.count == 3, shape[1] > 0, shape[2] > 0 else {
            throw ModelError("\(description) expects images [channels, height, width], got shape \(shape)")
        }
        return [shape[0]]
    }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        precondition(input.rank == 4, "\(description): input \(input.shape)")
        inputShape = input.shape
        let (planes, area) = (input.shape[0] * input.shape[1], input.shape[2] * input.shape[3])
        let scale = 1 / Float(area)
        return input.withUnsafeBufferPointer { x in
            Tensor.uninitialized(shape: [input.shape[0], input.shape[1]]) { out in
                for plane in 0..<planes {
                    var sum: Float = 0
                    for j in 0..<area { sum += x[plane * area + j] }
                    out[plane] = sum * scale
                }
            }
        }
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        let (planes, area) = (inputShape[0] * inputShape[1], inputShape[2] * inputShape[3])
        precondition(outputGradient.count == planes, "\(description): gradient \(outputGradient.shape)")
        let scale = 1 / Float(area)
        return outputGradient.withUnsafeBufferPointer { dy in
            Tensor.uninitialized(shape: inputShape) { dx in
                for plane in 0..<planes {
                    let g = dy[plane] * scale
                    for j in 0..<area { dx[plane * area + j] = g }
                }
            }
        }
    }
}
