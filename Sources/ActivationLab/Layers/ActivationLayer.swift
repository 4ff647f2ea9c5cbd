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
                Self.inChunks(x.count) { range, _ in
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
        // The diagnostics' gradient norm is summed chunk by chunk right after each chunk of ∂X is written,
        // while it is in cache (a separate pass over ∂X cost 2% of a LeNet step), then over the chunks in
        // order: the same sum whichever core ran which chunk.
        let chunk = BatchHalves.chunkSize(elements: input.count, minimum: Self.minimumChunk)
        var squares = [Double](repeating: 0, count: (input.count + chunk - 1) / chunk)
        let inputGradient = Tensor.uninitialized(shape: input.shape) { dx in
            input.withUnsafeBufferPointer { x in
                output.withUnsafeBufferPointer { y in
                    outputGradient.withUnsafeBufferPointer { dy in
                        squares.withUnsafeMutableBufferPointer { squares in
                            Self.inChunks(x.count) { range, chunk in
                                let written = UnsafeMutableBufferPointer(rebasing: dx[range])
                                activation.backward(x: UnsafeBufferPointer(rebasing: x[range]),
                                                    y: UnsafeBufferPointer(rebasing: y[range]),
                                                    outputGradient: UnsafeBufferPointer(rebasing: dy[range]),
                                                    into: written)
                                squares[chunk] = Tensor.fastSumOfSquares(UnsafeBufferPointer(written))
                            }
                        }
                    }
                }
            }
        }
        gradientNormSum += squares.reduce(0, +).squareRoot()
        gradientNormCount += 1
        return inputGradient
    }

    /// The smallest chunk of an element-wise pass: a multiple of 64, so vectorised kernels see whole blocks.
    static let minimumChunk = 4096

    /// Runs an element-wise `body` over `0..<count` in chunks (with the chunk's index), on both cores for
    /// large tensors (`BatchHalves.run(elements:minimumChunk:)`: which core runs a chunk changes no value).
    /// Below 16k elements a second core costs more than it saves.
    static func inChunks(_ count: Int, _ body: (Range<Int>, Int) -> Void) {
        BatchHalves.run(elements: count, minimumChunk: minimumChunk, serialBelow: 1 << 14, body)
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
