import Foundation
import Testing
@testable import ActivationLab

@Suite struct GatedDenseTests {
    static let forms: [(ActivationGate, Bool)] = [(.normalCDF, false), (.normalCDF, true), (.sigmoid, false), (.sigmoid, true)]

    private func layer(_ gate: ActivationGate, adversarial: Bool, seed: UInt64 = 4) -> GatedDense {
        var rng = SeededGenerator(seed: seed)
        let layer = GatedDense(inputSize: 5, outputSize: 4, gate: gate, adversarial: adversarial, rng: &rng)
        layer.biasU.value = GradientCheck.randomTensor([4], seed: 21)
        layer.biasV.value = GradientCheck.randomTensor([4], seed: 22)
        return layer
    }

    @Test(arguments: [0, 1, 2, 3])
    func gradientsMatchFiniteDifferences(_ form: Int) {
        let (gate, adversarial) = Self.forms[form]
        let gated = layer(gate, adversarial: adversarial)
        let failures = GradientCheck.mismatches(of: gated, input: GradientCheck.randomTensor([6, 5], low: -2, high: 2))
        #expect(failures.isEmpty, "\(gated): \(failures)")
        #expect(gated.parameters.map(\.name) == ["weight_u", "bias_u", "weight_v", "bias_v"])
    }

    /// With W_u = W_v and b_u = b_v the layer is Dense followed by f (HD-FGD) or its flip partner (SA).
    @Test(arguments: [0, 1, 2, 3])
    func onTheDiagonalItIsDenseThenTheActivation(_ form: Int) throws {
        let (gate, adversarial) = Self.forms[form]
        let gated = layer(gate, adversarial: adversarial)
        gated.weightV.value = gated.weightU.value
        gated.biasV.value = gated.biasU.value
        var rng = SeededGenerator(seed: 1)
        let dense = Dense(inputSize: 5, outputSize: 4, rng: &rng)
        dense.weight.value = gated.weightU.value
        dense.bias.value = gated.biasU.value
        let base = try ActivationCatalog.activation(named: gate == .normalCDF ? "gelu" : "silu")
        let f = adversarial ? base.adversarialPartner() : base
        let x = GradientCheck.randomTensor([6, 5], low: -3, high: 3)
        let expected = f(dense.forward(x, mode: .training))
        let y = gated.forward(x, mode: .training)
        let difference = zip(y.scalars, expected.scalars).map { abs($0 - $1) }.max()!
        #expect(difference < 1e-5, "\(gated): differs from Dense + \(f.name) by \(difference)")
    }

    @Test func gateValuesAndSlopes() {
        for v in [-2.5, -0.3, 0.0, 1.1] {
            #expect(abs(ActivationGate.normalCDF.value(v) - 0.5 * (1 + erf(v / 2.0.squareRoot()))) < 1e-15)
            #expect(abs(ActivationGate.normalCDF.value(v, adversarial: true) - 0.5 * (1 - erf(v / 2.0.squareRoot()))) < 1e-15)
            #expect(abs(ActivationGate.sigmoid.value(v, adversarial: true) - 1 / (1 + exp(v))) < 1e-15)
            for gate in ActivationGate.allCases {
                for adversarial in [false, true] {
                    let h = 1e-6
                    let numeric = (gate.value(v + h, adversarial: adversarial) - gate.value(v - h, adversarial: adversarial)) / (2 * h)
                    #expect(abs(numeric - gate.derivative(v, adversarial: adversarial)) < 1e-8)
                }
            }
        }
    }

    @Test func onlyGatedActivationsDecompose() throws {
        #expect(try ActivationGate(decomposing: GELU()) == .normalCDF)
        #expect(try ActivationGate(decomposing: SiLU()) == .sigmoid)
        for name in ["tanh", "relu", "adversarial(gelu)", "softplus"] {
            #expect(throws: ModelError.self) { try ActivationGate(decomposing: try ActivationCatalog.activation(named: name)) }
        }
        var rng = SeededGenerator(seed: 1)
        let gated = GatedDense(inputSize: 784, outputSize: 10, gate: .sigmoid, rng: &rng)
        #expect(throws: ModelError.self) { try gated.outputShape(forInput: [3, 32, 32]) }
        #expect((try? gated.outputShape(forInput: [1, 28, 28])) == [10])
    }

    // MARK: Parameter counts and matched widths

    /// Counts the parameters of real layers, independently of `GatedWidth.parameterCount`.
    private func builtCount(_ widths: [Int], gated: Bool) -> Int {
        var rng = SeededGenerator(seed: 1)
        var layers: [any Layer] = []
        for i in 1..<widths.count {
            let hidden = i < widths.count - 1
            layers.append(gated && hidden
                ? GatedDense(inputSize: widths[i - 1], outputSize: widths[i], gate: .sigmoid, rng: &rng)
                : Dense(inputSize: widths[i - 1], outputSize: widths[i], rng: &rng))
        }
        return Sequential(layers).parameterCount
    }

    @Test func parameterCountsMatchBuiltModels() {
        for widths in [[20, 16, 3], [12, 10, 8, 5], [7, 4]] {
            #expect(GatedWidth.parameterCount(widths: widths, gated: false) == builtCount(widths, gated: false))
            #expect(GatedWidth.parameterCount(widths: widths, gated: true) == builtCount(widths, gated: true))
        }
    }

    @Test func matchedWidthsMatchTheBaselineParameterCount() {
        // One hidden layer: h' = (d·h + h + h·o)/(2d + 2 + o) = 203520/1580 = 128.8.
        #expect(GatedWidth.matchedHiddenWidths(baseline: [784, 256, 10]) == [129])
        for widths in [[784, 256, 10], [784, 512, 256, 128, 10], [64, 100, 100, 100, 100, 100, 100, 10], [32, 128, 32]] {
            let matched = GatedWidth.matchedHiddenWidths(baseline: widths)
            let baseline = Double(GatedWidth.parameterCount(widths: widths, gated: false))
            let gated = Double(GatedWidth.parameterCount(widths: [widths.first!] + matched + [widths.last!], gated: true))
            #expect(abs(gated - baseline) / baseline < 0.01, "\(widths) → \(matched): \(gated) vs \(baseline)")
        }
        #expect(GatedWidth.twoThirdsHiddenWidths(baseline: [784, 256, 128, 10]) == [171, 85])
    }
}
