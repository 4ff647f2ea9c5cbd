/// The high-dimensional function graph decomposition (HD-FGD) of a gated activation f(x) = x·s(x)
/// as a layer replacing "Dense then f": y = (W_u z + b_u) ⊙ s(W_v z + b_v), and its split-adversarial
/// (SA) partner y = (W_u z + b_u) ⊙ (1 − s(W_v z + b_v)).
///
/// **Interpretation** of Su, Zhu & Li, "Your Network May Need to Be Rewritten: Network Adversarial
/// Based on High-Dimensional Function Graph Decomposition" (arXiv 2405.03712, 2024): each part of
/// f = x·s(x) gets its own linear map; the SA gate negates ∂s/∂v and integrates it. With
/// W_u = W_v and b_u = b_v the layer is exactly Dense followed by f (or by x − f(x) for SA).
/// With s = σ the HD-FGD form is the GLU of Dauphin et al. (2017).
///
/// Weights are stored `[outputs, inputs]` as in PyTorch's `nn.Linear`; forward is two `sgemm`s,
/// backward four (∂W_u, ∂W_v, and ∂z as two accumulating products).
public final class GatedDense: Layer {
    public let inputSize: Int
    public let outputSize: Int
    /// The gate s.
    public let gate: ActivationGate
    /// Whether this is the SA form, gating with 1 − s.
    public let adversarial: Bool
    public let weightU: Parameter
    public let biasU: Parameter
    public let weightV: Parameter
    public let biasV: Parameter

    private var input = Tensor(zeros: [0])
    private(set) var linear = Tensor(zeros: [0])     // u = W_u z + b_u
    private(set) var gateInput = Tensor(zeros: [0])  // v = W_v z + b_v
    private(set) var gateValue = Tensor(zeros: [0])  // s(v) or 1 − s(v)
    /// Σ‖∂loss/∂v‖ over backward passes since the last diagnostics, and their count.
    var gateGradientNormSum = 0.0
    var gateGradientSteps = 0

    /// - Parameters:
    ///   - gate: Φ (GELU) or σ (SiLU); `ActivationGate(decomposing:)` finds it for an activation.
    ///   - adversarial: the SA form, gating with 1 − s(v).
    ///   - initializer: the scheme for both weight matrices, each drawn with fan-in `inputSize`
    ///     and fan-out `outputSize` (W_u first, then W_v); biases start at zero.
    public init(inputSize: Int, outputSize: Int, gate: ActivationGate, adversarial: Bool = false,
                initializer: Initializer = .glorotUniform, rng: inout SeededGenerator) {
        self.inputSize = inputSize
        self.outputSize = outputSize
        self.gate = gate
        self.adversarial = adversarial
        let shape = [outputSize, inputSize]
        weightU = Parameter(name: "weight_u",
                            value: initializer.tensor(shape: shape, fanIn: inputSize, fanOut: outputSize, using: &rng))
        biasU = Parameter(name: "bias_u", value: Tensor(zeros: [outputSize]), decays: false)
        weightV = Parameter(name: "weight_v",
                            value: initializer.tensor(shape: shape, fanIn: inputSize, fanOut: outputSize, using: &rng))
        biasV = Parameter(name: "bias_v", value: Tensor(zeros: [outputSize]), decays: false)
    }

    public var parameters: [Parameter] { [weightU, biasU, weightV, biasV] }

    public var description: String {
        "\(adversarial ? "SA" : "HD-FGD")(\(gate.activation.name), \(inputSize)→\(outputSize))"
    }

    public func outputShape(forInput shape: [Int]) throws -> [Int] {
        try Dense.outputShape(description, inputSize: inputSize, outputSize: outputSize, input: shape)
    }

    public func forward(_ input: Tensor, mode: ForwardMode) -> Tensor {
        precondition(input.columns == inputSize, "\(description): input \(input.shape)")
        self.input = input
        linear = Dense.affine(input, weight: weightU, bias: biasU)
        gateInput = Dense.affine(input, weight: weightV, bias: biasV)
        var gateValue = Tensor(zeros: linear.shape)
        gateInput.withUnsafeBufferPointer { v in
            gateValue.withUnsafeMutableBufferPointer { g in gate.forward(v, adversarial: adversarial, into: g) }
        }
        self.gateValue = gateValue
        return linear * gateValue
    }

    public func backward(_ outputGradient: Tensor, needsInputGradient: Bool) -> Tensor? {
        // ∂u = dy ⊙ g;  ∂v = dy ⊙ u ⊙ dg/dv.
        let linearGradient = outputGradient * gateValue
        var gateGradient = Tensor(zeros: gateInput.shape)
        gateInput.withUnsafeBufferPointer { v in
            gateValue.withUnsafeBufferPointer { g in
                gateGradient.withUnsafeMutableBufferPointer { slope in
                    gate.slope(v, gate: g, adversarial: adversarial, into: slope)
                }
            }
        }
        gateGradient = gateGradient * outputGradient * linear
        gateGradientNormSum += gateGradient.fastNorm()
        gateGradientSteps += 1

        accumulate(linearGradient, into: weightU, biasU)
        accumulate(gateGradient, into: weightV, biasV)
        guard needsInputGradient else { return nil }

        let batch = input.rows
        var inputGradient = Tensor(zeros: input.shape)
        inputGradient.withUnsafeMutableBufferPointer { dz in
            for (gradient, weight, beta) in [(linearGradient, weightU, Float(0)), (gateGradient, weightV, Float(1))] {
                gradient.withUnsafeBufferPointer { dy in
                    weight.value.withUnsafeBufferPointer { w in
                        BLAS.gemm(m: batch, n: inputSize, k: outputSize,
                                  a: dy.baseAddress!, b: w.baseAddress!, beta: beta, c: dz.baseAddress!)
                    }
                }
            }
        }
        return inputGradient
    }

    /// ∂W += dyᵀ·z, ∂b += Σ_rows dy.
    private func accumulate(_ gradient: Tensor, into weight: Parameter, _ bias: Parameter) {
        Dense.accumulateWeightGradient(gradient, input: input, into: weight)
        bias.gradient.add(gradient.sumRows())
    }
}
