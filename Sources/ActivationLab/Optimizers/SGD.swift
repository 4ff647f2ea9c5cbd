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
            let key = ObjectIdentifier(parameter)
            var velocity: Velocity?
            if mu != 0 {
                velocity = velocities[key] ?? Velocity(count: parameter.value.count)
                velocities[key] = velocity
            }
            let nesterov = self.nesterov
            let count = parameter.value.count
            parameter.gradient.withUnsafeBufferPointer { g in
                parameter.value.withUnsafeMutableBufferPointer { w in
                    let (g, w) = (g.baseAddress!, w.baseAddress!)
                    // Large tensors update on two cores (element ranges are disjoint, so the result does not
                    // depend on which core updates which chunk). One loop per variant, branches outside, so
                    // each vectorises.
                    func update(_ v: UnsafeMutablePointer<Float>?, _ range: Range<Int>) {
                        guard let v else {
                            for i in range { w[i] -= rate * (g[i] + decay * w[i]) }
                            return
                        }
                        if nesterov {
                            for i in range {
                                let d = g[i] + decay * w[i]
                                v[i] = mu * v[i] + d
                                w[i] -= rate * (d + mu * v[i])
                            }
                        } else {
                            for i in range {
                                let d = g[i] + decay * w[i]
                                v[i] = mu * v[i] + d
                                w[i] -= rate * v[i]
                            }
                        }
                    }
                    func run(_ v: UnsafeMutablePointer<Float>?) {
                        BatchHalves.run(elements: count, minimumChunk: 4096, serialBelow: 1 << 15) { range, _ in
                            update(v, range)
                        }
                    }
                    if let velocity {
                        velocity.values.withUnsafeMutableBufferPointer { run($0.baseAddress!) }
                    } else {
                        run(nil)
                    }
                }
            }
        }
    }
}
