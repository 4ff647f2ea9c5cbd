/// Stochastic gradient descent with optional momentum, Nesterov momentum and L2 weight decay,
/// with PyTorch's update rule: v ← μv + (g + λw); w ← w − η·v (Nesterov: w ← w − η(g + λw + μv)).
public final class SGD: Optimizer {
    public let momentum: Float
    public let nesterov: Bool
    public let weightDecay: Float
    private var velocities: [ObjectIdentifier: [Float]] = [:]

    public init(momentum: Float = 0, nesterov: Bool = false, weightDecay: Float = 0) {
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: [Parameter], learningRate: Float) {
        for parameter in parameters {
            let rate = learningRate * parameter.learningRateScale
            let decay = parameter.decays ? weightDecay : 0
            let key = ObjectIdentifier(parameter)
            var velocity = velocities[key] ?? []
            velocities[key] = nil
            if momentum != 0 && velocity.isEmpty { velocity = [Float](repeating: 0, count: parameter.value.count) }
            let (mu, nesterov) = (momentum, self.nesterov)
            parameter.gradient.withUnsafeBufferPointer { g in
                parameter.value.withUnsafeMutableBufferPointer { w in
                    if mu == 0 {
                        for i in 0..<w.count { w[i] -= rate * (g[i] + decay * w[i]) }
                        return
                    }
                    velocity.withUnsafeMutableBufferPointer { v in
                        for i in 0..<w.count {
                            let d = g[i] + decay * w[i]
                            v[i] = mu * v[i] + d
                            w[i] -= rate * (nesterov ? d + mu * v[i] : v[i])
                        }
                    }
                }
            }
            if momentum != 0 { velocities[key] = velocity }
        }
    }
}
