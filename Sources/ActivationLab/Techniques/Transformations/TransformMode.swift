/// Which of the transformations of Raiko et al. (2012) / Vatanen et al. (2013) are active.
public enum TransformMode: String, Sendable, CaseIterable, Codable, Hashable {
    /// Plain tanh (α = 0, β = 0, γ = 1); the shortcut connections are kept.
    case none
    /// α and β: zero output and zero slope on average (Raiko et al. 2012).
    case ab
    /// α, β and the scale γ (Vatanen et al. 2013).
    case abg
}
