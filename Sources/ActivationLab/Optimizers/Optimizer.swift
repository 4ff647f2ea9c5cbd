/// Updates parameters from their gradients. Optimisers keep per-parameter state (momentum,
/// moment estimates) keyed by the parameter's identity.
public protocol Optimizer: AnyObject {
    /// Applies one update with the given base learning rate (each parameter scales it by its
    /// `learningRateScale`).
    func step(_ parameters: [Parameter], learningRate: Float)

    /// `step`, then every gradient zero for the next step's accumulation: the trainer's update. An optimiser
    /// that reads each gradient once can clear it in the same pass (`Parameter.consumeGradient`); the
    /// default zeroes afterwards.
    func stepAndZeroGradients(_ parameters: [Parameter], learningRate: Float)
}

extension Optimizer {
    public func stepAndZeroGradients(_ parameters: [Parameter], learningRate: Float) {
        step(parameters, learningRate: learningRate)
        for parameter in parameters { parameter.zeroGradient() }
    }
}
