import Foundation
import Testing
@testable import ActivationLab

/// The documented finding of docs/findings/ga-equivalence.md: in a plain MLP, alternating f with
/// g(x) = −f(−x) is the baseline network with some weights negated.
@Suite struct GAEquivalenceTests {
    static let widths = [6, 9, 8, 7, 9, 4]   // four hidden layers

    /// Dense layers with random weights and biases, interleaved with the given activations.
    private func network(_ activations: [any Activation], seed: UInt64 = 11) -> (model: Sequential, dense: [Dense]) {
        var rng = SeededGenerator(seed: seed)
        var layers: [any Layer] = [], dense: [Dense] = []
        for layer in 1..<Self.widths.count {
            let d = Dense(inputSize: Self.widths[layer - 1], outputSize: Self.widths[layer], rng: &rng)
            d.bias.value = GradientCheck.randomTensor([Self.widths[layer]], low: -0.5, high: 0.5, seed: rng.next())
            dense.append(d)
            layers.append(d)
            if layer - 1 < activations.count { layers.append(ActivationLayer(activations[layer - 1])) }
        }
        return (Sequential(layers), dense)
    }

    /// Copies `source`'s weights into `target` with hidden layer i's pre-activation sign s_i
    /// (−1 where the layer uses the partner): W_i' = s_i·s_{i−1}·W_i, b_i' = s_i·b_i, and, where the
    /// partner is −f(−x) + k, the next bias also absorbs −k·W_{i+1}'·1.
    private func copyFlipped(_ source: [Dense], into target: [Dense], partner: [Bool], offset k: Float) {
        var previousSign: Float = 1, previousOffset: Float = 0
        for (i, (from, to)) in zip(source, target).enumerated() {
            let sign: Float = i < partner.count && partner[i] ? -1 : 1
            to.weight.value = from.weight.value * (sign * previousSign)
            to.bias.value = from.bias.value * sign
            if previousOffset != 0 {
                let rowSums = to.weight.value.transposed().sumRows()   // W'·1
                to.bias.value.add(rowSums, scaledBy: -previousOffset)
            }
            previousSign = sign
            previousOffset = sign < 0 ? k : 0
        }
    }

    private func maxDifference(_ a: Tensor, _ b: Tensor) -> Float {
        zip(a.scalars, b.scalars).map { abs($0 - $1) }.max() ?? 0
    }

    private func check(_ name: String, reading: AdversarialReading, start: AlternationSchedule.Start) throws {
        let f = try ActivationCatalog.activation(named: name)
        let schedule = AlternationSchedule(base: f, reading: reading, start: start)
        let hidden = Self.widths.count - 2
        let partner = (0..<hidden).map { schedule.usesPartner(layer: $0) }
        let g = f.adversarialPartner(reading: reading)
        // The partner is −f(−x) + k for these activations; k = g(0) + f(0) (log 2 for flip(softplus)).
        let k = Float(g.value(0.0) + f.value(0.0))

        let baseline = network(Array(repeating: f, count: hidden))
        let alternating = network(schedule.activations(count: hidden), seed: 99)
        copyFlipped(baseline.dense, into: alternating.dense, partner: partner, offset: k)

        let x = GradientCheck.randomTensor([5, Self.widths[0]], low: -2, high: 2)
        let y = baseline.model.forward(x, mode: .training)
        let yAlternating = alternating.model.forward(x, mode: .training)
        #expect(maxDifference(y, yAlternating) <= 1e-6, "\(name) \(reading) \(start): outputs differ by \(maxDifference(y, yAlternating))")

        // With k = 0 training is equivalent too: the gradients are the same sign flips of each other.
        // With k ≠ 0 (flip(softplus)) the layer after a partner layer sees inputs shifted by k, so its
        // weight gradient differs: same functions, different training dynamics.
        let dy = GradientCheck.randomTensor(y.shape, seed: 5)
        for p in baseline.model.parameters + alternating.model.parameters { p.zeroGradient() }
        _ = baseline.model.backward(dy, needsInputGradient: false)
        _ = alternating.model.backward(dy, needsInputGradient: false)
        for (i, (a, b)) in zip(baseline.dense, alternating.dense).enumerated() {
            let sign: Float = i < partner.count && partner[i] ? -1 : 1
            let previousSign: Float = i > 0 && partner[i - 1] ? -1 : 1
            let weightDifference = maxDifference(a.weight.gradient * (sign * previousSign), b.weight.gradient)
            if k == 0 {
                #expect(weightDifference <= 1e-5, "\(name) \(reading): weight gradient of layer \(i)")
                #expect(maxDifference(a.bias.gradient * sign, b.bias.gradient) <= 1e-5, "\(name): bias gradient of layer \(i)")
            } else if i > 0 && partner[i - 1] {
                #expect(weightDifference > 1e-2, "\(name) \(reading): layer \(i) after an offset partner")
            }
        }
    }

    @Test(arguments: ["relu", "leaky-relu", "very-leaky-relu", "gelu", "silu", "softplus"])
    func alternatingWithTheFlipPartnerIsASignFlippedBaseline(_ name: String) throws {
        try check(name, reading: .flip, start: .original)
        try check(name, reading: .flip, start: .partner)
    }

    @Test(arguments: ["relu", "gelu", "softplus", "tanh", "sigmoid", "penalized-tanh", "elu"])
    func alternatingWithTheReflectPartnerIsASignFlippedBaseline(_ name: String) throws {
        try check(name, reading: .reflect, start: .original)
    }

    @Test func softplusFlipPartnerIsOffsetByLogTwo() throws {
        let g = try ActivationCatalog.activation(named: "adversarial(softplus)")
        for x in [-2.0, 0.0, 1.5] { #expect(abs(g.value(x) - (-log1p(exp(-x)) + log(2))) < 1e-12) }
    }

    /// tanh's flip partner x − tanh x is a different model: no per-layer sign pattern turns the
    /// alternating network into the baseline.
    @Test(arguments: ["tanh", "sigmoid", "scaled-sigmoid"])
    func flipPartnerOfSaturatingActivationsIsADifferentModel(_ name: String) throws {
        let f = try ActivationCatalog.activation(named: name)
        let schedule = AlternationSchedule(base: f)
        let hidden = Self.widths.count - 2
        let baseline = network(Array(repeating: f, count: hidden))
        let alternating = network(schedule.activations(count: hidden), seed: 99)
        let x = GradientCheck.randomTensor([5, Self.widths[0]], low: -2, high: 2)
        let y = baseline.model.forward(x, mode: .training)
        for pattern in 0..<(1 << hidden) {
            let signs = (0..<hidden).map { pattern & (1 << $0) != 0 }
            copyFlipped(baseline.dense, into: alternating.dense, partner: signs, offset: 0)
            let difference = maxDifference(y, alternating.model.forward(x, mode: .training))
            #expect(difference > 0.05, "\(name): sign pattern \(signs) gives outputs within \(difference)")
        }
    }
}
