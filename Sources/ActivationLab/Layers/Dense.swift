/// A fully connected layer: `y = x·Wᵀ + b`, with `W` stored `[outputs, inputs]` as in PyTorch.
///
/// Any per-sample input shape is flattened, so a Dense layer can follow a convolution directly.
/// Forward and backward are one BLAS `sgemm` each (plus one for ∂W).
public final class Dense: Layer {
    public let inputSize: Int
    public let outputSize: Int
    public let weight: Parameter
    public let bias: Parameter
    private var input = Tensor(zeros: [0])
    /// Whether the products run as two single-threaded halves on our own threads (`BLAS.gemmInHalves`)
    /// rather than on OpenBLAS's threads: then the step's every loop runs on the same two threads, and
    /// OpenBLAS's worker, which spins for ~0.1 s after each product it shares, never competes with them for
    /// a core. The forward product is split by output columns (each core reads, and the optimiser later
    /// updates, its own half of `W`), ∂W by rows of `W`, ∂X by samples. False gives OpenBLAS's threads
    /// (which `--kernels reference` uses for every layer, whatever this says).
    public var splitsProductsInHalves = true

    /// - Parameters:
    ///   - initializer: the weight scheme (biases start at zero).
    ///   - rng: the generator that draws the initial weights.
    public init(inputSize: Int, outputSize: Int, initializer: Initializer = .glorotUniform,
                rng: inout SeededGenerator) {
        self.inputSize = inputSize
        self.outputSize = outputSize
        weight = Parameter(name: "weight",
                           value: initializer.tensor(shape: [outputSize, inputSize], fanIn: inputSize,
                                                     fanOut: outputSize, using: &rng))
        bias = Parameter(name: "bias", value: Tensor(zeros: [outputSize]), decays: false)
    }

    public var parameters: [Parameter] { [weight, bias] }
    public var description: String { "Dense(\(inputSize)→\(outputSize))" }

    public func outputShape(forInput shape: [Int]) throws -> [Int] {
        try Self.outputShape(description, inputSize: inputSize, outputSize: outputSize, input: shape)
    }

    /// The shape rule of every fully connected layer (this one, `GatedDense`, `ShortcutNetwork`): any
    /// per-sample shape holding `inputSize` features gives `[outputSize]`; otherwise a `ModelError`
    /// naming `layer`.
    static func outputShape(_ layer: String, inputSize: Int, outputSize: Int, input shape: [Int]) throws -> [Int] {
        let features = shape.reduce(1, *)
        guard features == inputSize else {
            throw ModelError("\(layer) expects \(inputSize) input features per sample, got \(features) (shape \(shape))")
        }
        return [outputSize]
    }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        precondition(input.columns == inputSize, "\(description): input \(input.shape)")
        self.input = input
        return Self.affine(input, weight: weight, bias: bias, inHalves: splitsProductsInHalves)
    }

    /// `x·Wᵀ + b` for `x` `[batch, inputs]` and `W` `[outputs, inputs]`: the forward map of every
    /// fully connected layer (this one and both halves of `GatedDense`). In halves, each core computes half
    /// the output columns from its half of the rows of `W`.
    static func affine(_ input: Tensor, weight: Parameter, bias: Parameter, inHalves: Bool = false) -> Tensor {
        let (batch, inputSize, width) = (input.rows, input.columns, bias.value.count)
        // Every row starts as the bias, then the product adds onto it (beta 1): no zero fill, no second pass.
        // Each half fills its own columns, on the core that adds its product to them next.
        return Tensor.uninitialized(shape: [batch, width]) { y in
            let y = y.baseAddress!
            bias.value.withUnsafeBufferPointer { b in
                input.withUnsafeBufferPointer { x in
                    weight.value.withUnsafeBufferPointer { w in
                        BLAS.gemmInHalves(if: inHalves, splittingColumns: true, transposeB: true,
                                          m: batch, n: width, k: inputSize, a: x.baseAddress!, b: w.baseAddress!,
                                          beta: 1, c: y) { columns in
                            let bias = b.baseAddress! + columns.lowerBound
                            for r in 0..<batch {
                                (y + r * width + columns.lowerBound).initialize(from: bias, count: columns.count)
                            }
                        }
                    }
                }
            }
        }
    }

    /// ∂W += ∂Yᵀ·X, the weight gradient of `affine`, accumulated into `weight.gradient`; `alongside` runs
    /// with each half's output units (rows of ∂W) on the core that computes them (`BLAS.gemmInHalves`).
    static func accumulateWeightGradient(_ outputGradient: Tensor, input: Tensor, into weight: Parameter,
                                         inHalves: Bool = false, alongside: ((Range<Int>) -> Void)? = nil) {
        let (batch, inputSize, outputSize) = (input.rows, input.columns, outputGradient.columns)
        outputGradient.withUnsafeBufferPointer { dy in
            input.withUnsafeBufferPointer { x in
                weight.gradient.withUnsafeMutableBufferPointer { dw in
                    BLAS.gemmInHalves(if: inHalves, transposeA: true, m: outputSize, n: inputSize, k: batch,
                              a: dy.baseAddress!, b: x.baseAddress!, beta: 1, c: dw.baseAddress!, alongside: alongside)
                }
            }
        }
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        let batch = input.rows
        // ∂b += column sums of ∂Y, accumulated in place (no temporary tensor), for each half's output units
        // beside its rows of ∂W (the sum for each unit runs over the samples in order, however it is split).
        let width = outputSize
        outputGradient.withUnsafeBufferPointer { dy in
            bias.gradient.withUnsafeMutableBufferPointer { db in
                let (dy, db) = (dy.baseAddress!, db.baseAddress!)
                Self.accumulateWeightGradient(outputGradient, input: input, into: weight,
                                              inHalves: splitsProductsInHalves) { units in
                    for r in 0..<batch {
                        let row = dy + r * width
                        for j in units { db[j] += row[j] }
                    }
                }
            }
        }
        guard needsInputGradient else { return nil }
        return Tensor.uninitialized(shape: input.shape) { dx in
            outputGradient.withUnsafeBufferPointer { dy in
                weight.value.withUnsafeBufferPointer { w in
                    BLAS.gemmInHalves(if: splitsProductsInHalves, m: batch, n: inputSize, k: outputSize,
                              a: dy.baseAddress!, b: w.baseAddress!, c: dx.baseAddress!)
                }
            }
        }
    }
}
