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
