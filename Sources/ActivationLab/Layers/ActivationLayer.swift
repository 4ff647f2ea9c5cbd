/// Applies an `Activation` element-wise, keeping its input and output for the backward pass.
public final class ActivationLayer: Layer {
    public let activation: any Activation
    private(set) var input = Tensor(zeros: [0])
    private(set) var output = Tensor(zeros: [0])
    private var gradientNormSum = 0.0
    private var gradientNormCount = 0

    public init(_ activation: any Activation) { self.activation = activation }

    public var description: String { activation.name }

    public func outputShape(forInput shape: [Int]) throws -> [Int] { shape }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        let output = Tensor.uninitialized(shape: input.shape) { y in
            input.withUnsafeBufferPointer { x in activation.forward(x, into: y) }
        }
        self.input = input
        self.output = output
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        let inputGradient = Tensor.uninitialized(shape: input.shape) { dx in
            input.withUnsafeBufferPointer { x in
                output.withUnsafeBufferPointer { y in
                    outputGradient.withUnsafeBufferPointer { dy in
                        activation.backward(x: x, y: y, outputGradient: dy, into: dx)
                    }
                }
            }
        }
        // The diagnostics' gradient norm: a vectorised Float sum of squares (the Double `norm()` loop
        // cost as much as the activation's backward kernel itself).
        gradientNormSum += inputGradient.fastNorm()
        gradientNormCount += 1
        return inputGradient
    }
}

extension ActivationLayer: DiagnosticsReporting {
    /// Saturation and dead units on the last forward pass; gradient norm averaged since the last call.
    public func diagnostics(namePrefix: String) -> [LayerDiagnostics] {
        guard output.rows > 0 else { return [] }
        var slopes = Tensor(zeros: input.shape)
        let ones = Tensor(repeating: 1, shape: input.shape)
        input.withUnsafeBufferPointer { x in
            output.withUnsafeBufferPointer { y in
                ones.withUnsafeBufferPointer { dy in
                    slopes.withUnsafeMutableBufferPointer { d in activation.backward(x: x, y: y, outputGradient: dy, into: d) }
                }
            }
        }
        let gradientNorm = gradientNormCount > 0 ? gradientNormSum / Double(gradientNormCount) : 0
        gradientNormSum = 0
        gradientNormCount = 0
        return [LayerDiagnostics(layer: "\(namePrefix)\(activation.name)", slopes: slopes,
                                 maximumSlope: activation.maximumSlope, output: output, gradientNorm: gradientNorm)]
    }
}
