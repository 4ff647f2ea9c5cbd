import Foundation
import Testing
@testable import ActivationLab

/// The split-adversarial gate is the HD-FGD gate with its gate weights negated: u ⊙ (1 − s(W_v z + b_v)) =
/// u ⊙ s(−W_v z − b_v), because 1 − Φ(v) = Φ(−v) and 1 − σ(v) = σ(−v). With an initialisation symmetric
/// in sign (every scheme here draws from a distribution symmetric about 0, biases start at 0), an SA layer
/// is therefore an HD-FGD layer in distribution, and so is a network alternating the two: HD-FGD+SA and
/// HD-FGD train alike in distribution (docs/findings/sa-equivalence.md).
@Suite struct SAEquivalenceTests {
    @Test(arguments: ActivationGate.allCases)
    func theSAGateIsTheGateOfTheNegatedInput(_ gate: ActivationGate) {
        for v in stride(from: -6.0, through: 6.0, by: 0.37) {
            #expect(abs(gate.value(v, adversarial: true) - gate.value(-v)) < 1e-15)
            #expect(abs(gate.derivative(v, adversarial: true) + gate.derivative(-v)) < 1e-15)  // d/dv s(−v) = −s'(−v); s' is even
        }
    }

    /// A layer and its gradients: SA with (W_v, b_v) equals HD-FGD with (−W_v, −b_v), and the gate
    /// gradients are negated (so SGD keeps the two in step, sign for sign).
    @Test(arguments: ActivationGate.allCases)
    func anSALayerIsAnHDFGDLayerWithNegatedGateWeights(_ gate: ActivationGate) {
        var rng = SeededGenerator(seed: 5)
        let sa = GatedDense(inputSize: 7, outputSize: 5, gate: gate, adversarial: true, rng: &rng)
        let plain = GatedDense(inputSize: 7, outputSize: 5, gate: gate, rng: &rng)
        sa.biasU.value = GradientCheck.randomTensor([5], low: -0.5, high: 0.5, seed: 1)
        sa.biasV.value = GradientCheck.randomTensor([5], low: -0.5, high: 0.5, seed: 2)
        plain.weightU.value = sa.weightU.value
        plain.biasU.value = sa.biasU.value
        plain.weightV.value = sa.weightV.value * -1
        plain.biasV.value = sa.biasV.value * -1
        let z = GradientCheck.randomTensor([4, 7], low: -2, high: 2, seed: 3)
        let a = sa.forward(z, mode: .training), b = plain.forward(z, mode: .training)
        #expect(zip(a.scalars, b.scalars).allSatisfy { abs($0 - $1) < 1e-5 })
        let dy = GradientCheck.randomTensor([4, 5], low: -1, high: 1, seed: 4)
        let da = sa.backward(dy, needsInputGradient: true)!, db = plain.backward(dy, needsInputGradient: true)!
        #expect(zip(da.scalars, db.scalars).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(zip(sa.weightU.gradient.scalars, plain.weightU.gradient.scalars).allSatisfy { abs($0 - $1) < 1e-5 })
        #expect(zip(sa.weightV.gradient.scalars, plain.weightV.gradient.scalars).allSatisfy { abs($0 + $1) < 1e-5 })
        #expect(zip(sa.biasV.gradient.scalars, plain.biasV.gradient.scalars).allSatisfy { abs($0 + $1) < 1e-5 })
    }
}
