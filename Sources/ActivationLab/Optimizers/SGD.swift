/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay,
/// with PyTorch's update rule: v ← μv + (g + λw); w ← w − η·v (Nesterov: w ← w − η(g + λw + μv)).
public final class SGD: Optimizer {
    public let momentum: Float
    public let nesterov: Bool
    public let weightDecay: Float
    /// Velocity per parameter, in a box so updating it in place never copies the array.
    private var velocities: [ObjectIdentifier: Velocity] = [:]

    private final class Velocity {
        var values: [Float]
        init(count: Int) { values = [Float](repeating: 0, count: count) }
    }

    public init(momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: [Parameter], learningRate: Float) {
        for parameter in parameters {
            let rate = learningRate * parameter.learningRateScale
            let decay = parameter.decays ? weightDecay : 0
            let mu = momentum
            parameter.gradient.withUnsafeBufferPointer { g in
                parameter.value.withUnsafeMutableBufferPointer { w in
                    // One loop per variant, with the branches outside, so each vectorises.
                    if mu == 0 {
                        for i in 0..<w.count { w[i] -= rate * (g[i] + decay * w[i]) }
                        return
                    }
                    let key = ObjectIdentifier(parameter)
                    let velocity = velocities[key] ?? Velocity(count: w.count)
                    velocities[key] = velocity
                    velocity.values.withUnsafeMutableBufferPointer { v in
                        if nesterov {
                            for i in 0..<w.count {
                                let d = g[i] + decay * w[i]
                                v[i] = mu * v[i] + d
                                w[i] -= rate * (d + mu * v[i])
                            }
                        } else {
                            for i in 0..<w.count {
                                let d = g[i] + decay * w[i]
                                v[i] = mu * v[i] + d
                                w[i] -= rate * v[i]
                            }
                        }
                    }
                }
            }
        }
    }
}
