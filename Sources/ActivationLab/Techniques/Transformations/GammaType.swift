import Foundation

/// How γ normalises a unit's scale (the authors' `gammatype` option).
public enum GammaType: Int, Sendable, CaseIterable, Codable, Hashable {
    /// The authors' default: `γ = (mean(ũ²)·mean(ũ'²) + 1e-4)^(−1/4)`, the geometric mean of the
    /// output and slope second moments is normalised to 1.
    case outputAndSlope = 1
    /// Plain unit variance: `γ = (mean(ũ²) + 1e-2)^(−1/2)`.
    case unitVariance = 2

    /// The epsilon inside the γ formula; it bounds γ from above.
    public var epsilon: Double { self == .outputAndSlope ? 1e-4 : 1e-2 }

    /// The largest γ the formula can give: (1e-4)^(−1/4) = (1e-2)^(−1/2) = 10.
    public var cap: Double { self == .outputAndSlope ? pow(epsilon, -0.25) : pow(epsilon, -0.5) }
}
