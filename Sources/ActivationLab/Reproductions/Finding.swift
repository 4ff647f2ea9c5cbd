import Foundation

/// A secondary check with its own rule, e.g. Su's equivalence finding.
public struct Finding: Codable, Sendable, Equatable {
    public var title: String
    public var rule: VerdictRule
    /// Computed from `rule` and the result's measurements.
    public var outcome: ReproductionOutcome

    public init(title: String, rule: VerdictRule, measurements: [ReproductionMeasurement]) {
        self.title = title
        self.rule = rule
        outcome = rule.outcome(measurements)
    }
}
