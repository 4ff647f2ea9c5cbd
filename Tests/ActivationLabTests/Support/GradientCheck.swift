@testable import ActivationLab

/// Central finite-difference checks of a layer's backward pass.
///
/// The scalar checked is L = Σ r ⊙ layer(x) with a fixed random r, so ∂L/∂output = r. Each checked
/// coordinate must satisfy |analytic − numeric| ≤ tolerance · max(scale, |analytic| + |numeric|).
enum GradientCheck {
    struct Mismatch: CustomStringConvertible {
        let what: String
        let index: Int
        let analytic: Double
        let numeric: Double
        var description: String { "\(what)[\(index)]: analytic \(analytic), numeric \(numeric)" }
    }

    /// Returns every coordinate whose analytic gradient disagrees with the numeric one
    /// (an empty array means the check passed).
    static func mismatches(
        of layer: any Layer, input: Tensor, mode: ForwardMode = .training,
        step: Float = 1e-2, tolerance: Double = 1e-2, scale: Double = 1e-3,
        coordinatesPerTensor: Int = 24, seed: UInt64 = 7
    ) -> [Mismatch] {
        var rng = SeededGenerator(seed: seed)
        let output = layer.forward(input, mode: mode)
        let weights = Tensor(shape: output.shape, scalars: (0..<output.count).map { _ in rng.uniform(-1, 1) })
        for parameter in layer.parameters { parameter.zeroGradient() }
        let inputGradient = layer.backward(weights)

        func loss(_ x: Tensor) -> Double {
            let y = layer.forward(x, mode: mode)
            var total = 0.0
            for i in 0..<y.count { total += Double(y[flat: i]) * Double(weights[flat: i]) }
            return total
        }
        func chosen(_ count: Int) -> [Int] {
            count <= coordinatesPerTensor ? Array(0..<count) : (0..<coordinatesPerTensor).map { _ in rng.integer(below: count) }
        }
        func compare(_ what: String, _ index: Int, _ analytic: Double, _ numeric: Double, into list: inout [Mismatch]) {
            if abs(analytic - numeric) > tolerance * max(scale, abs(analytic) + abs(numeric)) {
                list.append(Mismatch(what: what, index: index, analytic: analytic, numeric: numeric))
            }
        }

        var found: [Mismatch] = []
        for i in chosen(input.count) {
            var plus = input, minus = input
            plus[flat: i] += step
            minus[flat: i] -= step
            let numeric = (loss(plus) - loss(minus)) / Double(2 * step)
            compare("input", i, Double(inputGradient[flat: i]), numeric, into: &found)
        }
        for (p, parameter) in layer.parameters.enumerated() {
            let analytic = parameter.gradient
            for i in chosen(parameter.value.count) {
                let original = parameter.value[flat: i]
                parameter.value[flat: i] = original + step
                let up = loss(input)
                parameter.value[flat: i] = original - step
                let down = loss(input)
                parameter.value[flat: i] = original
                compare("\(parameter.name)#\(p)", i, Double(analytic[flat: i]), (up - down) / Double(2 * step), into: &found)
            }
        }
        return found
    }

    /// A tensor of uniform values in [low, high).
    static func randomTensor(_ shape: [Int], low: Float = -1, high: Float = 1, seed: UInt64 = 3) -> Tensor {
        var rng = SeededGenerator(seed: seed)
        return Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in rng.uniform(low, high) })
    }
}
