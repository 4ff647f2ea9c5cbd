import Foundation
import Testing
@testable import ActivationLab

@Suite struct ShortcutNetworkTests {
    /// A network with every weight (shortcuts included) and every α, β, γ random.
    static func randomNetwork(sizes: [Int], transform: TransformMode, gammaType: GammaType = .outputAndSlope,
                              seed: UInt64) throws -> ShortcutNetwork {
        var rng = SeededGenerator(seed: seed)
        let network = try ShortcutNetwork(sizes: sizes, transform: transform, gammaType: gammaType, rng: &rng)
        for parameter in network.parameters {
            let limit = Float(1.5 / Double(parameter.value.shape.last!).squareRoot())
            parameter.value = parameter.value.map { _ in rng.uniform(-limit, limit) }
        }
        for l in 0..<network.nonlinearities.count {
            let units = network.nonlinearities[l].units
            network.nonlinearities[l].alpha = (0..<units).map { _ in rng.uniform(-0.9, 0.2) }
            network.nonlinearities[l].beta = (0..<units).map { _ in rng.uniform(-0.5, 0.5) }
            network.nonlinearities[l].gamma = (0..<units).map { _ in rng.uniform(0.4, 2.5) }
        }
        return network
    }

    static func normalBatch(rows: Int, columns: Int, seed: UInt64, scale: Float = 1) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        return Tensor(shape: [rows, columns], scalars: (0..<(rows * columns)).map { _ in scale * rng.normal() })
    }

    static func maxRelativeChange(_ before: Tensor, _ after: Tensor) -> Double {
        var worst = 0.0, peak = 0.0
        for i in 0..<before.count {
            worst = max(worst, abs(Double(before[flat: i]) - Double(after[flat: i])))
            peak = max(peak, abs(Double(before[flat: i])))
        }
        return worst / peak
    }

    @Test func gradientsMatchFiniteDifferencesWithTransformations() throws {
        let network = try Self.randomNetwork(sizes: [4, 5, 3, 2], transform: .abg, seed: 11)
        let failures = GradientCheck.mismatches(of: network, input: GradientCheck.randomTensor([3, 4]),
                                                coordinatesPerTensor: 40)
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func gradientWithImageShapedInputKeepsShape() throws {
        var rng = SeededGenerator(seed: 1)
        let network = try ShortcutNetwork(sizes: [4, 3, 2], rng: &rng)
        let x = GradientCheck.randomTensor([2, 1, 2, 2])
        _ = network.forward(x, mode: .training)
        let dx = network.backward(Tensor(repeating: 1, shape: [2, 2]))
        #expect(dx.shape == [2, 1, 2, 2])
        #expect((try? network.outputShape(forInput: [1, 2, 2])) == [2])
        #expect(throws: ModelError.self) { try network.outputShape(forInput: [5]) }
        #expect(throws: ModelError.self) { try ShortcutNetwork(sizes: [4], rng: &rng) }
    }

    @Test(arguments: [TransformMode.ab, .abg], [UInt64(1), 2, 3, 4])
    func compensationKeepsOutputsUnchanged(mode: TransformMode, seed: UInt64) throws {
        let network = try Self.randomNetwork(sizes: [6, 9, 7, 5, 3], transform: mode, seed: seed)
        let batch = Self.normalBatch(rows: 64, columns: 6, seed: seed + 100)
        let other = Self.normalBatch(rows: 32, columns: 6, seed: seed + 200, scale: 2)
        let before = network.forward(batch, mode: .evaluation)
        let otherBefore = network.forward(other, mode: .evaluation)
        let oldUnits = network.nonlinearities
        network.reestimate(on: batch)
        #expect(network.nonlinearities[0].alpha != oldUnits[0].alpha, "re-estimation changed nothing")
        if mode == .abg { #expect(network.nonlinearities[1].gamma != oldUnits[1].gamma) }
        let change = Self.maxRelativeChange(before, network.forward(batch, mode: .evaluation))
        let otherChange = Self.maxRelativeChange(otherBefore, network.forward(other, mode: .evaluation))
        #expect(change <= 1e-5, "outputs on the re-estimation batch moved by \(change)")
        #expect(otherChange <= 1e-5, "outputs on other inputs moved by \(otherChange)")
    }

    @Test(arguments: [TransformMode.ab, .abg])
    func reestimationCentresOutputAndSlope(mode: TransformMode) throws {
        let network = try Self.randomNetwork(sizes: [5, 8, 6, 2], transform: mode, seed: 9)
        let batch = Self.normalBatch(rows: 200, columns: 5, seed: 19)
        network.reestimate(on: batch)
        var outputs = [batch]
        for l in 1..<network.depth {
            let x = network.preActivation(layer: l, inputs: outputs)
            let unit = network.nonlinearities[l - 1]
            for i in 0..<unit.units {
                var meanF = 0.0, meanSlope = 0.0, meanF2 = 0.0, meanSlope2 = 0.0
                let g = Double(unit.gamma[i])
                for r in 0..<x.rows {
                    let v = Double(x[r, i])
                    let f = TransformedTanh.value(v, alpha: Double(unit.alpha[i]), beta: Double(unit.beta[i]),
                                                  gamma: Double(unit.gamma[i]))
                    let d = TransformedTanh.derivative(v, alpha: Double(unit.alpha[i]), gamma: Double(unit.gamma[i]))
                    meanF += f / Double(x.rows)
                    meanSlope += d / Double(x.rows)
                    meanF2 += f * f / Double(x.rows)
                    meanSlope2 += d * d / Double(x.rows)
                }
                #expect(abs(meanF) < 1e-5, "layer \(l) unit \(i): mean f = \(meanF)")
                #expect(abs(meanSlope) < 1e-5, "layer \(l) unit \(i): mean f' = \(meanSlope)")
                if mode == .abg {
                    // f = γũ, so mean(f²)·mean(f'²) = γ⁴·m = m/(m + 1e-4) with m = mean(ũ²)·mean(ũ'²).
                    let product = meanF2 * meanSlope2
                    let m = product / (g * g * g * g)
                    #expect(abs(product - m / (m + 1e-4)) < 1e-3 * product, "layer \(l) unit \(i): \(product)")
                    #expect(product < 1)
                }
            }
            outputs.append(network.activate(layer: l, x).output)
        }
    }

    @Test func alphaBetaGammaAtHandComputedCase() {
        // One unit, pre-activations 0 and 1.
        let x = Tensor(shape: [2, 1], scalars: [0, 1])
        let t1 = tanh(1.0)
        let alpha = -((1.0 + (1 - t1 * t1)) / 2)
        let beta = -((0 + t1 + alpha * 1) / 2)
        let u = [beta, t1 + alpha + beta]
        let slope = [1 + alpha, 1 - t1 * t1 + alpha]
        let meanU2 = (u[0] * u[0] + u[1] * u[1]) / 2
        let meanSlope2 = (slope[0] * slope[0] + slope[1] * slope[1]) / 2
        let gamma1 = pow(meanU2 * meanSlope2 + 1e-4, -0.25)
        let gamma2 = pow(meanU2 + 1e-2, -0.5)

        let estimate = TransformationEstimate(preActivations: x)
        #expect(abs(estimate.alpha[0] - alpha) < 1e-6)
        #expect(abs(estimate.beta[0] - beta) < 1e-6)
        #expect(abs(estimate.variance[0] - 0.25) < 1e-12)
        let a = [Float(alpha)], b = [Float(beta)]
        let g1 = TransformationEstimate.gamma(preActivations: x, alpha: a, beta: b, type: .outputAndSlope)[0]
        let g2 = TransformationEstimate.gamma(preActivations: x, alpha: a, beta: b, type: .unitVariance)[0]
        #expect(abs(g1 - gamma1) < 1e-4 * gamma1, "type 1: \(g1) vs \(gamma1)")
        #expect(abs(g2 - gamma2) < 1e-4 * gamma2, "type 2: \(g2) vs \(gamma2)")
        #expect(abs(gamma1 - gamma2) > 0.1, "the two types should differ here")
    }

    @Test(arguments: GammaType.allCases)
    func gammaCapCountedWhenInputsAreZero(type: GammaType) throws {
        var rng = SeededGenerator(seed: 5)
        let network = try ShortcutNetwork(sizes: [4, 6, 5, 2], transform: .abg, gammaType: type, rng: &rng)
        let diagnostics = network.reestimate(on: Tensor(zeros: [16, 4]))
        #expect(diagnostics.map(\.gammaAtCap) == [6, 5])
        #expect(diagnostics.map(\.lowVarianceFraction) == [1, 1])
        #expect(abs(type.cap - 10) < 1e-9)
        for unit in network.nonlinearities { #expect(unit.gamma.allSatisfy { abs($0 - 10) < 1e-3 }) }
        // A well-spread batch does not hit the cap.
        let fresh = try ShortcutNetwork(sizes: [4, 6, 5, 2], transform: .abg, gammaType: type, rng: &rng)
        let spread = fresh.reestimate(on: Self.normalBatch(rows: 64, columns: 4, seed: 3))
        #expect(spread[0].gammaAtCap == 0)
        #expect(spread[0].lowVarianceFraction == 0)
        for (index, entry) in spread.enumerated() {
            #expect(entry.gammaAtCap == fresh.nonlinearities[index].gamma.filter { $0 >= 9.9 }.count)
        }
        #expect(spread[0].extra["gamma_at_cap"] == 0)
    }

    @Test func modeNoneChangesNothing() throws {
        var rng = SeededGenerator(seed: 8)
        let network = try ShortcutNetwork(sizes: [3, 4, 2], transform: .none, rng: &rng)
        let before = network.parameters.map(\.value)
        let diagnostics = network.reestimate(on: Self.normalBatch(rows: 10, columns: 3, seed: 1))
        #expect(network.parameters.map(\.value) == before)
        #expect(network.nonlinearities == [TransformedTanh(units: 4)])
        #expect(diagnostics.count == 1)
    }

    @Test func initialisationAndLearningRateScales() throws {
        var rng = SeededGenerator(seed: 4)
        let network = try ShortcutNetwork(sizes: [3, 4, 4, 4, 2], rng: &rng)
        #expect(network.parameters.count == 4 * 5 / 2 + 4)
        for l in 1...4 {
            #expect(network.bias(l).learningRateScale == 1)
            #expect(!network.bias(l).decays)
            for m in 0..<l {
                let w = network.weight(l, m)
                #expect(w.value.shape == [network.sizes[l], network.sizes[m]])
                #expect(Double(w.learningRateScale) == pow(0.5, Double(l - m - 1)), "W(\(l),\(m))")
                if m == l - 1 {
                    let limit = Float((6.0 / Double(network.sizes[l] + network.sizes[m])).squareRoot())
                    #expect(w.value.scalars.contains { $0 != 0 })
                    #expect(w.value.scalars.allSatisfy { abs($0) <= limit })
                } else {
                    #expect(w.value.scalars.allSatisfy { $0 == 0 }, "shortcut W(\(l),\(m)) must start at zero")
                }
            }
        }
        #expect(network.weight(4, 0).learningRateScale == 0.125)
    }

    @Test func forwardMatchesHandComputedShortcutSum() throws {
        var rng = SeededGenerator(seed: 2)
        let network = try ShortcutNetwork(sizes: [1, 1, 1], rng: &rng)
        network.weight(1, 0).value = Tensor(shape: [1, 1], scalars: [2])
        network.bias(1).value = Tensor(shape: [1], scalars: [0.5])
        network.weight(2, 0).value = Tensor(shape: [1, 1], scalars: [-1])
        network.weight(2, 1).value = Tensor(shape: [1, 1], scalars: [3])
        network.bias(2).value = Tensor(shape: [1], scalars: [0.25])
        network.nonlinearities[0] = TransformedTanh(units: 1)
        network.nonlinearities[0].alpha = [-0.5]
        network.nonlinearities[0].beta = [0.1]
        network.nonlinearities[0].gamma = [2]
        let x = 0.7
        let hidden = 2 * (tanh(2 * x + 0.5) - 0.5 * (2 * x + 0.5) + 0.1)
        let expected = 0.25 - x + 3 * hidden
        let y = network.forward(Tensor(shape: [1, 1], scalars: [Float(x)]), mode: .evaluation)
        #expect(abs(Double(y[flat: 0]) - expected) < 1e-5)
    }
}
