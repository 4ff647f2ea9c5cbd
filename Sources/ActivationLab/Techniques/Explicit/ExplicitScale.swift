/// How the scale `s = 1/K` (K: Williams & Zhao's "priming number") is chosen.
public enum ExplicitScale: Sendable, Equatable {
    /// Fit `s` by minimising the training cross-entropy, which is convex in `s` (default; see `ScaleSearch`).
    case fit
    /// A fixed priming number K: `s = 1/K`.
    case priming(Double)
    /// K = the mean input L1 norm (the CS25 lecture's "average input norm as an estimated priming number").
    case meanInputL1
}
