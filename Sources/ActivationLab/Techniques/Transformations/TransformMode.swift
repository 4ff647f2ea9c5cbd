/// Which of the transformations of Raiko et al. (2012) / Vatanen et al. (2013) are active.
public enum TransformMode: String, Sendable, CaseIterable, Codable, Hashable {
    /// Plain tanh. In a training configuration: a plain MLP, no shortcut connections. In the curvature
    /// experiment (which always builds the shortcut network): as `shortcuts`.
    case none
    /// The fully shortcut-connected network with plain tanh (α = 0, β = 0, γ = 1, never re-estimated): the
    /// authors' untransformed baseline, which separates what the shortcuts do from what α, β, γ do.
    case shortcuts
    /// α and β: zero output and zero slope on average (Raiko et al. 2012).
    case ab
    /// α, β and the scale γ (Vatanen et al. 2013).
    case abg

    /// Whether α and β (and γ for `abg`) are re-estimated: `ab` and `abg`.
    public var transformsUnits: Bool { self == .ab || self == .abg }
}
