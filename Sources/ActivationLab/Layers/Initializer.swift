import Foundation

/// Weight initialisation schemes, named as in PyTorch and Keras.
///
/// `fanIn`/`fanOut` are the number of inputs/outputs each weight connects
/// (for a convolution: channels × kernel area).
public enum Initializer: String, Sendable, CaseIterable {
    /// Glorot & Bengio (2010): U(±√(6/(fanIn+fanOut))).
    case glorotUniform = "glorot-uniform"
    /// Glorot & Bengio (2010): N(0, 2/(fanIn+fanOut)).
    case glorotNormal = "glorot-normal"
    /// He et al. (2015): N(0, 2/fanIn), for ReLU-like units.
    case he = "he"
    /// LeCun et al. (1998): N(0, 1/fanIn).
    case lecun = "lecun"
    /// All zeros (shortcut connections in transformed networks start here).
    case zeros = "zeros"

    /// A tensor of the given shape filled by this scheme.
    public func tensor(shape: [Int], fanIn: Int, fanOut: Int, using rng: inout SeededGenerator) -> Tensor {
        let count = shape.reduce(1, *)
        var values = [Float](repeating: 0, count: count)
        switch self {
        case .glorotUniform:
            let limit = Float((6.0 / Double(fanIn + fanOut)).squareRoot())
            for i in 0..<count { values[i] = rng.uniform(-limit, limit) }
        case .glorotNormal:
            let sd = Float((2.0 / Double(fanIn + fanOut)).squareRoot())
            for i in 0..<count { values[i] = sd * rng.normal() }
        case .he:
            let sd = Float((2.0 / Double(fanIn)).squareRoot())
            for i in 0..<count { values[i] = sd * rng.normal() }
        case .lecun:
            let sd = Float((1.0 / Double(fanIn)).squareRoot())
            for i in 0..<count { values[i] = sd * rng.normal() }
        case .zeros:
            break
        }
        return Tensor(shape: shape, scalars: values)
    }
}
