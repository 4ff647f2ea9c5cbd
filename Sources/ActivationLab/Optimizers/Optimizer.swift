/// Updates parameters from their gradients. Optimisers keep per-parameter state (momentum,
/// moment estimates) keyed by the parameter's identity.
public protocol Optimizer: AnyObject {
    /// Applies one update with the given base learning rate (each parameter scales it by its
    /// `learningRateScale`).
    func step(_ parameters: [Parameter], learningRate: Float)
}
