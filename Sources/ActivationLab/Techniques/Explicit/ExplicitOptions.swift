/// How the explicit weights are read off the co-occurrence matrix `F` (see `ExplicitSolver`).
public enum ExplicitReading: String, Sendable, CaseIterable, Codable {
    /// **Interpretation** (default): `W_ij = s·log((F_ij + ε) / Σ_i (F_ij + ε))`, each class's normalised
    /// feature profile `log P(i | j)`, with the intercept `b_j = log P(j)`. For one-hot inputs it gives
    /// the same softmax as the exact solution.
    case profile
    /// The row-normalised reading `W_ij = s·log((F_ij + ε) / Σ_j (F_ij + ε))` (`log P(j | i)`), no intercept:
    /// the exact solution for one-hot inputs at `s = 1`, kept for comparison on multi-feature inputs.
    case row
}

/// How the scale `s = 1/K` (K: Williams & Zhao's "priming number") is chosen.
public enum ExplicitScale: Sendable, Equatable {
    /// Fit `s` by minimising the training cross-entropy, which is convex in `s` (default; see `ScaleSearch`).
    case fit
    /// A fixed priming number K: `s = 1/K`.
    case priming(Double)
    /// K = the mean input L1 norm (the CS25 lecture's "average input norm as an estimated priming number").
    case meanInputL1
}

/// Options of an explicit solve.
public struct ExplicitOptions: Sendable {
    public var reading: ExplicitReading = .profile
    public var scale: ExplicitScale = .fit
    /// The pseudo-count ε added to every co-occurrence; nil: 1e-3 × the mean non-zero count of `F`.
    public var pseudoCount: Double? = nil
    /// A constant added to every (dense) input feature so that the data becomes non-negative;
    /// it is folded back into the bias, so the returned layer takes the unshifted inputs.
    public var shift: Float = 0
    /// At most this many `samples × classes` scores are used to fit `s` (a seeded random subset of the
    /// training samples beyond it), which bounds the fit's memory and time on language-model data.
    public var fitBudget: Int = 20_000_000
    /// Seeds the subset drawn for the fit when the budget caps it.
    public var seed: UInt64 = 1

    public init(reading: ExplicitReading = .profile, scale: ExplicitScale = .fit, pseudoCount: Double? = nil,
                shift: Float = 0) {
        self.reading = reading
        self.scale = scale
        self.pseudoCount = pseudoCount
        self.shift = shift
    }
}
