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
        update(parameters, learningRate: learningRate, zeroingGradients: false)
    }

    /// The update, clearing each gradient element right after reading it: the gradient's lines are in cache
    /// and already dirty from `backward`, so this costs less than the separate zeroing pass it replaces.
    public func stepAndZeroGradients(_ parameters: [Parameter], learningRate: Float) {
        update(parameters, learningRate: learningRate, zeroingGradients: true)
    }

    private func update(_ parameters: [Parameter], learningRate: Float, zeroingGradients: Bool) {
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
            func apply(_ g: UnsafeMutablePointer<Float>) {
                parameter.value.withUnsafeMutableBufferPointer { w in
                    let w = w.baseAddress!
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
                    // Cleared a block at a time right after its update, while it is in the first-level cache
                    // (clearing inside the update's loop kept it from vectorising).
                    func updateAndClear(_ v: UnsafeMutablePointer<Float>?, _ range: Range<Int>) {
                        for start in stride(from: range.lowerBound, to: range.upperBound, by: 1024) {
                            let block = start..<min(start + 1024, range.upperBound)
                            update(v, block)
                            (g + start).update(repeating: 0, count: block.count)
                        }
                    }
                    func run(_ v: UnsafeMutablePointer<Float>?) {
                        BatchHalves.run(elements: count, minimumChunk: 4096, serialBelow: 1 << 15) { range, _ in
                            if zeroingGradients { updateAndClear(v, range) } else { update(v, range) }
                        }
                    }
                    if let velocity {
                        velocity.values.withUnsafeMutableBufferPointer { run($0.baseAddress!) }
                    } else {
                        run(nil)
                    }
                }
            }
            if zeroingGradients {
                parameter.consumeGradient { apply($0.baseAddress!) }
            } else {
                parameter.gradient.withUnsafeBufferPointer { apply(UnsafeMutablePointer(mutating: $0.baseAddress!)) }
            }
        }
    }
}
