

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
