@testable import ActivationLab

extension Activation {
    /// The Float kernels run once over whole arrays: `y = f(x)` and `dx = dy · f′(x)` from `backward`.
    func kernels(x: [Float], outputGradient dy: [Float]) -> (y: [Float], dx: [Float]) {
        var y = [Float](repeating: 0, count: x.count), dx = y
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { forward(xs, into: $0) }
            y.withUnsafeBufferPointer { ys in
                dy.withUnsafeBufferPointer { g in
                    dx.withUnsafeMutableBufferPointer { backward(x: xs, y: ys, outputGradient: g, into: $0) }
                }
            }
        }
        return (y, dx)
    }
}
