import Foundation

/// Everything a reproduction reports besides its header.
public struct ReproductionAnalysis: Sendable {
    /// Setup bullets: what ran, and what was scaled down and why.
    public var setup: [String]
    /// Bullets naming each interpretation of an unconfirmed formula that the runs rely on.
    public var interpretations: [String]
    public var tables: [ResultTable]
    public var measurements: [ReproductionMeasurement]
    /// The verdict rule on `measurements`.
    public var rule: VerdictRule
    /// Secondary findings, each with its own rule (not part of the verdict).
    public var findings: [Finding]
    /// One line for the README: what we found.
    public var summary: String

    public init(setup: [String], interpretations: [String], tables: [ResultTable], measurements: [ReproductionMeasurement],
                rule: VerdictRule, findings: [Finding] = [], summary: String) {
        self.setup = setup
        self.interpretations = interpretations
        self.tables = tables
        self.measurements = measurements
        self.rule = rule
        self.findings = findings
        self.summary = summary
    }
}
