/// How the tuning trials are placed. Every variant gets the same number of trials either way.
public enum TuneSearch: String, Codable, Sendable, CaseIterable {
    /// Every trial a Halton point over the ranges, the same points for every variant.
    case halton
    /// Coarse to fine: the first half of the trials (rounded up) are the same Halton points for every
    /// variant; the rest are placed around each variant's best of those, half a grid step either side first
    /// — so a variant whose best rate is the largest (or smallest) the first stage tried also tries larger
    /// (smaller) ones, and the others get a finer look near their optimum.
    case refine
}
