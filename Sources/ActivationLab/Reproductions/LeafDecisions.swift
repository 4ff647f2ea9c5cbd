import Foundation

/// The leaves of one verdict rule judged as a family (`VerdictRule.decisions`).
public struct LeafDecisions: Sendable {
    public var byLeaf: [VerdictRule: LeafDecision]
    /// The family-wise level, e.g. 0.05.
    public var level: Double
    /// Distinct leaves in the family (m in Holm's adjustment).
    public var family: Int
}

/// One leaf's decision under Holm's adjustment.
public struct LeafDecision: Sendable, Equatable {
    /// The leaf's evidence after the adjustment.
    public var evidence: VerdictRule.Evidence
    /// The smallest α at which the leaf's (1 − α) interval decides (1: at no level).
    public var p: Double
    /// Holm's adjusted p; the leaf decides when it is below the family level.
    public var adjustedP: Double
    /// The smallest distance from the threshold the leaf detects with 80% power at level α/m, on the
    /// measurement's scale (a factor for log-scale measurements); nil without a standard error.
    public var detectable: Double?
    /// Whether the measurement is a ratio analysed on the log scale (`detectable` is then a factor).
    public var logScale: Bool = false

    /// "Holm p = 0.012; detectable: ±0.8 points"-style detail for the documents.
    var text: String {
        var parts = ["Holm p = " + (adjustedP < 0.001 ? "<0.001" : String(format: "%.3f", adjustedP))]
        if let detectable {
            parts.append("detectable: " + (logScale ? String(format: "×/÷ %.2f", detectable) : String(format: "±%.3g", detectable)))
        }
        return parts.joined(separator: "; ")
    }
}
