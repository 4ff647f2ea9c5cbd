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
            input.withUnsafeBufferPointer { x in
                Self.inHalves(x.count) { range in
                    activation.forward(UnsafeBufferPointer(rebasing: x[range]),
                                       into: UnsafeMutableBufferPointer(rebasing: y[range]))
                }
            }
        }
        self.input = input
        self.output = output
        return output
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        guard needsInputGradient else { return nil }
        // The diagnostics' gradient norm is summed block by block right after each block of ∂X is written,
        // while it is in cache (a separate pass over ∂X cost 2% of a LeNet step); one sum per half.
        var squares = (0.0, 0.0)
        let inputGradient = Tensor.uninitialized(shape: input.shape) { dx in
            input.withUnsafeBufferPointer { x in
                output.withUnsafeBufferPointer { y in
                    outputGradient.withUnsafeBufferPointer { dy in
                        withUnsafeMutablePointer(to: &squares) { squares in
                            Self.inHalves(x.count) { range, half in
                                var sum = 0.0
                                for start in stride(from: range.lowerBound, to: range.upperBound, by: 4096) {
                                    let block = start..<min(start + 4096, range.upperBound)
                                    let written = UnsafeMutableBufferPointer(rebasing: dx[block])
                                    activation.backward(x: UnsafeBufferPointer(rebasing: x[block]),
                                                        y: UnsafeBufferPointer(rebasing: y[block]),
                                                        outputGradient: UnsafeBufferPointer(rebasing: dy[block]),
                                                        into: written)
                                    sum += Tensor.fastSumOfSquares(UnsafeBufferPointer(written))
                                }
                                if half == 0 { squares.pointee.0 = sum } else { squares.pointee.1 = sum }
                            }
                        }
                    }
                }
            }
        }
        gradientNormSum += (squares.0 + squares.1).squareRoot()
        gradientNormCount += 1
        return inputGradient
    }

    /// Runs an element-wise `body` over `0..<count`, on both cores for large tensors (activations are
    /// element-wise, so where the split falls changes no value; it falls on a 64-element boundary so
    /// vectorised kernels see whole blocks). Below 16k elements a second core costs more than it saves.
    static func inHalves(_ count: Int, _ body: (Range<Int>) -> Void) {
        inHalves(count) { range, _ in body(range) }
    }

    /// `inHalves`, telling `body` which half (0 or 1) it runs; below the threshold it is half 0.
    static func inHalves(_ count: Int, _ body: (Range<Int>, Int) -> Void) {
        guard count >= 1 << 14 else { return body(0..<count, 0) }
        BatchHalves.run(elements: count, block: 64, body)
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
