/// A multi-layer perceptron with full shortcut connectivity and transformed tanh hidden units,
/// as one `Layer` (Raiko, Valpola & LeCun, AISTATS 2012; Vatanen, Raiko, Valpola & LeCun,
/// arXiv 1301.3476; the authors' `ltmlp` code).
///
/// Layers are numbered 0 (the input) to L (the output). Every layer l receives input from all
/// earlier layers m < l:
///
///     x⁽ˡ⁾ = b⁽ˡ⁾ + Σ_{m<l} W⁽ˡ'ᵐ⁾ y⁽ᵐ⁾,   y⁽⁰⁾ = input,   y⁽ˡ⁾ = f_l(x⁽ˡ⁾) for 0 < l < L,
///
/// with the transformed tanh `f_i(x) = γ_i·(tanh(x) + α_i·x + β_i)` (`TransformedTanh`) in the
/// hidden layers and a linear output layer (the logits; the head applies softmax). W⁽ˡ'ᵐ⁾ is stored
/// `[n_l, n_m]` as in PyTorch. Adjacent weights start Glorot-uniform, shortcut weights at zero,
/// biases U(−0.5, 0.5) (the authors' `bias_init_scale`); a weight that skips k = l − m − 1 layers
/// learns 2^−k times slower (`learningRateScale`), biases at the full rate. α, β, γ are per-unit
/// state changed only by `reestimate(on:)`, which keeps the network function unchanged.
public final class ShortcutNetwork: Layer {
    /// Layer widths `[n_in, h_1, …, n_out]`.
    public let sizes: [Int]
    /// Which transformations `reestimate(on:)` applies.
    public var transform: TransformMode
    /// The γ formula used by `abg`.
    public var gammaType: GammaType
    /// `weights[l − 1][m]` is W⁽ˡ'ᵐ⁾ for 1 ≤ l ≤ L, 0 ≤ m < l.
    public let weights: [[Parameter]]
    /// `biases[l − 1]` is b⁽ˡ⁾.
    public let biases: [Parameter]
    /// `nonlinearities[l − 1]` is the transformed tanh of hidden layer l (1 ≤ l < L). Not in
    /// `parameters`: a checkpoint must save this state (Codable) too, or the restored function differs.
    public var nonlinearities: [TransformedTanh]
    /// What the last `reestimate(on:)` measured, one entry per hidden layer.
    public internal(set) var lastDiagnostics: [TransformationDiagnostics] = []

    // Backward caches: y⁽ᵐ⁾ for m < L and tanh(x⁽ˡ⁾) for the hidden layers.
    private(set) var layerOutputs: [Tensor] = []
    private(set) var hiddenTanh: [Tensor] = []
    /// Σ‖∂loss/∂x⁽ˡ⁾‖ per hidden layer and the number of backward passes summed, for diagnostics.
    var preActivationGradientNorms: [Double] = []
    var gradientNormSteps = 0
    private var inputShape: [Int] = []

    /// - Parameters:
    ///   - sizes: `[n_in, h_1, …, h_{L−1}, n_out]`, at least two positive widths.
    ///   - transform: the transformations `reestimate(on:)` applies.
    ///   - gammaType: the γ formula for `abg`.
    ///   - biasInitScale: biases start U(−s, s); the authors use 0.5.
    ///   - rng: draws the initial weights and biases.
    public init(sizes: [Int], transform: TransformMode = .ab, gammaType: GammaType = .outputAndSlope,
                biasInitScale: Float = 0.5, rng: inout SeededGenerator) throws {
        guard sizes.count >= 2, sizes.allSatisfy({ $0 > 0 }) else {
            throw ModelError("ShortcutNetwork needs at least two positive layer widths, got \(sizes)")
        }
        self.sizes = sizes
        self.transform = transform
        self.gammaType = gammaType
        let depth = sizes.count - 1
        var weights: [[Parameter]] = []
        var biases: [Parameter] = []
        for l in 1...depth {
            var row: [Parameter] = []
            for m in 0..<l {
                let adjacent = m == l - 1
                let value = (adjacent ? Initializer.glorotUniform : .zeros)
                    .tensor(shape: [sizes[l], sizes[m]], fanIn: sizes[m], fanOut: sizes[l], using: &rng)
                let scale = 1 / Float(1 << (l - m - 1))
                row.append(Parameter(name: "weight_\(l)_\(m)", value: value, learningRateScale: scale))
            }
            weights.append(row)
            let bias = (0..<sizes[l]).map { _ in rng.uniform(-biasInitScale, biasInitScale) }
            biases.append(Parameter(name: "bias_\(l)", value: Tensor(shape: [sizes[l]], scalars: bias), decays: false))
        }
        self.weights = weights
        self.biases = biases
        nonlinearities = sizes.dropFirst().dropLast().map { TransformedTanh(units: $0) }
    }

    /// L, the number of weight layers (hidden layers + output).
    public var depth: Int { sizes.count - 1 }

    /// W⁽ˡ'ᵐ⁾, 1 ≤ l ≤ L, 0 ≤ m < l.
    public func weight(_ l: Int, _ m: Int) -> Parameter { weights[l - 1][m] }

    /// b⁽ˡ⁾, 1 ≤ l ≤ L.
    public func bias(_ l: Int) -> Parameter { biases[l - 1] }

    /// For each layer: its weights from layers 0, 1, …, then its bias.
    public var parameters: [Parameter] {
        (0..<depth).flatMap { weights[$0] + [biases[$0]] }
    }

    public var description: String {
        "ShortcutNetwork(" + sizes.map(String.init).joined(separator: "-") + ", transform: \(transform.rawValue))"
    }

    public func outputShape(forInput shape: [Int]) throws -> [Int] {
        try Dense.outputShape(description, inputSize: sizes[0], outputSize: sizes[depth], input: shape)
    }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        precondition(input.columns == sizes[0], "\(description): input \(input.shape)")
        inputShape = input.shape
        var outputs = [input.reshaped([input.rows, sizes[0]])]
        var tanhs: [Tensor] = []
        outputs.reserveCapacity(depth)
        for l in 1..<depth {
            let x = preActivation(layer: l, inputs: outputs)
            let (t, y) = activate(layer: l, x)
            tanhs.append(t)
            outputs.append(y)
        }
        let logits = preActivation(layer: depth, inputs: outputs)
        layerOutputs = outputs
        hiddenTanh = tanhs
        return logits
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        let batch = outputGradient.rows
        // ∂loss/∂y⁽ᵐ⁾, accumulated over all layers above m.
        var outputGradients = [Tensor?](repeating: nil, count: depth)
        var delta = outputGradient
        for l in stride(from: depth, through: 1, by: -1) {
            if l < depth {
                let dy = outputGradients[l]!
                var dx = Tensor(zeros: dy.shape)
                hiddenTanh[l - 1].withUnsafeBufferPointer { t in
                    dy.withUnsafeBufferPointer { g in
                        dx.withUnsafeMutableBufferPointer { d in
                            nonlinearities[l - 1].backward(tanh: t, outputGradient: g, into: d)
                        }
                    }
                }
                delta = dx
                outputGradients[l] = nil
                if preActivationGradientNorms.count != depth - 1 {
                    preActivationGradientNorms = [Double](repeating: 0, count: depth - 1)
                }
                preActivationGradientNorms[l - 1] += dx.fastNorm()
                if l == 1 { gradientNormSteps += 1 }
            }
            biases[l - 1].gradient.add(delta.sumRows())
            let width = sizes[l]
            for m in 0..<l {
                let parameter = weights[l - 1][m]
                let inputWidth = sizes[m]
                delta.withUnsafeBufferPointer { d in
                    layerOutputs[m].withUnsafeBufferPointer { y in
                        parameter.gradient.withUnsafeMutableBufferPointer { g in
                            BLAS.gemm(transposeA: true, m: width, n: inputWidth, k: batch,
                                      a: d.baseAddress!, b: y.baseAddress!, beta: 1, c: g.baseAddress!)
                        }
                    }
                }
                guard m > 0 || needsInputGradient else { continue }
                var accumulated = outputGradients[m] ?? Tensor(zeros: [batch, inputWidth])
                let beta: Float = outputGradients[m] == nil ? 0 : 1
                outputGradients[m] = nil  // keep the buffer uniquely referenced while writing
                delta.withUnsafeBufferPointer { d in
                    parameter.value.withUnsafeBufferPointer { w in
                        accumulated.withUnsafeMutableBufferPointer { dy in
                            BLAS.gemm(m: batch, n: inputWidth, k: width,
                                      a: d.baseAddress!, b: w.baseAddress!, beta: beta, c: dy.baseAddress!)
                        }
                    }
                }
                outputGradients[m] = accumulated
            }
        }
        guard needsInputGradient, let inputGradient = outputGradients[0] else { return nil }
        return inputGradient.reshaped(inputShape)
    }

    // MARK: - Building blocks shared with re-estimation

    /// x⁽ˡ⁾ = b⁽ˡ⁾ + Σ_{m<l} y⁽ᵐ⁾·W⁽ˡ'ᵐ⁾ᵀ for a batch (rows = samples), one GEMM per source layer.
    func preActivation(layer l: Int, inputs outputs: [Tensor]) -> Tensor {
        let batch = outputs[0].rows
        let width = sizes[l]
        var x = Tensor(zeros: [batch, width])
        x.addRowVector(biases[l - 1].value)
        x.withUnsafeMutableBufferPointer { xs in
            for m in 0..<l {
                outputs[m].withUnsafeBufferPointer { y in
                    weights[l - 1][m].value.withUnsafeBufferPointer { w in
                        BLAS.gemm(transposeB: true, m: batch, n: width, k: sizes[m],
                                  a: y.baseAddress!, b: w.baseAddress!, beta: 1, c: xs.baseAddress!)
                    }
                }
            }
        }
        return x
    }

    /// (tanh(x), f(x)) of hidden layer l.
    func activate(layer l: Int, _ x: Tensor) -> (tanh: Tensor, output: Tensor) {
        var t = Tensor(zeros: x.shape)
        var y = Tensor(zeros: x.shape)
        x.withUnsafeBufferPointer { xs in
            t.withUnsafeMutableBufferPointer { ts in
                y.withUnsafeMutableBufferPointer { ys in nonlinearities[l - 1].forward(xs, tanh: ts, into: ys) }
            }
        }
        return (t, y)
    }
}
