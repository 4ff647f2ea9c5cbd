import Foundation

/// Adam (Kingma & Ba 2015) with bias correction. `decoupled` gives AdamW (Loshchilov & Hutter 2019):
/// weight decay shrinks the weights directly instead of being added to the gradient.
public final class Adam: Optimizer {
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    public let decoupled: Bool
    private var moments: [ObjectIdentifier: (m: [Float], v: [Float])] = [:]
    private var stepCount = 0

    public init(beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
                weightDecay: Float = 0, decoupled: Bool = false) {
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupled = decoupled
    }

    /// AdamW with PyTorch's default decay of 0.01.
    public static func adamW(weightDecay: Float = 0.01) -> Adam { Adam(weightDecay: weightDecay, decoupled: true) }

    public func step(_ parameters: [Parameter], learningRate: Float) {
        stepCount += 1
        let correction1 = 1 - Float(pow(Double(beta1), Double(stepCount)))
        let correction2 = 1 - Float(pow(Double(beta2), Double(stepCount)))
        let (b1, b2, eps) = (beta1, beta2, epsilon)
        for parameter in parameters {
            let rate = learningRate * parameter.learningRateScale
            let decay = parameter.decays ? weightDecay : 0
            let coupledDecay = decoupled ? 0 : decay
            let shrink = decoupled ? 1 - rate * decay : 1
            let key = ObjectIdentifier(parameter)
            let n = parameter.value.count
            var state = moments[key] ?? ([Float](repeating: 0, count: n), [Float](repeating: 0, count: n))
            moments[key] = nil
            parameter.gradient.withUnsafeBufferPointer { g in
                parameter.value.withUnsafeMutableBufferPointer { w in
                    state.m.withUnsafeMutableBufferPointer { m in
                        state.v.withUnsafeMutableBufferPointer { v in
                            for i in 0..<n {
                                let d = g[i] + coupledDecay * w[i]
                                m[i] = b1 * m[i] + (1 - b1) * d
                                v[i] = b2 * v[i] + (1 - b2) * d * d
                                let mHat = m[i] / correction1
                                let vHat = v[i] / correction2
                                w[i] = w[i] * shrink - rate * mHat / (vHat.squareRoot() + eps)
                            }
                        }
                    }
                }
            }
            moments[key] = state
        }
    }
}
