/// Applies an `Activation` element-wise, keeping its input and output for the backward pass.
public final class ActivationLayer: Layer {
    public let activation: any Activation
    private(set) var input = Tensor(zeros: [0])
    private(set) var output = Tensor(zeros: [0])

    public init(_ activation: any Activation) { self.activation = activation }

    public var description: String { activation.name }

    public func outputShape(forInput shape: [Int]) throws -> [Int] { shape }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        var output = Tensor(zeros: input.shape)
        input.withUnsafeBufferPointer { x in
            output.withUnsafeMutableBufferPointer { y in activation.forward(x, into: y) }
        }
        self.input = input
        self.output = output
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        var inputGradient = Tensor(zeros: input.shape)
        input.withUnsafeBufferPointer { x in
            output.withUnsafeBufferPointer { y in
                outputGradient.withUnsafeBufferPointer { dy in
                    inputGradient.withUnsafeMutableBufferPointer { dx in
                        activation.backward(x: x, y: y, outputGradient: dy, into: dx)
                    }
                }
            }
        }
        return inputGradient
    }
}
